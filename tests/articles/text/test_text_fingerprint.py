"""Near-duplicates: the seed rewrite (000 of 001) is flagged, the other seed pairs are not."""

from __future__ import annotations

import itertools
import json

import factory
import factory.random
import numpy as np
import pytest

from articles.text import fingerprint
from articles.text.fingerprint import (
    DEFAULT_NEAR_DUPLICATE_THRESHOLD,
    NUM_PERM,
    estimated_similarity,
    is_near_duplicate,
    jaccard,
    lsh_band_keys,
    minhash_signature,
)
from articles.text.normalize import NormalizedArticle
from tests.articles.text.factories import ShortArticleFactory

REWRITE = ("000", "001")
OTHER_PAIRS = [p for p in itertools.combinations(["000", "001", "002", "003", "004"], 2)]
OTHER_PAIRS.remove(REWRITE)
# Scores must clear the threshold by this much on each side, not just touch it (the
# estimate gets a little less: it carries MinHash's own error of about 0.015 here).
MARGIN = 0.05
ESTIMATE_MARGIN = 0.04


@pytest.fixture(scope="module")
def signatures(seeds: dict[str, NormalizedArticle]) -> dict[str, list[int]]:
    return {number: minhash_signature(article.body) for number, article in seeds.items()}


def test_fingerprint_rewrite_is_near_duplicate(
    seeds: dict[str, NormalizedArticle], signatures: dict[str, list[int]]
) -> None:
    a, b = REWRITE
    assert jaccard(seeds[a].body, seeds[b].body) >= DEFAULT_NEAR_DUPLICATE_THRESHOLD + MARGIN
    estimate = estimated_similarity(signatures[a], signatures[b])
    assert estimate >= DEFAULT_NEAR_DUPLICATE_THRESHOLD + ESTIMATE_MARGIN


@pytest.mark.parametrize(("a", "b"), OTHER_PAIRS)
def test_fingerprint_other_seed_pairs_are_not_near_duplicates(
    a: str, b: str, seeds: dict[str, NormalizedArticle], signatures: dict[str, list[int]]
) -> None:
    assert jaccard(seeds[a].body, seeds[b].body) <= DEFAULT_NEAR_DUPLICATE_THRESHOLD - MARGIN
    estimate = estimated_similarity(signatures[a], signatures[b])
    assert estimate <= DEFAULT_NEAR_DUPLICATE_THRESHOLD - ESTIMATE_MARGIN


@pytest.mark.parametrize(("a", "b"), [REWRITE, *OTHER_PAIRS])
def test_fingerprint_minhash_estimates_exact_jaccard(
    a: str, b: str, seeds: dict[str, NormalizedArticle], signatures: dict[str, list[int]]
) -> None:
    exact = jaccard(seeds[a].body, seeds[b].body)
    # Four standard errors of a 512-permutation estimate around these values.
    assert abs(estimated_similarity(signatures[a], signatures[b]) - exact) < 0.08


def test_fingerprint_rewrite_is_an_lsh_candidate(signatures: dict[str, list[int]]) -> None:
    a, b = REWRITE
    assert set(lsh_band_keys(signatures[a])) & set(lsh_band_keys(signatures[b]))


def test_fingerprint_signature_is_json_storable_and_deterministic(
    seeds: dict[str, NormalizedArticle], signatures: dict[str, list[int]]
) -> None:
    signature = signatures["001"]
    assert len(signature) == NUM_PERM
    assert all(type(v) is int and 0 <= v < 2**32 for v in signature)
    assert json.loads(json.dumps(signature)) == signature
    assert minhash_signature(seeds["001"].body) == signature


def test_fingerprint_band_keys(signatures: dict[str, list[int]]) -> None:
    keys = lsh_band_keys(signatures["001"])
    assert len(keys) == fingerprint.BANDS == len(set(keys))
    assert all(k.startswith(f"{fingerprint.FINGERPRINT_VERSION}:") for k in keys)
    assert lsh_band_keys(list(signatures["001"])) == keys


def test_fingerprint_identical_text_is_similarity_one(seeds: dict[str, NormalizedArticle]) -> None:
    body = seeds["003"].body
    assert estimated_similarity(minhash_signature(body), minhash_signature(body)) == 1.0


def test_fingerprint_ignores_case_and_stop_words() -> None:
    a = "The insurgents captured the towns of Halfaya and Soran."
    b = "INSURGENTS CAPTURE TOWNS: Halfaya, Soran"
    assert jaccard(a, b) == 1.0


def test_fingerprint_text_without_words_matches_nothing() -> None:
    empty = minhash_signature("the and of ...")
    assert lsh_band_keys(empty) == []
    assert estimated_similarity(empty, empty) == 0.0
    assert estimated_similarity(empty, minhash_signature("Hama Aleppo Idlib")) == 0.0


def test_fingerprint_rejects_signatures_of_other_sizes() -> None:
    with pytest.raises(ValueError):
        estimated_similarity([1, 2, 3], [1, 2])
    with pytest.raises(ValueError):
        lsh_band_keys([1, 2, 3])


def test_fingerprint_is_near_duplicate_keeps_the_seed_rewrite_only(
    seeds: dict[str, NormalizedArticle], signatures: dict[str, list[int]]
) -> None:
    flagged = [
        (a, b)
        for a, b in [REWRITE, *OTHER_PAIRS]
        if is_near_duplicate(
            seeds[a].body,
            seeds[b].body,
            similarity=estimated_similarity(signatures[a], signatures[b]),
            threshold=DEFAULT_NEAR_DUPLICATE_THRESHOLD,
        )
    ]
    assert flagged == [REWRITE]


def test_fingerprint_short_different_articles_are_not_near_duplicates() -> None:
    factory.random.reseed_random(11)
    texts = [row["text"] for row in ShortArticleFactory.build_batch(500)]
    assert len(set(texts)) == len(texts)
    matrix = np.array([minhash_signature(text) for text in texts], dtype=np.uint32)
    # The candidates the service would look at: every pair at or over the threshold.
    scores = np.stack([(matrix == row).mean(axis=1) for row in matrix])
    candidates = [
        (i, j)
        for i, j in zip(*np.nonzero(scores >= DEFAULT_NEAR_DUPLICATE_THRESHOLD), strict=True)
        if i < j
    ]
    assert len(candidates) > 100  # what the old rule flagged: the test would catch it
    flagged = [
        (texts[i], texts[j])
        for i, j in candidates
        if is_near_duplicate(
            texts[i],
            texts[j],
            similarity=float(scores[i, j]),
            threshold=DEFAULT_NEAR_DUPLICATE_THRESHOLD,
        )
    ]
    assert flagged == []


def test_fingerprint_figures_that_disagree_veto_a_rewrite() -> None:
    base = (
        "Police fired tear gas at protesters in the capital on Saturday, the second "
        "weekend of protests over fuel prices across the country. "
    )
    a = base + "Around 5,000 protesters gathered and 130 people were detained, police said."
    b = base + "Around 8,000 protesters gathered and 42 people were detained, police said."
    c = base + "Around 5000 protesters gathered and 130 people were held, the police said."
    similarity = jaccard(a, b)
    assert similarity >= DEFAULT_NEAR_DUPLICATE_THRESHOLD
    threshold = DEFAULT_NEAR_DUPLICATE_THRESHOLD
    assert not is_near_duplicate(a, b, similarity=similarity, threshold=threshold)
    assert is_near_duplicate(a, c, similarity=jaccard(a, c), threshold=threshold)
