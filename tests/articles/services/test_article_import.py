from unittest import mock

import pytest

from articles.errors import ApplicationError
from articles.models import Article, ArticleStatus
from articles.services import DuplicateArticle, article_import_file, article_import_text
from tests.conftest import SEED_KEYS


def _import_seeds(seed_bytes, actor=None):
    return {
        key: article_import_file(data=data, filename=f"{key}.txt", actor=actor)
        for key, data in seed_bytes.items()
    }


@pytest.mark.django_db
def test_article_import_file_keeps_raw_bytes_and_normalised_body(seed_bytes):
    articles = _import_seeds(seed_bytes)

    assert sorted(articles) == SEED_KEYS
    for key, article in articles.items():
        stored = Article.objects.get(pk=article.pk)
        assert bytes(stored.raw) == seed_bytes[key]
        assert stored.key == key
        assert stored.source_name == f"{key}.txt"
        assert stored.status == ArticleStatus.QUEUED
        assert stored.language == "en"


@pytest.mark.django_db
def test_article_import_file_repairs_mojibake_and_cuts_boilerplate(seed_bytes):
    articles = _import_seeds(seed_bytes)

    mojibake = articles["002_85b440c575b671d9"].body
    assert "Syria’s" in mojibake
    assert "โ€" not in mojibake
    assert mojibake.endswith("aligned with the Syrian president.")
    assert "Check Also" not in mojibake and "Leave a Reply" not in mojibake
    assert "’" in articles["003_dccbb22c1261c55e"].body  # correct curly quotes survive


@pytest.mark.django_db
def test_article_import_file_parses_header_dateline_and_title(seed_bytes):
    article = _import_seeds(seed_bytes)["001_54cd29a1fc821916"]

    assert article.published_at.isoformat() == "2024-12-03"
    assert article.section == "World"
    assert article.dateline.startswith("BEIRUT")
    assert article.title.startswith("Syrian insurgents capture four central towns")
    assert article.body.startswith("Syrian insurgents captured four new towns early Tuesday")
    assert "date 2024-12-03" not in article.body


@pytest.mark.django_db
def test_article_import_file_flags_only_the_rewrite_as_near_duplicate(seed_bytes):
    _import_seeds(seed_bytes)

    flagged = {
        a.key: (a.near_duplicate_of.key, a.near_duplicate_score)
        for a in Article.objects.exclude(near_duplicate_of=None)
    }
    assert list(flagged) == ["000_672af24a4f09a138"]
    original, score = flagged["000_672af24a4f09a138"]
    assert original == "001_54cd29a1fc821916"
    assert 0 < score <= 1


@pytest.mark.django_db
def test_article_import_file_flags_rewrite_whichever_arrives_first(seed_bytes):
    article_import_file(
        data=seed_bytes["001_54cd29a1fc821916"], filename="001_54cd29a1fc821916.txt", actor=None
    )
    rewrite = article_import_file(
        data=seed_bytes["000_672af24a4f09a138"], filename="000_672af24a4f09a138.txt", actor=None
    )

    rewrite.refresh_from_db()
    assert rewrite.near_duplicate_of.key == "001_54cd29a1fc821916"
    assert Article.objects.exclude(near_duplicate_of=None).count() == 1


@pytest.mark.django_db
def test_article_import_file_refuses_identical_upload_and_names_existing(seed_bytes):
    first = article_import_file(data=seed_bytes[SEED_KEYS[0]], filename="a.txt", actor=None)

    with pytest.raises(DuplicateArticle) as raised:
        article_import_file(data=seed_bytes[SEED_KEYS[0]], filename="copy.txt", actor=None)

    assert raised.value.existing == first
    assert first.key in raised.value.message
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\t  \n", "blank.txt", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "image.txt", "not text"),
        (b"%PDF-1.7\n\x00\x01\x02\x03 stream \x00\xff\xfe", "paper.txt", "not text"),
        (b"Valid start \xff\xfe\xfa\xfb\x81\x8d\x8f\x90\x9d text", "latin.txt", "not valid utf-8"),
        (b"Some article text.", "notes.docx", ".docx"),
    ],
)
@pytest.mark.django_db
def test_article_import_file_refuses_bad_input_and_saves_nothing(data, filename, expected):
    with pytest.raises(ApplicationError) as raised:
        article_import_file(data=data, filename=filename, actor=None)

    assert expected in raised.value.message.lower()
    assert filename in raised.value.message
    assert Article.objects.count() == 0
    assert Article.history.count() == 0


@pytest.mark.django_db
def test_article_import_file_refuses_files_over_the_limit(settings):
    settings.ARTICLE_MAX_UPLOAD_BYTES = 1000
    data = ("A sentence about the war that is long enough. " * 40).encode()

    with pytest.raises(ApplicationError) as raised:
        article_import_file(data=data, filename="big.txt", actor=None)

    assert "1,000" in raised.value.message or "1000" in raised.value.message
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_article_import_text_uses_given_title_and_records_actor(admin_user):
    article = article_import_text(
        text="Rebels entered the city of Hama on Thursday, a war monitor said.\n",
        title="Rebels enter Hama",
        actor=admin_user,
    )

    assert article.title == "Rebels enter Hama"
    assert article.source_name == ""
    assert article.key.startswith("pasted-")
    record = article.history.get()
    assert record.history_user == admin_user
    assert record.history_change_reason == "Uploaded"


@pytest.mark.django_db
def test_article_import_text_refuses_empty_text():
    with pytest.raises(ApplicationError) as raised:
        article_import_text(text="  \n ", actor=None)

    assert "empty" in raised.value.message.lower()
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_article_import_queues_extraction_only_after_commit(
    seed_bytes, django_capture_on_commit_callbacks
):
    with mock.patch("claims.tasks.article_extract_claims_task.delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            article = article_import_file(
                data=seed_bytes[SEED_KEYS[0]], filename="x.txt", actor=None
            )
        delay.assert_not_called()
        for callback in callbacks:
            callback()
    delay.assert_called_once_with(article.pk, force=False)


@pytest.mark.django_db
def test_article_import_does_not_flag_short_different_articles_as_rewrites():
    import factory.random

    from tests.articles.text.factories import ShortArticleFactory

    factory.random.reseed_random(23)
    for row in ShortArticleFactory.build_batch(120):
        article_import_text(text=row["text"], actor=None)

    assert Article.objects.count() == 120
    assert not Article.objects.exclude(near_duplicate_of=None).exists()


@pytest.mark.django_db
def test_article_import_file_refuses_an_empty_file_by_name():
    with pytest.raises(ApplicationError, match=r"^story\.txt is empty"):
        article_import_file(data=b"", filename="story.txt", actor=None)

    assert not Article.objects.exists()
