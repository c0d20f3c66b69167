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
  other_claim_id``. **Conflicts found**: of the gold ``updates`` and ``contradicts``
  relations, those joined by a link of either conflict type (``conflicts_typed``: of
  the gold type).
- **Link precision** (what an editor reads): the links are taken once per pair of claims
  (best score kept). A link is *kept* when its two claims pair with gold claims of one
  cluster, or of two clusters joined by a gold relation; a link touching a claim that
  pairs with no gold claim is not kept. *Typed precision*: kept and of the gold type
  (``same`` within one cluster; either conflict type for a gold conflict). *Suggestions
  per claim*: links touching a predicted claim, averaged over the predicted claims
  (each link shows on both its claims' pages).

Reports of several gold sets pool by putting their queries, links and relations side by
side (``LinkingReport.pooled``).
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.evaluation.extraction import pair_claims

EXCLUDED_FROM_RANKING = frozenset({"updates", "contradicts"})
CONFLICTS = frozenset({"updates", "contradicts"})
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
    conflict_found: bool
    # Every link found between the two clusters: (claim_id, relation, other_claim_id, score).
    links: tuple[tuple[str, str, str, float], ...]


@dataclass(frozen=True)
class LinkOutcome:
    """One suggested link (once per pair) judged against the gold."""

    claim_id: str
    relation: str
    other_claim_id: str
    score: float
    gold_type: str | None  # "same", a relation type, or None when not kept

    @property
    def kept(self) -> bool:
        return self.gold_type is not None

    @property
    def typed_correctly(self) -> bool:
        if self.gold_type in CONFLICTS:
            return self.relation in CONFLICTS
        return self.kept and self.relation == self.gold_type


@dataclass(frozen=True)
class LinkingReport:
    cutoff: int
    queries: list[QueryResult] = field(default_factory=list)
    relations: list[RelationResult] = field(default_factory=list)
    links: list[LinkOutcome] = field(default_factory=list)
    claim_count: int = 0

    @classmethod
    def pooled(cls, reports: Sequence[LinkingReport]) -> LinkingReport:
        """The reports of several gold sets scored as one."""
        return cls(
            cutoff=reports[0].cutoff if reports else DEFAULT_CUTOFF,
            queries=[q for r in reports for q in r.queries],
            relations=[x for r in reports for x in r.relations],
            links=[link for r in reports for link in r.links],
            claim_count=sum(r.claim_count for r in reports),
        )

    @property
    def link_precision(self) -> float:
        return _share(sum(link.kept for link in self.links), len(self.links))

    @property
    def typed_precision(self) -> float:
        return _share(sum(link.typed_correctly for link in self.links), len(self.links))

    @property
    def suggestions_per_claim(self) -> float:
        return _share(2 * len(self.links), self.claim_count)

    @property
    def conflicts(self) -> list[RelationResult]:
        return [r for r in self.relations if r.relation in CONFLICTS]

    @property
    def conflicts_found(self) -> int:
        return sum(r.conflict_found for r in self.conflicts)

    @property
    def conflicts_typed(self) -> int:
        return sum(r.typed_correctly for r in self.conflicts)

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
            "link_precision": round(self.link_precision, 4),
            "typed_precision": round(self.typed_precision, 4),
            "links": len(self.links),
            "claims": self.claim_count,
            "suggestions_per_claim": round(self.suggestions_per_claim, 2),
            "conflicts_found": self.conflicts_found,
            "conflicts_typed": self.conflicts_typed,
            "conflicts": len(self.conflicts),
            "relations_correct": self.relations_correct,
            "relations": len(self.relations),
        }

    def headline(self) -> str:
        """One line: the figures the issue tracks."""
        return (
            f"MAP@{self.cutoff} {self.map_at_k:.3f}  recall@{self.cutoff} "
            f"{self.recall_at_k:.3f}  link precision {self.link_precision:.2f}  typed "
            f"{self.typed_precision:.2f}  {self.suggestions_per_claim:.1f} per claim "
            f"({len(self.links)} links, {self.claim_count} claims)  conflicts found "
            f"{self.conflicts_found}/{len(self.conflicts)} (typed {self.conflicts_typed})"
        )

    def summary(self) -> str:
        lines = [
            self.headline(),
            f"over {len(self.queries)} queries; relations typed correctly: "
            f"{self.relations_correct}/{len(self.relations)}",
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

    links = _one_per_pair(links)
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
    related = {
        pair: relation["type"]
        for relation in gold.get("relations", ())
        for pair in ((relation["a"], relation["b"]), (relation["b"], relation["a"]))
    }
    outcomes = []
    for link in links:
        one, other = str(link["claim_id"]), str(link["other_claim_id"])
        ends = (cluster_of.get(one), cluster_of.get(other))
        if None in ends:
            gold_type = None
        elif ends[0] == ends[1]:
            gold_type = "same"
        else:
            gold_type = related.get(ends)
        outcomes.append(
            LinkOutcome(one, str(link["relation"]), other, float(link["score"]), gold_type)
        )
    return LinkingReport(
        cutoff=cutoff,
        queries=queries,
        relations=relations,
        links=outcomes,
        claim_count=sum(len(rows) for rows in predicted_claims.values()),
    )


def _one_per_pair(links: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Each pair of claims once, whichever way round: the best-scored link (as stored)."""
    best: dict[frozenset, Mapping[str, Any]] = {}
    for link in links:
        pair = frozenset((str(link["claim_id"]), str(link["other_claim_id"])))
        if pair not in best or link["score"] > best[pair]["score"]:
            best[pair] = link
    return list(best.values())


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
    conflict_found = relation["type"] in CONFLICTS and any(
        item[1] in CONFLICTS for item in joining
    )
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
        conflict_found=conflict_found,
        links=tuple(sorted(joining, key=lambda item: -item[3])),
    )


def without_articles(gold_data: Mapping[str, Any], patterns: Sequence[str]) -> dict[str, Any]:
    """The gold without the articles matching any pattern, and without the relations and
    clusters that no longer appear in a remaining article."""
    if not patterns:
        return dict(gold_data)
    articles = {
        key: article
        for key, article in gold_data["articles"].items()
        if not any(fnmatch.fnmatchcase(key, pattern) for pattern in patterns)
    }
    if not articles:
        raise ValueError(f"--exclude {' '.join(patterns)} leaves no gold article.")
    clusters = {claim["cluster"] for article in articles.values() for claim in article["claims"]}
    relations = [
        r for r in gold_data.get("relations", ()) if r["a"] in clusters and r["b"] in clusters
    ]
    return {**gold_data, "articles": articles, "relations": relations}


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


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0
