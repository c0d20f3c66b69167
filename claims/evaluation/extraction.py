"""Scoring extracted claims against gold claims (pure Python, no Django).

The rule, per article:

1. Words: both quotes are Unicode-repaired (``articles.text.repair.repair_text``: gold
   quotes from a mojibake article carry the mojibake), lowercased and split into runs of
   letters and digits (``country's`` -> ``country``, ``s``). Overlap counts words as a
   multiset: a word shared twice counts twice, so repeating a word never inflates the
   score and a repeated word in both quotes is not undercounted.
2. Pairing: every gold/predicted pair with some overlap is ranked by overlap (word count,
   then the share of both quotes' words, then text order) and taken greedily, best first,
   each claim at most once: a one-to-one pairing.
3. A gold claim is found when its pair covers at least 60% of the gold words and has at
   most three times as many words as the gold quote.
4. A predicted claim is correct when it is paired and either covers at least 60% of its
   gold claim's words or has at least half of its own words in the gold claim.

precision = correct / predicted, recall = found / gold, F1 their harmonic mean; recall is
also given per gold kind. *Source agreement*: of the found gold claims, the share whose
predicted source names the gold source (its name before any ", role" or "(note)"; case,
punctuation and apostrophe style aside).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from articles.text.repair import repair_text

GOLD_COVERAGE = 0.6
MAX_LENGTH_RATIO = 3.0
PREDICTED_SHARE = 0.5
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ClaimPair:
    article_id: str
    gold_index: int
    predicted_index: int
    overlap: int
    gold_words: int
    predicted_words: int

    @property
    def gold_found(self) -> bool:
        return (
            self.overlap >= GOLD_COVERAGE * self.gold_words
            and self.predicted_words <= MAX_LENGTH_RATIO * self.gold_words
        )

    @property
    def predicted_correct(self) -> bool:
        return (
            self.overlap >= GOLD_COVERAGE * self.gold_words
            or self.overlap >= PREDICTED_SHARE * self.predicted_words
        )


@dataclass(frozen=True)
class ExtractionReport:
    gold_count: int
    predicted_count: int
    found_count: int
    correct_count: int
    recall_by_kind: dict[str, float]
    missed: list[dict[str, Any]] = field(default_factory=list)
    incorrect: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[ClaimPair] = field(default_factory=list)
    sources_compared: int = 0
    sources_agreed: int = 0

    @property
    def source_agreement(self) -> float:
        return self.sources_agreed / self.sources_compared if self.sources_compared else 0.0

    @property
    def precision(self) -> float:
        return self.correct_count / self.predicted_count if self.predicted_count else 0.0

    @property
    def recall(self) -> float:
        return self.found_count / self.gold_count if self.gold_count else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.gold_count,
            "predicted": self.predicted_count,
            "found": self.found_count,
            "correct": self.correct_count,
            "recall_by_kind": {k: round(v, 4) for k, v in self.recall_by_kind.items()},
            "source_agreement": round(self.source_agreement, 4),
            "missed": self.missed,
            "incorrect": self.incorrect,
        }


def quote_words(text: str) -> list[str]:
    """The words the rule compares: repaired, lowercased runs of letters and digits."""
    return _WORD.findall(repair_text(text).lower())


def pair_claims(
    *, article_id: str, gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]
) -> list[ClaimPair]:
    """The greedy one-to-one pairing of one article's gold and predicted claims."""
    gold_words = [Counter(quote_words(claim["quote"])) for claim in gold]
    predicted_words = [Counter(quote_words(claim["quote"])) for claim in predicted]
    candidates: list[tuple[tuple[float, ...], ClaimPair]] = []
    for g, gold_counter in enumerate(gold_words):
        gold_total = sum(gold_counter.values())
        for p, predicted_counter in enumerate(predicted_words):
            overlap = sum((gold_counter & predicted_counter).values())
            if not overlap:
                continue
            predicted_total = sum(predicted_counter.values())
            pair = ClaimPair(article_id, g, p, overlap, gold_total, predicted_total)
            share = 2 * overlap / (gold_total + predicted_total)
            candidates.append(((-overlap, -share, g, p), pair))
    candidates.sort(key=lambda item: item[0])
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs: list[ClaimPair] = []
    for _key, pair in candidates:
        if pair.gold_index in used_gold or pair.predicted_index in used_predicted:
            continue
        used_gold.add(pair.gold_index)
        used_predicted.add(pair.predicted_index)
        pairs.append(pair)
    return pairs


def score_extraction(
    gold: Mapping[str, Sequence[Mapping[str, Any]]],
    predicted: Mapping[str, Sequence[Mapping[str, Any]]],
) -> ExtractionReport:
    """Score predicted claims against gold claims, both keyed by article id.

    Claims are dicts with at least ``quote`` (gold claims also ``kind``). Articles present
    on one side only count fully against recall or precision.
    """
    found = correct = gold_count = predicted_count = 0
    kind_totals: Counter[str] = Counter()
    kind_found: Counter[str] = Counter()
    missed: list[dict[str, Any]] = []
    incorrect: list[dict[str, Any]] = []
    all_pairs: list[ClaimPair] = []
    sources_compared = sources_agreed = 0
    for article_id in sorted(set(gold) | set(predicted)):
        gold_claims = list(gold.get(article_id, ()))
        predicted_claims = list(predicted.get(article_id, ()))
        gold_count += len(gold_claims)
        predicted_count += len(predicted_claims)
        pairs = pair_claims(article_id=article_id, gold=gold_claims, predicted=predicted_claims)
        all_pairs.extend(pairs)
        found_gold = {p.gold_index for p in pairs if p.gold_found}
        correct_predicted = {p.predicted_index for p in pairs if p.predicted_correct}
        found += len(found_gold)
        correct += len(correct_predicted)
        for pair in pairs:
            gold_source = gold_claims[pair.gold_index].get("source")
            predicted_source = predicted_claims[pair.predicted_index].get("source")
            if pair.gold_found and gold_source and predicted_source is not None:
                sources_compared += 1
                sources_agreed += same_source(str(gold_source), str(predicted_source))
        for index, claim in enumerate(gold_claims):
            kind = str(claim.get("kind", ""))
            kind_totals[kind] += 1
            if index in found_gold:
                kind_found[kind] += 1
            else:
                missed.append({"article": article_id, **dict(claim)})
        for index, claim in enumerate(predicted_claims):
            if index not in correct_predicted:
                incorrect.append({"article": article_id, **dict(claim)})
    recall_by_kind = {
        kind: kind_found[kind] / total for kind, total in sorted(kind_totals.items())
    }
    return ExtractionReport(
        gold_count=gold_count,
        predicted_count=predicted_count,
        found_count=found,
        correct_count=correct,
        recall_by_kind=recall_by_kind,
        missed=missed,
        incorrect=incorrect,
        pairs=all_pairs,
        sources_compared=sources_compared,
        sources_agreed=sources_agreed,
    )


def same_source(gold: str, predicted: str) -> bool:
    """The predicted source names the gold one: "X, role" and "X (note)" are X."""

    def norm(text: str) -> str:
        return " ".join(_WORD.findall(repair_text(text).lower().replace("’", "'")))

    name = re.split(r",| \(", gold, maxsplit=1)[0]
    return norm(predicted) in {norm(gold), norm(name)}


def load_gold(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Gold claims by article id (the file stem) from a gold annotation JSON file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {
        article_id: list(article["claims"]) for article_id, article in data["articles"].items()
    }
