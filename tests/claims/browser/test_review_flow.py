"""An editor's day in headless Chromium: upload, see the suggestions, decide, find the history."""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connections

from articles.models import Article
from claims.models import ClaimStatus, LinkStatus, ReviewEvent
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory, ClaimLinkFactory
from tests.conftest import REPO_ROOT, missing_service

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO_ROOT / "test-artifacts"
ARTICLE_TEXT = (
    "Insurgents advanced to within 10 km of Hama on Tuesday, the Syrian Observatory for "
    "Human Rights said.\n\n"
    "State media denied that the insurgents had entered the city.\n\n"
    "Nearly 50,000 people have fled their homes since the offensive began last week, "
    "the United Nations said.\n\n"
    "The army said it had sent reinforcements to the northern countryside of Hama."
)
TIMEOUT_MS = 30_000


@pytest.fixture
def browser_page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's ORM calls are
    # still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        missing_service("needs Chromium: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_service("needs Playwright: pip install playwright")
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        yield page
        # ORM calls made while Playwright's loop runs get their own connection: close it
        # here, or PostgreSQL keeps a session open on the test database.
        connections.close_all()
        context.close()
        browser.close()


@pytest.mark.browser
def test_editor_reviews_an_uploaded_article_in_the_browser(
    live_server, browser_page, review_groups
):
    from django.contrib.auth import get_user_model

    page = browser_page
    editor = get_user_model().objects.create_user("edna", password="pw-edna-123", is_staff=True)
    editor.groups.add(review_groups["Editor"])

    # Log in and upload an article as pasted text.
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "edna")
    page.fill("#id_password", "pw-edna-123")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/article/upload/")
    page.fill("textarea[name=text]", ARTICLE_TEXT)
    page.fill("input[name=title]", "Insurgents near Hama")
    page.click("input[name=_upload]")
    page.get_by_text("imported as").wait_for()

    # Extraction ran in-process on commit; the article page shows the suggestions.
    article = Article.objects.get(title="Insurgents near Hama")
    claims = list(article.claims.order_by("start"))
    assert len(claims) >= 3, [c.quote for c in claims]
    page.click(f"a[href='{article.get_admin_url()}']")
    page.wait_for_url(f"**{article.get_admin_url()}")
    marks = page.locator("#article-body mark.claim-span.claim-suggested")
    marks.first.wait_for()
    assert marks.count() == len(claims)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article-page.png"), full_page=True)

    # Confirm the first suggestion from the article page.
    first, second, third = claims[:3]
    page.locator(f"#claim-{first.pk} input[name=_confirm]").click()
    page.locator(f"#claim-{first.pk}[data-status=confirmed]").wait_for()
    assert page.locator(f"#article-body mark.claim-confirmed[data-claims='{first.pk}']").count()

    # Dispute the second, with a reason.
    card = page.locator(f"#claim-{second.pk}")
    card.locator("summary").click()
    card.locator("textarea[name=reason]").fill("State media deny it; no independent source.")
    card.locator("input[name=_dispute]").click()
    page.locator(f"#claim-{second.pk}[data-status=disputed]").wait_for()

    # A prior claim from an earlier article, suggested as the same as the third.
    prior_article = ArticleFactory(
        title="Earlier report", outlet="Earlier Times", body="Nearly 50,000 people have fled."
    )
    prior = ClaimFactory(article=prior_article, start=0, end=len(prior_article.body))
    link = ClaimLinkFactory(claim=third, other=prior)

    page.goto(f"{live_server.url}{third.get_admin_url()}")
    row = page.locator(f"#link-{link.pk}")
    assert "Earlier Times" in row.inner_text()
    row.locator("input[name=_accept]").click()
    page.get_by_text(f"Link from claim #{third.pk} to #{prior.pk} accepted.").wait_for()

    # All three decisions are in the article's review history, with who and why.
    page.goto(f"{live_server.url}{article.get_admin_url()}")
    history = page.locator("table.review-history")
    for action in ("claim.confirm", "claim.dispute", "link.accept"):
        assert history.locator(f"tr[data-action='{action}']").count() == 1, action
    assert "State media deny it; no independent source." in history.inner_text()
    assert "edna" in history.inner_text()
    page.screenshot(path=str(ARTIFACTS / "article-page-reviewed.png"), full_page=True)

    # And in the review history list of the whole site.
    page.goto(f"{live_server.url}/admin/claims/reviewevent/?article__id__exact={article.pk}")
    listing = page.locator("#result_list").inner_text()
    for label in ("Claim confirmed", "Claim disputed", f"Link #{third.pk} → #{prior.pk} accepted"):
        assert label in listing

    first.refresh_from_db()
    second.refresh_from_db()
    link.refresh_from_db()
    assert (first.status, second.status, link.status) == (
        ClaimStatus.CONFIRMED,
        ClaimStatus.DISPUTED,
        LinkStatus.ACCEPTED,
    )
    assert ReviewEvent.objects.filter(actor=editor).count() >= 3
    assert os.path.getsize(ARTIFACTS / "article-page.png") > 10_000
