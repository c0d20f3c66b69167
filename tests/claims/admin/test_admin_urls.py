"""Every admin page of our own answers a malformed id with 404, never a 500 or a redirect."""

import re

import pytest
from django.contrib import admin
from django.urls import URLPattern
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Claim
from claims.services import link_review

pytestmark = pytest.mark.django_db

# Django's own pages, which answer a bad id with "doesn't exist" (a redirect) by design.
DJANGO_PAGES = {"changelist", "add", "delete", "change", "autocomplete"}
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
NOT_AN_ID = "abc"


def _our_admin_routes() -> list[tuple[str, str]]:
    """(admin prefix, route) of each page with an id in it that our admins add or override."""
    routes = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"articles", "claims"}:
            continue
        prefix = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for pattern in model_admin.get_urls():
            if not isinstance(pattern, URLPattern) or pattern.name is None:
                continue
            page = pattern.name.rsplit("_", 1)[-1]
            if page in DJANGO_PAGES:
                continue
            if page == "history" and not isinstance(model_admin, SimpleHistoryAdmin):
                continue  # Django's own History page
            route = str(pattern.pattern)
            if PARAMETER.search(route) or "(" in route:
                routes.append((prefix, route))
    return routes


def _urls_with_one_bad_id(prefix: str, route: str, good: dict[str, str]) -> list[str]:
    """The route once per id in it: that id replaced by text, the others real."""
    route = route.lstrip("^").rstrip("$")
    if "(" in route:  # a regex route, e.g. ^([^/]+)/history/([^/]+)/$
        route = re.sub(r"\(\[\^/\]\+\)", "<object_id>", route, count=1)
        route = re.sub(r"\(\[\^/\]\+\)", "<version_id>", route, count=1)
    names = [m["name"] for m in PARAMETER.finditer(route)]
    ids = [name for name in names if name.endswith("_id")]
    assert ids, f"{route}: no id parameter"
    urls = []
    for bad in ids:
        values = {**good, bad: NOT_AN_ID}
        urls.append(prefix + PARAMETER.sub(lambda m, values=values: values[m["name"]], route))
    return urls


@pytest.fixture
def real_ids(editor, suggested_link):
    link_review.claim_link_accept(link=suggested_link, actor=editor, expected_version=1)
    claim = Claim.objects.get(pk=suggested_link.claim_id)
    return {
        "claim": {
            "object_id": str(claim.pk),
            "link_id": str(suggested_link.pk),
            "version_id": str(claim.history.first().pk),
            "action": "confirm",
        },
        "claimlink": {
            "object_id": str(suggested_link.pk),
            "version_id": str(suggested_link.history.first().pk),
        },
        "trackedclaim": {
            "object_id": str(claim.tracked_claim_id),
            "version_id": str(claim.tracked_claim.history.first().pk),
        },
        "article": {
            "object_id": str(claim.article_id),
            "version_id": str(claim.article.history.first().pk),
        },
    }


def test_admin_routes_are_found():
    routes = [route for _, route in _our_admin_routes()]

    assert any("review" in route for route in routes)
    assert any("links" in route for route in routes)
    assert sum("history" in route for route in routes) >= 8  # list and record, four models


@pytest.mark.parametrize(
    "path",
    ["/admin/claims/claim/abc/review/confirm/", "/admin/claims/claim/abc/links/1/accept/"],
)
def test_review_urls_with_a_non_numeric_claim_id_are_404(client, admin_user, path):
    client.force_login(admin_user)

    assert client.post(path, {"expected_version": 1}).status_code == 404


def test_every_custom_admin_url_answers_a_non_numeric_id_with_404(client, admin_user, real_ids):
    client.force_login(admin_user)
    checked = []

    for prefix, route in _our_admin_routes():
        good = real_ids[prefix.rstrip("/").rsplit("/", 1)[-1]]
        for url in _urls_with_one_bad_id(prefix, route, good):
            for method in (client.get, client.post):
                status = method(url).status_code
                checked.append((url, method.__name__, status))
                assert status in (404, 405), (url, method.__name__, status)
            assert 404 in {status for u, _, status in checked if u == url}, url

    assert len({url for url, _, _ in checked}) >= 9
