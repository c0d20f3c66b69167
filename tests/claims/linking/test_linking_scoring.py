import pytest

from claims.evaluation.linking import score_linking

GOLD = {
    "articles": {
        "a": {
            "claims": [
                {"id": "a1", "quote": "insurgents captured four towns", "cluster": "K1"},
                {"id": "a2", "quote": "Hama is the fourth largest city", "cluster": "K2"},
                {"id": "a3", "quote": "rebels are ten km from Hama", "cluster": "K3"},
            ]
        },
        "b": {
            "claims": [
                {"id": "b1", "quote": "four towns were captured by insurgents", "cluster": "K1"},
                {"id": "b2", "quote": "Hama, the fourth largest city", "cluster": "K2"},
                {"id": "b3", "quote": "rebels retreated twenty km from Hama", "cluster": "K4"},
            ]
        },
        "c": {"claims": [{"id": "c1", "quote": "Hama is the fourth city", "cluster": "K2"}]},
    },
    "relations": [
        {"a": "K4", "type": "updates", "b": "K3"},
        {"a": "K1", "type": "supports", "b": "K2"},
    ],
}
PREDICTED = {
    "a": [
        {"claim_id": "pa1", "quote": "insurgents captured four towns"},
        {"claim_id": "pa2", "quote": "Hama is the fourth largest city"},
        {"claim_id": "pa3", "quote": "rebels are ten km from Hama"},
    ],
    "b": [
        {"claim_id": "pb1", "quote": "four towns were captured by insurgents"},
        {"claim_id": "pb2", "quote": "Hama, the fourth largest city"},
        {"claim_id": "pb3", "quote": "rebels retreated twenty km from Hama"},
    ],
    "c": [{"claim_id": "pc1", "quote": "Hama is the fourth city"}],
}


def _link(one, other, relation, score):
    return {"claim_id": one, "other_claim_id": other, "relation": relation, "score": score}


def test_score_linking_map_and_recall_on_a_hand_made_example():
    links = [
        _link("pa1", "pb1", "same", 0.9),
        # pa2: relevant pb2 and pc1; an unrelated claim outranks pc1.
        _link("pa2", "pb2", "same", 0.9),
        _link("pa2", "pb3", "supports", 0.8),
        _link("pa2", "pc1", "same", 0.7),
        # Excluded from ranking: an update outranks the true repeat of pb2.
        _link("pb2", "pa3", "updates", 0.99),
        _link("pb3", "pa3", "updates", 0.95),
    ]
    report = score_linking(GOLD, PREDICTED, links)
    by_claim = {query.claim_id: query for query in report.queries}
    # Queries: K1 (a, b) and K2 (a, b, c); K3 and K4 live in one article each.
    assert sorted(by_claim) == ["pa1", "pa2", "pb1", "pb2", "pc1"]
    assert by_claim["pa1"].average_precision == 1.0
    assert by_claim["pa2"].average_precision == pytest.approx((1 + 2 / 3) / 2)
    assert by_claim["pb2"].ranked == ("pa2",)  # the update is left out
    assert by_claim["pb2"].average_precision == pytest.approx(0.5)
    assert by_claim["pb2"].recall == pytest.approx(0.5)
    assert by_claim["pc1"].average_precision == pytest.approx(0.5)
    expected_map = (1 + (1 + 2 / 3) / 2 + 1 + 0.5 + 0.5) / 5
    assert report.map_at_k == pytest.approx(expected_map)
    assert report.recall_at_k == pytest.approx((1 + 1 + 1 + 0.5 + 0.5) / 5)

    updates, supports = report.relations
    assert updates.typed_correctly and updates.direction_correct
    assert not supports.typed_correctly and not supports.links
    summary = report.summary()
    assert "MAP@5" in summary and "K4 updates K3: ok" in summary
    assert "K1 supports K2: NO LINK" in summary


def test_an_update_in_the_wrong_direction_is_flagged():
    report = score_linking(GOLD, PREDICTED, [_link("pa3", "pb3", "updates", 0.9)])
    assert report.relations[0].typed_correctly
    assert not report.relations[0].direction_correct
