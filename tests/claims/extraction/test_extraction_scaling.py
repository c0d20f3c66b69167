"""Extraction work grows linearly with the text: counted in function calls, not timed."""

import cProfile
import pstats
import random

from claims.extraction.pipeline import claims_from_doc

SUBJECTS = ["Officials", "The ministry", "Police", "Witnesses", "John Miller", "Sara Ahmed"]
FACTS = [
    "{n} people were killed in the town of {p}",
    "prices rose by {n} percent",
    "troops advanced {n} km north of {p}",
    "he was arrested in {p}",
    "{n} families fled the area",
]
PLACES = ["Norvale", "Ketter", "Aldmoor", "Halden"]


def short_sentences(count: int, *, seed: int = 1) -> str:
    rng = random.Random(seed)
    sentences = []
    for _ in range(count):
        fact = rng.choice(FACTS).format(n=rng.randrange(2, 900), p=rng.choice(PLACES))
        lead = "He said" if rng.random() < 0.2 else f"{rng.choice(SUBJECTS)} said"
        sentences.append(f"{lead} {fact}.")
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, count, 4)]
    return "\n\n".join(paragraphs)


def _calls(nlp, count: int) -> int:
    doc = nlp(short_sentences(count))
    profile = cProfile.Profile()
    profile.enable()
    claims_from_doc(doc)
    profile.disable()
    return pstats.Stats(profile).total_calls


def test_claims_from_doc_work_grows_linearly_with_sentences(nlp):
    # Twice the sentences: about twice the calls (1.95 measured); per-claim scans of the
    # whole doc (Doc.text, doc.sents, doc.ents, all entities) made it 3.7.
    ratio = _calls(nlp, 400) / _calls(nlp, 200)
    assert ratio < 2.4
