"""The admin and the services write the same history for the same decision (STYLE.md C9)."""

import pytest
from django.urls import reverse

from claims.models import ReviewEvent
from claims.services import claim_review, link_review
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

VOLATILE = {"claim_id", "article_id", "link_id", "other_id", "tracked_claim_id", "decided_at"}


def _shape(value):
    """The event with ids and times replaced by their presence, to compare two decisions."""
    if isinstance(value, dict):
        return {
            k: (v is not None) if k in VOLATILE else len(v) if k == "claim_ids" else _shape(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return value


def _events(since: int) -> list[dict]:
    return [
        _shape(
            {
                "action": e.action,
                "actor": e.actor.username,
                "claim": e.claim_id is not None,
                "link": e.link_id is not None,
                "tracked_claim": e.tracked_claim_id is not None,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "rejection": e.rejection,
                "reason": e.reason,
                "evidence": [{**item, "article_id": None} for item in e.evidence],
                "data": e.data,
            }
        )
        for e in ReviewEvent.objects.filter(pk__gt=since).order_by("id")
    ]


def _last_id() -> int:
    return ReviewEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


DECISIONS = {
    "dispute": (
        {"reason": "Denied by state media.", "evidence_urls": "https://example.org/denial"},
        lambda claim, user: claim_review.claim_dispute(
            claim=claim,
            actor=user,
            expected_version=1,
            reason="Denied by state media.",
            evidence_urls=["https://example.org/denial"],
        ),
    ),
    "confirm": (
        {"reason": ""},
        lambda claim, user: claim_review.claim_confirm(
            claim=claim, actor=user, expected_version=1
        ),
    ),
    "reject": (
        {"rejection": "wrongly_extracted", "reason": "Half a sentence."},
        lambda claim, user: claim_review.claim_reject(
            claim=claim,
            actor=user,
            expected_version=1,
            rejection="wrongly_extracted",
            reason="Half a sentence.",
        ),
    ),
}


@pytest.mark.parametrize("action", sorted(DECISIONS))
def test_admin_and_service_write_the_same_claim_event(client, editor, action):
    form, service = DECISIONS[action]
    via_service, via_admin = ClaimFactory.create_batch(2, statement="Rebels took Hama.")

    start = _last_id()
    service(via_service, editor)
    from_service = _events(start)

    client.force_login(editor)
    start = _last_id()
    client.post(
        reverse("admin:claims_claim_review", args=[via_admin.pk, action]),
        {"expected_version": 1, **form},
    )
    from_admin = _events(start)

    assert from_admin == from_service
    assert len(from_admin) == 1


def test_admin_and_service_write_the_same_link_events(client, editor):
    by_service, by_admin = (
        ClaimLinkFactory(
            claim=ClaimFactory(statement="Rebels took Hama."),
            other=ClaimFactory(article=ArticleFactory(), statement="Hama fell."),
        )
        for _ in range(2)
    )

    start = _last_id()
    link_review.claim_link_accept(
        link=by_service, actor=editor, expected_version=1, reason="Same."
    )
    from_service = _events(start)

    client.force_login(editor)
    start = _last_id()
    client.post(
        reverse("admin:claims_claim_link_review", args=[by_admin.claim_id, by_admin.pk, "accept"]),
        {"expected_version": 1, "reason": "Same."},
    )
    from_admin = _events(start)

    assert [e["action"] for e in from_admin] == ["link.accept", "tracked_claim.create"]
    assert from_admin == from_service
