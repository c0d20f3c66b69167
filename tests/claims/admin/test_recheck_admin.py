"""Re-checks in the admin: the queues on the claim list, the panel on the claim page."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from claims.models import (
    ClaimRecheck,
    ClaimStatus,
    LinkRelation,
    LinkStatus,
    RecheckSchedule,
    ReviewAction,
    ReviewEvent,
)
from claims.services.rechecks import claims_recheck_due
from tests.claims.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _scheduled(next_recheck_at, **kwargs):
    claim = ClaimFactory(status=ClaimStatus.CONFIRMED)
    RecheckSchedule.objects.create(
        claim=claim, next_recheck_at=next_recheck_at, new_since=timezone.now(), **kwargs
    )
    return claim


@pytest.fixture
def raised_claim(embedder):
    claim = _scheduled(timezone.now() - timedelta(minutes=1))
    newer = ClaimFactory(statement="Insurgents entered the city on Thursday.")
    ClaimLinkFactory(
        claim=newer, other=claim, relation=LinkRelation.CONTRADICTS, status=LinkStatus.ACCEPTED
    )
    claims_recheck_due(actor=None)
    return claim, newer


def _ids_listed(client, query):
    response = client.get(reverse("admin:claims_claim_changelist") + query)
    assert response.status_code == 200
    return {claim.pk for claim in response.context["cl"].result_list}


def test_claim_list_queues_due_for_recheck_and_needs_attention(editor_client):
    due = _scheduled(timezone.now() - timedelta(hours=1))
    later = _scheduled(timezone.now() + timedelta(days=30))
    flagged = _scheduled(timezone.now() + timedelta(days=30), needs_attention=True)

    assert _ids_listed(editor_client, "?recheck=due") == {due.pk}
    assert _ids_listed(editor_client, "?needs_attention=yes") == {flagged.pk}
    assert later.pk in _ids_listed(editor_client, "?recheck=scheduled")


def test_claim_page_shows_the_flag_with_its_evidence_and_the_checks(editor_client, raised_claim):
    claim, newer = raised_claim
    page = editor_client.get(claim.get_admin_url()).content.decode()

    assert 'id="recheck-attention"' in page
    assert newer.statement in page
    assert 'data-outcome="raised"' in page
    assert 'id="attention-clear-form"' in page and 'id="recheck-schedule-form"' in page


def test_claim_page_sets_and_clears_the_next_recheck_through_the_service(editor_client, editor):
    claim = _scheduled(None)
    url = reverse("admin:claims_claim_recheck", args=[claim.pk, "schedule"])

    response = editor_client.post(
        url, {"next_recheck_at": "2031-05-04T09:30", "reason": "Election day"}, follow=True
    )
    schedule = RecheckSchedule.objects.get(claim=claim)
    assert timezone.localtime(schedule.next_recheck_at).strftime("%Y-%m-%d %H:%M") == (
        "2031-05-04 09:30"
    )
    assert "next re-checked at 2031-05-04 09:30" in " ".join(
        str(m) for m in get_messages(response.wsgi_request)
    )
    editor_client.post(url, {"next_recheck_at": ""})
    assert RecheckSchedule.objects.get(claim=claim).next_recheck_at is None
    events = ReviewEvent.objects.filter(action=ReviewAction.CLAIM_RECHECK_SCHEDULE, actor=editor)
    assert events.count() == 2


def test_claim_page_clears_the_flag_and_keeps_the_decision(editor_client, raised_claim):
    claim, _ = raised_claim
    url = reverse("admin:claims_claim_recheck", args=[claim.pk, "clear-attention"])

    editor_client.post(url, {"reason": "Reported earlier, already weighed."})

    assert not RecheckSchedule.objects.get(claim=claim).needs_attention
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED


def test_recheck_pages_are_read_only(editor_client, raised_claim):
    check = ClaimRecheck.objects.get()
    for name, pk in (("recheckrun", check.run_id), ("claimrecheck", check.pk)):
        assert editor_client.get(reverse(f"admin:claims_{name}_changelist")).status_code == 200
        page = editor_client.get(reverse(f"admin:claims_{name}_change", args=[pk]))
        assert page.status_code == 200 and b'name="_save"' not in page.content


def test_recheck_forms_need_review_permission(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    client.force_login(viewer)
    claim = _scheduled(None)
    url = reverse("admin:claims_claim_recheck", args=[claim.pk, "schedule"])
    assert client.post(url, {"next_recheck_at": "2031-05-04T09:30"}).status_code == 403
