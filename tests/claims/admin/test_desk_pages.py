"""The claim page, article page, link list and history as the desk uses them (issue 10,
items 2, 3, 4 and 6)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import (
    ClaimStatus,
    LinkStatus,
    RecheckSchedule,
    ReviewAction,
    ReviewEvent,
)
from claims.services.rechecks import claim_attention_raise_text_changed
from tests.claims.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _review_url(claim, verb):
    return reverse("admin:claims_claim_review", args=[claim.pk, verb])


def _link_url(link, verb):
    return reverse("admin:claims_claim_link_review", args=[link.claim_id, link.pk, verb])


def test_claim_page_offers_the_correction_of_a_suggestion(editor_client, claim):
    page = editor_client.get(claim.get_admin_url()).content.decode()

    assert 'id="edit-form"' in page
    for field in ("statement", "kind", "source"):
        assert f'name="{field}"' in page

    editor_client.post(
        _review_url(claim, "edit"),
        {
            "expected_version": 1,
            "statement": "Insurgents were about 10 km from the city.",
            "kind": "quantity",
            "source": "a monitor",
            "reason": "Figure first.",
        },
    )
    claim.refresh_from_db()
    assert (claim.status, claim.kind, claim.source) == ("suggested", "quantity", "a monitor")
    page = editor_client.get(claim.get_admin_url()).content.decode()
    assert "Corrected: statement, kind, source" in page
    assert "Figure first." in page

    editor_client.post(_review_url(claim, "confirm"), {"expected_version": 2})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED


def test_claim_page_link_rows_show_each_claims_words_once(editor_client, claim, prior_claim):
    ClaimLinkFactory(claim=claim, other=prior_claim)
    ClaimLinkFactory(claim=claim)

    page = editor_client.get(claim.get_admin_url()).content.decode()
    table = page[
        page.index('id="claim-links"') : page.index("</table>", page.index('id="claim-links"'))
    ]

    assert claim.quote not in table  # the claim's own words are above, not on every row
    assert table.count(prior_claim.statement.rstrip(".")) == 1


def test_claim_page_link_decision_takes_a_note_and_the_history_names_both_claims(
    editor_client, suggested_link
):
    editor_client.post(
        _link_url(suggested_link, "accept"),
        {"expected_version": 1, "relation": "supports", "reason": "Same figure."},
    )

    event = ReviewEvent.objects.get(action=ReviewAction.LINK_ACCEPT)
    assert event.reason == "Same figure."
    page = editor_client.get(suggested_link.claim.get_admin_url()).content.decode()
    history = page[page.index('class="review-history"') :]
    claim_id, other_id = suggested_link.claim_id, suggested_link.other_id
    assert f"Link #{claim_id} → #{other_id} accepted as supports (suggested as same claim)" in (
        history
    )
    assert "Same figure." in history


def test_claim_page_reject_form_shows_a_note_field_for_each_link(editor_client, suggested_link):
    page = editor_client.get(suggested_link.claim.get_admin_url()).content.decode()
    row = page[page.index(f'id="link-{suggested_link.pk}"') :]
    row = row[: row.index("</tr>")]
    assert row.count('name="reason"') == 2  # accept and reject each take a note


def test_link_list_accepts_and_rejects_suggestions_in_bulk_with_a_note(editor_client, claim):
    links = [ClaimLinkFactory(claim=claim) for _ in range(3)]
    decided = ClaimLinkFactory(claim=claim, status=LinkStatus.ACCEPTED)
    url = reverse("admin:claims_claimlink_changelist")

    response = editor_client.post(
        url,
        {
            "action": "reject_selected",
            "_selected_action": [links[0].pk, links[1].pk, decided.pk],
            "reason": "Same topic, not the same claim.",
        },
        follow=True,
    )

    for link in links:
        link.refresh_from_db()
    assert [link.status for link in links] == ["rejected", "rejected", "suggested"]
    events = ReviewEvent.objects.filter(action=ReviewAction.LINK_REJECT)
    assert {e.reason for e in events} == {"Same topic, not the same claim."}
    page = response.content.decode()
    assert "Rejected 2 link(s)." in page
    assert page.count("1 link(s) were left as they are") == 1

    editor_client.post(url, {"action": "accept_selected", "_selected_action": [links[2].pk]})
    links[2].refresh_from_db()
    assert links[2].status == LinkStatus.ACCEPTED


def test_link_list_bulk_actions_need_the_review_permission(client, readonly_staff, claim):
    link = ClaimLinkFactory(claim=claim)
    client.force_login(readonly_staff)

    client.post(
        reverse("admin:claims_claimlink_changelist"),
        {"action": "reject_selected", "_selected_action": [link.pk]},
    )

    link.refresh_from_db()
    assert link.status == LinkStatus.SUGGESTED


def test_article_page_names_the_decided_claims_whose_words_changed(editor_client, claim):
    claim.status = ClaimStatus.CONFIRMED
    claim.save()
    claim_attention_raise_text_changed(
        claim=claim, old_quote="about 10 km", new_quote="about 20 km", body_sha256="x"
    )
    assert RecheckSchedule.objects.get(claim=claim).needs_attention

    page = editor_client.get(claim.article.get_admin_url()).content.decode()
    assert 'id="words-changed"' in page
    notice = page[page.index('id="words-changed"') :]
    assert f"#{claim.pk}</a>" in notice
    assert "was “about 10 km”, now “about 20 km”" in notice

    claim_page = editor_client.get(claim.get_admin_url()).content.decode()
    assert "changed this claim's words" in claim_page


def test_review_history_filters_by_who_action_and_date(editor_client, editor, second_editor):
    claim = ClaimFactory()
    ReviewEvent.objects.record(action=ReviewAction.CLAIM_CONFIRM, actor=editor, claim=claim)
    ReviewEvent.objects.record(action=ReviewAction.CLAIM_REJECT, actor=second_editor, claim=claim)
    url = reverse("admin:claims_reviewevent_changelist")

    def listed(params):
        response = editor_client.get(url, params)
        return sorted(e.action for e in response.context["cl"].result_list)

    assert listed({"actor__id__exact": editor.pk}) == ["claim.confirm"]
    assert listed({"action__exact": "claim.reject"}) == ["claim.reject"]
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    assert listed({"created_at__gte": str(today), "created_at__lt": str(tomorrow)}) == [
        "claim.confirm",
        "claim.reject",
    ]
    assert listed({"created_at__gte": str(tomorrow)}) == []
    page = editor_client.get(url).content.decode()
    filters = page[page.index('id="changelist-filter"') :]
    for title in ("By actor", "By action", "By created at"):
        assert title in filters
