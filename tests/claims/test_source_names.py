"""Who asserts a claim, as one cross-article name (issue 10, item 5)."""

import pytest

from claims.source_names import source_display_name, source_key


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Interior Minister Jane Doe", "Jane Doe"),
        ("Mr. Doe's", "Doe"),
        ("Dr Jane Doe", "Jane Doe"),
        ("Special Envoy for Ruritania, Jan Kowal", "Jan Kowal"),
        ("Jan Kowal, head of the monitoring group", "Jan Kowal"),
        ("Prime Minister Jan Kowal", "Jan Kowal"),
        ("the Minister of the Interior, Jan Kowal", "Jan Kowal"),
        ("Ruritania's Foreign Minister", "Ruritania's Foreign Minister"),  # no name to keep
        ("state media", "state media"),
        ("One rebel fighter", "One rebel fighter"),
    ],
)
def test_source_display_name_strips_titles_and_roles_before_a_name(raw, name):
    assert source_display_name(raw) == name


def test_source_key_is_one_for_every_spelling_of_a_person():
    spellings = ["Interior Minister Jane Doe", "Jane Doe", "JANE DOE", "Jane  Doe's"]
    assert {source_key(s) for s in spellings} == {"jane doe"}
    assert source_key("Dr. José Ramírez") == source_key("Jose Ramirez")
    assert source_key("the Ruritanian Observatory") == source_key("Ruritanian Observatory")


@pytest.mark.parametrize("pronoun", ["he", "She", "they", "it", ""])
def test_source_key_is_empty_for_a_pronoun(pronoun):
    assert source_key(pronoun) == ""
