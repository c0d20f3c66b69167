import json

import pytest
from django.core.management import call_command

from claims.services.extraction import article_extract_claims


@pytest.mark.django_db
def test_export_claims_writes_one_line_per_claim(seed_article, tmp_path):
    article_extract_claims(article_id=seed_article.pk)
    output = tmp_path / "claims.jsonl"

    call_command("export_claims", "--output", str(output))

    rows = [json.loads(line) for line in output.read_text().splitlines()]
    assert len(rows) == seed_article.claims.count()
    for row in rows:
        assert row["article"] == "001_54cd29a1fc821916"
        assert seed_article.body[row["start"] : row["end"]] == row["quote"]
        assert row["status"] == "suggested" and row["links"] == []
        assert isinstance(row["claim_id"], int)


@pytest.mark.django_db
def test_export_claims_writes_each_links_reasons(tmp_path):
    from tests.claims.factories import ClaimLinkFactory

    link = ClaimLinkFactory(reasons={"similarity": 0.9, "denial": "They denied it."})
    output = tmp_path / "claims.jsonl"

    call_command("export_claims", "--output", str(output))

    rows = {row["claim_id"]: row for row in map(json.loads, output.read_text().splitlines())}
    (out,) = rows[link.claim_id]["links"]
    assert out["reasons"] == {"similarity": 0.9, "denial": "They denied it."}
