"""Browser tests: review fixtures, and review history that a transactional test may clear.

A live-server test ends with a flush of every table. PostgreSQL flushes with TRUNCATE,
which the append-only trigger lets through; SQLite flushes with DELETE, which it
refuses. So on teardown (before the flush) the test's events are removed with the
trigger briefly lifted, and the trigger is put back at once.
"""

import pytest
from django.db import connection

from tests.claims.review_fixtures import *  # noqa: F403
from tests.claims.review_fixtures import REVIEW_MIGRATION


class _Executor:
    """The bit of a schema editor the migration's trigger functions use."""

    def __init__(self, conn):
        self.connection = conn

    def execute(self, sql: str) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(sql)


@pytest.fixture(autouse=True)
def clear_review_history_before_flush(transactional_db):
    yield
    executor = _Executor(connection)
    REVIEW_MIGRATION.drop_review_event_triggers(executor)
    try:
        executor.execute("DELETE FROM claims_reviewevent")
    finally:
        REVIEW_MIGRATION.create_review_event_triggers(executor)
