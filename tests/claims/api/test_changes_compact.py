"""Compacting the changes feed: old superseded changes go, every object's latest stays,
and a consumer's old cursor still reaches every object's current state."""

import datetime

import pytest
from django.utils import timezone

from claims.models import Change
from claims.services.changes import changes_compact
from tests.articles.factories import ArticleFactory

# PostgreSQL numbers a change when its transaction commits: these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)


def _changes_of(article):
    return list(
        Change.objects.filter(object_type="article", object_id=article.pk)
        .order_by("position")
        .values_list("operation", flat=True)
    )


def _age_all_changes(days: int) -> None:
    Change.objects.update(changed_at=timezone.now() - datetime.timedelta(days=days))


def test_changes_compact_keeps_only_the_latest_change_of_each_old_object():
    busy, quiet = ArticleFactory(), ArticleFactory()
    for title in ("Second title", "Third title"):
        type(busy).objects.filter(pk=busy.pk).update(title=title)
    _age_all_changes(days=40)

    deleted = changes_compact(older_than=timezone.now() - datetime.timedelta(days=30))

    assert deleted == 2
    assert _changes_of(busy) == ["update"]
    assert _changes_of(quiet) == ["create"]


def test_changes_compact_leaves_recent_history_and_deletion_tombstones():
    recent, gone = ArticleFactory(), ArticleFactory()
    _age_all_changes(days=40)
    type(recent).objects.filter(pk=recent.pk).update(title="Edited today")
    gone_id = gone.pk
    gone.delete()

    changes_compact(older_than=timezone.now() - datetime.timedelta(days=30))

    # The old create of `recent` is superseded by today's update; today's stays.
    assert _changes_of(recent) == ["update"]
    tombstones = Change.objects.filter(object_type="article", object_id=gone_id)
    assert list(tombstones.values_list("operation", flat=True)) == ["delete"]

    # Nothing is old enough under the default retention (30 days) once all is recent.
    Change.objects.update(changed_at=timezone.now())
    assert changes_compact() == 0


def test_changes_compact_an_old_cursor_still_reaches_every_current_object(reader):
    articles = ArticleFactory.create_batch(3)
    start = reader.get("/api/v1/changes/?page_size=500").json()
    while start["results"]:
        start = reader.get(start["next"]).json()
    cursor = start["next"]  # a consumer stopped here
    for article in articles:
        type(article).objects.filter(pk=article.pk).update(title=f"Edit of {article.pk}")
        type(article).objects.filter(pk=article.pk).update(title=f"Again {article.pk}")
    _age_all_changes(days=40)

    assert changes_compact(older_than=timezone.now() - datetime.timedelta(days=30)) > 0

    seen = set()
    url = cursor
    while True:
        page = reader.get(url).json()
        if not page["results"]:
            break
        seen |= {(c["object_type"], c["object_id"]) for c in page["results"]}
        url = page["next"]
    assert {("article", a.pk) for a in articles} <= seen
