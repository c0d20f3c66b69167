import pytest

from claims.extraction import extract_claims
from claims.extraction.checkworthiness import WEIGHTS, score_features


def test_score_is_a_clipped_weighted_sum():
    assert score_features({"figure": 1.0, "named_entity": 1.0}) == pytest.approx(0.7)
    assert score_features({"verification_note": 1.0}) == 0.0
    assert set(WEIGHTS) >= {"modal", "figure", "named_entity", "evaluative_framing"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Should the rebels capture Hama, it could isolate the coastal cities of Tartous.",
        "These claims could not be independently verified.",
        "Will the army retake Aleppo before winter?",
        "Syrian Army Strikes Back in Hama Against Rebels",
        "Capturing Hama would be a significant blow to the government.",
        "Heavy fighting has been ongoing, with residents fearing a repeat of last year.",
        "The central bank is expected to cut interest rates next year, analysts said.",
        "Prices are likely to rise again in the spring.",
    ],
)
def test_non_claims_are_left_out(nlp, sentence):
    assert extract_claims(sentence, nlp=nlp) == []


def test_evaluative_main_clause_dropped_but_participle_kept(nlp):
    text = (
        "Syrian insurgents have made significant advances in their push towards the central "
        "city of Hama, capturing four new towns early Tuesday."
    )
    claims = extract_claims(text, nlp=nlp)
    assert [c.quote for c in claims] == ["capturing four new towns early Tuesday"]
    assert claims[0].statement == "Syrian insurgents captured four new towns early Tuesday."


def test_threshold_is_a_parameter(nlp):
    text = "Police in Lyon arrested 12 protesters on Friday."
    [claim] = extract_claims(text, nlp=nlp, threshold=0.0)
    assert claim.score >= 0.8
    assert extract_claims(text, nlp=nlp, threshold=claim.score) == [claim]
    assert extract_claims(text, nlp=nlp, threshold=claim.score + 0.01) == []
