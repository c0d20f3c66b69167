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


@pytest.mark.parametrize(
    "sentence",
    [
        '"If the board asks me to step down, I will accept it," the director said.',
        "The director insisted she will resign if the audit finds any fault.",
    ],
)
def test_a_partys_conditional_pledge_is_a_claim(nlp, sentence):
    from claims.extraction.pipeline import doc_candidates

    doc = nlp(sentence)
    [(_sentence, candidates)] = doc_candidates(doc)
    assert not candidates[0].rule_features["conditional"]


@pytest.mark.parametrize(
    "sentence",
    [
        "If the board had asked, the director would have resigned.",
        "The shares will fall if the audit finds any fault.",
    ],
)
def test_a_hypothetical_or_the_outlets_forecast_stays_conditional(nlp, sentence):
    from claims.extraction.pipeline import doc_candidates

    doc = nlp(sentence)
    [(_sentence, candidates)] = doc_candidates(doc)
    assert candidates[0].rule_features["conditional"]


def test_mood_is_vetoed_in_the_outlets_voice_only(nlp):
    from claims.extraction.pipeline import doc_candidates

    outlet = nlp("Shops stayed shut, with traders fearing more unrest in the city.")
    quoted = nlp('"The two men have left her fearing for her safety," her lawyer Ana Ruiz said.')
    [(_s, outlet_candidates)] = doc_candidates(outlet)
    [(_s, quoted_candidates)] = doc_candidates(quoted)
    assert outlet_candidates[0].rule_features["mood"]
    assert not quoted_candidates[0].rule_features["mood"]


def test_a_sentence_about_the_story_itself_is_left_out(nlp):
    text = "This latest strike is part of a wider dispute over pay at the port."
    assert extract_claims(text, nlp=nlp) == []
