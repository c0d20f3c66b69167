"""The review queue: the claim list with filters, search and bulk decisions."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from claims.models import ClaimKind, ClaimStatus, Rejection, ReviewEvent
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:claims_claim_changelist")


def _listed(response) -> set[int]:
    return {claim.pk for claim in response.context["cl"].result_list}


@pytest.fixture
def queue(db):
    article = ArticleFactory(key="hama-report")
    return {
        "high": ClaimFactory(score=0.9, kind=ClaimKind.QUANTITY, source="the Observatory"),
        "medium": ClaimFactory(score=0.6, status=ClaimStatus.CONFIRMED, article=article),
        "low": ClaimFactory(score=0.2, kind=ClaimKind.DENIAL, source="state media"),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status__exact": "confirmed"}, {"medium"}),
        ({"kind__exact": "quantity"}, {"high"}),
        ({"source": "state media"}, {"low"}),
        ({"score": "high"}, {"high"}),
        ({"score": "medium"}, {"medium"}),
        ({"score": "low"}, {"low"}),
    ],
)
def test_review_queue_filters(client, editor, queue, params, expected):
    client.force_login(editor)

    response = client.get(QUEUE, params)

    assert _listed(response) == {queue[name].pk for name in expected}


def test_review_queue_filters_by_article(client, editor, queue):
    client.force_login(editor)

    response = client.get(QUEUE, {"article__id__exact": queue["medium"].article_id})

    assert _listed(response) == {queue["medium"].pk}


def test_review_queue_filters_claims_with_links_to_decide(client, editor, queue):
    ClaimLinkFactory(claim=queue["low"], other=queue["high"])
    client.force_login(editor)

    response = client.get(QUEUE, {"links": "suggested"})

    assert _listed(response) == {queue["low"].pk}


def test_review_queue_searches_statements_and_quotes(client, editor):
    by_statement = ClaimFactory(statement="Insurgents reached Hama.")
    article = ArticleFactory(body="The monitor counted nearly 50,000 displaced people overall.")
    by_quote = ClaimFactory(article=article, statement="Many were displaced.")
    client.force_login(editor)

    assert _listed(client.get(QUEUE, {"q": "reached Hama"})) == {by_statement.pk}
    assert _listed(client.get(QUEUE, {"q": "50,000"})) == {by_quote.pk}


def test_bulk_confirm_decides_suggestions_and_reports_refused_ones(client, editor, queue):
    client.force_login(editor)
    ids = [claim.pk for claim in queue.values()]

    response = client.post(
        QUEUE, {"action": "confirm_selected", "_selected_action": ids}, follow=True
    )

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Confirmed 2 claim(s)." in messages
    assert any(
        "1 claim(s) were left as they are" in m and "already confirmed" in m for m in messages
    )
    assert ReviewEvent.objects.filter(action="claim.confirm").count() == 2


def test_bulk_reject_records_the_kind_of_rejection(client, editor, queue):
    client.force_login(editor)

    client.post(
        QUEUE,
        {"action": "reject_wrongly_extracted", "_selected_action": [queue["high"].pk]},
        follow=True,
    )

    queue["high"].refresh_from_db()
    assert queue["high"].status == ClaimStatus.REJECTED
    assert ReviewEvent.objects.get().rejection == Rejection.WRONGLY_EXTRACTED


def test_bulk_decisions_keep_the_editors_note_in_each_claims_history(client, editor, queue):
    client.force_login(editor)

    client.post(
        QUEUE,
        {
            "action": "confirm_selected",
            "_selected_action": [queue["high"].pk],
            "reason": "Checked against the agency wire.",
        },
        follow=True,
    )
    client.post(
        QUEUE,
        {
            "action": "reject_not_a_claim",
            "_selected_action": [queue["low"].pk],
            "reason": "An opinion, not a fact.",
        },
        follow=True,
    )

    confirmed = ReviewEvent.objects.get(claim=queue["high"])
    rejected = ReviewEvent.objects.get(claim=queue["low"])
    assert confirmed.action == "claim.confirm"
    assert confirmed.reason == "Checked against the agency wire."
    assert rejected.rejection == Rejection.NOT_A_CLAIM
    assert rejected.reason == "An opinion, not a fact."
