"""Matching texts to previously verified claims, scored as CLEF CheckThat! 2022 Task 2A
(pure Python and numpy, no Django).

Files, in the lab's format: ``verified_claims.jsonl`` (``vclaim_id``, ``vclaim``, ``title``
...), queries ``id<TAB>text`` and TREC qrels ``qid 0 vclaim_id 1``. Each verified claim
is matched on its claim and its title; queries (tweets) lose their links. Ranking is the
linking hybrid: dense cosine (top ``candidate_pool``) re-ranked with normalised BM25.
MAP@5 is the lab's official measure: per query, the precision at each relevant rank up
to 5, divided by min(relevant, 5); queries without a qrel are left out.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claims.linking.lexical import LexicalIndex
from claims.linking.scoring import hybrid_scores
from claims.linking.search import top_k

DEFAULT_CUTOFF = 5
DEFAULT_CANDIDATE_POOL = 50
_URL = re.compile(r"(https?://\S+|pic\.twitter\.com/\S+|www\.\S+)")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class VerifiedClaim:
    id: str
    text: str


@dataclass(frozen=True)
class MatchingReport:
    cutoff: int
    average_precisions: dict[str, float]

    @property
    def map_at_k(self) -> float:
        values = list(self.average_precisions.values())
        return sum(values) / len(values) if values else 0.0

    def to_dict(self) -> dict:
        return {
            f"map@{self.cutoff}": round(self.map_at_k, 4),
            "queries": len(self.average_precisions),
        }


def load_verified_claims(path: Path) -> list[VerifiedClaim]:
    """The verified claims, matched on their claim and title ("claim. title")."""
    claims = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from error
            text = " ".join(
                part.strip()
                for part in (str(row.get("vclaim") or ""), str(row.get("title") or ""))
                if part.strip()
            )
            claims.append(VerifiedClaim(id=str(row["vclaim_id"]), text=text))
    return claims


def load_queries(path: Path) -> dict[str, str]:
    """Query id -> text, from ``id<TAB>text`` lines (links and extra spaces removed)."""
    queries = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 2:
                queries[row[0]] = clean_query(" ".join(row[1:]))
    return queries


def load_qrels(path: Path) -> dict[str, set[str]]:
    """Query id -> relevant verified-claim ids, from TREC ``qid 0 docid rel`` lines."""
    relevant: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "0":
            relevant[parts[0]].add(parts[2])
    return dict(relevant)


def clean_query(text: str) -> str:
    return _SPACE.sub(" ", _URL.sub(" ", text)).strip()


def rank_matches(
    query_vectors: np.ndarray,
    query_texts: Sequence[str],
    claim_vectors: np.ndarray,
    lexical_index: LexicalIndex,
    *,
    lexical_weight: float,
    cutoff: int = DEFAULT_CUTOFF,
    candidate_pool: int = DEFAULT_CANDIDATE_POOL,
) -> list[list[int]]:
    """For each query, the indices of its ``cutoff`` best claims, best first."""
    indices, cosines = top_k(query_vectors, claim_vectors, candidate_pool)
    ranked = []
    for text, row, row_cosines in zip(query_texts, indices, cosines, strict=True):
        scores = row_cosines
        if lexical_weight > 0:
            lexical = lexical_index.scores(text)[row]
            scores = hybrid_scores(row_cosines, lexical, lexical_weight=lexical_weight)
        order = np.argsort(-scores, kind="stable")[:cutoff]
        ranked.append([int(row[i]) for i in order])
    return ranked


def score_matching(
    ranked: Mapping[str, Sequence[str]],
    qrels: Mapping[str, set[str]],
    *,
    cutoff: int = DEFAULT_CUTOFF,
) -> MatchingReport:
    """MAP@cutoff of the ranked claim ids per query, over the queries with a qrel."""
    average_precisions = {}
    for query_id, relevant in qrels.items():
        hits, total = 0, 0.0
        for rank, claim_id in enumerate(list(ranked.get(query_id, ()))[:cutoff], start=1):
            if claim_id in relevant:
                hits += 1
                total += hits / rank
        average_precisions[query_id] = total / min(len(relevant), cutoff) if relevant else 0.0
    return MatchingReport(cutoff=cutoff, average_precisions=average_precisions)


def cached_vectors(
    texts: Sequence[str],
    *,
    encode: Callable[[list[str]], np.ndarray],
    model_version: str,
    cache_dir: Path | None,
) -> np.ndarray:
    """``encode(texts)``, kept in ``cache_dir`` under a hash of the model and the texts,
    so a rerun over the same claims skips the embedding."""
    if cache_dir is None:
        return encode(list(texts))
    digest = hashlib.sha256(model_version.encode())
    for text in texts:
        digest.update(b"\0" + text.encode("utf-8"))
    path = cache_dir / f"vectors-{digest.hexdigest()[:24]}.npy"
    if path.exists():
        vectors = np.load(path)
        if vectors.shape[0] == len(texts):
            return vectors
    vectors = encode(list(texts))
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp.npy")
    np.save(temporary, vectors)
    temporary.replace(path)
    return vectors
