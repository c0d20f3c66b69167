"""Editor, Reviewer and Read-only staff: the groups of the review migration, each enforced."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article
from claims.models import ClaimStatus, ReviewEvent
from claims.services import claim_review
from tests.claims.factories import ClaimFactory, TrackedClaimFactory
from tests.claims.review_fixtures import EDITOR, READ_ONLY, REVIEWER

pytestmark = pytest.mark.django_db
UPLOAD = reverse("admin:articles_article_upload")
QUEUE = reverse("admin:claims_claim_changelist")


def test_migration_created_the_three_groups():
    perms = {
        group.name: {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        for group in Group.objects.prefetch_related("permissions__content_type")
    }

    assert {"articles.add_article", "claims.review_claim"} <= perms[EDITOR]
    assert "claims.review_claim" in perms[REVIEWER]
    assert "articles.add_article" not in perms[REVIEWER]
    assert "claims.review_claim" not in perms[READ_ONLY]
    assert all(p.startswith(("articles.view_", "claims.view_")) for p in perms[READ_ONLY])
    for group in (EDITOR, REVIEWER, READ_ONLY):
        assert "claims.view_reviewevent" in perms[group]
        assert not any(p.endswith("_reviewevent") and "view" not in p for p in perms[group])


@pytest.mark.parametrize(
    ("user", "allowed"), [("editor", True), ("reviewer", False), ("readonly_staff", False)]
)
def test_only_editors_upload(client, request, user, allowed):
    client.force_login(request.getfixturevalue(user))

    response = client.post(UPLOAD, {"text": "Insurgents reached the outskirts of Hama today."})

    assert (response.status_code == 302) is allowed
    assert Article.objects.exists() is allowed
    changelist = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert (UPLOAD in changelist) is allowed


@pytest.mark.parametrize(
    ("user", "allowed"), [("editor", True), ("reviewer", True), ("readonly_staff", False)]
)
def test_only_reviewing_groups_confirm(client, request, claim, user, allowed):
    client.force_login(request.getfixturevalue(user))

    response = client.post(
        reverse("admin:claims_claim_review", args=[claim.pk, "confirm"]), {"expected_version": 1}
    )

    claim.refresh_from_db()
    assert (response.status_code == 302) is allowed
    assert (claim.status == ClaimStatus.CONFIRMED) is allowed
    page = client.get(claim.get_admin_url())
    assert page.status_code == 200  # everyone on staff may read it
    assert ('id="dispute-form"' in page.content.decode()) is allowed


def test_read_only_staff_sees_no_review_forms_or_bulk_actions(client, readonly_staff, claim):
    client.force_login(readonly_staff)

    page = client.get(claim.get_admin_url()).content.decode()
    queue = client.get(QUEUE)

    assert 'id="confirm-form"' not in page
    assert "Can review claims" in page
    assert queue.status_code == 200
    assert "confirm_selected" not in queue.content.decode()


def test_read_only_staff_cannot_run_a_bulk_action(client, readonly_staff, claim):
    client.force_login(readonly_staff)

    client.post(QUEUE, {"action": "confirm_selected", "_selected_action": [claim.pk]})

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUGGESTED


@pytest.mark.parametrize("action", ["accept", "reject", "unlink"])
def test_read_only_staff_cannot_decide_links(client, readonly_staff, suggested_link, action):
    client.force_login(readonly_staff)

    response = client.post(
        reverse(
            "admin:claims_claim_link_review",
            args=[suggested_link.claim_id, suggested_link.pk, action],
        ),
        {"expected_version": 1, "reason": "x"},
    )

    assert response.status_code == 403
    suggested_link.refresh_from_db()
    assert suggested_link.status == "suggested"


def test_reviewer_cannot_edit_article_metadata(client, reviewer, claim):
    client.force_login(reviewer)
    article = claim.article

    client.post(article.get_admin_url(), {"title": "Changed"})

    article.refresh_from_db()
    assert article.title != "Changed"


def test_merging_tracked_claims_needs_the_review_permission(client, readonly_staff, editor):
    first, second = TrackedClaimFactory(), TrackedClaimFactory()
    changelist = reverse("admin:claims_trackedclaim_changelist")
    payload = {"action": "merge_selected", "_selected_action": [first.pk, second.pk]}

    client.force_login(readonly_staff)
    client.post(changelist, payload)
    assert ReviewEvent.objects.count() == 0

    client.force_login(editor)
    client.post(changelist, payload)
    assert ReviewEvent.objects.get().action == "tracked_claim.merge"


@pytest.mark.parametrize("who", ["admin_user", "editor"])
def test_nobody_adds_changes_or_deletes_review_events(client, request, who, editor, claim):
    claim_review.claim_confirm(claim=claim, actor=editor, expected_version=1, reason="Fine.")
    event = ReviewEvent.objects.get()
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("admin:claims_reviewevent_add")).status_code == 403
    assert (
        client.get(reverse("admin:claims_reviewevent_delete", args=[event.pk])).status_code == 403
    )
    change = client.post(
        reverse("admin:claims_reviewevent_change", args=[event.pk]), {"reason": "Rewritten"}
    )
    assert change.status_code == 403
    listing = client.get(reverse("admin:claims_reviewevent_changelist"))
    assert listing.status_code == 200
    assert "delete_selected" not in listing.content.decode()
    page = client.get(reverse("admin:claims_reviewevent_change", args=[event.pk]))
    assert page.status_code == 200 and "Fine." in page.content.decode()
    event.refresh_from_db()
    assert event.reason == "Fine."


def test_nobody_changes_claims_through_the_plain_admin_form(client, admin_user):
    claim = ClaimFactory(statement="Original.")
    client.force_login(admin_user)

    client.post(claim.get_admin_url(), {"statement": "Sneaky.", "status": "confirmed"})

    claim.refresh_from_db()
    assert (claim.statement, claim.status) == ("Original.", ClaimStatus.SUGGESTED)
