import datetime

from claims.linking import ClaimForLinking, LinkQuantity, type_relation
from claims.linking.dates import claim_date
from claims.linking.reasons import describe_reasons

TUESDAY = datetime.date(2024, 12, 3)
WEDNESDAY = datetime.date(2024, 12, 4)
TEN_KM = LinkQuantity(value=10, unit="km", approximate=True, text="about 10 kilometres")
TWENTY_KM = LinkQuantity(value=20, unit="km", approximate=True, text="about 20 kilometers")


def _claim(claim_id, statement, *, kind="event", quantities=(), published=None):
    return ClaimForLinking(
        id=claim_id,
        article_key=claim_id.split(":")[0],
        statement=statement,
        kind=kind,
        quantities=tuple(quantities),
        published=published,
    )


def _near(published=None):
    return _claim(
        "a:1",
        "Insurgents now are about 10 kilometres (six miles) from Hama.",
        kind="quantity",
        quantities=[TEN_KM],
        published=published,
    )


def _retreated(published=None, statement="Insurgents had retreated about 20 km from Hama."):
    return _claim("b:1", statement, kind="quantity", quantities=[TWENTY_KM], published=published)


def test_a_later_different_figure_updates_the_earlier():
    decision = type_relation(_retreated(WEDNESDAY), _near(TUESDAY), similarity=0.8)
    assert decision.relation == "updates"
    assert not decision.other_is_subject  # the retreat (Wednesday) is the newer figure


def test_an_earlier_new_claim_is_updated_by_the_prior_one():
    decision = type_relation(_near(TUESDAY), _retreated(WEDNESDAY), similarity=0.8)
    assert decision.relation == "updates"
    assert decision.other_is_subject


def test_different_figures_on_the_same_day_contradict():
    decision = type_relation(_retreated(TUESDAY), _near(TUESDAY), similarity=0.8)
    assert decision.relation == "contradicts"


def test_without_dates_a_reported_change_is_the_update():
    decision = type_relation(_near(), _retreated(), similarity=0.8)
    assert (decision.relation, decision.other_is_subject) == ("updates", True)


def test_without_dates_or_change_different_figures_contradict():
    other = _retreated(statement="Insurgents are about 20 km from Hama.")
    assert type_relation(_near(), other, similarity=0.8).relation == "contradicts"


def test_dates_in_statements_override_missing_published_dates():
    near = _claim(
        "a:1", "On 3 December 2024 insurgents were about 10 km from Hama.", quantities=[TEN_KM]
    )
    far = _claim(
        "b:1", "On 4 December 2024 insurgents were about 20 km from Hama.", quantities=[TWENTY_KM]
    )
    assert type_relation(far, near, similarity=0.8).relation == "updates"


def test_compatible_figures_do_not_clash():
    tens = _claim(
        "a:1",
        "The fighting has displaced tens of thousands.",
        quantities=[LinkQuantity(10_000, "people", True, text="tens of thousands")],
    )
    nearly = _claim(
        "b:1",
        "The fighting has displaced nearly 50,000 people.",
        quantities=[LinkQuantity(50_000, "people", True, high=50_000, text="nearly 50,000")],
    )
    assert type_relation(tens, nearly, similarity=0.9).relation == "same"


def test_a_denial_contradicts_the_claim_it_denies():
    claim = _claim("a:1", "The Syrian Democratic Forces captured seven villages.")
    denial = _claim(
        "b:1",
        "Syrian state media denied that the seven villages were captured by the SDF.",
        kind="denial",
    )
    decision = type_relation(claim, denial, similarity=0.7)
    assert (decision.relation, decision.other_is_subject) == ("contradicts", True)
    # Naming what it denies, a denial needs less similarity; a denial of something else
    # on the same topic is not offered as a conflict.
    assert type_relation(claim, denial, similarity=0.5).relation == "contradicts"
    other_denial = _claim(
        "d:1", "The ministry denied that its officials had met the rebels.", kind="denial"
    )
    assert type_relation(claim, other_denial, similarity=0.55).relation is None
    negated = _claim("c:1", "The Syrian Democratic Forces did not capture seven villages.")
    assert type_relation(claim, negated, similarity=0.9).relation == "contradicts"


def test_moving_away_after_a_position_updates_it():
    pushed_back = _claim(
        "b:1",
        "On 4 December 2024 the government said its counteroffensive pushed back insurgents.",
    )
    decision = type_relation(pushed_back, _near(TUESDAY), similarity=0.7)
    assert decision.relation == "updates"


def test_movement_words_in_background_claims_are_not_movements():
    leaders = _claim("a:1", "The insurgents advancing on Hama are led by HTS.", kind="background")
    retreat = _claim("b:1", "Insurgents were pushed back from Hama.", kind="event")
    assert type_relation(leaders, retreat, similarity=0.65).relation == "supports"


def test_an_undated_advance_is_consistent_with_a_position():
    closer = _claim("b:1", "Insurgents captured four towns, bringing them closer to Hama.")
    assert type_relation(closer, _near(), similarity=0.65).relation == "supports"


def test_advance_and_retreat_on_the_same_day_contradict():
    advanced = _claim("a:1", "Insurgents advanced toward Hama.", published=TUESDAY)
    retreated = _claim("b:1", "Insurgents were pushed back from Hama.", published=TUESDAY)
    assert type_relation(advanced, retreated, similarity=0.8).relation == "contradicts"


def test_consistent_claims_are_same_when_close_and_supports_otherwise():
    one = _claim("a:1", "Hama is Syria's fourth-largest city.")
    two = _claim("b:1", "Hama is the country's fourth largest city.")
    assert type_relation(one, two, similarity=0.95).relation == "same"
    assert type_relation(one, two, similarity=0.65).relation == "supports"
    # Only on the same topic: not a link.
    assert type_relation(one, two, similarity=0.5).relation is None


def test_only_a_precise_figure_makes_one_of_two_reports_support_the_other():
    bare = _claim("a:1", "Police fired tear gas at protesters in Brill.")
    vague = _claim(
        "b:1",
        "Police fired tear gas at thousands of protesters in Brill.",
        quantities=[LinkQuantity(1000, "protesters", True, text="thousands of protesters")],
    )
    precise = _claim(
        "c:1",
        "Police fired tear gas at 5,000 protesters in Brill.",
        quantities=[LinkQuantity(5000, "protesters", False, text="5,000 protesters")],
    )
    # "Thousands" adds nothing to check: still one report of one event.
    assert type_relation(bare, vague, similarity=0.95).relation == "same"
    assert type_relation(bare, precise, similarity=0.95).relation == "supports"


def test_consistent_claims_on_different_days_support_rather_than_repeat():
    one = _claim("a:1", "Russian jets struck the Hama area on Tuesday.", published=WEDNESDAY)
    two = _claim("b:1", "Russian jets struck the Hama area on Wednesday.", published=WEDNESDAY)
    assert type_relation(one, two, similarity=0.99).relation == "supports"
    # Articles from different days repeating one fact still report the same claim.
    three = _claim("c:1", "Russian jets struck the Hama area.", published=TUESDAY)
    four = _claim("d:1", "Russian jets struck the Hama area.", published=WEDNESDAY)
    assert type_relation(three, four, similarity=0.99).relation == "same"


def test_claim_date_reads_explicit_dates_weekdays_and_skips_period_bounds():
    assert claim_date("On 4 December 2024 SANA said so.", published=None) == WEDNESDAY
    assert claim_date("As of December 3, 2024 they were close.", published=None) == TUESDAY
    assert claim_date("In the days before 3 December 2024 they won.", published=None) is None
    assert claim_date("Rebels took it on Tuesday.", published=datetime.date(2024, 12, 5)) == (
        TUESDAY
    )
    assert claim_date("Rebels took it.", published=WEDNESDAY) == WEDNESDAY
    # A weekday that starts a period is not the claim's day: the count is as published.
    thursday = datetime.date(2024, 12, 5)
    assert claim_date("112 houses had been lost since Tuesday.", published=thursday) == thursday


def _at_distance(published=None, place="Varnel"):
    return ClaimForLinking(
        id="a:7",
        article_key="a",
        statement=f"Rebel columns are about 12 kilometres (seven miles) from {place}.",
        kind="quantity",
        quantities=(LinkQuantity(12, "km", True, text="about 12 kilometres (seven miles)"),),
        entities=(place,),
        published=published,
    )


def _inside(statement="Rebel columns have entered parts of the northern town of Varnel.", **kw):
    return ClaimForLinking(
        id="b:7", article_key="b", statement=statement, kind="event", entities=("Varnel",), **kw
    )


def test_presence_in_a_place_updates_a_distance_from_it():
    decision = type_relation(_at_distance(), _inside(), similarity=0.6)
    assert (decision.relation, decision.other_is_subject) == ("updates", True)
    assert decision.reasons["arrival"]["place"] == "Varnel"
    assert describe_reasons(decision.reasons)[0].startswith("arrival: about 12 kilometres")
    # Either way round, the presence is the newer state.
    reverse = type_relation(_inside(), _at_distance(), similarity=0.6)
    assert (reverse.relation, reverse.other_is_subject) == ("updates", False)


def test_a_distance_dated_after_the_presence_updates_it():
    decision = type_relation(_at_distance(WEDNESDAY), _inside(published=TUESDAY), similarity=0.6)
    assert (decision.relation, decision.other_is_subject) == ("updates", False)


def test_presence_elsewhere_or_denied_is_no_arrival():
    elsewhere = _inside("Rebel columns have entered parts of the town of Osk.")
    elsewhere = ClaimForLinking(**{**elsewhere.__dict__, "entities": ("Osk",)})
    assert type_relation(_at_distance(), elsewhere, similarity=0.6).relation != "updates"
    denied = _inside("State television denied that rebel columns had entered Varnel.")
    assert type_relation(_at_distance(), denied, similarity=0.6).relation == "contradicts"


def _said(claim_id, statement, *, source, kind="event", quote=""):
    return ClaimForLinking(
        id=claim_id,
        article_key=claim_id.split(":")[0],
        statement=statement,
        quote=quote,
        kind=kind,
        source=source,
    )


ACCUSATION = _said(
    "a:1",
    "Mayor Ada Quill accused councillor Tomas Brenn of leaking the budget report.",
    source="Ada Quill",
    kind="attribution",
)


def test_a_first_person_denial_in_quotes_contradicts_the_accusation_in_its_article():
    denial = _said(
        "a:2",
        'Tomas Brenn said: "I never leaked the budget report to anyone."',
        source="Tomas Brenn",
        quote="I never leaked the budget report to anyone.",
    )
    decision = type_relation(ACCUSATION, denial, similarity=0.6)
    assert (decision.relation, decision.other_is_subject) == ("contradicts", True)
    assert decision.reasons["within_article"] is True
    assert "denial" in decision.reasons


def test_the_accused_answering_in_the_first_person_contradicts_the_accusation():
    answer = _said(
        "a:3",
        'Tomas Brenn said: "Ada Quill wants to smear me before the vote."',
        source="Tomas Brenn",
        quote="Ada Quill wants to smear me before the vote.",
    )
    decision = type_relation(ACCUSATION, answer, similarity=0.55)
    assert (decision.relation, decision.other_is_subject) == ("contradicts", True)
    assert decision.reasons["accusation"] == ACCUSATION.statement
    # Someone else speaking, or the accused saying something unrelated, is no answer.
    bystander = _said(
        "a:4",
        'Lena Ostrow said: "Ada Quill wants to smear me before the vote."',
        source="Lena Ostrow",
    )
    assert type_relation(ACCUSATION, bystander, similarity=0.55).relation is None
    aside = _said("a:5", "Tomas Brenn said the council meets on Thursdays.", source="Tomas Brenn")
    assert type_relation(ACCUSATION, aside, similarity=0.55).relation is None


def test_within_an_article_a_denial_must_name_what_the_other_claim_says():
    testimony = _said(
        "a:6",
        "The treasurer told the court he met the director every week to discuss payments.",
        source="the outlet",
    )
    denial = _said(
        "a:7",
        "The director denied that the treasurer met him every week to discuss payments.",
        source="the outlet",
    )
    assert type_relation(testimony, denial, similarity=0.55).relation == "contradicts"
    unrelated = _said(
        "a:8", "The director denied charges of bribery and fraud.", source="the outlet"
    )
    assert type_relation(testimony, unrelated, similarity=0.55).relation is None
    # A speaker does not deny what the same speaker says.
    own = _said("a:9", "The director said he never signed the contract.", source="Ivo Marsh")
    own_claim = _said("a:10", "The director signed the lease in May.", source="Ivo Marsh")
    assert type_relation(own_claim, own, similarity=0.7).relation is None


def test_a_capitalised_not_in_a_name_is_no_denial():
    campaign = _claim("a:1", "The Kindness, Not Cruelty campaign began in May.")
    started = _claim("b:1", "The kindness campaign began in May with posters.")
    assert type_relation(campaign, started, similarity=0.8).relation != "contradicts"


def test_last_weekday_is_the_one_before_the_publication_day():
    saturday = datetime.date(2025, 3, 8)
    assert claim_date("Last Saturday 300 people marched.", published=saturday) == (
        datetime.date(2025, 3, 1)
    )
    assert claim_date("On Saturday 300 people marched.", published=saturday) == saturday
    assert claim_date("Last Thursday 300 people marched.", published=saturday) == (
        datetime.date(2025, 3, 6)
    )


def test_denial_of_reads_how_a_claim_denies():
    from claims.linking.relations import denial_of

    def how(statement, quote=""):
        found = denial_of(_said("z:1", statement, source="", quote=quote))
        return found and found.how

    assert how("The firm denied that its staff met the buyers.") == "denial"
    assert how("There is no evidence that the scheme broke the law, the firm said.") == "denial"
    assert how('She said: "This is cynical and false."') == "rejection"
    assert how("He said he never saw the letter.", quote="I never saw the letter.") == (
        "first person"
    )
    assert how('She said: "She never warned me about the cuts."') == "first person"
    assert how('He said: "I will not resign."') == "negation"
    assert how("The Peace, Not Profit march began at noon.") is None
    assert how("The march began at noon.") is None
