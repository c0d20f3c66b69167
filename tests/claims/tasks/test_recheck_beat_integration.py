"""The periodic re-check, sent by a real beat to a real worker on Redis and PostgreSQL."""

import time

import pytest
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from claims.models import (
    ClaimRecheck,
    ClaimStatus,
    LinkRelation,
    LinkStatus,
    RecheckRun,
    RecheckSchedule,
    RecheckTrigger,
)
from tests.claims.factories import ClaimFactory, ClaimLinkFactory

# The name and task the migration's default schedule has (claims *_recheck).
RECHECK_TASK_NAME = "Re-check due claims"
RECHECK_TASK = "claims.tasks.claims_recheck_due_task"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_beat_runs_the_recheck_on_a_worker_and_raises_the_claim_once(
    celery_beat_process, celery_worker_process, tmp_path
):
    claim = ClaimFactory(status=ClaimStatus.CONFIRMED)
    RecheckSchedule.objects.create(
        claim=claim, next_recheck_at=timezone.now(), new_since=timezone.now()
    )
    ClaimLinkFactory(
        claim=ClaimFactory(),
        other=claim,
        relation=LinkRelation.CONTRADICTS,
        status=LinkStatus.ACCEPTED,
    )
    every_two_seconds, _ = IntervalSchedule.objects.get_or_create(
        every=2, period=IntervalSchedule.SECONDS
    )
    PeriodicTask.objects.update_or_create(
        name=RECHECK_TASK_NAME,
        defaults={"task": RECHECK_TASK, "interval": every_two_seconds, "enabled": True},
    )

    def logs() -> str:
        return "\n".join(
            f"--- {name} ---\n" + (tmp_path / name).read_text()
            for name in ("beat.log", "worker.log")
        )

    scheduled_runs = RecheckRun.objects.filter(trigger=RecheckTrigger.SCHEDULE)
    deadline = time.monotonic() + 180
    # Until the claim was checked and beat has sent the task again since.
    while time.monotonic() < deadline:
        checked = ClaimRecheck.objects.filter(claim=claim).first()
        if checked and scheduled_runs.filter(started_at__gt=checked.checked_at).exists():
            break
        assert celery_worker_process.poll() is None, logs()
        assert celery_beat_process.poll() is None, logs()
        time.sleep(0.5)

    assert checked is not None, logs()
    assert checked.run.trigger == RecheckTrigger.SCHEDULE
    assert checked.outcome == "raised"
    assert ClaimRecheck.objects.filter(claim=claim).count() == 1  # not due again yet
    assert scheduled_runs.count() >= 2, logs()
    assert RecheckSchedule.objects.get(claim=claim).needs_attention
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED
    assert RECHECK_TASK in (tmp_path / "beat.log").read_text()
