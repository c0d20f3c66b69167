from claims.extraction import extract_claims


def _by_quote(nlp, text):
    return {c.quote: c for c in extract_claims(text, nlp=nlp)}


def test_reported_fact_keeps_factual_kind_and_carries_source(nlp):
    claims = extract_claims(
        "The insurgents' military operations administration said gunmen killed 50 government "
        "forces as they captured the towns of Halfaya and Soran.",
        nlp=nlp,
    )
    assert len(claims) == 1
    assert claims[0].source == "insurgents' military operations administration"
    assert claims[0].kind == "quantity"
    assert claims[0].statement.startswith("Gunmen killed 50 government forces")


def test_according_to_and_based_prefix_are_cleaned(nlp):
    claims = extract_claims(
        "The Britain-based Syrian Observatory for Human Rights, an opposition war monitor, "
        "confirmed that the towns were taken.",
        nlp=nlp,
    )
    assert claims[0].source == "Syrian Observatory for Human Rights"
    claims = extract_claims(
        "The storm has displaced tens of thousands, according to the regional governor.", nlp=nlp
    )
    assert claims[0].source == "regional governor"


def test_denial_by_verb_and_by_assertion_reference(nlp):
    claims = extract_claims(
        "The rebels said they captured seven villages. State media, however, denied that the "
        "villages were captured by the rebels.",
        nlp=nlp,
    )
    denial = claims[-1]
    assert denial.kind == "denial"
    assert denial.source == "State media"
    claims = _by_quote(
        nlp,
        "The Kurdish-led Syrian Democratic Forces claimed to have captured seven villages "
        "from pro-government fighters, a claim denied by Syrian state media.",
    )
    assert claims["a claim denied by Syrian state media"].kind == "denial"
    assert claims["a claim denied by Syrian state media"].source == "Syrian state media"


def test_through_channel_and_stance_verbs(nlp):
    claims = extract_claims(
        "The insurgency, through its Military Operations Department, claimed to have captured "
        "five soldiers.",
        nlp=nlp,
    )
    assert claims[0].source == "insurgency's Military Operations Department"
    claims = extract_claims(
        "Assad has insisted that Turkey's withdrawal from northern Syria be a condition for "
        "normalization.",
        nlp=nlp,
    )
    assert claims[0].kind == "attribution"
    assert claims[0].source == "Assad"


def test_pronoun_speaker_is_resolved(nlp):
    claims = extract_claims(
        "The fighting has displaced tens of thousands, according to U.N. envoy Geir Pedersen. "
        "He warned that without talks the situation could worsen in Syria.",
        nlp=nlp,
    )
    assert claims[-1].source.endswith("Geir Pedersen")
    assert claims[-1].kind == "attribution"


def test_own_voice_is_the_outlet(nlp):
    claims = extract_claims("Khanaser is located on a road leading to Aleppo.", nlp=nlp)
    assert claims[0].source == "the outlet"
    assert claims[0].kind == "background"


def test_a_coordinated_denial_has_the_first_verbs_speaker(nlp):
    claims = extract_claims(
        "Chief executive Paul Brand took the stand on Monday. Mr Brand played down his ties "
        "with the auditors and denied he met them to discuss the accounts.",
        nlp=nlp,
    )
    denial = next(c for c in claims if c.quote.startswith("denied"))
    assert (denial.kind, denial.source) == ("denial", "Paul Brand")


def test_a_saying_clause_has_the_speaker_of_the_verb_it_hangs_on(nlp):
    claims = extract_claims(
        "Prosecutor Anna Weller opened the case on Monday. She told the jury the losses were "
        "hidden for years, saying the firm had moved $40m between its accounts.",
        nlp=nlp,
    )
    saying = next(c for c in claims if c.quote.startswith("saying"))
    assert saying.source == "Anna Weller"


def test_he_after_a_quotation_is_not_someone_named_inside_it(nlp):
    claims = extract_claims(
        "Mr Brand took the stand on Tuesday and denied the charges. "
        '"I was never told by Mr Cole of any problem with the books," he told the court.',
        nlp=nlp,
    )
    quoted = next(c for c in claims if "never told" in c.quote)
    assert quoted.source in {"Brand", "Mr Brand"}


def test_blaming_someone_is_the_blamers_stated_position(nlp):
    claims = extract_claims(
        "Nikos Daras, a sprinter, on Sunday blamed his former coach for failing to tell him "
        "about the test.",
        nlp=nlp,
    )
    assert (claims[0].kind, claims[0].source) == ("attribution", "Nikos Daras")


def test_a_name_after_its_description_is_the_source(nlp):
    claims = extract_claims(
        "The storm has displaced tens of thousands, according to the UN envoy for the "
        "region, John Peterson. State radio, KBR, reported that the port had reopened.",
        nlp=nlp,
    )
    assert [c.source for c in claims] == ["John Peterson", "KBR"]


def test_a_relative_pronoun_speaker_is_the_party_it_stands_for(nlp):
    claims = _by_quote(
        nlp,
        "The national weather office, which had warned of heavy rain last week, said more "
        "than 200mm fell in 48 hours.",
    )
    relative = next(c for quote, c in claims.items() if quote.startswith("which"))
    assert relative.source == "national weather office"


def test_a_description_and_the_name_it_introduces_are_one_source(nlp):
    claims = extract_claims(
        "State news agency Tass confirmed 12 airstrikes in the province on Monday.", nlp=nlp
    )
    assert claims[0].source == "State news agency Tass"


def test_a_count_confirmed_dead_is_no_speech_of_the_count(nlp):
    (claim, *_rest) = extract_claims(
        "The number of people confirmed dead after the sinking rose to 31 on Saturday.", nlp=nlp
    )
    assert claim.source == "the outlet"
    assert claim.statement.startswith("The number of people confirmed dead")


def test_a_trailing_said_parsed_as_a_side_clause_still_names_the_speaker(nlp):
    claims = extract_claims(
        "Forty people remain unaccounted for, the coast guard said, and hopes of finding more "
        "survivors were fading.",
        nlp=nlp,
        detector="rules",
        threshold=-1.0,
    )
    missing = next(c for c in claims if "Forty" in c.statement)
    assert missing.source == "coast guard"
    assert missing.statement == "Forty people remain unaccounted for."


def test_told_someone_that_leaves_no_that_in_the_statement(nlp):
    (claim,) = extract_claims(
        "A dock worker told local radio that at least 300 people had boarded, well above the "
        "licensed capacity of 250.",
        nlp=nlp,
    )
    assert claim.source == "dock worker"
    assert claim.statement.startswith("At least 300 people had boarded")


def test_it_never_stands_for_a_person(nlp):
    # Invented: the nearest subject before "It" is the spokesman, who is no flood.
    claims = extract_claims(
        '"We have spent 200 million crowns on flood defences," a spokesman said. '
        "It is the deadliest flooding in the region since 1997.",
        nlp=nlp,
        detector="rules",
        threshold=-1.0,
    )
    flooding = next(c for c in claims if "deadliest flooding" in c.quote)
    assert "spokesman" not in flooding.statement.lower()
