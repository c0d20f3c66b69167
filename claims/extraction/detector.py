"""Learned claim detection: a logistic regression over features of one candidate unit.

The features are cheap by design, so detection costs little beside the spaCy parse:

- sparse, hashed into ``2**HASH_BITS`` slots: the unit's lemmas and lemma pairs, tags,
  entity types, its head, its role in the sentence, its attribution (named speaker,
  denial, speech verb), quotation marks and first person, length, and the rule features
  of ``checkworthiness.unit_features`` (figures, modals, forecasts, evaluative framing);
- dense: the mean of spaCy's contextual token vectors (``doc.tensor``) over the unit.

Two stages. The sentence model (the sparse and dense weights) learns check-worthiness
from many labelled debate sentences; it alone scores single sentences. A small head then
learns, from gold-annotated news, which clause units are claims, from the sentence
model's logit, the rule score and a few named features of the unit (its role, voice,
quotation, rule cues): news units differ from debate lines, and the head needs few
examples to learn how.

Training (``claims.extraction.training``, run by ``manage.py train_claim_detector``) writes
the weights to ``models/claim-detector.npz`` and a manifest beside it (training data,
seed, scores, thresholds, the extractor version it belongs to). ``load_detector`` reads
them once per process; nothing is downloaded.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span

from claims.extraction.attribution import OUTLET, UNNAMED, Attribution
from claims.extraction.clauses import ClauseUnit
from claims.extraction.lexicon import SPEECH_VERBS
from claims.extraction.segmentation import doc_text

HASH_BITS = 18
MODELS_DIR = Path(__file__).parent / "models"
DEFAULT_ARTEFACT = MODELS_DIR / "claim-detector.npz"
_QUOTES = frozenset({'"', "“", "”", "‘", "’", "'"})
_OPENING = frozenset({"“", "‘"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "myself", "ourselves"})
_SECOND_PERSON = frozenset({"you", "your", "yours"})


# The unit features the news head reads, besides the sentence logit and the rule score.
HEAD_NAMES = (
    "role:main",
    "role:contrast",
    "role:fronted",
    "role:subordinate",
    "role:coordinated",
    "role:addition",
    "role:appositive",
    "role:assertion",
    "role:participle",
    "role:relative",
    "role:reason",
    "src:outlet",
    "src:named",
    "src:unnamed",
    "src:denial",
    "quote_mark",
    "in_quotation",
    "first_person",
    "second_person",
    "question",
    "sentence_start",
    "speech_verb",
    "r:figure",
    "r:named_entity",
    "r:event_verb",
    "r:stative_description",
    "r:modal",
    "r:forecast",
    "r:conditional",
    "r:hedge",
    "r:evaluative_framing",
    "r:mood",
    "r:verification_note",
    "r:headline",
    "r:too_short",
    "r:no_anchor",
    "r:framing_subject",
    "len:0",
    "len:1",
    "len:2",
    "len:3",
)


def head_vector(
    names: list[str] | set[str], rule_score: float, encoder_logit: float | None = None
) -> np.ndarray:
    """The head's inputs besides the sentence logit: the rule score, then HEAD_NAMES, then
    (for a detector trained with the encoder) the encoder's logit for the unit's sentence."""
    present = set(names)
    values = [rule_score, *(float(n in present) for n in HEAD_NAMES)]
    if encoder_logit is not None:
        values.append(encoder_logit)
    return np.array(values, dtype=np.float32)


class DetectorUnavailable(RuntimeError):
    """The shipped artefact is missing or belongs to another extractor version."""


def unit_feature_names(
    doc: Doc,
    sentence: Span,
    unit: ClauseUnit,
    attribution: Attribution,
    rule_features: dict[str, float],
) -> list[str]:
    """The sparse features of one unit, as names (hashed later)."""
    tokens = [doc[i] for i in range(unit.start, unit.end) if i in unit.tokens]
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    head = doc[unit.head]
    names = [f"role:{unit.role}", f"h:{head.lemma_.lower()}", f"hd:{head.dep_}:{head.tag_}"]
    names += [f"r:{name}" for name, value in rule_features.items() if value]
    lemmas = [t.lemma_.lower() if not t.like_num else "<num>" for t in words]
    names += [f"w:{lemma}" for lemma in lemmas]
    names += [f"b:{a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    names += [f"t:{t.tag_}" for t in words]
    names += [f"e:{t.ent_type_}" for t in words if t.ent_type_]
    names.append(f"len:{min(len(words) // 4, 12)}")
    if attribution.source == OUTLET:
        names.append("src:outlet")
    elif attribution.source == UNNAMED:
        names.append("src:unnamed")
    else:
        names.append("src:named")
    if attribution.denial:
        names.append("src:denial")
    if attribution.verb is not None:
        names.append(f"sv:{doc[attribution.verb].lemma_.lower()}")
    if any(t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" for t in words):
        names.append("speech_verb")
    if any(t.text in _QUOTES for t in tokens):
        names.append("quote_mark")
    if _inside_quotation(doc, sentence, unit):
        names.append("in_quotation")
    if any(t.lower_ in _FIRST_PERSON for t in words):
        names.append("first_person")
    if any(t.lower_ in _SECOND_PERSON for t in words):
        names.append("second_person")
    if sentence.text.rstrip().endswith("?"):
        names.append("question")
    if unit.start == sentence.start:
        names.append("sentence_start")
    return names


def unit_dense(doc: Doc, unit: ClauseUnit) -> np.ndarray:
    """Mean contextual token vector over the unit (zeros when the pipeline has none)."""
    tensor = doc.tensor
    if tensor is None or not getattr(tensor, "size", 0):
        return np.zeros(0, dtype=np.float32)
    rows = [i for i in range(unit.start, unit.end) if i in unit.tokens]
    return np.asarray(tensor[rows].mean(axis=0), dtype=np.float32)


def hash_names(names: list[str]) -> list[int]:
    """Slot of each feature name: CRC-32 (stable across processes and Python versions)."""
    mask = (1 << HASH_BITS) - 1
    return [zlib.crc32(name.encode("utf-8")) & mask for name in names]


@dataclass(frozen=True)
class ClaimDetector:
    """Trained weights: ``sparse`` by hashed slot, ``dense`` over standardised vectors."""

    sparse: np.ndarray
    dense: np.ndarray
    dense_mean: np.ndarray
    dense_scale: np.ndarray
    bias: float
    extraction_threshold: float
    sentence_threshold: float
    manifest: dict[str, Any]
    head: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    head_bias: float = 0.0

    def sentence_logit(self, names: list[str], dense: np.ndarray) -> float:
        slots = sorted(set(hash_names(list(set(names)))))
        logit = self.bias + float(self.sparse[slots].sum())
        if dense.size and self.dense.size:
            logit += float(((dense - self.dense_mean) / self.dense_scale) @ self.dense)
        return logit

    def sentence_score(self, names: list[str], dense: np.ndarray) -> float:
        """Probability that a whole sentence is check-worthy (the sentence model alone)."""
        return _sigmoid(self.sentence_logit(names, dense))

    @property
    def uses_encoder(self) -> bool:
        """The head reads the fine-tuned encoder's sentence logit (``encoder.py``): its
        weights are the sentence logit's, the rule score's, HEAD_NAMES' and the encoder's."""
        return self.head.size == len(HEAD_NAMES) + 3

    def score(
        self,
        names: list[str],
        dense: np.ndarray,
        *,
        rule_score: float = 0.0,
        encoder_logit: float | None = None,
    ) -> float:
        """Probability that a clause unit is a claim an editor would want suggested."""
        logit = self.sentence_logit(names, dense)
        if not self.uses_encoder:
            encoder_logit = None
        elif encoder_logit is None:
            raise ValueError("This detector's head reads the encoder logit: pass encoder_logit.")
        return self.head_score(logit, head_vector(names, rule_score, encoder_logit))

    def head_score(self, logit: float, vector: np.ndarray) -> float:
        if not self.head.size:
            return _sigmoid(logit)
        return _sigmoid(self.head_bias + self.head[0] * logit + float(self.head[1:] @ vector))

    def save(self, path: Path) -> None:
        nonzero = np.flatnonzero(self.sparse)
        np.savez_compressed(
            path,
            sparse_index=nonzero.astype(np.int32),
            sparse_value=self.sparse[nonzero].astype(np.float32),
            dense=self.dense.astype(np.float32),
            dense_mean=self.dense_mean.astype(np.float32),
            dense_scale=self.dense_scale.astype(np.float32),
            bias=np.float32(self.bias),
            head=self.head.astype(np.float32),
            head_bias=np.float32(self.head_bias),
        )
        manifest = {
            **self.manifest,
            "hash_bits": HASH_BITS,
            "extraction_threshold": self.extraction_threshold,
            "sentence_threshold": self.sentence_threshold,
        }
        manifest_path(path).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path, *, extractor_version: str | None = None) -> ClaimDetector:
        manifest_file = manifest_path(path)
        if not path.exists() or not manifest_file.exists():
            raise DetectorUnavailable(
                f"No claim detector at {path}: run `manage.py train_claim_detector` to build it."
            )
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        trained_for = manifest.get("extractor_version")
        if extractor_version is not None and trained_for != extractor_version:
            raise DetectorUnavailable(
                f"The claim detector at {path} was trained for extractor {trained_for}, not "
                f"{extractor_version}: retrain it with `manage.py train_claim_detector`."
            )
        if manifest.get("hash_bits") != HASH_BITS:
            raise DetectorUnavailable(
                f"The claim detector at {path} hashes into {manifest.get('hash_bits')} bits, "
                f"this code into {HASH_BITS}: retrain it with `manage.py train_claim_detector`."
            )
        with np.load(path) as data:
            sparse = np.zeros(1 << HASH_BITS, dtype=np.float32)
            sparse[data["sparse_index"]] = data["sparse_value"]
            return cls(
                sparse=sparse,
                dense=data["dense"],
                dense_mean=data["dense_mean"],
                dense_scale=data["dense_scale"],
                bias=float(data["bias"]),
                head=data["head"],
                head_bias=float(data["head_bias"]),
                extraction_threshold=float(manifest["extraction_threshold"]),
                sentence_threshold=float(manifest["sentence_threshold"]),
                manifest=manifest,
            )


def _sigmoid(logit: float) -> float:
    return round(1.0 / (1.0 + float(np.exp(-logit))), 4)


def manifest_path(path: Path) -> Path:
    return path.with_suffix(".json")


@cache
def load_detector(path: Path = DEFAULT_ARTEFACT) -> ClaimDetector:
    """The shipped detector for this extractor version, loaded once per process."""
    from claims.extraction.pipeline import EXTRACTOR_VERSION

    return ClaimDetector.load(Path(path), extractor_version=EXTRACTOR_VERSION)


def _inside_quotation(doc: Doc, sentence: Span, unit: ClauseUnit) -> bool:
    """The unit starts inside quotation marks opened earlier in its line."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, doc[unit.start].idx) + 1
    before = text[line_start : doc[unit.start].idx]
    curly_open = before.count("“") > before.count("”")
    straight_open = before.count('"') % 2 == 1
    return curly_open or straight_open
