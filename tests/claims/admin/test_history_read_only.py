"""The History pages show the past and never write it back, for every role.

django-simple-history's record view saves a posted form for anyone who may view the
object; a POST with nothing but a CSRF token used to turn a confirmed claim back into
a suggestion (and an accepted link back into a suggested one) with no review event.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.services import article_update
from claims.models import Claim, ClaimLink, ClaimStatus, LinkStatus, ReviewEvent, TrackedClaim
from claims.services import claim_review, link_review
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db
ROLES = ("admin_user", "editor", "reviewer", "readonly_staff")


def _confirmed_claim(editor, claim):
    claim_review.claim_confirm(claim=claim, actor=editor, expected_version=1, reason="Checked.")
    return claim


def _accepted_link(editor, suggested_link):
    link_review.claim_link_accept(
        link=suggested_link, actor=editor, expected_version=1, reason="Same event."
    )
    return suggested_link


def _tracked_claim(editor, suggested_link):
    _accepted_link(editor, suggested_link)
    return Claim.objects.get(pk=suggested_link.claim_id).tracked_claim


def _edited_article(editor):
    article = ArticleFactory(title="First title")
    article_update(article=article, actor=editor, title="Second title", reason="Better")
    return article


def _state(obj) -> tuple:
    obj = type(obj).objects.get(pk=obj.pk)
    if isinstance(obj, Claim):
        return (obj.status, obj.version, obj.statement)
    if isinstance(obj, ClaimLink):
        return (obj.status, obj.decided_by_id)
    if isinstance(obj, TrackedClaim):
        return (obj.statement, obj.updated_at)
    return (obj.title, obj.body)


def _revert_data(record) -> dict:
    """What a probe posts: the old record's values (articles have editable fields)."""
    if record.instance_type._meta.model_name != "article":
        return {}
    return {
        "title": record.title,
        "body": record.body,
        "published_at": "",
        "section": record.section,
        "dateline": record.dateline,
        "outlet": record.outlet,
        "language": record.language,
    }


@pytest.fixture
def history_target(request, editor):
    """(object, its oldest historical record) for each model with a History page."""
    kind = request.param
    if kind == "claim":
        obj = _confirmed_claim(editor, request.getfixturevalue("claim"))
    elif kind == "link":
        obj = _accepted_link(editor, request.getfixturevalue("suggested_link"))
    elif kind == "tracked":
        obj = _tracked_claim(editor, request.getfixturevalue("suggested_link"))
    else:
        obj = _edited_article(editor)
    return obj, obj.history.order_by("history_date", "history_id").first()


def _record_url(obj, record) -> str:
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, record.pk]
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("history_target", ["claim", "link", "tracked", "article"], indirect=True)
def test_history_record_view_refuses_post_for_every_role(client, request, role, history_target):
    obj, record = history_target
    client.force_login(request.getfixturevalue(role))
    before = _state(obj)
    records, events, log = (
        obj.history.count(),
        ReviewEvent.objects.count(),
        LogEntry.objects.count(),
    )

    response = client.post(_record_url(obj, record), _revert_data(record))

    assert response.status_code in (403, 405)
    assert _state(obj) == before
    assert obj.history.count() == records
    assert ReviewEvent.objects.count() == events
    assert LogEntry.objects.count() == log


def test_history_record_view_post_does_not_reopen_a_confirmed_claim(
    client, readonly_staff, editor, claim
):
    """The probe itself: Read-only staff, version 2 back to version 1, no event."""
    _confirmed_claim(editor, claim)
    oldest = claim.history.order_by("history_date", "history_id").first()
    client.force_login(readonly_staff)

    client.post(_record_url(claim, oldest), {})

    claim.refresh_from_db()
    assert (claim.status, claim.version) == (ClaimStatus.CONFIRMED, 2)
    assert list(ReviewEvent.objects.values_list("action", flat=True)) == ["claim.confirm"]


def test_history_record_view_post_does_not_undecide_an_accepted_link(
    client, editor, suggested_link
):
    _accepted_link(editor, suggested_link)
    oldest = suggested_link.history.order_by("history_date", "history_id").first()
    client.force_login(editor)

    client.post(_record_url(suggested_link, oldest), {})

    suggested_link.refresh_from_db()
    assert suggested_link.status == LinkStatus.ACCEPTED


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("history_target", ["claim", "link", "tracked", "article"], indirect=True)
def test_history_pages_still_show_the_list_and_the_record(client, request, role, history_target):
    obj, record = history_target
    client.force_login(request.getfixturevalue(role))
    opts = obj._meta

    listing = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    )
    page = client.get(_record_url(obj, record))

    assert listing.status_code == 200
    assert _record_url(obj, record) in listing.content.decode()
    assert page.status_code == 200
    html = page.content.decode()
    assert "<form" not in html.split('id="content"', 1)[1]  # nothing to submit
    assert "Revert" not in html
    if opts.model_name == "article":
        assert "First title" in html  # the past value, not today's
    if opts.model_name == "claim":
        assert "Suggested" in html and "version" in html.lower()


def test_history_record_view_shows_who_saved_it_and_why(client, editor, claim):
    _confirmed_claim(editor, claim)
    latest = claim.history.order_by("history_date", "history_id").last()
    client.force_login(editor)

    html = client.get(_record_url(claim, latest)).content.decode()

    assert "edna" in html
    assert latest.history_change_reason in html
    assert "Confirmed" in html
