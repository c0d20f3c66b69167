"""Review history is append-only: in the model, its queryset, and the database itself."""

import pytest
from django.db import DatabaseError, connection, transaction

from claims.models import Claim, ReviewAction, ReviewEvent, ReviewEventIsAppendOnly
from claims.services import claim_review, link_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(editor, claim):
    claim_review.claim_confirm(claim=claim, actor=editor, expected_version=1, reason="Checked.")
    return ReviewEvent.objects.get()


def test_review_event_cannot_be_saved_again(event):
    event.reason = "Rewritten."
    with pytest.raises(ReviewEventIsAppendOnly):
        event.save()
    event.refresh_from_db()
    assert event.reason == "Checked."


def test_review_event_cannot_be_deleted(event):
    with pytest.raises(ReviewEventIsAppendOnly):
        event.delete()
    assert ReviewEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize(
    "write",
    [
        lambda qs: qs.update(reason="Rewritten."),
        lambda qs: qs.delete(),
        lambda qs: qs.bulk_update(list(qs), ["reason"]),
        lambda qs: qs.update_or_create(pk=1, defaults={"reason": "x"}),
    ],
)
def test_review_event_queryset_refuses_writes(event, write):
    with pytest.raises(ReviewEventIsAppendOnly):
        write(ReviewEvent.objects.all())


def _raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        ("UPDATE claims_reviewevent SET reason = %s WHERE id = %s", ["Rewritten."]),
        ("UPDATE claims_reviewevent SET action = %s WHERE id = %s", ["claim.reject"]),
        ("UPDATE claims_reviewevent SET actor_id = NULL WHERE id = %s", []),
        ("DELETE FROM claims_reviewevent WHERE id = %s", []),
    ],
)
def test_database_refuses_update_and_delete(event, sql, params):
    if connection.vendor not in {"sqlite", "postgresql"}:
        pytest.skip("triggers are installed on SQLite and PostgreSQL only")

    with pytest.raises(DatabaseError, match="append-only"):
        _raw(sql, [*params, event.pk])

    event.refresh_from_db()
    assert (event.action, event.reason, event.actor_id) == (
        ReviewAction.CLAIM_CONFIRM,
        "Checked.",
        event.actor_id,
    )
    assert event.actor_id is not None


def test_database_refuses_pointing_an_event_at_another_claim(event, prior_claim):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(
            "UPDATE claims_reviewevent SET claim_id = %s WHERE id = %s",
            [prior_claim.pk, event.pk],
        )


def test_deleting_the_claim_keeps_its_events(event, claim):
    claim_id, article_id = claim.pk, claim.article_id
    claim.delete()  # as re-extraction does with a suggestion that is no longer found

    event.refresh_from_db()
    assert event.claim is None
    assert event.data["claim_id"] == claim_id
    assert event.article_id == article_id


def _columns_of(event_id: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT action, actor_id, claim_id, reason FROM claims_reviewevent WHERE id = %s",
            [event_id],
        )
        return cursor.fetchone()


REPLACE_STATEMENTS = {
    "sqlite": [
        "REPLACE INTO claims_reviewevent "
        "(id, action, actor_id, created_at, claim_id, from_status, to_status, rejection, "
        "reason, evidence, data) VALUES (%s, 'claim.reject', NULL, '2020-01-01', %s, "
        "'suggested', 'rejected', 'not_a_claim', 'Rewritten.', '[]', '{}')",
        "INSERT OR REPLACE INTO claims_reviewevent "
        "(id, action, actor_id, created_at, claim_id, from_status, to_status, rejection, "
        "reason, evidence, data) VALUES (%s, 'claim.reject', NULL, '2020-01-01', %s, "
        "'suggested', 'rejected', 'not_a_claim', 'Rewritten.', '[]', '{}')",
    ],
    "postgresql": [
        "INSERT INTO claims_reviewevent "
        "(id, action, actor_id, created_at, claim_id, from_status, to_status, rejection, "
        "reason, evidence, data) VALUES (%s, 'claim.reject', NULL, now(), %s, "
        "'suggested', 'rejected', 'not_a_claim', 'Rewritten.', '[]', '{}') "
        "ON CONFLICT (id) DO UPDATE SET reason = EXCLUDED.reason, action = EXCLUDED.action",
    ],
}


@pytest.mark.parametrize("statement", [0, 1])
def test_database_refuses_replacing_an_event(event, statement):
    statements = REPLACE_STATEMENTS.get(connection.vendor, [])
    if statement >= len(statements):
        pytest.skip(f"no such statement on {connection.vendor}")
    before = _columns_of(event.pk)

    with pytest.raises(DatabaseError, match="append-only"):
        _raw(statements[statement], [event.pk, event.claim_id])

    assert _columns_of(event.pk) == before
    assert ReviewEvent.objects.count() == 1


def test_sqlite_connections_fire_delete_triggers_on_replace(db):
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite pragma")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA recursive_triggers")
        assert cursor.fetchone()[0] == 1


@pytest.fixture
def accepted_link(editor, suggested_link):
    """A "same" link accepted: events naming a claim, the link, a tracked claim, an article."""
    link_review.claim_link_accept(
        link=suggested_link, actor=editor, expected_version=1, reason="Same event."
    )
    return suggested_link


@pytest.mark.parametrize("column", ["claim_id", "link_id", "tracked_claim_id", "article_id"])
def test_database_refuses_detaching_an_event_from_a_row_that_exists(accepted_link, column):
    if connection.vendor not in {"sqlite", "postgresql"}:
        pytest.skip("triggers are installed on SQLite and PostgreSQL only")
    linked_event = ReviewEvent.objects.exclude(**{column: None}).first()
    before = getattr(linked_event, column)

    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"UPDATE claims_reviewevent SET {column} = NULL WHERE id = %s", [linked_event.pk])

    linked_event.refresh_from_db()
    assert getattr(linked_event, column) == before


def test_deleting_an_article_keeps_the_events_of_its_claims(event, claim):
    article = claim.article
    article_id = article.pk

    article.delete()  # its claims go with it (CASCADE)

    event.refresh_from_db()
    assert (event.claim_id, event.article_id) == (None, None)
    assert (event.data["claim_id"], event.data["article_id"]) == (claim.pk, article_id)


def test_unlinking_and_dissolving_keep_the_events_of_the_link_and_tracked_claim(
    editor, suggested_link
):
    link_review.claim_link_accept(link=suggested_link, actor=editor, expected_version=1)
    version = Claim.objects.get(pk=suggested_link.claim_id).version
    link_review.claim_link_unlink(
        link=suggested_link, actor=editor, expected_version=version, reason="No."
    )

    accepted = ReviewEvent.objects.get(action=ReviewAction.LINK_ACCEPT)
    assert accepted.link_id is None  # the link was deleted
    assert accepted.data["link_id"] == suggested_link.pk
    assert not ReviewEvent.objects.exclude(tracked_claim=None).exists()  # dissolved


@pytest.mark.parametrize(
    ("action", "claim_column", "data"),
    [
        ("claim.confirm", "NULL", "{}"),
        ("link.accept", "NULL", "{}"),
        ("claim.confirm", "%s", '{"claim_id": 999999}'),
    ],
)
def test_database_refuses_an_event_inconsistent_about_its_claim(
    event, claim, action, claim_column, data
):
    if connection.vendor not in {"sqlite", "postgresql"}:
        pytest.skip("triggers are installed on SQLite and PostgreSQL only")
    params = [claim.pk] if claim_column == "%s" else []
    now = "now()" if connection.vendor == "postgresql" else "'2020-01-01'"

    with pytest.raises(DatabaseError, match="append-only"):
        _raw(
            "INSERT INTO claims_reviewevent (action, actor_id, created_at, claim_id, "
            "from_status, to_status, rejection, reason, evidence, data) VALUES "
            f"('{action}', NULL, {now}, {claim_column}, '', '', '', '', '[]', '{data}')",
            params,
        )

    assert ReviewEvent.objects.count() == 1


def test_every_review_event_trigger_is_installed(db):
    from claims.models import review_triggers

    if connection.vendor not in {"sqlite", "postgresql"}:
        pytest.skip("triggers are installed on SQLite and PostgreSQL only")

    missing = review_triggers.missing(connection)

    assert not missing, (
        f"Review-history triggers missing: {missing}. A migration that rebuilds one of "
        "these tables on SQLite drops its triggers: end it with "
        "RunPython(claims.models.review_triggers.install_for_migration)."
    )
