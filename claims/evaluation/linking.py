"""Scoring suggested links against gold clusters and relations (pure Python, no Django).

The rule:

- Gold and predicted claims are paired per article by the extraction pairing rule
  (``claims.evaluation.extraction.pair_claims``: one to one by word overlap).
- **MAP@5 and recall@5**: a query is a found gold claim (its pair passes the extraction
  "found" test) whose cluster appears in another article; the query's predicted claim is
  what is ranked for. The relevant results are the predicted claims paired with gold
  claims of the same cluster in other articles. The results are the query claim's links
  (either end, one per other claim, best score kept) ranked by score, leaving out links
  typed ``updates`` or ``contradicts``. AP@5 divides by min(relevant, 5); recall@5 is the
  share of the relevant claims in the top 5. A query with no relevant predicted claim
  scores 0 on both.
- **Relations**: for each gold relation ``a <type> b``, whether a link of that type joins
  a predicted claim paired with a gold claim of cluster ``a`` and one of cluster ``b``
  (either way round); for direction, a link dict reads ``claim_id <relation>
  other_claim_id``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.evaluation.extraction import pair_claims

EXCLUDED_FROM_RANKING = frozenset({"updates", "contradicts"})
DEFAULT_CUTOFF = 5


@dataclass(frozen=True)
class QueryResult:
    claim_id: str
    article_id: str
    cluster: str
    relevant: tuple[str, ...]
    ranked: tuple[str, ...]
    average_precision: float
    recall: float


@dataclass(frozen=True)
class RelationResult:
    a: str
    relation: str
    b: str
    typed_correctly: bool
    direction_correct: bool
    # Every link found between the two clusters: (claim_id, relation, other_claim_id, score).
    links: tuple[tuple[str, str, str, float], ...]


@dataclass(frozen=True)
class LinkingReport:
    cutoff: int
    queries: list[QueryResult] = field(default_factory=list)
    relations: list[RelationResult] = field(default_factory=list)

    @property
    def map_at_k(self) -> float:
        return _mean(q.average_precision for q in self.queries)

    @property
    def recall_at_k(self) -> float:
        return _mean(q.recall for q in self.queries)

    @property
    def relations_correct(self) -> int:
        return sum(r.typed_correctly for r in self.relations)

    def to_dict(self) -> dict[str, Any]:
        return {
            f"map@{self.cutoff}": round(self.map_at_k, 4),
            f"recall@{self.cutoff}": round(self.recall_at_k, 4),
            "queries": len(self.queries),
            "relations_correct": self.relations_correct,
            "relations": len(self.relations),
        }

    def summary(self) -> str:
        lines = [
            f"MAP@{self.cutoff} {self.map_at_k:.3f}  recall@{self.cutoff} "
            f"{self.recall_at_k:.3f}  over {len(self.queries)} queries",
            f"relations typed correctly: {self.relations_correct}/{len(self.relations)}",
        ]
        for result in self.relations:
            if result.typed_correctly:
                verdict = "ok" if result.direction_correct else "ok (direction reversed)"
            elif result.links:
                verdict = "WRONG TYPE"
            else:
                verdict = "NO LINK"
            found = ", ".join(
                f"{a} {relation} {b} ({score:.2f})" for a, relation, b, score in result.links
            )
            lines.append(
                f"  {result.a} {result.relation} {result.b}: {verdict}"
                + (f" [{found}]" if found else "")
            )
        weak = [q for q in self.queries if q.average_precision < 1.0]
        if weak:
            lines.append(f"queries below AP 1 ({len(weak)}):")
            for query in weak:
                lines.append(
                    f"  {query.claim_id} ({query.cluster}) AP {query.average_precision:.2f}"
                    f" relevant {list(query.relevant)} ranked {list(query.ranked)}"
                )
        return "\n".join(lines)


def score_linking(
    gold: Mapping[str, Any],
    predicted_claims: Mapping[str, Sequence[Mapping[str, Any]]],
    links: Sequence[Mapping[str, Any]],
    *,
    cutoff: int = DEFAULT_CUTOFF,
) -> LinkingReport:
    """Score ``links`` (dicts with claim_id, other_claim_id, relation, score) for claims
    ``predicted_claims`` (by article id; dicts with claim_id and quote) against ``gold``
    (the gold annotation file's dict: articles with clustered claims, and relations)."""
    cluster_of: dict[str, str] = {}  # predicted claim id -> cluster of its gold pair
    article_of: dict[str, str] = {}
    found: set[str] = set()
    members: dict[str, set[str]] = defaultdict(set)  # cluster -> predicted claim ids
    cluster_articles: dict[str, set[str]] = defaultdict(set)
    for article_id, article in gold["articles"].items():
        gold_claims = list(article["claims"])
        for claim in gold_claims:
            cluster_articles[claim["cluster"]].add(article_id)
        predicted = list(predicted_claims.get(article_id, ()))
        for pair in pair_claims(article_id=article_id, gold=gold_claims, predicted=predicted):
            claim_id = str(predicted[pair.predicted_index]["claim_id"])
            cluster = gold_claims[pair.gold_index]["cluster"]
            cluster_of[claim_id] = cluster
            article_of[claim_id] = article_id
            members[cluster].add(claim_id)
            if pair.gold_found:
                found.add(claim_id)

    ranked_links = _ranked_neighbours(links)
    queries = []
    for claim_id in sorted(found):
        cluster, article_id = cluster_of[claim_id], article_of[claim_id]
        if not cluster_articles[cluster] - {article_id}:
            continue
        relevant = tuple(sorted(m for m in members[cluster] if article_of[m] != article_id))
        ranked = tuple(ranked_links.get(claim_id, ())[:cutoff])
        queries.append(
            QueryResult(
                claim_id=claim_id,
                article_id=article_id,
                cluster=cluster,
                relevant=relevant,
                ranked=ranked,
                average_precision=_average_precision(ranked, set(relevant), cutoff=cutoff),
                recall=(len(set(ranked) & set(relevant)) / len(relevant)) if relevant else 0.0,
            )
        )

    relations = [
        _relation_result(relation, links=links, members=members)
        for relation in gold.get("relations", ())
    ]
    return LinkingReport(cutoff=cutoff, queries=queries, relations=relations)


def _ranked_neighbours(links: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """For each claim, the other ends of its ranked links, best first, each once."""
    best: dict[str, dict[str, float]] = defaultdict(dict)
    for link in links:
        if link["relation"] in EXCLUDED_FROM_RANKING:
            continue
        one, other, score = str(link["claim_id"]), str(link["other_claim_id"]), link["score"]
        for a, b in ((one, other), (other, one)):
            if score > best[a].get(b, float("-inf")):
                best[a][b] = float(score)
    return {
        claim_id: [b for b, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))]
        for claim_id, scores in best.items()
    }


def _average_precision(ranked: Sequence[str], relevant: set[str], *, cutoff: int) -> float:
    if not relevant:
        return 0.0
    hits = 0
    total = 0.0
    for rank, claim_id in enumerate(ranked[:cutoff], start=1):
        if claim_id in relevant:
            hits += 1
            total += hits / rank
    return total / min(len(relevant), cutoff)


def _relation_result(
    relation: Mapping[str, Any],
    *,
    links: Sequence[Mapping[str, Any]],
    members: Mapping[str, set[str]],
) -> RelationResult:
    side_a, side_b = members.get(relation["a"], set()), members.get(relation["b"], set())
    joining = []
    for link in links:
        one, other = str(link["claim_id"]), str(link["other_claim_id"])
        if (one in side_a and other in side_b) or (one in side_b and other in side_a):
            joining.append((one, str(link["relation"]), other, float(link["score"])))
    right_type = [item for item in joining if item[1] == relation["type"]]
    # "supports" and "contradicts" read either way; "updates" must start from a.
    direction_ok = any(
        relation["type"] != "updates" or one in side_a for one, _r, _o, _s in right_type
    )
    return RelationResult(
        a=relation["a"],
        relation=relation["type"],
        b=relation["b"],
        typed_correctly=bool(right_type),
        direction_correct=direction_ok,
        links=tuple(sorted(joining, key=lambda item: -item[3])),
    )


def link_dicts(suggestions: Iterable[Any]) -> list[dict[str, Any]]:
    """``LinkSuggestion``s as the dicts ``score_linking`` reads, subject first."""
    return [
        {
            "claim_id": suggestion.subject_id,
            "other_claim_id": suggestion.object_id,
            "relation": suggestion.relation,
            "score": suggestion.score,
        }
        for suggestion in suggestions
    ]


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0
