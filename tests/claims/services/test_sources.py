"""Sources as rows shared across articles (issue 10, item 5)."""

import pytest

from claims.models import Source
from claims.services.sources import source_resolve


@pytest.mark.django_db
def test_source_resolve_gives_one_source_across_spellings():
    first = source_resolve(raw="Interior Minister Jane Doe")
    assert source_resolve(raw="Jane Doe") == first
    assert source_resolve(raw="Mr Doe") == first  # the one known Doe
    assert first.name == "Jane Doe"
    first.refresh_from_db()
    assert set(first.aliases) >= {"Interior Minister Jane Doe", "Jane Doe", "Mr Doe"}
    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_source_resolve_keeps_a_surname_apart_when_two_people_share_it():
    jane, john = source_resolve(raw="Jane Doe"), source_resolve(raw="John Doe")
    assert jane != john
    assert source_resolve(raw="Mr Doe") not in (jane, john)


@pytest.mark.django_db
def test_source_resolve_names_nobody_for_a_pronoun_and_the_outlet_for_its_voice():
    assert source_resolve(raw="he") is None
    assert source_resolve(raw="the outlet") is None
    assert source_resolve(raw="the outlet", outlet="Daily Example").name == "Daily Example"


@pytest.mark.django_db
def test_article_extract_claims_points_claims_at_their_sources(seed_article):
    from claims.services.extraction import article_extract_claims

    article_extract_claims(article_id=seed_article.pk)

    claims = list(seed_article.claims.select_related("asserted_by"))
    named = [c for c in claims if c.source != "the outlet"]
    assert named and all(c.asserted_by is not None for c in named)
    for claim in named:
        assert claim.source in claim.asserted_by.aliases
