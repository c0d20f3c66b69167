"""The review queue as an editor uses it all day: columns, counts, search, the source
filter and bulk messages (issue 10, items 1, 5, 6 and 8)."""

import re

import pytest
from django.contrib.messages import constants, get_messages
from django.urls import reverse

from claims.models import ClaimStatus
from claims.services.sources import source_resolve
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:claims_claim_changelist")


def _listed(response) -> list[int]:
    return [claim.pk for claim in response.context["cl"].result_list]


def test_review_queue_counts_links_to_decide_once_with_the_links_filter_on(client, editor):
    claim = ClaimFactory()
    for _ in range(5):
        ClaimLinkFactory(claim=claim)
    client.force_login(editor)

    page = client.get(QUEUE, {"links": "suggested"}).content.decode()

    counts = re.findall(r'class="field-links_to_decide">(\d+)<', page)
    assert counts == ["5"]


def test_review_queue_shows_article_titles_newest_articles_first(client, editor):
    older = ClaimFactory()
    article = ArticleFactory(key="story-file-key", title="Rebels take a northern town")
    second = ClaimFactory(article=article, start=10, end=20)
    first = ClaimFactory(article=article, start=0, end=9)
    client.force_login(editor)

    response = client.get(QUEUE)

    page = response.content.decode()
    assert "Rebels take a northern town" in page
    assert ">story-file-key<" not in page
    # The newest article's claims first, in the order of its text.
    assert _listed(response) == [first.pk, second.pk, older.pk]
    headers = [str(h["text"]).lower() for h in response.context["result_headers"]]
    for column in ("statement", "article", "kind", "source", "score", "status", "links to decide"):
        assert column in headers


def test_review_queue_search_finds_a_claim_by_id(client, editor):
    claim = ClaimFactory()
    ClaimFactory()
    client.force_login(editor)

    assert _listed(client.get(QUEUE, {"q": str(claim.pk)})) == [claim.pk]
    assert _listed(client.get(QUEUE, {"q": f"#{claim.pk}"})) == [claim.pk]


def test_review_queue_search_matches_statements_and_quotes_not_article_titles(client, editor):
    article = ArticleFactory(
        title="Floods across the delta", body="The river rose two metres overnight."
    )
    in_quote = ClaimFactory(article=article, statement="Water levels rose sharply.")
    elsewhere = ClaimFactory(statement="Floods closed the bridge.")
    client.force_login(editor)

    assert _listed(client.get(QUEUE, {"q": "floods"})) == [elsewhere.pk]
    assert _listed(client.get(QUEUE, {"q": "river metres"})) == [in_quote.pk]


def test_review_queue_search_by_meaning_uses_the_matcher(client, editor, monkeypatch):
    near, far = ClaimFactory(), ClaimFactory()
    asked = []

    def match_texts(queries, *, top):
        asked.append(queries)
        from claims.retrieval.matching import ClaimMatch

        return [ClaimMatch("search", near.pk, str(near.pk), 1, 0.9)]

    monkeypatch.setattr("claims.retrieval.claim_search.match_texts", match_texts)
    client.force_login(editor)

    response = client.get(QUEUE, {"q": "how many people left", "match": "meaning"})

    assert _listed(response) == [near.pk]
    assert asked == [[("search", "how many people left")]]
    assert far.pk not in _listed(response)


def test_review_queue_search_by_meaning_finds_a_paraphrase(client, editor, embedder):
    from claims.retrieval.embeddings import claim_embeddings_ensure

    fled = ClaimFactory(statement="Nearly fifty thousand residents fled their homes.")
    other = ClaimFactory(statement="The finance ministry published its annual budget.")
    claim_embeddings_ensure([fled, other], embedder=embedder)
    client.force_login(editor)

    response = client.get(QUEUE, {"q": "how many people were displaced", "match": "meaning"})

    assert _listed(response)[0] == fled.pk


def test_review_queue_source_filter_lists_sources_not_strings_and_searches(client, editor):
    minister = source_resolve(raw="Interior Minister Jane Doe")
    by_title = ClaimFactory(source="Interior Minister Jane Doe", asserted_by=minister)
    by_name = ClaimFactory(source="Jane Doe", asserted_by=source_resolve(raw="Jane Doe"))
    agency = ClaimFactory(source="the news agency", asserted_by=source_resolve(raw="news agency"))
    ClaimFactory(source="he", asserted_by=None)
    client.force_login(editor)

    page = client.get(QUEUE).content.decode()
    assert "Jane Doe (2)" in page
    assert "Interior Minister Jane Doe" not in page.split('id="changelist-filter"')[1]
    assert 'name="source_q"' in page

    assert set(_listed(client.get(QUEUE, {"asserted_by": minister.pk}))) == {
        by_title.pk,
        by_name.pk,
    }
    searched = client.get(QUEUE, {"source_q": "agency"})
    assert _listed(searched) == [agency.pk]
    assert "Jane Doe (2)" not in searched.content.decode()


def _messages(response):
    return [(m.level, str(m)) for m in get_messages(response.wsgi_request)]


def test_review_queue_bulk_messages_say_what_happened_once_each(client, editor):
    suggested = ClaimFactory()
    confirmed = ClaimFactory(status=ClaimStatus.CONFIRMED)
    client.force_login(editor)

    response = client.post(
        QUEUE,
        {"action": "confirm_selected", "_selected_action": [suggested.pk, confirmed.pk]},
        follow=True,
    )

    messages = _messages(response)
    assert [level for level, _ in messages] == [constants.SUCCESS, constants.WARNING]
    page = response.content.decode()
    assert page.count(f"Claim #{confirmed.pk} was already confirmed") == 1

    response = client.post(
        QUEUE, {"action": "confirm_selected", "_selected_action": [confirmed.pk]}, follow=True
    )
    assert [level for level, _ in _messages(response)] == [constants.WARNING]
    assert 'class="success"' not in response.content.decode()
