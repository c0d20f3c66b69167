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


@pytest.mark.django_db
def test_export_claims_includes_the_recheck_state_and_findings(tmp_path, embedder):
    from django.utils import timezone

    from claims.models import ClaimStatus, LinkRelation, LinkStatus, RecheckSchedule
    from claims.services.rechecks import claims_recheck_due
    from tests.claims.factories import ClaimFactory, ClaimLinkFactory

    claim = ClaimFactory(status=ClaimStatus.CONFIRMED)
    RecheckSchedule.objects.create(
        claim=claim, next_recheck_at=timezone.now(), new_since=timezone.now()
    )
    newer = ClaimFactory()
    ClaimLinkFactory(
        claim=newer, other=claim, relation=LinkRelation.UPDATES, status=LinkStatus.ACCEPTED
    )
    claims_recheck_due(actor=None)
    output = tmp_path / "claims.jsonl"

    call_command("export_claims", "--output", str(output))

    rows = {row["claim_id"]: row for row in map(json.loads, output.read_text().splitlines())}
    schedule = RecheckSchedule.objects.get(claim=claim)
    row = rows[claim.pk]
    assert row["needs_attention"] is True
    assert row["next_recheck_at"] == schedule.next_recheck_at.isoformat()
    assert row["last_rechecked_at"] == schedule.last_rechecked_at.isoformat()
    assert row["recheck_outcome"] == "raised"
    assert [f["claim_id"] for f in row["attention_findings"]] == [newer.pk]
    assert [f["kind"] for f in row["recheck_findings"]] == ["updates"]
    unchecked = rows[newer.pk]
    assert (unchecked["next_recheck_at"], unchecked["needs_attention"]) == (None, False)
    assert unchecked["recheck_findings"] == []
