"""Who asserts a claim, resolved within the article to the name it gives in full."""

from claims.extraction import extract_claims
from claims.extraction.sources import _last_org_before, resolve_source


def _sources(nlp, text):
    return [claim.source for claim in extract_claims(text, nlp=nlp)]


def test_title_and_surname_resolve_to_the_full_name(nlp):
    text = (
        "Transport Minister Helena Varga announced on Monday that the bridge would close. "
        "Mr Dobrev, the opposition leader, said the closure had cost 300 jobs. "
        "Ms Varga said the repairs had begun in March."
    )
    doc = nlp(text)
    position = text.index("Ms Varga")
    assert resolve_source(doc, "Ms Varga", position=position) == "Helena Varga"
    assert (
        resolve_source(doc, "Transport Minister Helena Varga", position=position) == "Helena Varga"
    )
    assert resolve_source(doc, "the minister", position=position) == "Helena Varga"


def test_he_resolves_to_the_subject_who_fits_not_the_nearest_name(nlp):
    text = (
        "Police chief Daniel Okafor accused councillor Maria Lindqvist of spreading rumours. "
        "“Officers arrested 40 people on the bridge,” he said."
    )
    claims = extract_claims(text, nlp=nlp)
    quoted = [c for c in claims if "40 people" in c.quote]
    assert quoted and quoted[0].source == "Daniel Okafor"


def test_a_gender_shown_in_the_article_rules_out_a_pronoun(nlp):
    text = (
        "Maria Lindqvist said she had filed the complaint. "
        "Daniel Okafor met Maria Lindqvist on Friday. "
        "“The council paid 2 million euros for the study,” she said."
    )
    claims = extract_claims(text, nlp=nlp)
    quoted = [c for c in claims if "2 million" in c.quote]
    assert quoted and quoted[0].source == "Maria Lindqvist"


def test_a_pronoun_before_a_name_is_no_evidence_of_its_gender(nlp):
    # "His" is the client's: it does not make the lawyer a man.
    text = (
        "His lawyer, Sara Quist, said the case was weak. "
        "She added that her client would plead not guilty at a hearing next month."
    )
    claims = extract_claims(text, nlp=nlp, detector="rules")
    added = [c for c in claims if "plead not guilty" in c.quote]
    assert added and added[0].statement.startswith("Sara Quist added that her client")


def test_phrases_naming_several_parties_or_nobody_are_kept(nlp):
    text = "Arno Weiss and Lena Kraus founded the firm. Lawyers for Mr Weiss said it had 12 staff."
    doc = nlp(text)
    position = text.index("Lawyers")
    # Still the lawyers, not Weiss; the name within is given in full.
    assert resolve_source(doc, "Lawyers for Mr Weiss", position=position) == (
        "Lawyers for Arno Weiss"
    )
    assert resolve_source(doc, "the outlet", position=position) == "the outlet"
    assert resolve_source(doc, "Security officials", position=position) == "Security officials"


def test_a_phrase_naming_several_people_gives_each_their_full_name(nlp):
    claims = extract_claims(
        "Arno Weiss and Lena Kraus founded the firm in 2001. "
        "Lawyers for Mr Weiss and Ms Kraus denied that the pair were involved in the chase.",
        nlp=nlp,
    )
    denial = next(c for c in claims if c.kind == "denial")
    assert denial.source == "Lawyers for Arno Weiss and Lena Kraus"


def test_a_quantifier_is_no_part_of_who_says_it(nlp):
    claims = extract_claims(
        "Many security organisations said users should not install the program.", nlp=nlp
    )
    assert claims[0].source == "security organisations"


def test_the_company_is_no_public_body_and_the_ministry_is_one_named_so():
    named = [(0, "the coast guard"), (40, "Halden Freight"), (80, "the coast guard")]
    assert _last_org_before(named, 120, role="company") == "Halden Freight"
    assert _last_org_before(named[:1], 120, role="company") is None  # better unresolved
    ministries = [(0, "Halden Freight"), (30, "the Interior Ministry"), (60, "Halden Freight")]
    assert _last_org_before(ministries, 100, role="ministry") == "the Interior Ministry"


def test_the_company_said_is_not_given_to_a_coast_guard(nlp):
    text = (
        "Forty people remain missing, the coast guard said on Saturday. The coast guard "
        "sent four boats. \u201cThe ferry was carrying 238 people,\u201d the company said."
    )
    carrying = next(c for c in extract_claims(text, nlp=nlp) if "238" in c.statement)
    assert "coast guard" not in carrying.source
    assert "coast guard" not in carrying.statement


def test_the_company_is_no_union_named_as_one(nlp):
    # Invented: the union is named twice, so it is the organisation named most.
    text = (
        "The IG Works union said it would fight the plan. The IG Works union called a "
        "strike. The company denied a report that it planned to close its plant in Lyon."
    )
    denial = next(c for c in extract_claims(text, nlp=nlp) if "denied" in c.quote)
    assert "IG Works" not in denial.source
    assert "IG Works" not in denial.statement


# Invented; the small model tags "Tunde Okafor" as a place in it, "Okafor" a person.
SPRINTER = (
    "Nigerian sprinter Tunde Okafor has been cleared of a doping offence by an "
    "independent tribunal, ending a 14-month suspension."
    "\n\n"
    "The 27-year-old, who won bronze in the 100m at the 2019 world championships, had"
    " tested positive for a banned stimulant at a meeting in Oslo last year."
    "\n\n"
    "The tribunal ruled that the substance had come from a contaminated supplement "
    'and that Okafor bore "no significant fault".'
    "\n\n"
    'Okafor, who has always denied knowingly taking the drug, said he was "relieved '
    'and grateful". "This has been the hardest year of my life," he told BBC Sport.'
    "\n\n"
    "The Athletics Integrity Unit said it would study the decision before deciding "
    "whether to appeal. It has 21 days to lodge an appeal with the Court of "
    "Arbitration for Sport."
)


def test_a_full_name_taken_for_a_place_is_a_person_named_by_that_surname(nlp):
    claims = extract_claims(SPRINTER, nlp=nlp, threshold=-1.0)
    statements = [c.statement for c in claims]
    assert "Tunde Okafor won bronze in the 100m at the 2019 world championships." in statements
    assert any(s.startswith("Tunde Okafor had tested positive") for s in statements)
    assert "Tunde Okafor" in {c.source for c in claims}
