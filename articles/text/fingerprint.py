"""Near-duplicate fingerprints: MinHash over content-word bigrams, with LSH band keys.

Why these shingles. A rewrite (seed 000 of 001) says the same facts in other words, so
long word n-grams barely overlap (word 5-shingles: Jaccard 0.05), while every report of
the same event shares its names, so single words overlap a lot even between different
articles (0.25-0.29). Pairs of adjacent *content* words (lower-cased, stop words out,
a light suffix stemmer so "captured"/"capture"/"capturing" meet) keep the phrases a rewrite reuses
("state news agency", "fourth largest", "northern province") and drop the glue it changes.
Exact Jaccard on the five normalised seeds (MinHash estimate with this module's seed
in brackets):

=====  =============  =============  =============  =============
pair   001            002            003            004
=====  =============  =============  =============  =============
000    0.236 (0.238)  0.062 (0.061)  0.034 (0.035)  0.046 (0.057)
001                   0.081 (0.096)  0.036 (0.037)  0.046 (0.062)
002                                  0.026 (0.021)  0.036 (0.043)
003                                                 0.049 (0.055)
=====  =============  =============  =============  =============

``DEFAULT_NEAR_DUPLICATE_THRESHOLD`` = 0.15 sits between the rewrite (0.236) and the
closest different article (0.081): about twice the closest different pair, two thirds
of the rewrite. With ``NUM_PERM`` = 512 the estimate's standard error is about 0.012 at
J = 0.08 and 0.019 at J = 0.23, so both sides are more than four standard errors from
the threshold; over 40 different MinHash seeds the rewrite never scored below 0.205 and
no other pair above 0.11 (with 256 permutations: 0.17 and 0.12, too close).

Why short texts need more. The threshold is a share of word pairs, and a share means
little when there are few: one-sentence items written to one pattern ("Officials in
<place> said <figure> people were displaced in <year>.") share the pattern's pairs
("people displaced", "displaced flooding") and little else, so two of them with
different places, figures and years score 0.2-0.45 on seven word pairs each.
``is_near_duplicate`` therefore also asks for evidence that does not shrink with the
text: the two texts must share at least ``MIN_SHARED_SHINGLES`` = 12 word pairs (a few
sentences' worth of reused phrasing; the seed rewrite shares 91, different seed
articles share 13-42 at Jaccard 0.08 or less), which for short texts acts as a
length-aware threshold (about J >= 12 / (n - 12) for n word pairs in both texts
together, so the 0.15 threshold governs from about 46 pairs each); and texts that both
state at least two figures must agree on at least half of the figures of the one
stating fewer (a rewrite keeps its facts' numbers: 000 and 001 state the same 10, 13 and
50; numbers are compared exactly, "50,000" as 50000). A one-sentence item is then never
flagged as a rewrite, even of a near-copy: whether two such items say the same thing is
the claim linker's question, with figures, places and dates compared one by one.

Why the bands. ``lsh_band_keys`` cuts the first 256 signature values into
``BANDS`` = 128 bands of ``ROWS_PER_BAND`` = 2. Two texts share at least one band key
with probability ``1 - (1 - J**2) ** 128``: 0.95 at the threshold (J = 0.15), 0.999
for the seed rewrite (0.236), 0.11 for unrelated same-topic text (J = 0.03), 0.01 at
J = 0.01. Three rows per band would miss three quarters of the pairs at the threshold;
one row would make nearly every same-topic article a candidate. More bands than 128 buy
little and cost index rows, so the other 256 values only sharpen
``estimated_similarity``, which confirms each candidate.
"""

from __future__ import annotations

import hashlib
import re
import struct

import numpy as np
from datasketch import MinHash

NUM_PERM = 512
ROWS_PER_BAND = 2
BANDS = 128
DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.15
MIN_SHARED_SHINGLES = 12
MIN_NUMBER_AGREEMENT = 0.5
# Part of every band key: change it whenever shingles, NUM_PERM, the seed or the bands
# change, so that keys stored under the old scheme never match new ones.
FINGERPRINT_VERSION = "mh1"
_SEED = 1

_EMPTY_HASH = (1 << 32) - 1  # datasketch's value for "no shingle seen"

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers him his how however i if
    in into is it its itself just may me might more most must my no nor not now of off on
    once only or other our ours out over own per said same says say she should so some
    such than that the their theirs them then there these they this those through to too
    under until up upon very was we were what when where which while who whom whose why
    will with within without would you your
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_SUFFIXES = ("ing", "ed", "es", "s", "ly", "e")


def _stem(word: str) -> str:
    """A deliberately light stemmer: enough for "captured"/"capture"/"captures"."""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> list[str]:
    """Lower-cased, stemmed words of the text without stop words, in order."""
    words = (w.replace("’", "").replace("'", "") for w in _WORD.findall(text.casefold()))
    return [_stem(w) for w in words if w not in _STOP_WORDS]


def shingles(text: str) -> set[str]:
    """Adjacent content-word pairs (a single word if the text has only one)."""
    words = content_words(text)
    if len(words) == 1:
        return {words[0]}
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def jaccard(a: str, b: str) -> float:
    """Exact Jaccard similarity of two texts' shingle sets (what MinHash estimates)."""
    first, second = shingles(a), shingles(b)
    union = first | second
    return len(first & second) / len(union) if union else 0.0


_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")


def numbers(text: str) -> set[str]:
    """The figures a text states, exactly as numbers ("50,000" and "50000" agree)."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = match.group().rstrip(".,")
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", value):
            value = value.replace(",", "")
        found.add(value)
    return found


def is_near_duplicate(a: str, b: str, *, similarity: float, threshold: float) -> bool:
    """Whether two texts whose estimated similarity is ``similarity`` are a rewrite pair.

    The estimate must reach the threshold, and the texts must share enough word pairs
    and agree on their figures (see the module doc: both matter for short texts).
    """
    if similarity < threshold:
        return False
    if len(shingles(a) & shingles(b)) < MIN_SHARED_SHINGLES:
        return False
    figures_a, figures_b = numbers(a), numbers(b)
    fewer = min(len(figures_a), len(figures_b))
    return fewer < 2 or len(figures_a & figures_b) >= MIN_NUMBER_AGREEMENT * fewer


def minhash_signature(text: str) -> list[int]:
    """MinHash of the text's shingles: ``NUM_PERM`` ints below 2**32, JSON-storable."""
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return [int(v) for v in minhash.hashvalues]


def _is_empty(signature: list[int]) -> bool:
    return all(v == _EMPTY_HASH for v in signature)


def estimated_similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures; 0.0 if either text had no words."""
    if len(a) != len(b):
        raise ValueError(f"Signatures differ in length ({len(a)} vs {len(b)}).")
    if not a or _is_empty(a) or _is_empty(b):
        return 0.0
    return float(np.count_nonzero(np.asarray(a) == np.asarray(b)) / len(a))


def lsh_band_keys(signature: list[int]) -> list[str]:
    """One key per band (``ROWS_PER_BAND`` values): texts sharing a key are candidates.

    Keys are short strings ("mh1:017:3f2a..."), for an indexed lookup in the database.
    A text without words has no keys, so it is nobody's candidate.
    """
    if len(signature) != NUM_PERM:
        raise ValueError(f"Expected a signature of {NUM_PERM} values, got {len(signature)}.")
    if _is_empty(signature):
        return []
    keys = []
    for band in range(BANDS):  # the first BANDS * ROWS_PER_BAND values (see module doc)
        rows = signature[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        digest = hashlib.blake2b(struct.pack(f"<{ROWS_PER_BAND}Q", *rows), digest_size=8)
        keys.append(f"{FINGERPRINT_VERSION}:{band:03d}:{digest.hexdigest()}")
    return keys
