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

    report = json.loads(capsys.readouterr().out)[str(path)]
    assert report["queries"] == 2  # each article's Khanaser claim asks for the other's
    assert report["map@5"] == pytest.approx(1.0)
    assert (report["relations_correct"], report["relations"]) == (0, 1)


@pytest.mark.django_db
def test_evaluate_linking_pools_several_gold_files_and_leaves_out_articles(
    nlp, embedder, tmp_path, capsys
):
    claim = {"quote": "Khanaser is strategically located on a road leading to Aleppo."}
    other = {"quote": "Khanaser sits on one of the roads that lead to Aleppo."}
    first = {
        "articles": {
            "000_672af24a4f09a138": {"claims": [{**claim, "kind": "background", "cluster": "K1"}]},
            "001_54cd29a1fc821916": {"claims": [{**other, "kind": "background", "cluster": "K1"}]},
        }
    }
    second = {"articles": {"001_54cd29a1fc821916": first["articles"]["001_54cd29a1fc821916"]}}
    paths = []
    for number, gold in enumerate((first, second)):
        paths.append(tmp_path / f"gold{number}.json")
        paths[-1].write_text(json.dumps(gold))
    seeds = str(REPO_ROOT / "seeds")

    call_command(
        "evaluate_linking",
        *("--gold", str(paths[0]), "--gold", str(paths[1])),
        *("--texts", seeds, "--exclude", "000_*", "--json"),
    )

    reports = json.loads(capsys.readouterr().out)
    assert set(reports) == {str(paths[0]), str(paths[1]), "pooled"}
    # With article 000 left out, no cluster spans two articles: nothing to rank for.
    assert reports["pooled"]["queries"] == 0
    assert reports["pooled"]["claims"] > 0
    assert {"link_precision", "suggestions_per_claim", "conflicts_found"} <= set(reports["pooled"])


@pytest.mark.django_db
def test_evaluate_linking_table_prints_one_row_per_measure(nlp, embedder, tmp_path, capsys):
    claim = {"quote": "Khanaser is strategically located on a road leading to Aleppo."}
    other = {"quote": "Khanaser sits on one of the roads that lead to Aleppo."}
    gold = {
        "articles": {
            "000_672af24a4f09a138": {"claims": [{**claim, "kind": "background", "cluster": "K1"}]},
            "001_54cd29a1fc821916": {"claims": [{**other, "kind": "background", "cluster": "K1"}]},
        }
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold))

    call_command(
        "evaluate_linking",
        *("--gold", str(path), "--texts", str(REPO_ROOT / "seeds")),
        *("--table", "--name", "held out:"),
    )

    rows = [line.split("|")[1:-1] for line in capsys.readouterr().out.splitlines()]
    measures = [cells[1].strip() for cells in rows]
    assert measures == [
        "links MAP@5",
        "links recall@5",
        "link precision",
        "typed precision",
        "suggestions per claim",
        "conflicts found",
    ]
    assert {cells[0].strip() for cells in rows} == {f"held out: {tmp_path.name}/gold"}
    assert float(rows[0][2]) == pytest.approx(1.0)
