"""The article page: the body with each claim highlighted by status, claims beside it."""

import pytest
from django.urls import reverse

from claims.models import ClaimStatus
from claims.services import claim_review
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db

BODY = "Rebels took Hama. Officials denied it. Thousands fled the city on Friday."


@pytest.fixture
def article_with_claims(db):
    article = ArticleFactory(body=BODY)
    claims = [
        ClaimFactory(article=article, start=0, end=17, statement="Rebels took Hama."),
        ClaimFactory(
            article=article, start=18, end=38, status=ClaimStatus.CONFIRMED, statement="Denied."
        ),
        ClaimFactory(
            article=article,
            start=39,
            end=len(BODY),
            status=ClaimStatus.DISPUTED,
            statement="Fled.",
        ),
    ]
    return article, claims


def test_article_page_highlights_each_claim_by_status(client, editor, article_with_claims):
    article, (suggested, confirmed, disputed) = article_with_claims
    client.force_login(editor)

    page = client.get(article.get_admin_url()).content.decode()

    assert f'class="claim-span claim-suggested" data-claims="{suggested.pk}"' in page
    assert f'class="claim-span claim-confirmed" data-claims="{confirmed.pk}"' in page
    assert f'class="claim-span claim-disputed" data-claims="{disputed.pk}"' in page
    assert f'id="claim-{suggested.pk}"' in page  # details beside the body
    assert "Thousands fled the city on Friday." in page
    # Quick decisions only for suggestions.
    assert reverse("admin:claims_claim_review", args=[suggested.pk, "confirm"]) in page
    assert reverse("admin:claims_claim_review", args=[confirmed.pk, "confirm"]) not in page


def test_article_page_shows_html_in_the_article_as_text(client, editor):
    body = 'Officials said <script>alert("owned")</script> and <img src=x onerror=alert(1)> too.'
    article = ArticleFactory(body=body, title="<i>Title</i>")
    ClaimFactory(article=article, start=0, end=len(body), statement="<script>x()</script>")
    client.force_login(editor)

    page = client.get(article.get_admin_url()).content.decode()

    assert '<script>alert("owned")</script>' not in page
    assert "<img src=x" not in page
    assert "<script>x()</script>" not in page
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page


def test_article_page_quick_confirm_returns_to_the_article(client, editor, article_with_claims):
    article, (suggested, _, _) = article_with_claims
    client.force_login(editor)
    back = article.get_admin_url() + f"#claim-{suggested.pk}"

    response = client.post(
        reverse("admin:claims_claim_review", args=[suggested.pk, "confirm"]),
        {"expected_version": 1, "next": back},
    )

    assert response.url == back
    suggested.refresh_from_db()
    assert suggested.status == ClaimStatus.CONFIRMED


def test_article_page_lists_review_history_of_its_claims(client, editor, article_with_claims):
    article, (suggested, _, _) = article_with_claims
    claim_review.claim_dispute(
        claim=suggested, actor=editor, expected_version=1, reason="No proof."
    )
    client.force_login(editor)

    page = client.get(article.get_admin_url()).content.decode()

    assert "claim.dispute" in page and "No proof." in page
    assert reverse("admin:articles_article_history", args=[article.pk]) in page


def test_article_page_still_works_for_an_article_without_claims(client, editor):
    article = ArticleFactory()
    client.force_login(editor)

    response = client.get(article.get_admin_url())

    assert response.status_code == 200
    assert "No claims yet" in response.content.decode()
