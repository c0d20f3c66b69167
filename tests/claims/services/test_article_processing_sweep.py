"""The sweep re-queues work a stopped process left behind."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.errors import ApplicationError
from articles.models import Article, ArticleStatus, LinkingStatus
from articles.services import article_import_text
from claims.models import ExtractionRun
from claims.services.processing import article_processing_sweep
from tests.articles.factories import ArticleFactory
from tests.claims.extraction.test_extraction_scaling import short_sentences


def _left_by_a_killed_worker(article: Article, *, status=ArticleStatus.EXTRACTING, **fields):
    long_ago = timezone.now() - timedelta(hours=1)
    Article.objects.filter(pk=article.pk).update(
        status=status, processing_heartbeat_at=long_ago, **fields
    )


@pytest.mark.django_db
def test_sweep_recovers_an_article_left_extracting_by_a_killed_process(
    nlp, django_capture_on_commit_callbacks
):
    article = ArticleFactory(body=short_sentences(8))
    ExtractionRun.objects.create(article=article, body_sha256=article.sha256)
    _left_by_a_killed_worker(article)

    with django_capture_on_commit_callbacks(execute=True):
        counts = article_processing_sweep(actor=None)

    article.refresh_from_db()
    assert counts.extraction_requeued == 1
    assert article.status == ArticleStatus.EXTRACTED
    assert article.claims.exists()
    outcomes = sorted(ExtractionRun.objects.values_list("outcome", flat=True))
    assert outcomes == [ExtractionRun.Outcome.FAILED, ExtractionRun.Outcome.SUCCEEDED]


@pytest.mark.django_db
def test_sweep_leaves_live_work_alone_and_is_idempotent(django_capture_on_commit_callbacks):
    live = ArticleFactory(body=short_sentences(4, seed=3))
    Article.objects.filter(pk=live.pk).update(
        status=ArticleStatus.EXTRACTING, processing_heartbeat_at=timezone.now()
    )
    stuck = ArticleFactory(body=short_sentences(4, seed=4))
    _left_by_a_killed_worker(stuck, status=ArticleStatus.QUEUED)

    with django_capture_on_commit_callbacks(execute=False) as first:
        assert article_processing_sweep(actor=None).extraction_requeued == 1
    with django_capture_on_commit_callbacks(execute=False) as second:
        assert article_processing_sweep(actor=None).extraction_requeued == 0
    assert len(first) == 1 and not second


@pytest.mark.django_db
def test_sweep_requeues_linking_that_never_finished(nlp, django_capture_on_commit_callbacks):
    article = ArticleFactory(body=short_sentences(8))
    with django_capture_on_commit_callbacks(execute=False):
        from claims.services.extraction import article_extract_claims

        article_extract_claims(article_id=article.pk)  # linking queued, never run
    _left_by_a_killed_worker(
        article, status=ArticleStatus.EXTRACTED, linking_status=LinkingStatus.LINKING
    )
    with django_capture_on_commit_callbacks(execute=True):
        counts = article_processing_sweep(actor=None)
    article.refresh_from_db()
    assert counts.linking_requeued == 1
    assert article.linking_status == LinkingStatus.LINKED


@pytest.mark.django_db
def test_reupload_of_a_stuck_article_says_what_to_do():
    text = short_sentences(6)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("claims.services.extraction.article_extraction_queue", lambda **kw: None)
        article = article_import_text(text=text, actor=None)
    _left_by_a_killed_worker(article)
    with pytest.raises(ApplicationError) as refused:
        article_import_text(text=text, actor=None)
    assert "Re-extract claims" in refused.value.message
    assert "queued again automatically" in refused.value.message
