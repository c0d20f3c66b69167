import pytest

from claims.evaluation.linking import LinkingReport, score_linking, without_articles
from tests.claims.linking.test_linking_scoring import GOLD, PREDICTED, _link


def test_score_linking_link_precision_counts_each_pair_once_and_judges_its_type():
    links = [
        _link("pa2", "pb2", "same", 0.9),  # one cluster, typed right
        _link("pb2", "pa2", "same", 0.8),  # the same pair the other way round
        _link("pa1", "pb2", "same", 0.7),  # K1 supports K2: kept, typed wrong
        _link("pb3", "pa3", "contradicts", 0.6),  # K4 updates K3: either conflict type
        _link("pa1", "pc1", "supports", 0.5),  # K1 and K2 (supports): kept, typed right
        _link("pa3", "pb1", "supports", 0.4),  # unrelated clusters: not kept
    ]
    report = score_linking(GOLD, PREDICTED, links)
    assert len(report.links) == 5
    assert report.link_precision == pytest.approx(4 / 5)
    assert report.typed_precision == pytest.approx(3 / 5)
    assert report.suggestions_per_claim == pytest.approx(2 * 5 / 7)
    assert (report.conflicts_found, report.conflicts_typed, len(report.conflicts)) == (1, 0, 1)


def test_a_link_to_a_claim_without_a_gold_pair_is_not_kept():
    predicted = {**PREDICTED, "c": [*PREDICTED["c"], {"claim_id": "px", "quote": "weather"}]}
    report = score_linking(GOLD, predicted, [_link("pa2", "px", "supports", 0.9)])
    assert report.link_precision == 0.0


def test_pooled_reports_put_links_queries_and_claims_side_by_side():
    one = score_linking(GOLD, PREDICTED, [_link("pa2", "pb2", "same", 0.9)])
    two = score_linking(GOLD, PREDICTED, [_link("pa3", "pb1", "supports", 0.4)])
    pooled = LinkingReport.pooled([one, two])
    assert pooled.link_precision == pytest.approx(0.5)
    assert pooled.claim_count == 14
    assert len(pooled.queries) == len(one.queries) + len(two.queries)
    assert set(pooled.to_dict()) >= {"link_precision", "typed_precision", "conflicts_found"}


def test_without_articles_drops_matching_articles_and_their_relations():
    kept = without_articles(GOLD, ["b"])
    assert sorted(kept["articles"]) == ["a", "c"]
    assert kept["relations"] == [{"a": "K1", "type": "supports", "b": "K2"}]
    with pytest.raises(ValueError, match="leaves no gold article"):
        without_articles(GOLD, ["*"])
