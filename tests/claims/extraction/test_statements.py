from claims.extraction import extract_claims


def _statements(nlp, text):
    # Statements are built the same for every unit: score with the rules, which keep these.
    return {c.quote: c.statement for c in extract_claims(text, nlp=nlp, detector="rules")}


def test_attribution_phrase_moves_out_and_reference_is_resolved(nlp):
    text = (
        "The rebels said gunmen killed 50 government forces as they captured the central towns "
        "of Halfaya, Maardis and Soran. The Syrian Observatory for Human Rights confirmed that "
        "the towns were taken."
    )
    statements = list(_statements(nlp, text).values())
    assert statements[0].startswith("Gunmen killed 50 government forces")
    assert statements[1] == "The central towns of Halfaya, Maardis and Soran were taken."


def test_pronoun_subject_is_resolved(nlp):
    text = (
        "The fighting has displaced tens of thousands, according to U.N. envoy Geir Pedersen. "
        "He warned that without talks the situation could worsen in Syria."
    )
    assert list(_statements(nlp, text).values())[-1].endswith(
        "Geir Pedersen warned that without talks the situation could worsen in Syria."
    )


def test_split_parts_get_their_shared_subject(nlp):
    statements = _statements(
        nlp,
        "In recent days, these forces have seized large portions of Aleppo, as well as "
        "various towns and villages in the northwestern Idlib province.",
    )
    assert (
        statements["various towns and villages in the northwestern Idlib province"]
        == "In recent days, these forces have seized various towns and villages in the "
        "northwestern Idlib province."
    )
    statements = _statements(
        nlp, "Led by Hayat Tahrir al-Sham, the rebels are now about 10 kilometers from Hama."
    )
    assert (
        statements["Led by Hayat Tahrir al-Sham"] == "The rebels are led by Hayat Tahrir al-Sham."
    )


def test_appositive_becomes_a_sentence(nlp):
    statements = _statements(
        nlp, "Rebels are now about 10 kilometres from Hama, the country's fourth largest city."
    )
    assert statements["Hama, the country's fourth largest city"] == (
        "Hama is the country's fourth largest city."
    )


def _all_units(nlp, text):
    claims = extract_claims(text, nlp=nlp, detector="rules", threshold=0.0)
    return {c.quote: c.statement for c in claims}


def test_relative_clause_is_a_unit_that_names_its_noun(nlp):
    statements = _all_units(
        nlp, "The protests were organised by the movement, which has no leader."
    )
    assert statements["which has no leader"] == "The movement has no leader."


def test_coordinated_verb_phrase_gets_its_subject(nlp):
    statements = _all_units(
        nlp,
        "The protests spread across the country on Saturday and began as a backlash against "
        "higher fuel prices.",
    )
    assert statements["began as a backlash against higher fuel prices"] == (
        "The protests began as a backlash against higher fuel prices."
    )
