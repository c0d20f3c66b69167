from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

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


def _scheduled(next_recheck_at):
    claim = ClaimFactory(status=ClaimStatus.CONFIRMED)
    RecheckSchedule.objects.create(
        claim=claim, next_recheck_at=next_recheck_at, new_since=timezone.now()
    )
    return claim


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("run_rechecks", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_run_rechecks_checks_the_claims_due_before_the_date_and_sums_up(embedder):
    soon = _scheduled(timezone.now() + timedelta(days=2))
    later = _scheduled(timezone.now() + timedelta(days=20))
    ClaimLinkFactory(
        claim=ClaimFactory(),
        other=soon,
        relation=LinkRelation.CONTRADICTS,
        status=LinkStatus.ACCEPTED,
    )
    day = (timezone.now() + timedelta(days=5)).date().isoformat()

    out, err = _run("--due-before", day)

    assert list(ClaimRecheck.objects.values_list("claim_id", flat=True)) == [soon.pk]
    run = RecheckRun.objects.get()
    assert run.trigger == RecheckTrigger.COMMAND
    assert f"Re-check run #{run.pk}: 1 claim(s) checked" in out
    assert "1 raised: updated or contradicted" in out and "1 need attention" in out
    assert "1/1" in err  # the progress bar
    assert not ClaimRecheck.objects.filter(claim=later).exists()


@pytest.mark.django_db
def test_run_rechecks_checks_a_claim_by_id_even_if_not_due(embedder):
    claim = _scheduled(timezone.now() + timedelta(days=20))
    out, _ = _run("--claim", str(claim.pk), "--no-progress")
    assert ClaimRecheck.objects.get().claim == claim
    assert "1 nothing new" in out


@pytest.mark.django_db
def test_run_rechecks_refuses_an_unknown_claim_and_a_bad_date():
    with pytest.raises(CommandError, match="No claim #999"):
        _run("--claim", "999")
    with pytest.raises(CommandError, match="not a date"):
        _run("--due-before", "next week")
