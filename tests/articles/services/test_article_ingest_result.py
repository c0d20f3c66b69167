"""What ingest tells the uploader (warnings) and where an article's published date came from."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from articles.models import Article, PublishedDateSource
from articles.services import article_import_file, article_import_text, article_update

BODY = (
    "Syrian insurgents captured four new towns early Tuesday, bringing them closer to the "
    "central city of Hama, opposition activists said."
)
SECOND = "State media said government forces had retaken two of the towns by the evening."
MARCH_14 = datetime.date(2023, 3, 14)


def _stored(article: Article) -> Article:
    return Article.objects.get(pk=article.pk)


@pytest.mark.django_db
def test_article_import_file_removes_bidi_override_and_keeps_the_warning():
    data = f"Health Minister \u202eyas ton did\u202c say it.\n\n{BODY}".encode()

    article = _stored(article_import_file(data=data, filename="spoof.txt", actor=None))

    assert article.body.startswith("Health Minister yas ton did say it.")
    assert "\u202e" not in article.body and "\u202c" not in article.body
    assert bytes(article.raw) == data  # the upload itself is kept as received
    [warning] = article.ingest_warnings
    assert warning["kind"] == "bidi_control"
    assert "yas ton did" in warning["message"]


@pytest.mark.django_db
def test_article_import_text_cleans_a_spoofed_title_and_says_so():
    article = article_import_text(
        text=f"{BODY}\n\n{SECOND}", title="Minister \u202edenies\u202c report", actor=None
    )

    assert article.title == "Minister denies report"
    assert [w["kind"] for w in _stored(article).ingest_warnings] == ["bidi_control"]


@pytest.mark.django_db
def test_article_import_file_warns_about_bytes_read_as_cp1252():
    data = f"{BODY}\n\nThe caf".encode() + b"\xe9 owners said the road was closed.\n"

    article = _stored(article_import_file(data=data, filename="latin.txt", actor=None))

    assert "The café owners" in article.body
    [warning] = article.ingest_warnings
    assert warning["kind"] == "encoding" and "0xE9 → é" in warning["message"]


@pytest.mark.django_db
def test_article_import_file_clean_upload_has_no_warnings(seed_bytes):
    articles = [
        article_import_file(data=data, filename=f"{key}.txt", actor=None)
        for key, data in seed_bytes.items()
    ]

    assert all(_stored(article).ingest_warnings == [] for article in articles)


@pytest.mark.django_db
def test_article_import_published_date_from_the_text():
    text = f"Rebels near Hama\n\nPublished 14 March 2023\n\n{BODY}\n\n{SECOND}"

    article = _stored(article_import_text(text=text, actor=None))

    assert (article.published_at, article.published_date_source) == (MARCH_14, "text")
    assert article.stated_published_at == MARCH_14 and article.published_date_known


@pytest.mark.django_db
def test_article_import_published_date_from_the_uploader_wins_and_warns_if_different():
    text = f"Rebels near Hama\n\nPublished 14 March 2023\n\n{BODY}"
    given = datetime.date(2023, 3, 15)

    article = _stored(
        article_import_file(data=text.encode(), filename="a.txt", actor=None, published_at=given)
    )

    assert (article.published_at, article.published_date_source) == (given, "uploader")
    [warning] = article.ingest_warnings
    assert warning["kind"] == "published_date"
    assert "2023-03-14" in warning["message"] and "2023-03-15" in warning["message"]


@pytest.mark.django_db
def test_article_import_without_any_date_falls_back_to_the_import_date():
    article = _stored(article_import_text(text=f"{BODY}\n\n{SECOND}", actor=None))

    assert article.published_at == timezone.localdate()
    assert article.published_date_source == PublishedDateSource.IMPORT_TIME
    assert not article.published_date_known
    assert article.stated_published_at is None


@pytest.mark.django_db
def test_article_update_of_published_date_is_the_editors_and_clearing_falls_back(admin_user):
    article = article_import_text(text=f"{BODY}\n\n{SECOND}", actor=None)

    article_update(article=article, actor=admin_user, published_at=MARCH_14)
    edited = _stored(article)
    assert (edited.published_at, edited.published_date_source) == (MARCH_14, "editor")

    article_update(article=article, actor=admin_user, published_at=None)
    cleared = _stored(article)
    assert cleared.published_at == timezone.localdate(cleared.created_at)
    assert cleared.published_date_source == "import_time"


@pytest.mark.django_db
def test_article_update_removes_bidi_controls_from_an_edited_body(admin_user):
    article = article_import_text(text=f"{BODY}\n\n{SECOND}", actor=None)

    article_update(article=article, actor=admin_user, body=f"{BODY} \u202eton\u202c said.")

    edited = _stored(article)
    assert edited.body == f"{BODY} ton said."
    reason = edited.history.first().history_change_reason
    assert reason == "Edited (removed invisible characters: bidi control)"


@pytest.mark.django_db
def test_article_import_import_dates_do_not_decide_which_rewrite_is_original(seed_bytes):
    # Two undated reports: the longer one (001 without its header) is the original, even
    # when its import date is later than the rewrite's.
    original = seed_bytes["001_54cd29a1fc821916"].split(b"\n", 1)[1]  # header line dropped
    with mock.patch("articles.services.timezone.localdate", return_value=MARCH_14):
        rewrite = article_import_file(
            data=seed_bytes["000_672af24a4f09a138"], filename="000.txt", actor=None
        )
    with mock.patch(
        "articles.services.timezone.localdate", return_value=datetime.date(2023, 3, 20)
    ):
        article_import_file(data=original, filename="001.txt", actor=None)

    rewrite.refresh_from_db()
    assert rewrite.published_date_source == "import_time"
    assert rewrite.near_duplicate_of is not None
    assert rewrite.near_duplicate_of.key == "001"
