"""Long bodies: parsed in pieces with exact offsets, the work bounded and said so,
linking loads no article body, and a linking failure is recorded on the article."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleStatus, LinkingStatus
from claims.services.extraction import article_extract_claims, body_pieces
from claims.services.linking import article_suggest_links
from claims.tasks import article_suggest_links_task
from tests.articles.factories import ArticleFactory
from tests.claims.extraction.test_extraction_scaling import short_sentences


def test_body_pieces_cover_the_body_cut_at_paragraphs():
    body = short_sentences(200)
    pieces = body_pieces(body, max_chars=1000)
    assert "".join(body[a:b] for a, b in pieces) == body
    assert all(b - a <= 1000 for a, b in pieces)
    assert all(body[a - 2 : a] == "\n\n" for a, _b in pieces[1:])


@pytest.mark.django_db
def test_article_extract_claims_parses_a_body_longer_than_the_parser_limit(nlp, settings):
    settings.CLAIMS_EXTRACTION_PIECE_CHARS = 2000
    body = short_sentences(300)
    article = ArticleFactory(body=body)
    previous = nlp.max_length
    nlp.max_length = 5000  # the same E088 a 1,000,000-character body meets
    try:
        article_extract_claims(article_id=article.pk)
    finally:
        nlp.max_length = previous
    article.refresh_from_db()
    assert article.status == ArticleStatus.EXTRACTED, article.last_error
    claims = list(article.claims.all())
    assert len(claims) >= 250
    assert max(c.end for c in claims) > len(body) - 200  # the last piece too
    for claim in claims:
        assert body[claim.start : claim.end] == claim.quote
        assert body[claim.end : claim.end + len(claim.suffix)] == claim.suffix
        for entity in claim.entities:
            assert body[entity["start"] : entity["end"]] == entity["text"]


@pytest.mark.django_db
def test_article_extract_claims_stops_at_the_sentence_cap_and_says_so(nlp, settings):
    settings.CLAIMS_EXTRACTION_PIECE_CHARS = 1000
    settings.CLAIMS_MAX_SENTENCES_PER_ARTICLE = 40
    body = short_sentences(300)
    article = ArticleFactory(body=body)
    article_extract_claims(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == ArticleStatus.EXTRACTED
    assert "CLAIMS_MAX_SENTENCES_PER_ARTICLE" in article.processing_note
    assert "were searched for claims" in article.processing_note
    assert max(c.end for c in article.claims.all()) < len(body) // 2


@pytest.mark.django_db
def test_article_suggest_links_never_loads_article_bodies(nlp):
    first = ArticleFactory(body=short_sentences(12, seed=1))
    second = ArticleFactory(body=short_sentences(12, seed=2))
    article_extract_claims(article_id=first.pk)
    article_extract_claims(article_id=second.pk)
    with CaptureQueriesContext(connection) as queries:
        article_suggest_links(article_id=second.pk)
    body_column = '"articles_article"."body"'
    # Claims are loaded without their article's body (one body per claim row was 13.8 GB).
    assert not [
        q["sql"] for q in queries if body_column in q["sql"] and "claims_claim" in q["sql"]
    ]
    second.refresh_from_db()
    assert second.linking_status == LinkingStatus.LINKED


@pytest.mark.django_db
def test_linking_failure_is_recorded_on_the_article(nlp):
    article = ArticleFactory(body=short_sentences(8))
    article_extract_claims(article_id=article.pk)  # linking is queued on commit, not run
    with mock.patch(
        "claims.services.linking.get_embedder", side_effect=ValueError("model folder missing")
    ):
        article_suggest_links_task.apply(args=[article.pk])
    article.refresh_from_db()
    assert article.status == ArticleStatus.EXTRACTED
    assert article.linking_status == LinkingStatus.FAILED
    assert "model folder missing" in article.linking_error


@pytest.mark.django_db(transaction=True)  # on_commit runs as in production
def test_import_articles_reports_a_failed_extraction_in_one_line(tmp_path, capsys):
    from django.core.management import CommandError, call_command

    (tmp_path / "a.txt").write_text(short_sentences(6), encoding="utf-8")
    with (
        mock.patch(
            "claims.services.extraction.claims_from_doc", side_effect=ValueError("[E088] too long")
        ),
        pytest.raises(CommandError, match="Claim extraction failed for 1"),
    ):
        call_command("import_articles", str(tmp_path), "--no-progress")
    err = capsys.readouterr().err
    assert "its claim extraction failed: ValueError: [E088] too long" in err
    assert "Traceback" not in err
