"""Browser tests: review fixtures, and review history that a transactional test may clear.

A live-server test ends with a flush of every table. PostgreSQL flushes with TRUNCATE,
which the append-only trigger lets through; SQLite flushes with DELETE, which it
refuses. So on teardown (before the flush) the test's events are removed with the
trigger briefly lifted, and the trigger is put back at once.
"""

import pytest
from django.db import connection

from claims.models import review_triggers
from tests.claims.review_fixtures import *  # noqa: F403


@pytest.fixture(autouse=True)
def clear_review_history_before_flush(transactional_db):
    yield
    review_triggers.uninstall(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM claims_reviewevent")
    finally:
        review_triggers.install(connection)
