"""The plain records linking works on: claims in, typed link suggestions out."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Relation = Literal["same", "supports", "updates", "contradicts"]
RELATIONS: tuple[Relation, ...] = ("same", "supports", "updates", "contradicts")


@dataclass(frozen=True)
class LinkQuantity:
    """A figure as the extractor reports it (see ``claims.extraction.records.Quantity``).

    ``low``/``high`` are bounds the text states (``more than 3 million`` -> low 3e6);
    ``approximate`` is True for hedged figures (``about``, ``tens of``).
    """

    value: float
    unit: str
    approximate: bool = False
    low: float | None = None
    high: float | None = None
    text: str = ""

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> LinkQuantity:
        return cls(
            value=float(data["value"]),
            unit=str(data.get("unit") or ""),
            approximate=bool(data.get("approximate", False)),
            low=_optional_float(data.get("low")),
            high=_optional_float(data.get("high")),
            text=str(data.get("text") or ""),
        )


@dataclass(frozen=True, eq=False)
class ArticleProfile:
    """An article as a whole: the mean of its claims' vectors (L2-normalised) and the
    name keys its claims mention. Two claims about different events (another fire,
    another war) come from articles that differ here even when the claims read alike."""

    vector: Any  # np.ndarray, float32
    names: frozenset[str] = frozenset()
    claims: int = 1  # how many claims it was made from


@dataclass(frozen=True)
class ClaimForLinking:
    """One claim as linking sees it; ``article_key`` tells which article it comes from."""

    id: str
    article_key: str
    statement: str
    quote: str = ""
    kind: str = ""
    source: str = ""
    quantities: tuple[LinkQuantity, ...] = ()
    entities: tuple[str, ...] = ()
    published: datetime.date | None = None
    # What the claim's whole article is about (``claims.linking.articles``); None when
    # not known, and then ``suggest_links`` profiles the articles from the claims it has.
    article: ArticleProfile | None = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        """What is embedded and matched: the standalone statement, else the quote."""
        return self.statement.strip() or self.quote.strip()

    @classmethod
    def from_mapping(
        cls,
        data: Mapping[str, Any],
        *,
        id: str,
        article_key: str,
        published: datetime.date | None = None,
        article: ArticleProfile | None = None,
    ) -> ClaimForLinking:
        """From an extractor ``to_dict()`` (or a gold claim): quantities and entities as dicts."""
        return cls(
            id=id,
            article_key=article_key,
            statement=str(data.get("statement") or ""),
            quote=str(data.get("quote") or ""),
            kind=str(data.get("kind") or ""),
            source=str(data.get("source") or ""),
            quantities=tuple(LinkQuantity.from_mapping(q) for q in data.get("quantities") or ()),
            entities=_entity_texts(data.get("entities") or ()),
            published=published,
            article=article,
        )


@dataclass(frozen=True)
class LinkSuggestion:
    """A suggested link from a new claim to a prior claim.

    The relation reads ``new <relation> prior``, except when ``prior_is_subject`` is True
    (the prior claim is the later figure): then it reads ``prior updates new``.
    ``score`` is the hybrid similarity used for ranking; ``similarity`` the dense cosine.
    """

    new_id: str
    prior_id: str
    relation: Relation
    score: float
    similarity: float
    method: str
    model_version: str
    reason: str = ""
    prior_is_subject: bool = False
    # Why it was suggested, JSON-ready: similarity, lexical, shared_entities, figures
    # (measure, this, other), denial, dates, within_article (``relations``).
    reasons: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def subject_id(self) -> str:
        return self.prior_id if self.prior_is_subject else self.new_id

    @property
    def object_id(self) -> str:
        return self.new_id if self.prior_is_subject else self.prior_id


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _entity_texts(entities: Iterable[Any]) -> tuple[str, ...]:
    return tuple(e["text"] if isinstance(e, Mapping) else str(e) for e in entities)
