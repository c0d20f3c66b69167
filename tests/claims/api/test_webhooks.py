"""Webhooks: signed deliveries written with the event, retried until the receiver is back."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from claims.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from claims.services import claim_review as review
from claims.services.webhooks import webhook_deliver, webhook_deliveries_due
from tests.claims.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db
PORT = 8121  # this branch's ports are 8120-8129


class Receiver:
    """A local HTTP receiver that keeps what it was sent."""

    def __init__(self):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append((dict(self.headers), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", PORT), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    running = Receiver()
    yield running
    running.stop()


def _subscribe(*events):
    return WebhookSubscription.objects.create(
        url=f"http://127.0.0.1:{PORT}/hook", events=list(events), secret="s3cret"
    )


def test_webhook_claim_decided_is_delivered_signed(receiver, django_capture_on_commit_callbacks):
    _subscribe("claim.decided")
    claim = ClaimFactory()

    with django_capture_on_commit_callbacks(execute=True):
        review.claim_confirm(claim=claim, actor=None, expected_version=1)

    [(headers, body)] = receiver.received
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["X-Claimtrack-Signature"] == expected
    assert headers["X-Claimtrack-Event"] == "claim.decided"
    data = json.loads(body)["data"]
    assert data["claim_id"] == claim.pk and data["to_status"] == "confirmed"
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED


def test_webhook_only_the_events_subscribed(receiver, django_capture_on_commit_callbacks):
    _subscribe("link.decided")
    link = ClaimLinkFactory()

    with django_capture_on_commit_callbacks(execute=True):
        review.claim_confirm(claim=ClaimFactory(), actor=None, expected_version=1)
        from claims.services.link_review import claim_link_reject

        claim_link_reject(link=link, actor=None, expected_version=1)

    assert [json.loads(body)["event"] for _, body in receiver.received] == ["link.decided"]


def test_webhook_receiver_down_loses_nothing(django_capture_on_commit_callbacks):
    _subscribe("claim.decided")
    claim = ClaimFactory()

    with django_capture_on_commit_callbacks(execute=True):
        review.claim_confirm(claim=claim, actor=None, expected_version=1)
    waiting = WebhookDelivery.objects.get()
    assert waiting.status == DeliveryStatus.PENDING and waiting.attempts == 1
    assert waiting.last_error and waiting.next_attempt_at > timezone.now()
    assert webhook_deliveries_due() == []  # it waits for its backoff

    receiver = Receiver()
    try:
        later = timezone.now() + timedelta(hours=1)
        for delivery_id in webhook_deliveries_due(now=later):
            WebhookDelivery.objects.filter(pk=delivery_id).update(next_attempt_at=timezone.now())
            webhook_deliver(delivery_id=delivery_id)
    finally:
        receiver.stop()

    delivered = WebhookDelivery.objects.get()
    assert delivered.status == DeliveryStatus.DELIVERED and delivered.attempts == 2
    assert len(receiver.received) == 1


def test_webhook_recheck_raised_event_is_recorded():
    from claims.models import ClaimRecheck
    from claims.signals import claim_recheck_raised

    _subscribe("claim.recheck_raised")
    claim = ClaimFactory()

    claim_recheck_raised.send(
        sender=ClaimRecheck, claim_id=claim.pk, check_id=1, run_id=2, findings=[{"kind": "x"}]
    )

    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "claim.recheck_raised" and delivery.payload["claim_id"] == claim.pk


def test_webhook_delivery_log_in_the_admin(client, admin_user):
    _subscribe("claim.decided")
    review.claim_confirm(claim=ClaimFactory(), actor=None, expected_version=1)
    client.force_login(admin_user)

    page = client.get("/admin/claims/webhookdelivery/")

    assert page.status_code == 200 and b"claim.decided" in page.content
    assert client.get("/admin/claims/apitoken/").status_code == 200
    assert client.get("/admin/claims/webhooksubscription/add/").status_code == 200


def test_webhook_article_extracted_is_recorded_when_extraction_succeeds():
    from claims.models import ExtractionRun
    from tests.articles.factories import ArticleFactory

    _subscribe("article.extracted")
    article = ArticleFactory()
    run = ExtractionRun.objects.create(
        article=article, body_sha256=article.sha256, extractor_name="t", extractor_version="0"
    )
    assert not WebhookDelivery.objects.exists()  # still running

    run.outcome, run.claims_created = ExtractionRun.Outcome.SUCCEEDED, 3
    run.save()

    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "article.extracted"
    assert delivery.payload["article_id"] == article.pk and delivery.payload["claims_created"] == 3
