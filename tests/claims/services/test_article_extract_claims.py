from unittest import mock

import pytest
from django.db import OperationalError

from articles.models import ArticleStatus
from articles.services import article_update
from claims.extraction import EXTRACTOR_VERSION
from claims.models import Claim, ClaimStatus, ExtractionRun
from claims.services.extraction import article_extract_claims
from claims.tasks import article_extract_claims_task


@pytest.mark.django_db
def test_article_extract_claims_stores_anchored_suggestions(seed_article):
    run = article_extract_claims(article_id=seed_article.pk)

    seed_article.refresh_from_db()
    claims = list(seed_article.claims.all())
    assert seed_article.status == ArticleStatus.EXTRACTED
    assert run.outcome == ExtractionRun.Outcome.SUCCEEDED
    assert run.claims_created == len(claims) >= 10
    for claim in claims:
        assert seed_article.body[claim.start : claim.end] == claim.quote
        assert claim.status == ClaimStatus.SUGGESTED
        assert claim.extractor_version == EXTRACTOR_VERSION
        assert claim.source and claim.statement and 0 <= claim.score <= 1
        assert claim.history.count() == 1
    assert any(c.kind == "denial" and "state media" in c.source.lower() for c in claims)


@pytest.mark.django_db
def test_article_extract_claims_twice_gives_the_same_claims(seed_article):
    article_extract_claims(article_id=seed_article.pk)
    before = list(Claim.objects.values("id", "start", "end", "statement"))

    assert article_extract_claims(article_id=seed_article.pk) is None  # already done
    run = article_extract_claims(article_id=seed_article.pk, force=True)

    assert list(Claim.objects.values("id", "start", "end", "statement")) == before
    assert (run.claims_created, run.claims_updated, run.claims_removed) == (0, 0, 0)


@pytest.mark.django_db
def test_article_extract_claims_never_touches_reviewed_claims(seed_article):
    article_extract_claims(article_id=seed_article.pk)
    reviewed = seed_article.claims.first()
    Claim.objects.filter(pk=reviewed.pk).update(
        status=ClaimStatus.CONFIRMED, statement="Edited by a person."
    )
    count = seed_article.claims.count()

    run = article_extract_claims(article_id=seed_article.pk, force=True)

    reviewed.refresh_from_db()
    assert (reviewed.status, reviewed.statement) == (ClaimStatus.CONFIRMED, "Edited by a person.")
    assert seed_article.claims.count() == count
    assert run.claims_kept_reviewed >= 1
    overlapping = seed_article.claims.filter(start__lt=reviewed.end, end__gt=reviewed.start)
    assert list(overlapping) == [reviewed]


@pytest.mark.django_db
def test_article_extract_claims_reanchors_reviewed_claim_after_body_edit(seed_article):
    article_extract_claims(article_id=seed_article.pk)
    reviewed = seed_article.claims.order_by("-start").first()
    Claim.objects.filter(pk=reviewed.pk).update(status=ClaimStatus.CONFIRMED)
    seed_article.refresh_from_db()

    article_update(
        article=seed_article, actor=None, body="Editor's note: updated.\n\n" + seed_article.body
    )
    article_extract_claims(article_id=seed_article.pk)

    reviewed.refresh_from_db()
    seed_article.refresh_from_db()
    assert reviewed.start > 0
    assert seed_article.body[reviewed.start : reviewed.end] == reviewed.quote


@pytest.mark.django_db
def test_extraction_task_marks_article_failed_with_the_error(seed_article):
    with mock.patch(
        "claims.services.extraction.claims_from_doc", side_effect=ValueError("parser exploded")
    ):
        article_extract_claims_task.apply(args=[seed_article.pk])

    seed_article.refresh_from_db()
    assert seed_article.status == ArticleStatus.FAILED
    assert "parser exploded" in seed_article.last_error
    assert seed_article.claims.count() == 0
    assert ExtractionRun.objects.get().outcome == ExtractionRun.Outcome.FAILED


@pytest.mark.django_db
def test_extraction_task_retries_transient_database_errors(seed_article):
    from claims.services import extraction

    real = extraction.claims_from_doc
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(*args, **kwargs)

    with mock.patch("claims.services.extraction.claims_from_doc", side_effect=flaky):
        article_extract_claims_task.apply(args=[seed_article.pk])

    seed_article.refresh_from_db()
    assert len(calls) == 2
    assert seed_article.status == ArticleStatus.EXTRACTED
    assert seed_article.claims.exists()
