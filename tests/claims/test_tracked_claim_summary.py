import pytest

from claims.models import TrackedClaim
from claims.selectors.tracked_claims import tracked_claim_summary
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory


@pytest.mark.django_db
def test_tracked_claim_summary_counts_a_rewrite_as_the_same_origin():
    tracked = TrackedClaim.objects.create(statement="Insurgents captured four towns.")
    original = ArticleFactory()
    rewrite = ArticleFactory(near_duplicate_of=original, near_duplicate_score=0.3)
    independent = ArticleFactory()
    for article, source in ((original, "monitor"), (rewrite, "monitor"), (independent, "SANA")):
        ClaimFactory(article=article, tracked_claim=tracked, source=source)
    ClaimFactory(article=ArticleFactory(), source="unrelated")  # not part of it

    summary = tracked_claim_summary(tracked_claim=tracked)

    assert len(summary.appearances) == 3
    assert summary.sources == ["SANA", "monitor"]
    assert summary.independent_origins == 2
