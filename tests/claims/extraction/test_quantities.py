import pytest

from claims.extraction.quantities import find_quantities, parse_number


def _one(nlp, text):
    quantities = find_quantities(nlp(text))
    assert len(quantities) == 1, quantities
    return quantities[0]


@pytest.mark.parametrize(
    ("text", "quote", "value", "unit", "approximate", "low", "high"),
    [
        (
            "It caused an estimated half-million deaths.",
            "an estimated half-million deaths",
            500000,
            "deaths",
            True,
            None,
            None,
        ),
        (
            "The floods led to hundreds of deaths.",
            "hundreds of deaths",
            100,
            "deaths",
            True,
            100,
            None,
        ),
        (
            "The war displaced tens of thousands.",
            "tens of thousands",
            10000,
            "",
            True,
            10000,
            None,
        ),
        (
            "It displaced nearly 50,000 people.",
            "nearly 50,000 people",
            50000,
            "people",
            True,
            None,
            50000,
        ),
        (
            "Rebels are about 10 kilometres (six miles) from Hama.",
            "about 10 kilometres (six miles)",
            10,
            "km",
            True,
            None,
            None,
        ),
        (
            "It hosts more than three million Syrian refugees.",
            "more than three million Syrian refugees",
            3e6,
            "refugees",
            False,
            3e6,
            None,
        ),
        (
            "Gunmen killed 50 government forces.",
            "50 government forces",
            50,
            "government forces",
            False,
            None,
            None,
        ),
        ("They captured seven villages.", "seven villages", 7, "villages", False, None, None),
        (
            "The blast killed at least 12 workers.",
            "at least 12 workers",
            12,
            "workers",
            False,
            12,
            None,
        ),
        ("At most 40 people were hurt.", "At most 40 people", 40, "people", False, None, 40),
        # The noun after the comma is who said it, not what is counted.
        ("The toll has risen to 15, prosecutors said.", "15", 15, "", False, None, None),
        (
            "Troops retreated 20 kilometers (12 miles) from the city.",
            "20 kilometers (12 miles)",
            20,
            "km",
            False,
            None,
            None,
        ),
    ],
)
def test_quantity_values_units_and_bounds(nlp, text, quote, value, unit, approximate, low, high):
    quantity = _one(nlp, text)
    assert quantity.text == quote
    assert text[quantity.start : quantity.end] == quote
    assert quantity.value == value
    assert quantity.unit == unit
    assert quantity.approximate is approximate
    assert (quantity.low, quantity.high) == (low, high)


def test_duration_in_a_date_counts_but_a_year_does_not(nlp):
    quantities = find_quantities(nlp("The war has gone on for the past 13 years, since 2011."))
    assert [(q.value, q.unit) for q in quantities] == [(13, "years")]


def test_parse_number_words():
    assert parse_number(["half", "a", "million"]) == (500000, False)
    assert parse_number(["3", "million"]) == (3e6, False)
    assert parse_number(["tens", "of", "thousands"]) == (10000, True)
    assert parse_number(["twenty"]) == (20, False)
