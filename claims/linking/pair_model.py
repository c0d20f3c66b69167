"""The learned gate on link candidates: how likely an editor keeps a typed pair.

The rules of ``claims.linking.relations`` say what a pair would be (same, supports,
updates, contradicts) and why; whether it is worth an editor's time is learned. A
logistic regression reads a few features of the pair (``pair_features``: cosine, word
overlap, names in common or not and their share, the figures agreeing, clashing or
counting different things, a denial, a movement, dates, the typed relation), and one
threshold per gate group (``gate_group``: same and supports are one group,
"consistent"; updates; contradicts), calibrated for precision on gold stories the model
did not see, decides what is suggested. A value given as NaN (unknown) reads the
training mean. How alike the two articles are is no feature: as one it did not help on
left-out stories and upset the contradiction threshold (12 gold contradictions); it is
the rule that claims of different events never link (``claims.linking.articles``).

Training (``claims.linking.training``, ``manage.py train_link_model``) writes the weights
and thresholds to ``models/link-pair-model.json`` with the data, seed and scores; it
belongs to one ``PAIR_MODEL_VERSION`` and is refused for another. Loaded once per
process, offline; a few hundred bytes.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from claims.linking.measures import comparable
from claims.linking.records import RELATIONS, ClaimForLinking
from claims.linking.relations import claim_figures

# Bump with any change to the features (or to the typing they read) and retrain.
PAIR_MODEL_VERSION = "pair-lr-v3"
MODELS_DIR = Path(__file__).parent / "models"
DEFAULT_ARTEFACT = MODELS_DIR / "link-pair-model.json"

FEATURES: tuple[str, ...] = (
    "cosine",
    "overlap",
    "shared_words",
    "shared_names",
    "names_unshared",
    "no_names",
    "same_figure",
    "figure_clash",
    "one_figure",
    "figures_apart",
    "denial",
    "movement",
    "dates_differ",
    "within_article",
    "length_ratio",
    "name_share",
    *(f"typed_{relation}" for relation in RELATIONS),
)
# Pairs with no conflict evidence (typed same or supports) share one threshold: the model
# decides whether they are one fact, the rules only whether one adds a figure or a date.
CONSISTENT = "consistent"
GATE_GROUPS: dict[str, str] = {"same": CONSISTENT, "supports": CONSISTENT}


def gate_group(relation: str) -> str:
    """The threshold a typed relation is gated by: "consistent", "updates", "contradicts"."""
    return GATE_GROUPS.get(relation, relation)


def pair_features(
    claim: ClaimForLinking,
    other: ClaimForLinking,
    *,
    relation: str,
    reasons: dict[str, Any],
) -> list[float]:
    """The features of one typed pair, in ``FEATURES`` order (``reasons`` from
    ``type_relation``). All are of the pair alone (no corpus statistics), so pairs from
    any source train them alike."""
    ours, theirs = _words(claim.text), _words(other.text)
    union = len(ours | theirs)
    names = len(reasons.get("shared_entities") or ())
    both_name = bool(claim.entities) and bool(other.entities)
    shorter, longer = sorted((len(ours), len(theirs)))
    one_figure = bool(_has_number(claim.text)) != bool(_has_number(other.text))
    values = {
        "cosine": float(reasons.get("similarity", 0.0)),
        "overlap": len(ours & theirs) / union if union else 0.0,
        "shared_words": math.log1p(len(reasons.get("shared_words") or ())),
        "shared_names": math.log1p(names),
        "names_unshared": float(both_name and not names),
        "no_names": float(not claim.entities and not other.entities),
        "same_figure": float(bool(reasons.get("same_figure"))),
        "figure_clash": float("figures" in reasons),
        "one_figure": float(one_figure),
        "figures_apart": float(_figures_apart(claim, other)),
        "denial": float("denial" in reasons),
        "movement": float("movement" in reasons),
        "dates_differ": float(
            isinstance(reasons.get("dates"), dict)
            and reasons["dates"].get("this") != reasons["dates"].get("other")
        ),
        "within_article": float(bool(reasons.get("within_article"))),
        "length_ratio": shorter / longer if longer else 0.0,
    }
    fewer_names = min(len(claim.entities), len(other.entities))
    values["name_share"] = min(1.0, names / fewer_names) if fewer_names else 0.0
    for name in RELATIONS:
        values[f"typed_{name}"] = float(relation == name)
    return [values[name] for name in FEATURES]


@dataclass(frozen=True)
class PairModel:
    """Standardised logistic regression plus a probability threshold per relation."""

    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray
    thresholds: dict[str, float]
    version: str = PAIR_MODEL_VERSION
    manifest: dict[str, Any] | None = None

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        rows = np.atleast_2d(np.asarray(rows, dtype=np.float64))
        rows = np.where(np.isnan(rows), self.mean, rows)  # unknown: the training mean
        logits = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def probability(self, row: list[float]) -> float:
        return float(self.probabilities(np.asarray([row]))[0])

    def keeps(self, relation: str, probability: float) -> bool:
        return probability >= self.thresholds.get(gate_group(relation), 1.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in self.weights],
            "bias": round(float(self.bias), 6),
            "mean": [round(float(m), 6) for m in self.mean],
            "scale": [round(float(s), 6) for s in self.scale],
            "thresholds": {k: round(float(v), 4) for k, v in self.thresholds.items()},
            **({"manifest": self.manifest} if self.manifest else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PairModel:
        if data.get("version") != PAIR_MODEL_VERSION or list(data["features"]) != list(FEATURES):
            raise ValueError(
                f"the link pair model was trained for {data.get('version')!r}, this code "
                f"reads {PAIR_MODEL_VERSION!r}: retrain it (manage.py train_link_model)"
            )
        return cls(
            weights=np.asarray(data["weights"], dtype=np.float64),
            bias=float(data["bias"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            thresholds={k: float(v) for k, v in data["thresholds"].items()},
            version=data["version"],
            manifest=data.get("manifest"),
        )


@cache
def load_pair_model(path: Path = DEFAULT_ARTEFACT) -> PairModel | None:
    """The shipped model, once per process; None when there is none (rules alone)."""
    if not path.exists():
        return None
    return PairModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def _words(text: str) -> frozenset[str]:
    return _content(text.lower())


@cache
def _content(text: str) -> frozenset[str]:
    return frozenset(w[:6] for w in _WORD_RE.findall(text) if w not in _FUNCTION_WORDS)


def _figures_apart(claim: ClaimForLinking, other: ClaimForLinking) -> bool:
    """Both state figures and none of one counts what a figure of the other counts
    ("killing 18 people", "300 people had boarded"): most often two facts."""
    ours = [f for f in claim_figures(claim) if not f.vague]
    theirs = [f for f in claim_figures(other) if not f.vague]
    return bool(ours and theirs) and not any(comparable(f, g) for f in ours for g in theirs)


def _has_number(text: str) -> bool:
    return any(c.isdigit() for c in text)


_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "that",
        "this",
        "with",
        "from",
        "have",
        "has",
        "had",
        "been",
        "were",
        "was",
        "are",
        "its",
        "their",
        "they",
        "them",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "will",
        "would",
        "could",
        "should",
        "said",
        "says",
        "also",
        "into",
        "than",
        "then",
        "there",
        "these",
        "those",
        "about",
        "after",
        "before",
        "over",
        "under",
        "more",
        "most",
        "some",
        "such",
        "only",
        "not",
        "but",
        "all",
        "any",
        "can",
        "may",
        "our",
        "his",
        "her",
        "him",
        "she",
        "you",
        "your",
    ]
)
