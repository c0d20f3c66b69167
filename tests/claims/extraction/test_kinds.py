from claims.extraction import extract_claims


def _kinds(nlp, text):
    return [c.kind for c in extract_claims(text, nlp=nlp)]


def test_kinds(nlp):
    assert _kinds(nlp, "Rebels captured the town of Soran in Hama province on Tuesday.") == [
        "event"
    ]
    assert _kinds(nlp, "The storm killed 40 people in Manila.") == ["quantity"]
    assert _kinds(nlp, "Khanaser sits on one of the roads that lead to Aleppo.") == ["background"]
    assert _kinds(nlp, "Damascus considers the insurgents terrorists.") == ["attribution"]
    assert _kinds(nlp, "Syrian state media denied that rebels had entered Hama.") == ["denial"]
