import json

import pytest

from claims.evaluation.extraction import load_gold, quote_words, score_extraction


def _gold(*quotes, kind="event"):
    return [{"quote": q, "kind": kind} for q in quotes]


def _pred(*quotes):
    return [{"quote": q} for q in quotes]


def test_words_are_repaired_lowercased_alphanumeric_runs():
    assert quote_words("Syriaโ€™s 4th-largest City!") == ["syria", "s", "4th", "largest", "city"]


def test_sixty_percent_coverage_boundary():
    gold = {"a": _gold("one two three four five")}
    at_boundary = score_extraction(gold, {"a": _pred("one two three")})
    assert at_boundary.recall == 1.0 and at_boundary.precision == 1.0
    below = score_extraction(gold, {"a": _pred("one two six seven eight nine")})
    assert below.recall == 0.0
    assert below.precision == 0.0  # 2/5 of the gold and 2/6 of its own words


def test_predicted_correct_when_half_its_words_are_in_gold():
    gold = {"a": _gold("one two three four five six seven eight nine ten")}
    report = score_extraction(gold, {"a": _pred("one two three x")})
    assert report.recall == 0.0  # covers only 30% of the gold
    assert report.precision == 1.0  # but 3 of its 4 words are the gold's


def test_three_times_length_limit():
    gold = {"a": _gold("alpha beta")}
    six = score_extraction(gold, {"a": _pred("alpha beta c d e f")})
    seven = score_extraction(gold, {"a": _pred("alpha beta c d e f g")})
    assert six.recall == 1.0
    assert seven.recall == 0.0
    assert seven.precision == 1.0  # it still covers the gold claim entirely


def test_pairing_is_one_to_one_best_overlap_first():
    gold = {"a": _gold("the army took the town", "the rebels took the hill")}
    report = score_extraction(
        gold, {"a": _pred("the army took the town and the rebels took the hill")}
    )
    assert report.found_count == 1
    assert report.precision == 1.0
    assert report.recall == 0.5
    assert len(report.missed) == 1

    two = score_extraction(
        gold, {"a": _pred("the rebels took the hill", "the army took the town")}
    )
    assert two.recall == 1.0 and two.precision == 1.0


def test_recall_by_kind_and_articles_on_one_side():
    gold = {
        "a": _gold("x y z", kind="quantity") + _gold("p q r", kind="event"),
        "b": _gold("m n o"),
    }
    report = score_extraction(gold, {"a": _pred("x y z"), "c": _pred("unrelated words")})
    assert report.recall_by_kind == {"event": 0.0, "quantity": 1.0}
    assert report.recall == pytest.approx(1 / 3)
    assert report.precision == pytest.approx(1 / 2)
    assert report.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_load_gold(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"spec": "", "articles": {"000": {"claims": _gold("a b")}}}))
    assert load_gold(path) == {"000": _gold("a b")}


def test_source_agreement_counts_found_claims_naming_the_gold_source():
    from claims.evaluation.extraction import same_source

    gold = {
        "a": [
            {
                "quote": "Prices rose 9 percent in 2012.",
                "kind": "quantity",
                "source": "Jo Bell, mayor",
            },
            {"quote": "The bridge closed in May.", "kind": "event", "source": "the outlet"},
            {"quote": "Nobody was hurt.", "kind": "event", "source": "police"},
        ]
    }
    predicted = {
        "a": [
            {"quote": "Prices rose 9 percent in 2012.", "source": "Jo Bell"},
            {"quote": "The bridge closed in May.", "source": "Mr Bell"},
        ]
    }
    report = score_extraction(gold, predicted)
    assert (report.sources_compared, report.sources_agreed) == (2, 1)
    assert same_source("SANA (state media)", "sana")
    assert same_source("the president's office", "The president’s office")
    assert not same_source("Jo Bell, mayor", "mayor")
