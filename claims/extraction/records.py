"""The plain records the pipeline returns: frozen dataclasses with JSON-ready ``to_dict``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Entity:
    """A named person, organisation or place; ``start``/``end`` are offsets into the text."""

    text: str
    label: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Quantity:
    """A figure as the text states it.

    ``value`` is the single number the text gives (``tens of thousands`` -> 10000).
    ``low``/``high`` are bounds when the text states them (``more than three million`` ->
    low 3e6, high None; ``nearly 50,000`` -> high 50000), else both None. ``approximate``
    is True for hedged or vague figures (``about``, ``an estimated``, ``tens of``).
    ``unit`` is normalised for measures (``km``, ``mi``) and otherwise the counted noun
    (``villages``, ``government forces``, ``years``).
    """

    text: str
    value: float
    unit: str
    approximate: bool
    low: float | None
    high: float | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ExtractedClaim:
    """One suggested claim: an exact span of the text plus what it asserts and who says it.

    ``prefix``/``suffix`` are the W3C text-quote selector context (about 32 characters
    either side), so the span can be found again after the text is edited.
    """

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    statement: str
    kind: str
    source: str
    entities: tuple[Entity, ...]
    quantities: tuple[Quantity, ...]
    score: float

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["entities"] = [entity.to_dict() for entity in self.entities]
        data["quantities"] = [quantity.to_dict() for quantity in self.quantities]
        return data
