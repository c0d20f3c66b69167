from claims.linking.reasons import describe_reasons


def test_describe_reasons_puts_the_differing_figure_and_denial_first():
    lines = describe_reasons(
        {
            "similarity": 0.81,
            "lexical": 0.5,
            "shared_entities": ["Valdora"],
            "figures": {"measure": "deaths (people)", "this": "41", "other": "58"},
            "denial": "Officials denied it.",
        }
    )
    assert lines[0] == "different figure for deaths (people): 41 vs 58"
    assert lines[1] == "denial: “Officials denied it.”"
    assert "names in common: Valdora" in lines
    assert lines[-1] == "similarity 0.81, word overlap 0.50"


def test_describe_reasons_of_nothing_is_empty():
    assert describe_reasons({}) == [] and describe_reasons(None) == []


def test_describe_reasons_names_the_accusation_answered_and_the_denied_words():
    lines = describe_reasons(
        {
            "denial": "I never leaked it.",
            "accusation": "The mayor accused him of leaking it.",
            "denied_words": ["leaked", "report"],
        }
    )
    assert lines == [
        "denial: “I never leaked it.”",
        "answers the accusation: “The mayor accused him of leaking it.”",
        "denies what the other says: leaked, report",
    ]
