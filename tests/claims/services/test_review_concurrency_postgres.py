"""Two editors deciding the same claim at the same moment, on real PostgreSQL row locks."""

import threading

import pytest
from django.db import connection, transaction

from articles.errors import ConcurrentChange
from claims.models import Claim, ClaimStatus, ReviewEvent
from claims.services import claim_review


@pytest.mark.django_db(transaction=True)
def test_simultaneous_decisions_wait_for_the_lock_and_the_second_is_refused(
    require_postgres, editor, second_editor, claim
):
    first_holds_lock = threading.Event()
    let_first_commit = threading.Event()
    outcome: dict[str, object] = {}

    def first():
        try:
            with transaction.atomic():
                claim_review.claim_confirm(claim=claim, actor=editor, expected_version=1)
                first_holds_lock.set()
                let_first_commit.wait(10)
        finally:
            connection.close()

    def second():
        try:
            first_holds_lock.wait(10)
            claim_review.claim_dispute(
                claim=claim, actor=second_editor, expected_version=1, reason="Wrong."
            )
            outcome["second"] = "saved"
        except ConcurrentChange as error:
            outcome["second"] = error.message
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_holds_lock.wait(10)
    # The second editor is now blocked on the row lock, not reading the old version.
    threads[1].join(0.5)
    assert threads[1].is_alive()
    let_first_commit.set()
    for thread in threads:
        thread.join(20)

    assert "changed by edna" in str(outcome["second"])
    fresh = Claim.objects.get(pk=claim.pk)
    assert (fresh.status, fresh.version) == (ClaimStatus.CONFIRMED, 2)
    assert list(ReviewEvent.objects.values_list("action", flat=True)) == ["claim.confirm"]
