import json

import pytest
from django.core.management import call_command


def _task(folder):
    claims = [
        {"vclaim_id": "v1", "vclaim": "The moon landing was staged in a studio.", "title": ""},
        {"vclaim_id": "v2", "vclaim": "Drinking bleach cures the flu.", "title": ""},
        {
            "vclaim_id": "v3",
            "vclaim": "A shark was seen swimming on a flooded highway.",
            "title": "",
        },
    ]
    (folder / "verified_claims.jsonl").write_text("\n".join(json.dumps(c) for c in claims))
    (folder / "dev.queries.tsv").write_text(
        "q1\tThey faked the moon landing in a film studio\nq2\tbleach will cure your flu\n"
    )
    (folder / "dev.qrels").write_text("q1 0 v1 1\nq2 0 v2 1\n")


@pytest.mark.django_db
def test_evaluate_matching_table_prints_the_map_row(embedder, tmp_path, capsys):
    _task(tmp_path)

    call_command(
        "evaluate_matching",
        *(
            "--data",
            str(tmp_path),
            "--split",
            "dev",
            "--queries",
            str(tmp_path / "dev.queries.tsv"),
        ),
        *("--no-cache", "--table"),
    )

    (row,) = capsys.readouterr().out.splitlines()
    cells = [cell.strip() for cell in row.split("|")[1:-1]]
    assert cells[:2] == [f"{tmp_path.name} dev", "matching MAP@5"]
    assert float(cells[2]) == pytest.approx(1.0)
    assert cells[5] == "2 queries, 3 claims"
