"""A long article's page shows its claims a page at a time, with the body around them."""

import pytest

from claims.models import Claim
from claims.selectors.review import ARTICLE_CLAIMS_PER_PAGE
from tests.articles.factories import ArticleFactory
from tests.claims.extraction.test_extraction_scaling import short_sentences


@pytest.mark.django_db
def test_article_page_pages_claims_and_body_of_a_long_article(client, admin_user):
    body = short_sentences(4 * ARTICLE_CLAIMS_PER_PAGE)
    article = ArticleFactory(body=body)
    claims, position = [], 0
    for sentence in body.replace("\n\n", " ").split(". "):
        start = body.index(sentence, position)
        end = start + len(sentence)
        position = end
        claims.append(
            Claim(
                article=article,
                start=start,
                end=end,
                quote=body[start:end],
                statement=sentence,
                kind="event",
                score=0.8,
            )
        )
    Claim.objects.bulk_create(claims)
    total = len(claims)
    client.force_login(admin_user)

    page = client.get(article.get_admin_url() + "?claims_page=2").content.decode()

    assert page.count('class="review-claim ') == ARTICLE_CLAIMS_PER_PAGE
    assert f"of {total}" in page and "claims_page=3" in page and "claims_page=1" in page
    shown_body = page.split('id="article-body"')[1].split("</div>")[0]
    assert 0 < shown_body.count('class="claim-span') <= ARTICLE_CLAIMS_PER_PAGE
    # The region of this page's claims, not the whole body: page 1's first claim is not in it.
    first = Claim.objects.filter(article=article).order_by("start").first()
    assert f'data-claims="{first.pk}"' not in shown_body
