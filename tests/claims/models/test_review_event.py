"""Review history is append-only: in the model, its queryset, and the database itself."""

import pytest
from django.db import DatabaseError, connection, transaction

from claims.models import ReviewAction, ReviewEvent, ReviewEventIsAppendOnly
from claims.services import review

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(editor, claim):
    review.claim_confirm(claim=claim, actor=editor, expected_version=1, reason="Checked.")
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
