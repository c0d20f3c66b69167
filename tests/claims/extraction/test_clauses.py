from claims.extraction import extract_claims
from claims.extraction.clauses import split_clauses
from claims.extraction.segmentation import sentence_spans


def _quotes(nlp, text):
    doc = nlp(text)
    return [doc[u.start : u.end].text for s in sentence_spans(doc) for u in split_clauses(s)]


def test_as_well_as_object_becomes_its_own_unit(nlp):
    quotes = _quotes(
        nlp,
        "In recent days, these forces have seized large portions of Aleppo, as well as "
        "various towns and villages in the northwestern Idlib province.",
    )
    assert len(quotes) == 2
    assert quotes[1].endswith("various towns and villages in the northwestern Idlib province")
    assert "Idlib" not in quotes[0]


def test_while_clause_is_split_from_attributed_clause(nlp):
    quotes = _quotes(
        nlp,
        "Syrian insurgents captured four new towns early Tuesday, opposition activists said, "
        "while government forces retook some territory they lost last week.",
    )
    assert quotes == [
        "Syrian insurgents captured four new towns early Tuesday, opposition activists said",
        "government forces retook some territory they lost last week",
    ]


def test_shared_subject_position_stays_one_unit(nlp):
    quotes = _quotes(
        nlp,
        "Assad's government maintains that all armed groups are terrorists and has rejected "
        "political negotiations with them.",
    )
    assert len(quotes) == 1


def test_fronted_participle_and_ranking_appositive_are_split(nlp):
    quotes = _quotes(
        nlp,
        "Led by a jihadi group, the rebels are now about 10 kilometers from Hama, "
        "the country's fourth largest city.",
    )
    assert "the rebels are now about 10 kilometers from Hama" in quotes
    assert "Led by a jihadi group" in quotes
    assert "Hama, the country's fourth largest city" in quotes


def test_assertion_reference_is_split(nlp):
    quotes = _quotes(
        nlp,
        "The Kurdish-led Syrian Democratic Forces claimed to have captured seven villages, "
        "a claim denied by Syrian state media.",
    )
    assert quotes[-1] == "a claim denied by Syrian state media"


def test_made_up_coordinated_clauses_with_own_subjects(nlp):
    quotes = _quotes(
        nlp, "Police arrested 12 protesters in Lyon, and officials closed the bridge."
    )
    assert len(quotes) == 2


def test_a_percentage_stays_in_the_quote(nlp):
    text = "Germany's economy shrank by 0.1% in the third quarter, while France grew by 0.5%."

    quotes = [claim.quote for claim in extract_claims(text, nlp=nlp)]

    assert "France grew by 0.5%" in quotes


def test_a_quotation_keeps_its_closing_mark(nlp):
    text = 'The White House said the labor market was "cooling but resilient."'

    [claim] = extract_claims(text, nlp=nlp)

    assert claim.quote.endswith('resilient."')
