import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import SEEDS_DIR


def _rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_extract_text_prints_claims_of_files_without_saving(nlp, capsys, django_db_blocker):
    path = SEEDS_DIR / "002_85b440c575b671d9.txt"

    with django_db_blocker.block():  # proves nothing touches the database
        call_command("extract_text", str(path))

    rows = _rows(capsys.readouterr().out)
    assert rows and {row["document"] for row in rows} == {path.name}
    expected = {
        "start",
        "end",
        "quote",
        "statement",
        "kind",
        "source",
        "entities",
        "quantities",
        "score",
        "status",
        "links",
    }
    assert all(expected <= row.keys() for row in rows)
    assert not any("โ€" in row["quote"] for row in rows)  # the body was repaired first
    assert any(row["quantities"] for row in rows)


def test_extract_text_reads_one_document_per_line(nlp, monkeypatch, capsys):
    lines = (
        "q1\tRebels captured the town of Soran on Tuesday, a war monitor said.\n"
        "q2\tThe ministry said 40 people were killed in the strike.\n"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))

    call_command("extract_text", "--lines")

    rows = _rows(capsys.readouterr().out)
    assert {row["document"] for row in rows} == {"q1", "q2"}
    killed = next(row for row in rows if row["document"] == "q2")
    assert killed["quantities"][0]["value"] == 40


def test_extract_text_refuses_lines_without_an_id(nlp, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("no tab here\n"))

    with pytest.raises(CommandError, match="ID<TAB>TEXT"):
        call_command("extract_text", "--lines")
