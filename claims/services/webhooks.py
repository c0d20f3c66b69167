"""Webhooks: each event is written as one delivery per subscriber, in the transaction
that made it, and sent once committed; failures wait with backoff and are sent again.

The body is JSON; `X-Claimtrack-Signature: sha256=<hex>` is the HMAC-SHA256 of the exact
body bytes with the subscription's secret. A receiver that is down loses nothing: the
delivery stays pending and the sweep (beat, every minute) sends it again when due.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
from datetime import timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.models import (
    DeliveryStatus,
    ExtractionRun,
    ReviewAction,
    ReviewEvent,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)

SIGNATURE_HEADER = "X-Claimtrack-Signature"
FIRST_BACKOFF_SECONDS = 30

CLAIM_DECISIONS = {
    ReviewAction.CLAIM_CONFIRM,
    ReviewAction.CLAIM_DISPUTE,
    ReviewAction.CLAIM_REJECT,
    ReviewAction.CLAIM_REOPEN,
}
LINK_DECISIONS = {
    ReviewAction.LINK_CREATE,
    ReviewAction.LINK_ACCEPT,
    ReviewAction.LINK_REJECT,
    ReviewAction.LINK_UNLINK,
}


def webhook_signature(*, secret: str, body: bytes) -> str:
    """What the receiver computes to check a delivery came from us."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@transaction.atomic
def webhook_event_record(*, event: str, payload: dict) -> list[WebhookDelivery]:
    """One pending delivery per active subscription to `event`, sent once committed."""
    from claims.tasks import webhook_deliver_task

    subscriptions = [
        s for s in WebhookSubscription.objects.filter(is_active=True) if event in s.events
    ]
    if not subscriptions:
        return []
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(subscription=s, event=event, payload=payload, next_attempt_at=now)
        for s in subscriptions
    )
    for delivery in deliveries:
        webhook_deliver_task.delay_on_commit(delivery.pk)
    return deliveries


def webhook_review_event_recorded(*, review_event: ReviewEvent) -> None:
    """A review decision was recorded: tell the subscribers of claim or link decisions."""
    event = review_event
    if event.action in CLAIM_DECISIONS:
        webhook_event_record(
            event=WebhookEvent.CLAIM_DECIDED,
            payload={
                "claim_id": event.claim_id,
                "article_id": event.article_id,
                "action": event.action,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "version": (event.data.get("after") or {}).get("version"),
                "actor": event.actor.get_username() if event.actor_id else None,
                "reason": event.reason,
                "review_event_id": event.pk,
            },
        )
    elif event.action in LINK_DECISIONS:
        after = event.data.get("after") or {}
        webhook_event_record(
            event=WebhookEvent.LINK_DECIDED,
            payload={
                "link_id": event.data.get("link_id"),
                "claim_id": event.claim_id,
                "other_id": event.data.get("other_id"),
                "action": event.action,
                "relation": after.get("relation"),
                "status": after.get("status"),
                "actor": event.actor.get_username() if event.actor_id else None,
                "reason": event.reason,
                "review_event_id": event.pk,
            },
        )


def webhook_extraction_finished(*, run: ExtractionRun) -> None:
    if run.outcome != ExtractionRun.Outcome.SUCCEEDED:
        return
    webhook_event_record(
        event=WebhookEvent.ARTICLE_EXTRACTED,
        payload={
            "article_id": run.article_id,
            "extraction_run_id": run.pk,
            "extractor_version": run.extractor_version,
            "claims_created": run.claims_created,
            "claims_updated": run.claims_updated,
            "claims_removed": run.claims_removed,
        },
    )


def webhook_recheck_raised(*, claim_id: int, check_id: int, run_id: int, findings) -> None:
    webhook_event_record(
        event=WebhookEvent.RECHECK_RAISED,
        payload={
            "claim_id": claim_id,
            "check_id": check_id,
            "run_id": run_id,
            "findings": findings,
        },
    )


def webhook_body(delivery: WebhookDelivery) -> bytes:
    return json.dumps(
        {
            "delivery_id": delivery.pk,
            "event": delivery.event,
            "created_at": delivery.created_at.isoformat(),
            "data": delivery.payload,
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode()


def webhook_backoff(*, attempts: int) -> timedelta:
    """30 s, 1 min, 2 min ... up to WEBHOOK_MAX_BACKOFF_SECONDS, with jitter."""
    seconds = min(
        FIRST_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), settings.WEBHOOK_MAX_BACKOFF_SECONDS
    )
    return timedelta(seconds=seconds * random.uniform(0.8, 1.2))


def webhook_deliver(*, delivery_id: int) -> WebhookDelivery | None:
    """Send one pending delivery that is due; returns None if another worker has it."""
    now = timezone.now()
    lease = timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS + 60)
    taken = WebhookDelivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + lease)
    if not taken:
        return None
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    body = webhook_body(delivery)
    status_code, error = None, ""
    try:
        response = requests.post(
            delivery.subscription.url,
            data=body,
            headers={
                "Content-Type": "application/json",
                "User-Agent": "Claimtrack-Webhooks/1",
                "X-Claimtrack-Event": delivery.event,
                "X-Claimtrack-Delivery": str(delivery.pk),
                SIGNATURE_HEADER: webhook_signature(
                    secret=delivery.subscription.secret, body=body
                ),
            },
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            allow_redirects=False,
        )
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}: {response.text[:500]}"
    except requests.RequestException as failure:
        error = f"{type(failure).__name__}: {failure}"[:1000]
    return _record_attempt(delivery, status_code=status_code, error=error)


def _record_attempt(
    delivery: WebhookDelivery, *, status_code: int | None, error: str
) -> WebhookDelivery:
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = status_code
    delivery.last_error = error
    if not error:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = now + webhook_backoff(attempts=delivery.attempts)
    delivery.save()
    return delivery


def webhook_deliveries_due(*, now=None) -> list[int]:
    """The pending deliveries whose next attempt is due (for the sweep)."""
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now
        ).values_list("pk", flat=True)[:1000]
    )


@transaction.atomic
def webhook_delivery_retry(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a failed (or waiting) delivery again now, from the admin."""
    from claims.tasks import webhook_deliver_task

    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status == DeliveryStatus.DELIVERED:
        return delivery
    delivery.status = DeliveryStatus.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "next_attempt_at"])
    webhook_deliver_task.delay_on_commit(delivery.pk)
    return delivery


@transaction.atomic
def webhook_subscription_save(
    *, subscription: WebhookSubscription, actor=None
) -> WebhookSubscription:
    """Create or change a subscription (from the admin); unknown event names are refused."""
    from articles.errors import ApplicationError

    unknown = sorted(set(subscription.events) - set(WebhookEvent.values))
    if unknown or not subscription.events:
        raise ApplicationError(
            f"Choose events from: {', '.join(WebhookEvent.values)} (got {unknown or 'none'})."
        )
    if subscription.pk is None and actor is not None and actor.is_authenticated:
        subscription.created_by = actor
    subscription.save()
    return subscription


@transaction.atomic
def webhook_subscription_delete(*, subscription: WebhookSubscription, actor=None) -> None:
    subscription.delete()
