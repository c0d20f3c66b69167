import datetime

import numpy as np
import pytest

from claims.linking import (
    LINKING_METHOD,
    ClaimForLinking,
    LexicalIndex,
    LinkQuantity,
    embed_claims,
    suggest_links,
)
from claims.linking.scoring import hybrid_scores, normalise_lexical

TUESDAY = datetime.date(2024, 12, 3)
WEDNESDAY = datetime.date(2024, 12, 4)


def _claim(claim_id, statement, *, published=None, kind="event", quantities=(), entities=()):
    return ClaimForLinking(
        id=claim_id,
        article_key=claim_id.split(":")[0],
        statement=statement,
        kind=kind,
        quantities=tuple(quantities),
        entities=tuple(entities),
        published=published,
    )


PRIOR = [
    _claim(
        "old:1",
        "Insurgents now are about 10 kilometres from Hama.",
        published=TUESDAY,
        kind="quantity",
        quantities=[LinkQuantity(10, "km", True, text="about 10 kilometres")],
    ),
    _claim("old:2", "Hama is the country's fourth largest city.", published=TUESDAY),
    _claim("old:3", "The central bank raised interest rates by half a point.", published=TUESDAY),
    _claim("new:9", "Hama is Syria's fourth-largest city.", published=WEDNESDAY),
]
NEW = [
    _claim("new:1", "Hama is Syria's fourth-largest city.", published=WEDNESDAY),
    _claim(
        "new:2",
        "Syrian state media reported that insurgents had retreated about 20 km from Hama.",
        published=WEDNESDAY,
        kind="quantity",
        quantities=[LinkQuantity(20, "km", True, text="about 20 kilometers")],
    ),
]


def test_suggest_links_types_and_ranks_links_to_other_articles(embedder):
    links = suggest_links(NEW, PRIOR, embed_claims(PRIOR, embedder=embedder), embedder=embedder)
    by_pair = {(link.new_id, link.prior_id): link for link in links}
    assert by_pair[("new:1", "old:2")].relation == "same"
    assert by_pair[("new:2", "old:1")].relation == "updates"
    assert by_pair[("new:2", "old:1")].subject_id == "new:2"
    # Never within one article, never an unrelated claim.
    assert not any(link.prior_id == "new:9" for link in links)
    assert ("new:1", "old:3") not in by_pair
    assert {link.model_version for link in links} == {embedder.version}
    assert {link.method for link in links} == {LINKING_METHOD}
    first = [link.score for link in links if link.new_id == "new:1"]
    assert first == sorted(first, reverse=True)


def test_suggest_links_respects_k_and_can_link_within_an_article(embedder):
    links = suggest_links(NEW, PRIOR, embedder=embedder, k=1, include_same_article=True)
    assert [link.new_id for link in links].count("new:1") == 1
    assert suggest_links([], PRIOR, embedder=embedder) == []


def test_suggest_links_refuses_misaligned_vectors(embedder):
    with pytest.raises(ValueError, match="same order"):
        suggest_links(
            NEW, PRIOR, np.zeros((1, embedder.dimensions), np.float32), embedder=embedder
        )


def test_bm25_favours_shared_rare_words_and_hybrid_mixes_normalised_scores():
    index = LexicalIndex(["insurgents near Hama", "Hama is a city", "Turkey and Syria talk"])
    scores = index.scores("insurgents advance on Hama")
    assert scores.argmax() == 0 and scores[2] == 0
    assert index.scores("the").tolist() == [0.0, 0.0, 0.0]
    assert normalise_lexical(np.array([2.0, 1.0, 0.0])).tolist() == [1.0, 0.5, 0.0]
    mixed = hybrid_scores(np.array([0.5, 0.5]), np.array([4.0, 0.0]), lexical_weight=0.5)
    np.testing.assert_allclose(mixed, [0.75, 0.25])
    with pytest.raises(ValueError):
        hybrid_scores(np.array([0.5]), np.array([1.0]), lexical_weight=1.5)


FRIDAY, SATURDAY = datetime.date(2025, 3, 14), datetime.date(2025, 3, 15)


def _sinking(key, place, vessel, day, *figures):
    """One article about a ferry sinking: two background claims naming it, then figures."""
    return [
        _claim(
            f"{key}:0",
            f"The {vessel} overturned in heavy seas off {place}.",
            published=day,
            entities=(vessel, place),
        ),
        _claim(
            f"{key}:1",
            f"Rescue boats from {place} searched the water around the {vessel}.",
            published=day,
            entities=(vessel, place),
        ),
        *(
            _claim(
                f"{key}:{number}",
                statement,
                published=day,
                kind="quantity",
                quantities=[quantity],
            )
            for number, (statement, quantity) in enumerate(figures, start=2)
        ),
    ]


FIRST_REPORT = _sinking(
    "friday",
    "Varnholm",
    "Ostra Belle",
    FRIDAY,
    (
        "A passenger ferry capsized off the coast on Friday, killing at least 18 people.",
        LinkQuantity(18, "people", low=18, text="at least 18 people"),
    ),
    ("66 people were still missing.", LinkQuantity(66, "people", text="66 people")),
)
FOLLOW_UP = _sinking(
    "saturday",
    "Varnholm",
    "Ostra Belle",
    SATURDAY,
    (
        "The number of people confirmed dead after the sinking rose to 31 on Saturday.",
        LinkQuantity(31, "", text="31"),
    ),
    ("Forty people remain unaccounted for.", LinkQuantity(40, "people", text="Forty people")),
)


@pytest.mark.parametrize("pair_model", [None, False], ids=["shipped model", "rules alone"])
def test_a_story_s_reworded_figures_of_one_measure_are_compared(embedder, pair_model):
    claims = FIRST_REPORT + FOLLOW_UP
    vectors = embed_claims(claims, embedder=embedder)
    # Worded apart: below the floor that retrieval alone would need.
    assert float(vectors[2] @ vectors[6]) < 0.45
    links = suggest_links(
        FOLLOW_UP,
        claims,
        vectors,
        embedder=embedder,
        new_vectors=vectors[4:],
        pair_model=pair_model,
    )
    by_pair = {(link.new_id, link.prior_id): link for link in links}
    deaths = by_pair[("saturday:2", "friday:2")]
    assert (deaths.relation, deaths.subject_id) == ("updates", "saturday:2")
    assert deaths.reasons["same_measure"] is True
    assert deaths.reasons["figures"]["measure"] == "deaths (people)"
    assert by_pair[("saturday:3", "friday:3")].relation == "updates"  # missing, reworded
    # Deaths are never compared with the missing.
    assert ("saturday:2", "friday:3") not in by_pair


def test_another_story_s_figures_of_one_measure_are_not_compared(embedder):
    other_sinking = _sinking(
        "elsewhere",
        "Kessa Bay",
        "Marisol",
        SATURDAY,
        (
            "The number of people confirmed dead after the sinking rose to 31 on Saturday.",
            LinkQuantity(31, "", text="31"),
        ),
    )
    links = suggest_links(other_sinking, FIRST_REPORT + other_sinking, embedder=embedder)
    assert not any(link.reasons.get("same_measure") for link in links)
    assert not any(
        link.prior_id.startswith("friday") for link in links if link.relation == "updates"
    )
