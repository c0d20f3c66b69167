import json

import pytest
from django.core.management import call_command

from tests.conftest import REPO_ROOT


@pytest.mark.django_db
def test_evaluate_linking_reports_map_and_relations(nlp, embedder, tmp_path, capsys):
    gold = {
        "articles": {
            "000_672af24a4f09a138": {
                "claims": [
                    {
                        "quote": "Khanaser is strategically located on a road leading to Aleppo.",
                        "kind": "background",
                        "cluster": "K1",
                    },
                ]
            },
            "001_54cd29a1fc821916": {
                "claims": [
                    {
                        "quote": "Khanaser sits on one of the roads that lead to Aleppo.",
                        "kind": "background",
                        "cluster": "K1",
                    },
                ]
            },
        },
        "relations": [{"a": "K1", "b": "K1", "type": "contradicts"}],
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold))

    call_command(
        "evaluate_linking", "--gold", str(path), "--texts", str(REPO_ROOT / "seeds"), "--json"
    )

    report = json.loads(capsys.readouterr().out)
    assert report["queries"] == 2  # each article's Khanaser claim asks for the other's
    assert report["map@5"] == pytest.approx(1.0)
    assert (report["relations_correct"], report["relations"]) == (0, 1)
