"""The review desk fits the window: queue, claim page, article page and history at 1280
and 1920 px, with nothing wider than the window (issue 10, item 1). Screenshots of each
page at each width are kept in test-artifacts/."""

import pytest

from articles.services import article_import_file
from claims.models import ClaimLink
from claims.services.claim_review import claim_confirm
from tests.claims.browser.test_review_flow import ARTIFACTS, browser_page  # noqa: F401
from tests.conftest import SEEDS_DIR

WIDTHS = (1280, 1920)

# Every element that sticks out of the window, and every box that scrolls sideways
# (a table hiding its columns behind the filters counts as too wide).
OVERFLOW_JS = """(width) => {
  const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (typeof e.className === 'string' && e.className.trim()
      ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const found = [];
  if (document.documentElement.scrollWidth > width) {
    found.push('page is ' + document.documentElement.scrollWidth + ' px wide');
  }
  for (const e of document.querySelectorAll('body *')) {
    const box = e.getBoundingClientRect();
    // Screen-reader text is clipped to a pixel on purpose: not a layout.
    if (box.width <= 1 || box.height <= 1 || box.right <= 0) continue;
    if (box.right > width + 1) found.push(describe(e) + ' ends at ' + Math.round(box.right));
    const style = getComputedStyle(e);
    if (['auto', 'scroll', 'hidden'].includes(style.overflowX) &&
        !['TEXTAREA', 'INPUT', 'SELECT'].includes(e.tagName) &&
        e.scrollWidth > e.clientWidth + 1) {
      found.push(describe(e) + ' scrolls sideways (' + e.scrollWidth + ' > ' +
        e.clientWidth + ')');
    }
  }
  return found.slice(0, 12);
}"""


# A long title must not run under the History button beside it.
TITLE_UNDER_BUTTONS_JS = """() => {
  const title = document.querySelector('#content > h2');
  const tools = document.querySelector('.object-tools');
  if (!title || !tools || !tools.getBoundingClientRect().width) return [];
  const a = title.getBoundingClientRect(), b = tools.getBoundingClientRect();
  const overlap = a.right > b.left && a.left < b.right && a.bottom > b.top && a.top < b.bottom;
  return overlap ? ['the title runs under the buttons beside it'] : [];
}"""


# A table cell whose words run into the next cell (a date or title that does not wrap in
# a fixed-width column) is unreadable though the page itself fits. (Cells of checkboxes
# only are left out: their box is sized by the admin's own styles.)
CELL_OVERFLOW_JS = """() => Array.from(
    document.querySelectorAll('#result_list tbody td, #result_list tbody th'))
  .filter((cell) => cell.innerText.trim() && cell.scrollWidth > cell.clientWidth + 1)
  .slice(0, 6)
  .map((cell) => cell.className + ' runs into the next cell: ' + cell.innerText.slice(0, 40))"""


def _import(name_prefix):
    [path] = SEEDS_DIR.glob(f"{name_prefix}_*.txt")
    return article_import_file(data=path.read_bytes(), filename=path.name, actor=None)


@pytest.mark.browser
def test_review_pages_fit_the_window_at_1280_and_1920(
    live_server,
    browser_page,  # noqa: F811
    admin_user,
):
    page = browser_page
    _import("000")
    article = _import("001")  # extraction and linking run on commit (eager tasks)
    link = ClaimLink.objects.filter(claim__article=article).order_by("-score").first()
    assert link is not None, "the rewrite's claims link to the original's"
    # The history page shows a decision on a claim of an article with a long title.
    claim_confirm(claim=link.claim, actor=admin_user, expected_version=link.claim.version)
    pages = {
        "queue": "/admin/claims/claim/",
        "queue-suggested": "/admin/claims/claim/?status__exact=suggested",
        "claim": link.claim.get_admin_url(),
        "article": article.get_admin_url(),
        "history": "/admin/claims/reviewevent/",
        "links": "/admin/claims/claimlink/",
    }
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/login/")
    admin_user.set_password("pw-admin-123")
    admin_user.save()
    page.fill("#id_username", admin_user.get_username())
    page.fill("#id_password", "pw-admin-123")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    ARTIFACTS.mkdir(exist_ok=True)

    too_wide = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 1000})
        for name, url in pages.items():
            page.goto(f"{live_server.url}{url}")
            page.screenshot(path=str(ARTIFACTS / f"desk-{name}-{width}.png"))
            found = page.evaluate(OVERFLOW_JS, width)
            found += page.evaluate(TITLE_UNDER_BUTTONS_JS)
            found += page.evaluate(CELL_OVERFLOW_JS)
            if found:
                too_wide[f"{name} at {width}"] = found
        # The queue shows its columns in the window, the statement in a wide one.
        page.goto(f"{live_server.url}{pages['queue']}")
        for column in ("Statement", "Article", "Kind", "Source", "Score", "Status"):
            header = page.locator("#result_list thead th", has_text=column).first
            box = header.bounding_box()
            assert box and box["x"] + box["width"] <= width, (column, width, box)
        # ...and none of them runs under the filters beside it.
        table = page.locator("#result_list").bounding_box()
        filters = page.locator("#changelist-filter").bounding_box()
        assert table["x"] + table["width"] <= filters["x"], (width, table, filters)
        statement = page.locator("#result_list thead th", has_text="Statement").first
        assert statement.bounding_box()["width"] >= 0.25 * width
    assert not too_wide, "\n".join(f"{page}: {found}" for page, found in too_wide.items())
