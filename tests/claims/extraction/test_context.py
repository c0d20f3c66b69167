import datetime

from claims.extraction import StatementContext, extract_claims
from claims.extraction.context import names_a_day, relative_date

SATURDAY = datetime.date(2018, 11, 24)


def test_relative_date_counts_back_from_the_published_date():
    assert relative_date("on Saturday", SATURDAY) == "24 November 2018"
    assert relative_date("last Saturday", SATURDAY) == "17 November 2018"
    assert relative_date("on Thursday", SATURDAY) == "22 November 2018"
    assert relative_date("yesterday", SATURDAY) == "23 November 2018"
    assert relative_date("last year", SATURDAY) == "2017"
    assert relative_date("last week", SATURDAY) == "week of 12 November 2018"


def test_statement_dates_relative_days_from_the_article(nlp):
    text = "Police arrested 130 people in the protests on Thursday."
    dated = extract_claims(text, nlp=nlp, context=StatementContext(published=SATURDAY))
    undated = extract_claims(text, nlp=nlp)
    assert "Thursday (22 November 2018)" in dated[0].statement
    assert "(" not in undated[0].statement


def test_statement_names_the_dateline_city(nlp):
    text = "Police said 130 people were detained in the city after the clashes."
    claims = extract_claims(text, nlp=nlp, context=StatementContext(dateline="LYON"))
    assert "the city (Lyon)" in claims[0].statement


def test_a_day_takes_on_and_a_year_or_an_event_takes_in():
    assert names_a_day("Tuesday") and names_a_day("3 December") and names_a_day("March 4")
    assert not names_a_day("2011")
    assert not names_a_day("the 1982 massacre")
    assert not names_a_day("last year")


def test_the_company_is_the_one_the_story_is_about_not_the_last_named(nlp):
    text = (
        "Microsoft said its sales rose. Microsoft hired 500 engineers in March. Analysts at "
        "Goldman Sachs said the results were strong. The company paid $3bn in taxes in 2023."
    )
    claims = extract_claims(text, nlp=nlp, detector="rules")
    assert any("The company (Microsoft) paid" in claim.statement for claim in claims)
