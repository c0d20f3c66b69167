"""Re-checks: scheduled by the policy, matched against what came in since, raise only."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.errors import ApplicationError
from claims.models import (
    ClaimKind,
    ClaimRecheck,
    ClaimStatus,
    LinkRelation,
    LinkStatus,
    RecheckOutcome,
    RecheckSchedule,
    ReviewAction,
    ReviewEvent,
)
from claims.services import claim_review, link_review
from claims.services.rechecks import (
    claim_attention_clear,
    claim_recheck_schedule,
    claims_recheck_due,
)
from claims.signals import claim_recheck_raised
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory, ClaimLinkFactory

OLD_BODY = "Insurgents are about ten kilometres from the city, the army said on Tuesday."
NEW_BODY = "Insurgents entered the city on Thursday after days of fighting, witnesses said."
OTHER_BODY = "The harvest festival opened with a parade of decorated tractors and a band."


_numbers = itertools.count(1)


def _article(body):
    return ArticleFactory(body=f"{body} Report {next(_numbers)}.")


def _confirmed(body=OLD_BODY, kind=ClaimKind.EVENT, actor=None):
    claim = ClaimFactory(article=_article(body), kind=kind)
    return claim_review.claim_confirm(claim=claim, actor=actor, expected_version=claim.version)


def _due_now(claim):
    RecheckSchedule.objects.filter(claim=claim).update(
        next_recheck_at=timezone.now() - timedelta(minutes=1)
    )


def _later_claim(body=NEW_BODY):
    return ClaimFactory(article=_article(body))


@pytest.fixture
def raised_signals():
    received = []

    def receiver(**kwargs):
        received.append(kwargs)

    claim_recheck_raised.connect(receiver, dispatch_uid="test-rechecks")
    yield received
    claim_recheck_raised.disconnect(dispatch_uid="test-rechecks")


def test_claim_confirm_schedules_the_next_recheck_by_the_policy(db):
    before = timezone.now()
    claim = _confirmed(kind=ClaimKind.QUANTITY)
    schedule = RecheckSchedule.objects.get(claim=claim)
    assert before + timedelta(hours=23) < schedule.next_recheck_at < before + timedelta(hours=25)


def test_claim_reopen_and_reject_clear_the_schedule(db):
    claim = _confirmed()
    claim_review.claim_reopen(
        claim=claim, actor=None, expected_version=claim.version, reason="Again"
    )
    assert RecheckSchedule.objects.get(claim=claim).next_recheck_at is None


@pytest.mark.django_db
def test_claims_recheck_due_raises_a_contradicted_claim_and_leaves_the_decision(
    embedder, editor, raised_signals, django_capture_on_commit_callbacks
):
    claim = _confirmed(actor=editor)
    _due_now(claim)
    newer = _later_claim()
    link = ClaimLinkFactory(
        claim=newer,
        other=claim,
        relation=LinkRelation.CONTRADICTS,
        status=LinkStatus.ACCEPTED,
    )
    version = claim.version

    with django_capture_on_commit_callbacks(execute=True):
        run = claims_recheck_due(actor=None)

    claim.refresh_from_db()
    assert (claim.status, claim.version) == (ClaimStatus.CONFIRMED, version)
    [check] = ClaimRecheck.objects.filter(claim=claim)
    assert check.outcome == RecheckOutcome.RAISED
    assert check.run == run and run.claims_checked == 1 and run.claims_raised == 1
    [finding] = check.findings
    assert (finding["kind"], finding["claim_id"], finding["link_id"]) == (
        "contradicts",
        newer.pk,
        link.pk,
    )
    schedule = RecheckSchedule.objects.get(claim=claim)
    assert schedule.needs_attention and schedule.raised_by == check
    assert schedule.next_recheck_at > timezone.now()
    event = ReviewEvent.objects.get(action=ReviewAction.CLAIM_RECHECK_RAISE)
    assert event.claim == claim and event.actor is None
    assert [item["claim_id"] for item in event.evidence] == [newer.pk]
    assert [(s["claim_id"], s["check_id"]) for s in raised_signals] == [(claim.pk, check.pk)]


@pytest.mark.django_db
def test_claims_recheck_due_raises_when_a_newer_claim_updates_it_not_the_reverse(embedder):
    old = _confirmed()
    _due_now(old)
    newer = _later_claim()
    ClaimLinkFactory(
        claim=newer, other=old, relation=LinkRelation.UPDATES, status=LinkStatus.ACCEPTED
    )
    # An older report seen only now: "old updates this one" does not make `old` out of date.
    older_report = _later_claim(OTHER_BODY)
    ClaimLinkFactory(
        claim=old, other=older_report, relation=LinkRelation.UPDATES, status=LinkStatus.ACCEPTED
    )

    claims_recheck_due(actor=None)

    check = ClaimRecheck.objects.get(claim=old)
    raising = {f["claim_id"]: f["raises"] for f in check.findings}
    assert raising == {newer.pk: True, older_report.pk: False}


@pytest.mark.django_db
def test_claims_recheck_due_records_support_without_raising(embedder, raised_signals):
    claim = _confirmed()
    _due_now(claim)
    ClaimLinkFactory(
        claim=_later_claim(),
        other=claim,
        relation=LinkRelation.SUPPORTS,
        status=LinkStatus.ACCEPTED,
    )

    claims_recheck_due(actor=None)

    check = ClaimRecheck.objects.get(claim=claim)
    assert check.outcome == RecheckOutcome.SUPPORTS
    assert not RecheckSchedule.objects.get(claim=claim).needs_attention
    assert raised_signals == []


@pytest.mark.django_db
def test_claims_recheck_due_backs_off_after_runs_that_find_nothing(embedder):
    claim = _confirmed(kind=ClaimKind.QUANTITY)
    waits = []
    for _ in range(3):
        _due_now(claim)
        start = timezone.now()
        claims_recheck_due(actor=None)
        waits.append(RecheckSchedule.objects.get(claim=claim).next_recheck_at - start)
    assert [c.outcome for c in ClaimRecheck.objects.filter(claim=claim)] == ["nothing"] * 3
    assert [round(w / timedelta(days=1)) for w in waits] == [2, 4, 8]


@pytest.mark.django_db
def test_claims_recheck_due_ignores_claims_not_due_and_rejected_links(embedder):
    due = _confirmed()
    _due_now(due)
    not_due = _confirmed(OTHER_BODY)
    ClaimLinkFactory(
        claim=_later_claim(),
        other=due,
        relation=LinkRelation.CONTRADICTS,
        status=LinkStatus.REJECTED,
    )

    run = claims_recheck_due(actor=None)

    assert run.claims_checked == 1
    assert not ClaimRecheck.objects.filter(claim=not_due).exists()
    assert ClaimRecheck.objects.get(claim=due).outcome == RecheckOutcome.NOTHING


@pytest.mark.django_db
def test_claims_recheck_due_does_not_take_a_claim_another_worker_holds(embedder):
    held, stale = _confirmed(), _confirmed()
    for claim in (held, stale):
        _due_now(claim)
    RecheckSchedule.objects.filter(claim=held).update(started_at=timezone.now())
    RecheckSchedule.objects.filter(claim=stale).update(
        started_at=timezone.now() - timedelta(hours=2)
    )

    claims_recheck_due(actor=None)

    assert list(ClaimRecheck.objects.values_list("claim_id", flat=True)) == [stale.pk]
    assert RecheckSchedule.objects.get(claim=stale).started_at is None


@pytest.mark.django_db
def test_claims_recheck_due_by_id_checks_a_claim_that_is_not_due(embedder):
    claim = _confirmed()
    run = claims_recheck_due(actor=None, claim_ids=[claim.pk])
    assert run.claims_checked == 1 and run.claim_ids == [claim.pk]


def test_claims_recheck_due_refuses_a_rejected_claim(db):
    claim = ClaimFactory(status=ClaimStatus.REJECTED)
    with pytest.raises(ApplicationError, match="rejected"):
        claims_recheck_due(actor=None, claim_ids=[claim.pk])


@pytest.mark.django_db
def test_a_decision_on_a_flagged_claim_clears_the_flag_with_history(embedder, editor):
    claim = _confirmed()
    _due_now(claim)
    ClaimLinkFactory(
        claim=_later_claim(),
        other=claim,
        relation=LinkRelation.CONTRADICTS,
        status=LinkStatus.ACCEPTED,
    )
    claims_recheck_due(actor=None)
    claim.refresh_from_db()

    claim_review.claim_dispute(
        claim=claim, actor=editor, expected_version=claim.version, reason="Out of date now."
    )

    schedule = RecheckSchedule.objects.get(claim=claim)
    assert not schedule.needs_attention and schedule.raised_by is None
    cleared = ReviewEvent.objects.get(action=ReviewAction.CLAIM_ATTENTION_CLEAR)
    assert cleared.actor == editor and cleared.data["decision"] == ReviewAction.CLAIM_DISPUTE
    assert cleared.data["check_id"] == ClaimRecheck.objects.get(claim=claim).pk


@pytest.mark.django_db
def test_claim_attention_clear_keeps_the_decision_and_needs_a_reason(embedder, editor):
    claim = _confirmed()
    _due_now(claim)
    ClaimLinkFactory(
        claim=_later_claim(),
        other=claim,
        relation=LinkRelation.CONTRADICTS,
        status=LinkStatus.ACCEPTED,
    )
    claims_recheck_due(actor=None)
    with pytest.raises(ApplicationError, match="reason"):
        claim_attention_clear(claim=claim, actor=editor, reason=" ")

    claim_attention_clear(claim=claim, actor=editor, reason="The denial came first.")

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED
    assert not RecheckSchedule.objects.get(claim=claim).needs_attention
    with pytest.raises(ApplicationError, match="not flagged"):
        claim_attention_clear(claim=claim, actor=editor, reason="Again.")


def test_claim_recheck_schedule_sets_and_clears_with_history(db, editor):
    claim = _confirmed()
    when = timezone.now() + timedelta(days=3)
    claim_recheck_schedule(claim=claim, actor=editor, next_recheck_at=when, reason="Vote Friday")
    assert RecheckSchedule.objects.get(claim=claim).next_recheck_at == when
    claim_recheck_schedule(claim=claim, actor=editor, next_recheck_at=None)
    assert RecheckSchedule.objects.get(claim=claim).next_recheck_at is None
    events = ReviewEvent.objects.filter(action=ReviewAction.CLAIM_RECHECK_SCHEDULE)
    assert [e.data["after"]["next_recheck_at"] for e in events.order_by("id")] == [
        when.isoformat(),
        None,
    ]
    with pytest.raises(ApplicationError, match="already"):
        claim_recheck_schedule(claim=claim, actor=editor, next_recheck_at=None)


@pytest.mark.django_db
def test_claims_recheck_due_checks_a_claim_once_per_run_even_if_due_again(embedder):
    claim = _confirmed(kind=ClaimKind.QUANTITY)  # next due in a day, then two
    run = claims_recheck_due(actor=None, due_before=timezone.now() + timedelta(days=30))
    assert run.claims_checked == 1
    assert ClaimRecheck.objects.filter(claim=claim).count() == 1


@pytest.mark.django_db
def test_claims_recheck_due_counts_only_what_came_in_after_the_decision(embedder):
    claim = ClaimFactory(article=_article(OLD_BODY))
    seen = _later_claim()  # in before the decision: the editor saw it
    ClaimLinkFactory(
        claim=seen, other=claim, relation=LinkRelation.CONTRADICTS, status=LinkStatus.ACCEPTED
    )
    claim = claim_review.claim_confirm(claim=claim, actor=None, expected_version=claim.version)
    unseen = _later_claim(OTHER_BODY)
    ClaimLinkFactory(
        claim=unseen, other=claim, relation=LinkRelation.SUPPORTS, status=LinkStatus.ACCEPTED
    )

    claims_recheck_due(actor=None, claim_ids=[claim.pk])

    check = ClaimRecheck.objects.get(claim=claim)
    assert [f["claim_id"] for f in check.findings] == [unseen.pk]
    assert check.outcome == RecheckOutcome.SUPPORTS


@pytest.mark.django_db
def test_claims_recheck_due_reports_a_failed_batch_and_goes_on(embedder, monkeypatch):
    from claims.services import linking

    bad, good = _confirmed(), _confirmed(OTHER_BODY)
    for claim in (bad, good):
        _due_now(claim)
    real = linking.claims_suggest_links

    def failing(*, claims, **kwargs):
        if any(c.pk == bad.pk for c in claims):
            raise ValueError("cannot embed this one")
        return real(claims=claims, **kwargs)

    monkeypatch.setattr(linking, "claims_suggest_links", failing)

    run = claims_recheck_due(actor=None, batch_size=1)

    assert run.claims_checked == 1 and f"#{bad.pk} were not checked" in run.error
    assert list(ClaimRecheck.objects.values_list("claim_id", flat=True)) == [good.pk]
    schedule = RecheckSchedule.objects.get(claim=bad)
    assert schedule.started_at is None and schedule.next_recheck_at < timezone.now()


def test_claims_joined_into_a_tracked_claim_are_scheduled(db, editor):
    claim, other = ClaimFactory(), ClaimFactory()
    link = ClaimLinkFactory(claim=claim, other=other, relation=LinkRelation.SAME)

    link_review.claim_link_accept(link=link, actor=editor, expected_version=claim.version)

    schedules = RecheckSchedule.objects.filter(claim__in=[claim, other])
    assert schedules.count() == 2
    assert all(s.next_recheck_at > timezone.now() for s in schedules)
