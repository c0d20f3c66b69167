import datetime

from claims.linking import ClaimForLinking, LinkQuantity, type_relation
from claims.linking.measures import comparable, differs, figures_of


def _q(value, unit="", text="", **kwargs):
    return LinkQuantity(value=value, unit=unit, text=text, **kwargs)


def _claim(claim_id, statement, quantities=(), *, entities=(), kind="quantity", published=None):
    return ClaimForLinking(
        id=claim_id,
        article_key=claim_id.split(":")[0],
        statement=statement,
        kind=kind,
        quantities=tuple(quantities),
        entities=tuple(entities),
        published=published,
    )


def test_figures_of_reads_the_measure_from_the_predicate_and_the_noun():
    statement = "The storm left four dead and 130 injured in the coastal towns."
    deaths, injuries = figures_of(statement, (_q(4, text="four"), _q(130, text="130")))
    assert (deaths.event, deaths.counted) == ("deaths", "people")
    assert (injuries.event, injuries.counted) == ("injuries", "people")
    assert not comparable(deaths, injuries)


def test_figures_of_groups_synonyms_and_normalises_units():
    (marchers,) = figures_of(
        "About 900 demonstrators rallied downtown.",
        (_q(900, "demonstrators", "About 900 demonstrators", approximate=True),),
    )
    (protesters,) = figures_of(
        "Around 1,500 protesters took part.",
        (_q(1500, "protesters", "Around 1,500 protesters", approximate=True),),
    )
    assert comparable(marchers, protesters) and differs(marchers, protesters)
    (miles,) = figures_of("The camp is 6 miles from the border.", (_q(6, "miles", "6 miles"),))
    assert miles.counted == "km" and round(miles.value, 1) == 9.7


def test_homes_and_buildings_are_different_scopes():
    (homes,) = figures_of("The fire destroyed 400 homes.", (_q(400, "homes", "400 homes"),))
    (buildings,) = figures_of(
        "The fire destroyed 650 buildings.", (_q(650, "buildings", "650 buildings"),)
    )
    assert not comparable(homes, buildings)


def test_hedged_and_vague_figures_agree_within_their_range():
    (about,) = figures_of(
        "About 10 km from the town.", (_q(10, "km", "About 10 km", approximate=True),)
    )
    (nearly,) = figures_of(
        "Nearly 10.5 km from the town.", (_q(10.5, "km", "Nearly 10.5 km", approximate=True),)
    )
    assert not differs(about, nearly)
    (tens,) = figures_of(
        "Tens of thousands fled their homes.",
        (_q(10000, "", "tens of thousands", approximate=True, low=10000),),
    )
    (exact,) = figures_of(
        "48,000 people fled their homes.", (_q(48000, "people", "48,000 people"),)
    )
    assert comparable(tens, exact) and not differs(tens, exact)


def test_a_larger_undated_tally_updates_the_smaller_one():
    early = _claim(
        "a:1",
        "At least 41 people were killed when the dam burst.",
        [_q(41, "people", "At least 41 people", low=41)],
        entities=("Valdora",),
    )
    later = _claim(
        "b:1",
        "At least 58 people were killed in the dam disaster in Valdora.",
        [_q(58, "people", "At least 58 people", low=58)],
        entities=("Valdora",),
    )
    decision = type_relation(early, later, similarity=0.7)
    assert (decision.relation, decision.other_is_subject) == ("updates", True)
    assert decision.reasons["figures"] == {
        "measure": "deaths (people)",
        "this": "At least 41 people",
        "other": "At least 58 people",
    }


def test_a_different_figure_for_another_measure_is_no_update():
    killed = _claim("a:1", "Twelve people died in the crash.", [_q(12, "people", "Twelve people")])
    hurt = _claim(
        "b:1", "Forty people were injured in the crash.", [_q(40, "people", "Forty people")]
    )
    assert type_relation(killed, hurt, similarity=0.8).relation not in {"updates", "contradicts"}


def test_different_figures_on_different_days_update_by_date():
    monday = datetime.date(2025, 3, 3)
    first = _claim(
        "a:1",
        "Police arrested 15 people.",
        [_q(15, "people", "15 people")],
        published=monday + datetime.timedelta(days=1),
    )
    second = _claim(
        "b:1", "Police arrested 9 people.", [_q(9, "people", "9 people")], published=monday
    )
    decision = type_relation(first, second, similarity=0.9)
    assert (decision.relation, decision.other_is_subject) == ("updates", False)


def test_a_rejected_accusation_contradicts_it():
    accusation = _claim(
        "a:1",
        "The minister accused the mayor of hiding the audit report.",
        kind="attribution",
        entities=("mayor",),
    )
    rejection = _claim(
        "b:1",
        "The mayor rejected the accusation of hiding the audit report.",
        kind="attribution",
        entities=("mayor",),
    )
    decision = type_relation(accusation, rejection, similarity=0.5)
    assert decision.relation == "contradicts"
    assert decision.reasons["denial"] == rejection.statement


def test_claims_naming_nothing_in_common_are_about_another_event():
    one = _claim(
        "a:1", "A fire in Marlow destroyed the old mill.", kind="event", entities=("Marlow",)
    )
    two = _claim(
        "b:1", "A fire in Tessby destroyed a warehouse.", kind="event", entities=("Tessby",)
    )
    assert type_relation(one, two, similarity=0.7).relation is None
    assert type_relation(one, two, similarity=0.9).relation is not None


def test_within_one_article_only_a_conflict_is_a_link():
    one = _claim("a:1", "The bridge reopened on Monday.", kind="event")
    two = _claim("a:2", "The bridge reopened to traffic on Monday morning.", kind="event")
    assert type_relation(one, two, similarity=0.9).relation is None
    denial = _claim("a:3", "Officials denied that the bridge reopened.", kind="denial")
    assert type_relation(one, denial, similarity=0.7).relation == "contradicts"


def test_an_area_wide_total_and_one_place_s_count_are_different_scopes():
    (nationwide,) = figures_of(
        "More than 90,000 demonstrators marched across Veldland, organisers said.",
        (_q(90000, "demonstrators", "More than 90,000 demonstrators", low=90000),),
    )
    (square,) = figures_of(
        "About 6,000 demonstrators gathered on the Harbour Square.",
        (_q(6000, "demonstrators", "About 6,000 demonstrators", approximate=True),),
    )
    (later,) = figures_of(
        "By evening more than 120,000 demonstrators were marching nationwide.",
        (_q(120000, "demonstrators", "more than 120,000 demonstrators", low=120000),),
    )
    assert not comparable(nationwide, square)
    assert comparable(nationwide, later) and differs(nationwide, later)


def test_a_group_s_count_below_a_total_is_a_part_of_it():
    (total,) = figures_of(
        "At least 58 people were killed.", (_q(58, "people", "At least 58 people", low=58),)
    )
    (children,) = figures_of("Nine children were killed.", (_q(9, "children", "Nine children"),))
    (more_children,) = figures_of(
        "Sixty children were killed.", (_q(60, "children", "Sixty children"),)
    )
    assert not comparable(total, children)
    assert comparable(total, more_children)


def test_a_later_higher_toll_updates_the_earlier_and_the_same_day_contradicts():
    friday, saturday = datetime.date(2025, 3, 7), datetime.date(2025, 3, 8)
    early = _claim(
        "a:1",
        "At least 41 people were killed in the dam burst in Valdora.",
        [_q(41, "people", "At least 41 people", low=41)],
        entities=("Valdora",),
        published=friday,
    )
    later = _claim(
        "b:1",
        "The death toll in Valdora rose to 58 people.",
        [_q(58, "people", "58 people")],
        entities=("Valdora",),
        published=saturday,
    )
    decision = type_relation(later, early, similarity=0.7)
    assert (decision.relation, decision.other_is_subject) == ("updates", False)
    assert decision.reasons["dates"] == {"this": "2025-03-08", "other": "2025-03-07"}
    # Two sources in one report, or two reports stating the same day: one moment.
    police = _claim(
        "c:1",
        "Police said 120 people were arrested in Valdora.",
        [_q(120, "people", "120 people")],
        entities=("Valdora",),
        published=saturday,
    )
    organisers = _claim(
        "c:2",
        "Organisers said 45 people were arrested in Valdora.",
        [_q(45, "people", "45 people")],
        entities=("Valdora",),
        published=saturday,
    )
    assert type_relation(police, organisers, similarity=0.8).relation == "contradicts"
    dated = _claim(
        "d:1",
        "On Saturday 45 people were arrested in Valdora.",
        [_q(45, "people", "45 people")],
        entities=("Valdora",),
        published=saturday,
    )
    also_dated = _claim(
        "e:1",
        "On Saturday 120 people were arrested in Valdora.",
        [_q(120, "people", "120 people")],
        entities=("Valdora",),
        published=saturday,
    )
    assert type_relation(dated, also_dated, similarity=0.8).relation == "contradicts"


def test_a_figure_a_tally_rises_to_counts_what_the_tally_counts():
    statement = "The death toll from the blast has risen to 15 after three of the injured died."
    (toll,) = figures_of(statement, (_q(15, text="15"),))
    assert (toll.event, toll.counted) == ("deaths", "people")
    (arrests,) = figures_of(
        "The number of people detained rose to at least 130.",
        (_q(130, text="at least 130", low=130),),
    )
    assert arrests.event == "arrests"
    # A total of something else is no tally of people.
    assert figures_of("The total cost rose to 15.", (_q(15, text="15"),)) == []


def test_a_toll_that_rose_updates_the_workers_killed_the_day_before():
    early = _claim(
        "a:1",
        "An explosion at the Varn plant killed at least 12 workers on Tuesday morning.",
        [_q(12, "workers", "at least 12 workers", low=12)],
        entities=("Varn",),
        published=datetime.date(2021, 3, 9),
    )
    later = _claim(
        "b:1",
        "The death toll from Tuesday's explosion at the Varn plant has risen to 15.",
        [_q(15, text="15")],
        entities=("Varn",),
        published=datetime.date(2021, 3, 10),
    )
    (workers,) = figures_of(early.text, early.quantities)
    assert workers.scope == ""  # "on Tuesday" is a day, not a place
    decision = type_relation(later, early, similarity=0.76)
    assert (decision.relation, decision.other_is_subject) == ("updates", False)


def test_people_in_hospital_and_a_share_of_the_injured_count_injuries():
    (taken,) = figures_of(
        "Twelve of the injured were taken to hospital.", (_q(12, text="Twelve"),)
    )
    (treated,) = figures_of(
        "Sixteen people are now being treated in hospital.",
        (_q(16, "people", "Sixteen people"),),
    )
    assert (taken.event, taken.counted) == ("injuries", "people")
    assert treated.event == "injuries"
    assert comparable(taken, treated) and differs(taken, treated)
    (admitted,) = figures_of(
        "Eight people were hospitalised overnight.", (_q(8, "people", "Eight people"),)
    )
    assert admitted.event == "injuries"


def test_a_hospital_itself_counts_no_injuries():
    (beds,) = figures_of(
        "The hospital has 200 beds and 40 doctors.", (_q(200, "beds", "200 beds"),)
    )
    (staff,) = figures_of(
        "Some 300 people work at the hospital.", (_q(300, "people", "300 people"),)
    )
    assert beds.event == "" and staff.event == ""
    # Working in a hospital is no stay in it; being treated there still is.
    (nurses,) = figures_of(
        "About 120 nurses work in the hospital.", (_q(120, "nurses", "120 nurses"),)
    )
    (employed,) = figures_of(
        "Nearly 900 people are employed in the hospital.",
        (_q(900, "people", "900 people"),),
    )
    assert nurses.event == "" and employed.event == ""
    # A worker taken to hospital is hurt: "workers" is no word of working there.
    (workers,) = figures_of(
        "Rescuers took 12 workers to hospital.", (_q(12, "workers", "12 workers"),)
    )
    assert workers.event == "injuries"


def test_a_share_of_a_group_counts_what_its_own_predicate_says():
    (died,) = figures_of("Three of the injured died overnight.", (_q(3, text="Three"),))
    assert died.event == "deaths"
    # Without a predicate of its own, the group it is taken from says what it counts.
    (dead,) = figures_of("Three of the dead were children.", (_q(3, text="Three"),))
    assert dead.event == "deaths"


def test_a_distance_compares_only_with_a_distance_from_the_same_place():
    (near,) = figures_of(
        "The rebels are about 10 kilometres (six miles) from Ravik.",
        (_q(10, "kilometres", "about 10 kilometres", approximate=True),),
    )
    (far,) = figures_of("The rebels were 25 km from the port of Ravik.", (_q(25, "km", "25 km"),))
    (other_town,) = figures_of("The rebels are 4 km outside Tamsk.", (_q(4, "km", "4 km"),))
    (height,) = figures_of(
        "Waves of up to five metres hit the coast.", (_q(5, "metres", "up to five metres"),)
    )
    assert (near.place, far.place, other_town.place, height.place) == (
        "ravik",
        "ravik",
        "tamsk",
        "",
    )
    assert comparable(near, far) and differs(near, far)
    assert not comparable(near, other_town)
    assert not comparable(far, height)  # a wave's height is no distance from a place
