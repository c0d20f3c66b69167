"""Correcting a claim before deciding it, link decisions as history, and what rejecting a
claim does to its pending links (issue 10, items 2 and 4)."""

import pytest

from articles.errors import ApplicationError
from claims.models import ClaimKind, ClaimStatus, LinkStatus, ReviewAction, ReviewEvent, Source
from claims.services import claim_review, link_review
from claims.services.extraction import article_extract_claims
from tests.claims.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


def test_claim_edit_corrects_a_suggestion_before_it_is_decided(editor, claim):
    claim_review.claim_edit(
        claim=claim,
        actor=editor,
        expected_version=1,
        statement="Insurgents were about 10 km from the city on Tuesday.",
        kind=ClaimKind.QUANTITY,
        source="Interior Minister Jane Doe",
        reason="Figure is the point of it.",
    )

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUGGESTED
    assert claim.statement == "Insurgents were about 10 km from the city on Tuesday."
    assert (claim.kind, claim.source) == (ClaimKind.QUANTITY, "Interior Minister Jane Doe")
    assert claim.asserted_by == Source.objects.get(key="jane doe")
    assert set(claim.corrected_fields) == {"statement", "kind", "source"}
    assert claim.version == 2
    event = ReviewEvent.objects.get(action=ReviewAction.CLAIM_EDIT)
    assert (event.actor, event.reason) == (editor, "Figure is the point of it.")
    assert event.data["before"]["kind"] == ClaimKind.EVENT
    assert event.data["after"]["kind"] == ClaimKind.QUANTITY
    assert event.data["changed"] == ["statement", "kind", "source"]
    assert claim.history.first().history_user == editor


def test_claim_edit_refuses_no_change_a_stale_version_and_a_rejected_claim(editor, claim):
    with pytest.raises(ApplicationError, match="nothing to save"):
        claim_review.claim_edit(
            claim=claim, actor=editor, expected_version=1, statement=claim.statement
        )
    with pytest.raises(ApplicationError, match="kind"):
        claim_review.claim_edit(claim=claim, actor=editor, expected_version=1, kind="opinion")
    claim_review.claim_edit(claim=claim, actor=editor, expected_version=1, kind="denial")
    with pytest.raises(ApplicationError):
        claim_review.claim_edit(claim=claim, actor=editor, expected_version=1, kind="event")
    rejected = ClaimFactory(status=ClaimStatus.REJECTED)
    with pytest.raises(ApplicationError, match="reopen"):
        claim_review.claim_edit(
            claim=rejected, actor=editor, expected_version=1, statement="Anything."
        )


def test_extraction_never_overwrites_a_correction_made_before_deciding(seed_article, editor):
    article_extract_claims(article_id=seed_article.pk)
    claim = seed_article.claims.order_by("start").first()
    claim_review.claim_edit(
        claim=claim, actor=editor, expected_version=claim.version, statement="Corrected."
    )

    article_extract_claims(article_id=seed_article.pk, force=True)

    claim.refresh_from_db()
    assert (claim.statement, claim.status) == ("Corrected.", ClaimStatus.SUGGESTED)


def test_claim_link_decisions_record_both_claims_and_the_type_chosen(editor, suggested_link):
    link_review.claim_link_accept(
        link=suggested_link,
        actor=editor,
        expected_version=1,
        relation="supports",
        reason="Same figure, other wording.",
    )

    event = ReviewEvent.objects.get(action=ReviewAction.LINK_ACCEPT)
    assert event.reason == "Same figure, other wording."
    assert (event.data["claim_id"], event.data["other_id"]) == (
        suggested_link.claim_id,
        suggested_link.other_id,
    )
    assert (event.data["before"]["relation"], event.data["after"]["relation"]) == (
        "same",
        "supports",
    )
    assert str(suggested_link.claim_id) in event.summary
    assert str(suggested_link.other_id) in event.summary
    assert "supports" in event.summary.lower()
    assert "suggested as same claim" in event.summary.lower()


def test_claim_link_bulk_decisions_decide_suggestions_and_report_the_rest(editor, claim):
    pending = [ClaimLinkFactory(claim=claim) for _ in range(3)]
    decided = ClaimLinkFactory(claim=claim, status=LinkStatus.REJECTED)

    outcome = link_review.claim_link_bulk_reject(
        links=[*pending[:2], decided], actor=editor, reason="Only the topic in common."
    )
    assert [link.pk for link in outcome.done] == [pending[0].pk, pending[1].pk]
    assert [link.pk for link, _ in outcome.refused] == [decided.pk]
    events = ReviewEvent.objects.filter(action=ReviewAction.LINK_REJECT)
    assert {e.reason for e in events} == {"Only the topic in common."}
    assert events.count() == 2

    outcome = link_review.claim_link_bulk_accept(links=[pending[2]], actor=editor)
    pending[2].refresh_from_db()
    assert pending[2].status == LinkStatus.ACCEPTED and outcome.done


def test_claim_reject_closes_its_pending_links_with_history(editor, claim, prior_claim):
    outgoing = ClaimLinkFactory(claim=claim, other=prior_claim)
    incoming = ClaimLinkFactory(other=claim)
    accepted_elsewhere = ClaimLinkFactory(claim=prior_claim, status=LinkStatus.SUGGESTED)

    claim_review.claim_reject(
        claim=claim, actor=editor, expected_version=1, rejection="not_a_claim"
    )

    for link in (outgoing, incoming, accepted_elsewhere):
        link.refresh_from_db()
    assert outgoing.status == incoming.status == LinkStatus.REJECTED
    assert accepted_elsewhere.status == LinkStatus.SUGGESTED
    closed = ReviewEvent.objects.filter(action=ReviewAction.LINK_REJECT)
    assert {e.link_id for e in closed} == {outgoing.pk, incoming.pk}
    assert all(f"#{claim.pk}" in e.reason and "rejected" in e.reason for e in closed)
    assert all(e.actor == editor for e in closed)
