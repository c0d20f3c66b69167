"""Near-duplicates: the seed rewrite (000 of 001) is flagged, the other seed pairs are not."""

from __future__ import annotations

import itertools
import json

import pytest

from articles.text import fingerprint
from articles.text.fingerprint import (
    DEFAULT_NEAR_DUPLICATE_THRESHOLD,
    NUM_PERM,
    estimated_similarity,
    jaccard,
    lsh_band_keys,
    minhash_signature,
)
from articles.text.normalize import NormalizedArticle

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
