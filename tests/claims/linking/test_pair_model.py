"""The learned link gate: its artefact, its thresholds per relation, its training parts."""

import json

import numpy as np
import pytest

from claims.linking import ClaimForLinking, LinkQuantity, embed_claims, suggest_links
from claims.linking.pair_model import (
    DEFAULT_ARTEFACT,
    FEATURES,
    PAIR_MODEL_VERSION,
    PairModel,
    load_pair_model,
    pair_features,
)
from claims.linking.training import PairRows, calibrate_thresholds, gold_stories, sample_weights


def _model(*, cosine_weight=4.0, thresholds=None):
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("cosine")] = cosine_weight
    return PairModel(
        weights=weights,
        bias=0.0,
        mean=np.full(len(FEATURES), 0.0),
        scale=np.ones(len(FEATURES)),
        thresholds=thresholds or dict.fromkeys(("consistent", "updates", "contradicts"), 0.5),
    )


def test_the_shipped_model_loads_offline_for_this_version():
    model = load_pair_model()
    assert model is not None and model.version == PAIR_MODEL_VERSION
    assert set(model.thresholds) == {"consistent", "updates", "contradicts"}
    data = json.loads(DEFAULT_ARTEFACT.read_text(encoding="utf-8"))
    assert data["manifest"]["left_out_scores"]["all"]["precision"] > 0


def test_an_artefact_for_other_features_is_refused():
    data = _model().to_dict()
    assert PairModel.from_dict(data).thresholds == _model().thresholds
    with pytest.raises(ValueError, match="retrain"):
        PairModel.from_dict({**data, "version": "pair-lr-v0"})


def test_features_read_the_typed_relation_and_its_evidence():
    one = ClaimForLinking(id="a:1", article_key="a", statement="Ten boats sank off Brill.")
    two = ClaimForLinking(id="b:1", article_key="b", statement="Twelve boats sank off Brill.")
    row = pair_features(
        one, two, relation="updates", reasons={"similarity": 0.8, "figures": {"measure": "boats"}}
    )
    named = dict(zip(FEATURES, row, strict=True))
    assert named["cosine"] == 0.8 and named["figure_clash"] == 1.0
    assert named["typed_updates"] == 1.0 and named["typed_same"] == 0.0
    assert 0 < named["overlap"] < 1


def test_figures_that_count_different_things_are_a_feature():
    killed = ClaimForLinking(
        id="a:1",
        article_key="a",
        statement="The capsizing killed at least 18 people.",
        quantities=(LinkQuantity(18, "people", low=18, text="at least 18 people"),),
    )
    boarded = ClaimForLinking(
        id="b:1",
        article_key="b",
        statement="At least 300 people had boarded the ferry.",
        quantities=(LinkQuantity(300, "people", low=300, text="At least 300 people"),),
    )
    dead = ClaimForLinking(
        id="c:1",
        article_key="c",
        statement="The toll rose to 31 dead.",
        quantities=(LinkQuantity(31, "", text="31"),),
    )

    def apart(one, two):
        row = pair_features(one, two, relation="same", reasons={"similarity": 0.6})
        return dict(zip(FEATURES, row, strict=True))["figures_apart"]

    assert apart(killed, boarded) == 1.0  # deaths against people on board
    assert apart(killed, dead) == 0.0  # one measure: a clash, not two facts
    assert apart(killed, ClaimForLinking(id="d:1", article_key="d", statement="It sank.")) == 0.0


def test_the_gate_applies_one_threshold_per_relation(embedder):
    prior = [
        ClaimForLinking(id="p:1", article_key="p", statement="Brill is the region's fourth city.")
    ]
    new = [
        ClaimForLinking(
            id="n:1", article_key="n", statement="Brill is the fourth city of the region."
        )
    ]
    vectors = embed_claims(prior, embedder=embedder)
    open_gate = suggest_links(new, prior, vectors, embedder=embedder, pair_model=_model())
    assert [link.relation for link in open_gate] == ["same"]
    assert open_gate[0].score == pytest.approx(open_gate[0].reasons["probability"], abs=1e-3)
    shut = _model(thresholds={"consistent": 0.999, "updates": 0.5})
    assert suggest_links(new, prior, vectors, embedder=embedder, pair_model=shut) == []


def test_same_and_supports_share_the_consistent_threshold():
    model = _model(thresholds={"consistent": 0.6, "updates": 0.3, "contradicts": 0.9})
    assert model.keeps("same", 0.65) and model.keeps("supports", 0.65)
    assert not model.keeps("same", 0.55) and not model.keeps("supports", 0.55)
    assert model.keeps("updates", 0.35) and not model.keeps("contradicts", 0.85)


def test_an_unknown_feature_reads_the_training_mean():
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("name_share")] = 3.0
    mean = np.zeros(len(FEATURES))
    mean[FEATURES.index("name_share")] = 0.9
    model = PairModel(
        weights=weights, bias=0.0, mean=mean, scale=np.ones(len(FEATURES)), thresholds={}
    )
    unknown = [0.0] * len(FEATURES)
    unknown[FEATURES.index("name_share")] = float("nan")
    assert model.probability(unknown) == pytest.approx(0.5)
    far = list(unknown)
    far[FEATURES.index("name_share")] = 0.2
    assert model.probability(far) < 0.5


def test_thresholds_reach_the_target_precision_per_relation():
    probabilities = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4] * 2)
    labels = [1, 1, 1, 0, 1, 0] + [1, 0, 1, 0, 0, 0]
    relations = ["same"] * 6 + ["supports"] * 6
    # Same and supports are gated as one group, "consistent".
    pooled = calibrate_thresholds(probabilities, labels, relations, targets={"consistent": 0.75})
    assert pooled == {"consistent": pytest.approx(0.7)}


def test_a_relation_seen_in_too_few_stories_borrows_the_rows_of_its_kind():
    # Left out one story at a time, updates seen in two stories only are scored by a
    # model that saw them in one: their probabilities are no ground for a threshold.
    updates = np.array([1.0, 1.0, 1.0, 1.0, 0.9, 0.8] * 2)
    update_labels = [0, 0, 0, 1, 1, 1] * 2
    contradicts = np.array([0.9, 0.7, 0.5, 0.3, 0.2, 0.1] * 2)
    contradict_labels = [1, 1, 0, 1, 1, 0] * 2
    probabilities = np.concatenate([updates, contradicts])
    labels = update_labels + contradict_labels
    relations = ["updates"] * 12 + ["contradicts"] * 12
    stories = ["a"] * 6 + ["b"] * 6 + ["a", "b", "c"] * 4
    targets = {"updates": 0.5, "contradicts": 0.5}

    alone = calibrate_thresholds(probabilities, labels, relations, targets=targets)
    borrowed = calibrate_thresholds(
        probabilities, labels, relations, targets=targets, stories=stories
    )

    assert alone["updates"] == pytest.approx(0.8)  # all its rows: the lowest of them
    # With the contradictions' rows (three stories) the cut is where both together
    # still reach the target; contradictions have stories enough to keep their own.
    assert borrowed["updates"] == pytest.approx(0.1)
    assert borrowed["contradicts"] == alone["contradicts"] == pytest.approx(0.1)


def test_stories_are_articles_joined_by_a_cluster():
    gold = {
        "articles": {
            "x1": {"claims": [{"cluster": "c1"}, {"cluster": "c2"}]},
            "x2": {"claims": [{"cluster": "c2"}]},
            "x3": {"claims": [{"cluster": "c3"}]},
        }
    }
    assert gold_stories(gold) == {"x1": "x1", "x2": "x1", "x3": "x3"}


def test_each_source_gets_its_share_of_the_weight():
    rows = PairRows()
    for _ in range(3):
        rows.add([0.0] * len(FEATURES), label=1, relation="same", source="gold", story="s")
    rows.add([0.0] * len(FEATURES), label=0, relation="same", source="mrpc", story="mrpc")
    weights = sample_weights(rows)
    assert weights[:3].sum() == pytest.approx(2 * weights[3])  # 0.5 vs 0.25 of the total


# One prior article: a claim stating a fact ("the fourth city") and one merely on its topic.
BRILL_PRIOR = (
    ClaimForLinking(
        id="p:1", article_key="p", statement="Brill is the fourth city of the region."
    ),
    ClaimForLinking(id="p:2", article_key="p", statement="Brill is one of the region's cities."),
)


def test_a_consistent_link_needs_the_best_match_in_the_prior_article(embedder):
    prior = list(BRILL_PRIOR)
    new = [
        ClaimForLinking(id="n:1", article_key="n", statement="Brill is the region's fourth city."),
        ClaimForLinking(
            id="n:2", article_key="n", statement="Brill is among the region's cities."
        ),
    ]
    open_gate = _model(cosine_weight=4.0, thresholds={"consistent": 0.0})
    links = suggest_links(
        new, prior, embed_claims(prior, embedder=embedder), embedder=embedder, pair_model=open_gate
    )
    # Each new claim links only to its best match (or the claim it is the best match of):
    # the other prior claim reads alike but is another fact.
    assert sorted((link.new_id, link.prior_id) for link in links) == [
        ("n:1", "p:1"),
        ("n:2", "p:2"),
    ]


def test_the_consistent_threshold_is_calibrated_on_best_matches_only():
    probabilities = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4] * 3)
    labels = [1] * 12 + [0] * 6
    relations = ["same"] * 18
    best_in_article = [True] * 12 + [
        False
    ] * 6  # the misses are never suggested: they do not count
    every = calibrate_thresholds(probabilities, labels, relations, targets={"consistent": 0.75})
    only_best = calibrate_thresholds(
        probabilities,
        labels,
        relations,
        targets={"consistent": 0.75},
        best_in_article=best_in_article,
    )
    assert every["consistent"] > only_best["consistent"] == pytest.approx(0.4)


def test_a_claim_restates_one_fact_of_another_article_so_gets_one_consistent_link(embedder):
    prior = list(BRILL_PRIOR)
    new = [
        ClaimForLinking(id="n:1", article_key="n", statement="Brill is the region's fourth city.")
    ]
    open_gate = _model(cosine_weight=4.0, thresholds={"consistent": 0.0})
    links = suggest_links(
        new, prior, embed_claims(prior, embedder=embedder), embedder=embedder, pair_model=open_gate
    )
    # n:1 is the nearest new claim of both prior claims, so both pass the best-match rule;
    # only the more probable one is suggested.
    assert [(link.new_id, link.prior_id) for link in links] == [("n:1", "p:1")]
