"""The seed articles: the front line moves between reports, and a re-check notices."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim, ClaimRecheck, ClaimStatus, RecheckSchedule
from claims.services import claim_review
from claims.services.rechecks import claims_recheck_due

NEAR = ("001", "about 10 kilometres")
RETREATED = ("002", "retreated about 20")
ENTERED = ("004", "Syrian insurgents have reportedly entered parts")


@pytest.fixture
def front_line_rechecked(import_seed):
    """Seeds 000-003 in, the two distance claims confirmed, then seed 004 in and the
    re-checks run two days on (when both are due)."""
    articles = {prefix: import_seed(prefix) for prefix in ("000", "001", "002", "003")}
    confirmed = {}
    for prefix, quote in (NEAR, RETREATED):
        claim = Claim.objects.get(article=articles[prefix], quote__contains=quote)
        confirmed[quote] = claim_review.claim_confirm(
            claim=claim, actor=None, expected_version=claim.version
        )
    newer = import_seed("004")
    entered = Claim.objects.get(article=newer, quote__startswith=ENTERED[1])
    run = claims_recheck_due(actor=None, due_before=timezone.now() + timedelta(days=2))
    return confirmed, newer, entered, run


@pytest.mark.django_db
def test_recheck_after_seed_004_looks_at_it_and_leaves_the_decisions(front_line_rechecked):
    confirmed, newer, _, run = front_line_rechecked

    assert run.claims_checked == 2
    for claim in confirmed.values():
        check = ClaimRecheck.objects.get(claim=claim)
        # Only what came in after the decision is new: seed 004's claims.
        assert check.candidates == newer.claims.count()
        assert {f["article_key"] for f in check.findings} <= {newer.key}
        fresh = Claim.objects.get(pk=claim.pk)
        assert (fresh.status, fresh.version) == (ClaimStatus.CONFIRMED, claim.version)
        assert check.next_recheck_at > timezone.now()


@pytest.mark.parametrize("quote", [NEAR[1], RETREATED[1]])
@pytest.mark.django_db
def test_recheck_after_seed_004_raises_the_distance_claim_with_entered_hama(
    front_line_rechecked, quote
):
    confirmed, _, entered, _ = front_line_rechecked
    claim = confirmed[quote]

    schedule = RecheckSchedule.objects.get(claim=claim)
    assert schedule.needs_attention
    assert entered.pk in [f["claim_id"] for f in schedule.raised_by.findings if f["raises"]]
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.CONFIRMED
