"""Re-extraction after a body edit keeps claim ids and flags decided claims whose words
changed (issue 10, item 3)."""

import pytest

from articles.services import article_update
from claims.models import Claim, ClaimStatus, RecheckSchedule, ReviewAction, ReviewEvent
from claims.services.extraction import article_extract_claims


def _edit_body(article, body):
    article.refresh_from_db()
    article_update(article=article, actor=None, body=body)
    article_extract_claims(article_id=article.pk)
    article.refresh_from_db()


@pytest.mark.django_db
def test_article_extract_claims_keeps_ids_of_unchanged_claims_after_body_edit(seed_article):
    article_extract_claims(article_id=seed_article.pk)
    before = {claim.quote: claim.pk for claim in seed_article.claims.all()}

    _edit_body(seed_article, "Editor's note: this report was updated.\n\n" + seed_article.body)

    after = {claim.quote: claim.pk for claim in seed_article.claims.all()}
    common = before.keys() & after.keys()
    assert len(common) >= 10
    assert {quote: after[quote] for quote in common} == {quote: before[quote] for quote in common}
    for claim in seed_article.claims.all():
        assert seed_article.body[claim.start : claim.end] == claim.quote


@pytest.mark.django_db
def test_article_extract_claims_flags_confirmed_claim_whose_figure_changed(seed_article):
    article_extract_claims(article_id=seed_article.pk)
    claim = next(
        c
        for c in seed_article.claims.order_by("start")
        if c.quantities and any(ch.isdigit() for ch in c.quote)
    )
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.CONFIRMED)
    figure = next(q["text"] for q in claim.quantities if any(ch.isdigit() for ch in q["text"]))
    digit = next(ch for ch in figure if ch.isdigit())
    new_figure = figure.replace(digit, "7" if digit != "7" else "8", 1)
    old_quote = claim.quote
    new_quote = old_quote.replace(figure, new_figure, 1)
    body = seed_article.body
    body = body[: claim.start] + new_quote + body[claim.end :]

    _edit_body(seed_article, body)

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED  # raised, never decided for the editor
    assert claim.quote == new_quote
    assert seed_article.body[claim.start : claim.end] == new_quote
    assert RecheckSchedule.objects.get(claim=claim).needs_attention
    event = ReviewEvent.objects.get(claim=claim, action=ReviewAction.CLAIM_TEXT_CHANGED)
    assert (event.data["old_quote"], event.data["new_quote"]) == (old_quote, new_quote)
    assert old_quote in event.reason and new_quote in event.reason
    # No second suggestion was made over the words a person decided on.
    assert not seed_article.claims.exclude(pk=claim.pk).filter(quote=new_quote).exists()

    article_extract_claims(article_id=seed_article.pk, force=True)
    assert ReviewEvent.objects.filter(action=ReviewAction.CLAIM_TEXT_CHANGED).count() == 1


@pytest.mark.django_db
def test_article_extract_claims_flags_decided_claim_whose_words_are_gone(seed_article):
    article_extract_claims(article_id=seed_article.pk)
    claim = seed_article.claims.order_by("start")[3]
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.DISPUTED)
    body = seed_article.body
    # The whole paragraph around the claim goes.
    start = body.rfind("\n", 0, claim.start) + 1
    end = body.find("\n", claim.end)
    _edit_body(seed_article, body[:start] + body[end if end != -1 else len(body) :])

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISPUTED
    assert RecheckSchedule.objects.get(claim=claim).needs_attention
    event = ReviewEvent.objects.get(claim=claim, action=ReviewAction.CLAIM_TEXT_CHANGED)
    assert event.data["new_quote"] == ""


@pytest.mark.django_db
def test_article_extract_claims_never_overwrites_a_persons_correction(seed_article):
    article_extract_claims(article_id=seed_article.pk)
    claim = seed_article.claims.order_by("start").first()
    Claim.objects.filter(pk=claim.pk).update(
        statement="Corrected by an editor.", corrected_fields=["statement"]
    )

    article_extract_claims(article_id=seed_article.pk, force=True)

    claim.refresh_from_db()
    assert claim.statement == "Corrected by an editor."
    assert claim.status == ClaimStatus.SUGGESTED
