import json

import numpy as np
import pytest

from claims.evaluation.checkworthiness import LabelledSentence
from claims.extraction import EXTRACTOR_VERSION, extract_claims
from claims.extraction.detector import (
    DEFAULT_ARTEFACT,
    ClaimDetector,
    DetectorUnavailable,
    load_detector,
    manifest_path,
)
from claims.extraction.pipeline import sentence_scores
from claims.extraction.training import (
    NewsArticle,
    TrainingSettings,
    fit_detector,
    fit_head,
    news_examples,
    sentence_examples,
)

CLAIMS = [
    "Unemployment fell to 4.1 percent last year.",
    "We created 200,000 jobs in the state since 2010.",
    "The city spent $3 billion on the new bridge.",
    "Crime rose 12 percent in the first half of 2015.",
    "The company cut 5,000 jobs in March.",
    "Exports grew by 8 percent in 2016.",
]
CHATTER = [
    "Thank you very much.",
    "Let me answer that question.",
    "Good evening, everybody.",
    "I want to thank the moderators.",
    "Well, we will see.",
    "Please go ahead.",
]


def test_shipped_detector_belongs_to_this_extractor_version():
    manifest = json.loads(manifest_path(DEFAULT_ARTEFACT).read_text())
    assert manifest["extractor_version"] == EXTRACTOR_VERSION
    detector = load_detector()
    assert detector is load_detector()  # loaded once per process
    assert 0 < detector.extraction_threshold < 1 and 0 < detector.sentence_threshold < 1


def test_shipped_detector_ranks_a_checkable_figure_above_chatter(nlp):
    scores, threshold = sentence_scores(
        ["Thank you all for coming tonight.", "Unemployment fell to 4.1 percent in 2015."],
        nlp=nlp,
    )
    assert scores[0] < threshold <= scores[1]


def test_detector_from_another_extractor_version_is_refused(tmp_path):
    detector = load_detector()
    path = tmp_path / "detector.npz"
    detector.save(path)
    manifest = json.loads(manifest_path(path).read_text())
    manifest["extractor_version"] = "0.0.1"
    manifest_path(path).write_text(json.dumps(manifest))
    with pytest.raises(DetectorUnavailable, match="retrain it"):
        ClaimDetector.load(path, extractor_version=EXTRACTOR_VERSION)


def test_detector_round_trips_through_its_artefact(tmp_path):
    detector = load_detector()
    path = tmp_path / "detector.npz"
    detector.save(path)
    loaded = ClaimDetector.load(path, extractor_version=EXTRACTOR_VERSION)
    names, dense = ["w:percent", "r:figure", "role:main"], np.zeros_like(detector.dense_mean)
    assert loaded.score(names, dense, rule_score=0.7, encoder_logit=1.5) == detector.score(
        names, dense, rule_score=0.7, encoder_logit=1.5
    )


def test_training_on_a_few_examples_learns_figures_over_chatter(nlp):
    sentences = [LabelledSentence(t, True, "a") for t in CLAIMS] + [
        LabelledSentence(t, False, "a") for t in CHATTER
    ]
    settings = TrainingSettings(c=1.0)
    detector = fit_detector(sentence_examples(nlp, sentences), settings=settings)
    scores, _ = sentence_scores(
        ["Taxes rose 9 percent in 2012.", "Thank you, thank you."], nlp=nlp, detector=detector
    )
    assert scores[0] > scores[1]

    body = "Prices rose 9 percent in 2012. Thank you very much, everybody."
    article = NewsArticle("x1", nlp(body), [{"quote": "Prices rose 9 percent in 2012."}])
    with_head = fit_head(detector, news_examples([article]), settings=settings)
    assert with_head.head.size
    claims = extract_claims(body, nlp=nlp, detector=with_head, threshold=0.5)
    assert [c.quote for c in claims] == ["Prices rose 9 percent in 2012."]
