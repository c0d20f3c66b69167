"""Several workers re-checking at once, on real PostgreSQL row locks (SKIP LOCKED)."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from claims.models import ClaimRecheck, ClaimStatus, RecheckSchedule
from claims.services.rechecks import claims_recheck_due
from tests.claims.factories import ClaimFactory


def _due_claims(count):
    now = timezone.now()
    claims = ClaimFactory.create_batch(count, status=ClaimStatus.CONFIRMED)
    RecheckSchedule.objects.bulk_create(
        RecheckSchedule(claim=c, next_recheck_at=now - timedelta(minutes=5), new_since=now)
        for c in claims
    )
    return claims


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_never_check_a_claim_twice(require_postgres):
    claims = _due_claims(24)
    both_mid_run = threading.Barrier(2, timeout=30)
    runs, errors = [], []

    def worker():
        first = [True]

        def on_checked(check):
            if first[0]:  # hold until the other worker has taken a batch as well
                first[0] = False
                both_mid_run.wait()

        try:
            runs.append(claims_recheck_due(actor=None, batch_size=3, on_checked=on_checked))
        except Exception as error:  # reported below, from the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    checked = Counter(ClaimRecheck.objects.values_list("claim_id", flat=True))
    assert checked == Counter({c.pk: 1 for c in claims})
    assert sorted(r.claims_checked for r in runs) != [0, 24]  # both really worked
    assert sum(r.claims_checked for r in runs) == 24


@pytest.mark.django_db(transaction=True)
def test_a_worker_skips_the_claims_another_worker_has_locked(require_postgres):
    claims = _due_claims(4)
    held = [c.pk for c in claims[:2]]
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                list(RecheckSchedule.objects.select_for_update().filter(claim_id__in=held))
                locked.set()
                release.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=other_worker)
    holder.start()
    locked.wait(10)
    result = {}

    def this_worker():
        try:
            result["run"] = claims_recheck_due(actor=None)
        finally:
            connection.close()

    runner = threading.Thread(target=this_worker)
    runner.start()
    runner.join(30)
    finished_while_locked = not runner.is_alive()
    release.set()
    holder.join(30)
    runner.join(30)

    assert finished_while_locked  # it skipped the locked rows instead of waiting on them
    checked = set(ClaimRecheck.objects.values_list("claim_id", flat=True))
    assert checked == {c.pk for c in claims[2:]}
    assert result["run"].claims_checked == 2
