"""The changes feed's triggers are in place after migrate, on every table it follows."""

import pytest
from django.db import connection

from claims.models import change_triggers

pytestmark = pytest.mark.django_db


def _installed() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            return {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT tgname || ' ON ' || tgrelid::regclass::text FROM pg_trigger "
            "WHERE NOT tgisinternal OR tgname LIKE 'claims_change%'"
        )
        return {row[0] for row in cursor.fetchall()}


def test_change_triggers_are_installed_after_migrate():
    if connection.vendor == "sqlite":
        wanted = set(change_triggers._sqlite_triggers(connection))
    else:
        wanted = {f"{name} ON {table}" for name, table in change_triggers._pg_triggers(connection)}

    assert wanted and wanted <= _installed()


def test_change_triggers_ignore_bookkeeping_updates():
    from claims.models import Change
    from tests.articles.factories import ArticleFactory

    article = ArticleFactory()
    before = Change.objects.count()

    type(article).objects.filter(pk=article.pk).update(processing_heartbeat_at="2030-01-01T00:00Z")
    after_heartbeat = Change.objects.count()
    type(article).objects.filter(pk=article.pk).update(title="A new title")

    assert after_heartbeat == before
    assert Change.objects.count() == before + 1
    assert Change.objects.order_by("-id").values_list("object_type", "operation")[0] == (
        "article",
        "update",
    )
