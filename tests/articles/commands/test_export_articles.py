import json

import pytest
from django.core.management import call_command

from tests.conftest import SEEDS_DIR


@pytest.mark.django_db
def test_export_articles_writes_one_json_line_per_article(tmp_path):
    call_command("import_articles", str(SEEDS_DIR), "--no-progress")
    output = tmp_path / "articles.jsonl"

    call_command("export_articles", "--output", str(output))

    rows = {row["article"]: row for row in map(json.loads, output.read_text().splitlines())}
    assert len(rows) == 5
    required = {
        "article",
        "title",
        "published_at",
        "section",
        "dateline",
        "outlet",
        "body",
        "sha256",
        "near_duplicate_of",
        "near_duplicate_score",
        "status",
    }
    assert all(required <= row.keys() for row in rows.values())
    dated = rows["001_54cd29a1fc821916"]
    assert (dated["published_at"], dated["section"]) == ("2024-12-03", "World")
    assert rows["000_672af24a4f09a138"]["near_duplicate_of"] == "001_54cd29a1fc821916"
    assert rows["001_54cd29a1fc821916"]["near_duplicate_of"] is None
    assert rows["002_85b440c575b671d9"]["body"].endswith("aligned with the Syrian president.")
