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


def test_who_after_a_description_of_a_person_is_the_person(nlp):
    # The parser hangs "who" on the town; the relative clause is about the farmer.
    statements = _all_units(
        nlp,
        "The road was blocked by Ana Kovac, a dairy farmer from the eastern town of Brest "
        "Polje, who has camped there since Saturday.",
    )
    assert statements["who has camped there since Saturday"] == (
        "Ana Kovac has camped there since Saturday."
    )


def test_the_second_verb_of_a_relative_clause_names_its_noun(nlp):
    statements = _all_units(
        nlp,
        "The movement, which began on social media in March and has no formal leaders, has "
        "drawn support from truckers.",
    )
    assert statements["has no formal leaders"] == "The movement has no formal leaders."


def test_coordinated_verb_phrase_gets_its_subject(nlp):
    statements = _all_units(
        nlp,
        "The protests spread across the country on Saturday and began as a backlash against "
        "higher fuel prices.",
    )
    assert statements["began as a backlash against higher fuel prices"] == (
        "The protests began as a backlash against higher fuel prices."
    )


def test_a_statement_is_well_formed_only_as_a_finite_sentence_with_a_subject(nlp):
    from claims.extraction.statements import is_well_formed

    assert is_well_formed(nlp("The ferry company cancelled 12 crossings on Monday."))
    assert is_well_formed(nlp("The bridge was closed by the council."))
    # No finite verb, no subject, a relative pronoun first, a mark that pairs with nothing.
    assert not is_well_formed(nlp("The third largest port in the region."))
    assert not is_well_formed(nlp("Closed the bridge after the storm."))
    assert not is_well_formed(nlp("Which closed the bridge after the storm."))
    assert not is_well_formed(nlp("Storm is ’ worst damage in years."))
    assert not is_well_formed(nlp("The mayor said the bridge would reopen,”"))


def test_a_rewrite_that_is_no_sentence_falls_back_to_the_quote_or_the_sentence(nlp):
    from claims.extraction.statements import fallback_statements

    sentence = "The council, which closed the bridge in May, reopened it on Friday."
    items = [
        # A good rewrite stays.
        ("The council closed the bridge in May.", "which closed the bridge in May", sentence),
        # A broken rewrite of a quote that is a sentence: the quote.
        ("Which reopened it on Friday.", "The council reopened it on Friday", sentence),
        # Neither the rewrite nor the quote is a sentence: the whole sentence.
        ("Which closed the bridge in May.", "which closed the bridge in May", sentence),
        # A statement that only tidies the quote's edges is not parsed: kept as it is.
        ("Bridge reopened.", "bridge reopened", sentence),
    ]
    assert fallback_statements(nlp, items) == [
        "The council closed the bridge in May.",
        "The council reopened it on Friday.",
        sentence,
        "Bridge reopened.",
    ]


def test_extracted_statements_do_not_open_with_a_relative_pronoun(nlp):
    text = (
        "The storm, which flooded 300 homes in the valley, also cut power to 20,000 people, "
        "as well as to three hospitals in the northern district."
    )
    for claim in extract_claims(text, nlp=nlp, detector="rules"):
        assert claim.statement.split()[0].lower() not in {"which", "who", "whom", "whose"}


def test_an_age_names_whom_it_is_of_and_stands_for_them_as_subject(nlp):
    claims = extract_claims(
        "Police arrested Maria Lopez on Monday in the northern town. "
        "The 52-year-old insisted she was innocent of the fraud charges.",
        nlp=nlp,
    )
    by_quote = {c.quote: c for c in claims}
    age = by_quote["The 52-year-old"]
    assert (age.kind, age.statement) == ("background", "Maria Lopez is 52 years old.")
    sentence = next(c for c in claims if c.quote.startswith("The 52-year-old insisted"))
    assert sentence.statement.startswith("Maria Lopez insisted she was innocent")


def test_an_age_of_a_role_without_a_name_keeps_the_role(nlp):
    claims = extract_claims(
        "Officials said the 27-year-old driver had fled the scene after the crash.", nlp=nlp
    )
    age = next(c for c in claims if c.quote == "the 27-year-old driver")
    assert age.statement == "The driver is 27 years old."


def test_an_honour_names_whom_it_is_of(nlp):
    claims = extract_claims(
        "Actress Jane Morrow won a court order on Friday. The Oscar-winning star sought the "
        "orders after a car chase in the city.",
        nlp=nlp,
    )
    honour = next(c for c in claims if c.quote == "The Oscar-winning star")
    assert (honour.kind, honour.statement) == (
        "background",
        "Jane Morrow is the Oscar-winning star.",
    )


def test_quoted_words_drop_the_speech_tail_when_the_parse_has_no_reported_clause(nlp):
    # spaCy reads '"The defences held where ...," he told reporters' as a noun phrase.
    text = (
        "Interior Minister Tomas Vell denied that the cuts had played any role. "
        '"The defences held where they were built," he told reporters.'
    )
    statement = list(_statements(nlp, text).values())[-1]
    assert statement.startswith("Interior Minister Tomas Vell said that the defences held")
    assert "told reporters" not in statement


def test_inverted_speech_and_first_person_keep_the_speakers_words_alone(nlp):
    statements = _statements(
        nlp,
        '"We have never seen water rise this fast," said Anna Brekke, the mayor of Oskel.',
    )
    assert 'Anna Brekke said: "We have never seen water rise this fast."' in statements.values()


def test_a_subject_without_its_aside_loses_the_asides_commas(nlp):
    statements = _statements(
        nlp,
        "Velto, the country's second-largest carmaker, cut 3,000 jobs in 2023. The government, "
        "which owns a 20% stake, said it would not provide support.",
    )
    assert "Velto cut 3,000 jobs in 2023." in statements.values()
    assert any(s.startswith("The government said it") for s in statements.values())
    # An aside still open keeps its closing comma: "Jon Arden, 61, is ...".
    statements = _statements(
        nlp,
        "Jon Arden, 61, who led the city council from 2014 to 2022, is accused of awarding "
        "six contracts to companies.",
    )
    assert "Jon Arden, 61, is accused of awarding six contracts to companies." in (
        statements.values()
    )


def test_a_common_noun_speaker_of_quoted_words_keeps_its_article(nlp):
    statements = _statements(nlp, '"The works will be finished by June," said the contractor.')
    assert list(statements.values()) == [
        "The contractor said that the works will be finished by June."
    ]


def test_a_pronoun_for_a_description_with_a_name_becomes_the_name(nlp):
    statements = _statements(
        nlp, "The manufacturer, Pellan Pharma, has said it can deliver 40 million doses next year."
    )
    assert any(s.startswith("Pellan Pharma can deliver 40 million") for s in statements.values())


def test_said_a_and_that_b_are_two_statements_and_a_spokesman_s_it_is_the_body(nlp):
    text = (
        "The plant had been inspected in May. A company spokesman said safety spending had "
        "risen every year since 2018 and that it was cooperating fully with investigators."
    )
    statements = {
        c.statement for c in extract_claims(text, nlp=nlp, detector="rules", threshold=-1.0)
    }
    assert "Safety spending had risen every year since 2018." in statements
    assert "The company was cooperating fully with investigators." in statements


def test_a_denial_names_the_accusation_of_the_sentence_before(nlp):
    claims = extract_claims(
        "The workers' union accused Morrow Motors of cutting maintenance budgets. "
        "Morrow denied the accusation. The mayor said the plant was unsafe. "
        "The company rejected the claim and said it had spent more on safety.",
        nlp=nlp,
        detector="rules",
        threshold=-1.0,  # every unit: what is tested is how it reads
    )
    denials = [c.statement for c in claims if c.kind == "denial"]
    assert "Morrow denied the accusation of cutting maintenance budgets." in denials
    assert any(
        s.startswith("The company") and "the claim that the plant was unsafe" in s for s in denials
    )


def test_a_denial_names_the_accusation_made_before_the_accuser_s_quote(nlp):
    # Invented: the accuser's quote stands between the accusation and the denial.
    claims = extract_claims(
        "Interior Minister Dario Lenz accused opposition leader Mila Horvat of encouraging "
        'violence. "Some politicians are pouring oil on the fire," he told state radio.\n\n'
        "Horvat rejected the accusation.",
        nlp=nlp,
        detector="rules",
        threshold=-1.0,
    )
    denials = [c.statement for c in claims if c.kind == "denial"]
    assert any(s.endswith("rejected the accusation of encouraging violence.") for s in denials)


def test_a_denial_that_names_what_it_denies_is_left_as_it_is(nlp):
    claims = extract_claims(
        "Police said the driver had been drunk. She denied the charges of fraud.",
        nlp=nlp,
        detector="rules",
        threshold=-1.0,  # every unit: what is tested is how it reads
    )
    assert [c.statement for c in claims if c.kind == "denial"] == [
        "She denied the charges of fraud."
    ]


def test_a_claim_another_party_denied_is_its_denial_of_the_sentence(nlp):
    # Invented: the sentence's own assertion, denied in an aside at its end.
    claims = extract_claims(
        "Rebel fighters said on Tuesday they had seized the main airport outside the city "
        "of Kessa, a claim the army denied.",
        nlp=nlp,
        detector="rules",
        threshold=-1.0,
    )
    seized = next(c for c in claims if c.quote.startswith("Rebel fighters said"))
    assert "claim" not in seized.statement and "army" not in seized.statement
    # "they" restated, lowercase: "Rebel" was capitalised only as the sentence's first word.
    assert "rebel fighters had seized the main airport" in seized.statement
    denial = next(c for c in claims if c.quote == "a claim the army denied")
    assert denial.kind == "denial" and denial.source == "army"
    assert denial.statement.startswith(
        "The army denied the claim that on Tuesday rebel fighters had seized the main airport"
    )


def test_a_possessive_in_reported_speech_is_the_speaker_s(nlp):
    claims = extract_claims(
        "A rebel commander told reporters that his forces controlled the runway. "
        "Jan Holm was arrested on Monday. His lawyer said the arrest was unlawful.",
        nlp=nlp,
        detector="rules",
        threshold=-1.0,
    )
    statements = [c.statement for c in claims]
    assert "The rebel commander's forces controlled the runway." in statements
    assert any(s.startswith("Jan Holm's lawyer said") for s in statements)


def test_whom_puts_its_noun_where_the_object_stands(nlp):
    statements = _all_units(
        nlp,
        "Opposition leader Mila Horvat, whom the interior minister had accused of "
        "encouraging violence, said the agreement proved her right.",
    )
    assert statements["whom the interior minister had accused of encouraging violence"] == (
        "The interior minister had accused opposition leader Mila Horvat of encouraging violence."
    )
