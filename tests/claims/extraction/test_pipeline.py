import json
from pathlib import Path

import pytest

from articles.text import normalize_text
from claims.extraction import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    extract_claims,
    extract_claims_many,
)

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.fixture(scope="module")
def seed_bodies():
    return {
        path.stem: normalize_text(path.read_text(encoding="utf-8"), filename=path.name).body
        for path in sorted(SEEDS.glob("*.txt"))
    }


def test_offsets_and_context_are_exact_on_every_seed(nlp, seed_bodies):
    for body in seed_bodies.values():
        claims = extract_claims(body, nlp=nlp)
        assert claims
        for claim in claims:
            assert body[claim.start : claim.end] == claim.quote
            assert body[: claim.start].endswith(claim.prefix)
            assert body[claim.end :].startswith(claim.suffix)
            assert not claim.statement[0].islower() and claim.statement.endswith(".")
            assert 0.0 <= claim.score <= 1.0


def test_many_matches_one_by_one_and_is_json_ready(nlp, seed_bodies):
    bodies = list(seed_bodies.values())
    assert list(extract_claims_many(bodies, nlp=nlp)) == [
        extract_claims(b, nlp=nlp) for b in bodies
    ]
    first = extract_claims(bodies[0], nlp=nlp)[0]
    assert json.loads(json.dumps(first.to_dict()))["quote"] == first.quote
    assert EXTRACTOR_NAME and EXTRACTOR_VERSION


def test_boilerplate_and_meta_notes_are_not_claims(nlp, seed_bodies):
    quotes = " ".join(
        c.quote for c in extract_claims(seed_bodies["002_85b440c575b671d9"], nlp=nlp)
    )
    assert "Leave a Reply" not in quotes
    assert "independently verified" not in quotes
    assert "could isolate" not in quotes


def test_an_age_stands_or_falls_with_its_sentence(nlp):
    kept = extract_claims(
        "Police arrested the 52-year-old driver on Monday after the crash in the town centre.",
        nlp=nlp,
    )
    assert "the 52-year-old driver" in [c.quote for c in kept]
    # A question is never a claim, nor the age inside it.
    asked = extract_claims("Was the 52-year-old driver to blame for the crash?", nlp=nlp)
    assert not any("52-year-old" in c.quote for c in asked)
