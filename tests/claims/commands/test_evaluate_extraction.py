import json

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import REPO_ROOT


def _gold(tmp_path, claims: list[dict]) -> str:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"articles": {"001_54cd29a1fc821916": {"claims": claims}}}))
    return str(path)


@pytest.mark.django_db
def test_evaluate_extraction_scores_against_gold(nlp, tmp_path, capsys):
    gold = _gold(
        tmp_path,
        [
            {
                "quote": "Khanaser sits on one of the roads that lead to Aleppo.",
                "kind": "background",
            },
            {"quote": "Unicorns grazed peacefully in the main square.", "kind": "event"},
        ],
    )

    call_command("evaluate_extraction", "--gold", gold, "--texts", str(REPO_ROOT / "seeds"))

    out = capsys.readouterr().out
    assert "recall 0.500" in out
    assert "recall background   1.000" in out
    assert "recall event        0.000" in out


@pytest.mark.django_db
def test_evaluate_extraction_names_a_gold_article_without_text(nlp, tmp_path):
    gold = _gold(tmp_path, [{"quote": "Anything.", "kind": "event"}])

    with pytest.raises(CommandError, match="No text for gold article 001_54cd29a1fc821916"):
        call_command("evaluate_extraction", "--gold", gold, "--texts", str(tmp_path))


@pytest.mark.django_db
def test_evaluate_extraction_reports_each_gold_set_and_pooled(nlp, tmp_path, capsys):
    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    quote = "Khanaser sits on one of the roads that lead to Aleppo."
    for path, claims in [(first, [{"quote": quote, "kind": "background"}]), (second, [])]:
        path.write_text(json.dumps({"articles": {"001_54cd29a1fc821916": {"claims": claims}}}))

    call_command(
        "evaluate_extraction",
        "--gold",
        str(first),
        "--gold",
        str(second),
        "--texts",
        str(REPO_ROOT / "seeds"),
        "--table",
    )

    rows = capsys.readouterr().out.splitlines()
    assert [row.split(" | ")[:2] for row in rows] == [
        [f"| extraction: {name}", measure]
        for name in ("a", "b", "pooled")
        for measure in ("claim F1", "source agreement")
    ]
    assert rows[0].split(" | ")[4] == "1.000"  # recall of set a
