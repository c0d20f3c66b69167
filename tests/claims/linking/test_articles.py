"""Article profiles: claims about different events never link, one event's do."""

import numpy as np
import pytest

from claims.linking import ClaimForLinking, article_profiles, embed_claims, suggest_links
from claims.linking.articles import about_other_events, one_story, profile_of, shared_article_names


def _article(key, statements, names):
    return [
        ClaimForLinking(
            id=f"{key}:{number}", article_key=key, statement=text, kind="event", entities=names
        )
        for number, text in enumerate(statements)
    ]


# An invented warehouse fire in Brill, and an invented vote in Osk; both end on the same
# sentence, which alone cannot tell the two events apart.
FIRE = _article(
    "fire",
    [
        "A fire destroyed the Tarnwell timber warehouse in Brill on Monday night.",
        "Firefighters fought the blaze in Brill for six hours before it was put out.",
        "Officials said the cause of the incident was still under investigation.",
    ],
    ("Brill", "Tarnwell"),
)
VOTE = _article(
    "vote",
    [
        "Voters in Osk approved the new city budget in a referendum on Sunday.",
        "The Green List won a majority on the Osk council for the first time.",
        "Officials said the cause of the incident was still under investigation.",
    ],
    ("Osk", "Green List"),
)
FIRE_LATER = _article(
    "fire-later",
    [
        "The blaze at the Tarnwell warehouse in Brill took firefighters six hours to control.",
        "Monday night's fire in Brill destroyed the timber warehouse.",
        "Investigators have not yet determined what caused the fire, officials said.",
    ],
    ("Brill", "Tarnwell"),
)


def test_articles_about_different_events_never_link_even_at_a_high_cosine(embedder):
    claims = FIRE + VOTE
    vectors = embed_claims(claims, embedder=embedder)
    assert float(vectors[2] @ vectors[5]) > 0.99  # the same sentence
    for pair_model in (None, False):  # the learned gate and the rules alone
        links = suggest_links(claims, claims, vectors, embedder=embedder, pair_model=pair_model)
        assert not [link for link in links if {link.new_id, link.prior_id} == {"fire:2", "vote:2"}]


def test_a_paraphrase_across_two_articles_of_one_event_is_same_with_its_reasons(embedder):
    claims = FIRE + FIRE_LATER
    links = suggest_links(
        claims, claims, embed_claims(claims, embedder=embedder), embedder=embedder
    )
    by_pair = {frozenset((link.new_id, link.prior_id)): link for link in links}
    link = by_pair[frozenset(("fire:0", "fire-later:1"))]
    assert link.relation == "same"
    assert link.reasons["article_similarity"] > 0.6
    assert link.reasons["shared_entities"] == ["Brill", "Tarnwell"]
    assert link.score == pytest.approx(link.reasons["probability"], abs=1e-3)


def test_a_profile_is_the_normalised_centroid_and_the_names_of_its_claims(embedder):
    vectors = embed_claims(FIRE + VOTE, embedder=embedder)
    profiles = article_profiles(FIRE + VOTE, vectors)
    assert set(profiles) == {"fire", "vote"}
    assert np.linalg.norm(profiles["fire"].vector) == pytest.approx(1.0, abs=1e-5)
    assert profiles["vote"].names == {"osk", "green list"} and profiles["vote"].claims == 3
    assert about_other_events(profiles["fire"], profiles["vote"])
    # A single claim (a fact-check) is no article: never judged another event by it.
    lone = profile_of(VOTE[:1], vectors[3:4])
    assert not about_other_events(profiles["fire"], lone)


# Another invented fire, in another town: the same kind of event, nobody in common.
OTHER_FIRE = _article(
    "other-fire",
    [
        "A fire destroyed the Corrin paper mill in Lask on Tuesday night.",
        "Firefighters fought the blaze in Lask for five hours before it was put out.",
        "Investigators have not yet determined what caused the fire, officials said.",
    ],
    ("Lask", "Corrin"),
)


def test_two_fires_that_name_nobody_in_common_are_two_events_however_alike(embedder):
    claims = FIRE + OTHER_FIRE
    vectors = embed_claims(claims, embedder=embedder)
    profiles = article_profiles(claims, vectors)
    # Alike as a whole, above the similarity that alone would tell them apart.
    assert 0.6 < float(profiles["fire"].vector @ profiles["other-fire"].vector) < 0.85
    assert about_other_events(profiles["fire"], profiles["other-fire"])
    assert not one_story(profiles["fire"], profiles["other-fire"])
    links = suggest_links(claims, claims, vectors, embedder=embedder)
    assert not [link for link in links if link.new_id[:4] != link.prior_id[:4]]


def test_a_follow_up_naming_the_same_parties_is_one_story(embedder):
    claims = FIRE + FIRE_LATER
    profiles = article_profiles(claims, embed_claims(claims, embedder=embedder))
    assert one_story(profiles["fire"], profiles["fire-later"])
    assert not about_other_events(profiles["fire"], profiles["fire-later"])


def test_a_name_given_in_part_is_the_same_name(embedder):
    # An invented follow-up that names the province in full and the player twice ways.
    first = _article(
        "first",
        [
            "Gunmen attacked a shrine in the Ostrava province of Kemaria on Friday.",
            "Analyst Peter Lindqvist said the attack bore the hallmarks of the Red Banner.",
        ],
        ("Ostrava", "Kemaria", "Peter Lindqvist", "Lindqvist", "Red Banner"),
    )
    follow_up = _article(
        "follow-up",
        [
            "Footballers in Kemaria mourned the victims of the attack in Ostrava province.",
            "Striker Jonas Bell said he was heartbroken, and Bell's club wore black armbands.",
        ],
        ("Kemaria", "Ostrava province", "Jonas Bell", "Bell"),
    )
    claims = first + follow_up
    profiles = article_profiles(claims, embed_claims(claims, embedder=embedder))
    # Each person or place once, in its fullest form.
    assert profiles["first"].names == {"ostrava", "kemaria", "peter lindqvist", "red banner"}
    assert profiles["follow-up"].names == {"kemaria", "ostrava province", "jonas bell"}
    # Two of the follow-up's three names are the first article's: one story, though the
    # follow-up is about the footballers as a whole.
    assert shared_article_names(profiles["first"], profiles["follow-up"]) == pytest.approx(2 / 3)
    assert one_story(profiles["first"], profiles["follow-up"])
    # A word in common is not a name in common: neither name holds the other whole.
    aid = _article("aid", ["The Red Cross sent aid to Lask on Saturday."], ("Red Cross", "Lask"))
    aid_profile = profile_of(aid, embed_claims(aid, embedder=embedder))
    assert shared_article_names(profiles["first"], aid_profile) == 0.0
