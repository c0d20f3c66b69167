"""The fine-tuned sentence encoder: only its tuned top layers ship, laid over the package's
MiniLM weights offline."""

import json

import numpy as np
import pytest

from claims.extraction.encoder import (
    DEFAULT_ENCODER,
    ENCODER_VERSION,
    ClaimEncoder,
    EncoderUnavailable,
    load_encoder,
    train_encoder,
)

CLAIMS = [
    "Unemployment fell to 4.1 percent last year.",
    "The city spent $3 billion on the new bridge.",
    "Crime rose 12 percent in the first half of 2015.",
    "The company cut 5,000 jobs in March.",
]
CHATTER = [
    "Thank you very much.",
    "Good evening, everybody.",
    "Well, we will see.",
    "Please go ahead.",
]


@pytest.fixture(scope="module")
def tiny_encoder():
    texts = (CLAIMS + CHATTER) * 4
    labels = ([True] * len(CLAIMS) + [False] * len(CHATTER)) * 4
    return train_encoder(
        texts,
        labels,
        top_layers=1,
        learning_rate=1e-3,
        batch_size=8,
        epochs=3,
        manifest={"encoder_version": ENCODER_VERSION},
        log=lambda message: None,
    )


def test_a_few_examples_teach_figures_over_chatter(tiny_encoder):
    claim, chatter = tiny_encoder.logits(["Taxes rose 9 percent in 2012.", "Thank you all."])
    assert claim > chatter


def test_the_artefact_holds_only_the_tuned_layers_and_round_trips(tiny_encoder, tmp_path):
    path = tmp_path / "encoder.npz"
    tiny_encoder.save(path)
    with np.load(path) as data:
        layers = {key.split(".")[2] for key in data.files if key.startswith("layer/")}
    assert layers == {"5"}  # the top layer of six
    loaded = ClaimEncoder.load(path, encoder_version=ENCODER_VERSION)
    texts = ["Exports grew by 8 percent in 2016.", "Please go ahead."]
    # float16 storage: the same scores to a few decimals.
    assert np.allclose(loaded.logits(texts), tiny_encoder.logits(texts), atol=0.05)


def test_an_encoder_of_another_version_is_refused(tiny_encoder, tmp_path):
    path = tmp_path / "encoder.npz"
    tiny_encoder.save(path)
    manifest = json.loads(path.with_suffix(".json").read_text())
    manifest["encoder_version"] = "0.0.1"
    path.with_suffix(".json").write_text(json.dumps(manifest))
    with pytest.raises(EncoderUnavailable, match="retrain"):
        ClaimEncoder.load(path, encoder_version=ENCODER_VERSION)


@pytest.mark.skipif(not DEFAULT_ENCODER.exists(), reason="no encoder shipped")
def test_shipped_encoder_is_small_and_of_this_version():
    manifest = json.loads(DEFAULT_ENCODER.with_suffix(".json").read_text())
    assert manifest["encoder_version"] == ENCODER_VERSION
    assert DEFAULT_ENCODER.stat().st_size < 25e6
    encoder = load_encoder()
    assert encoder is load_encoder()  # loaded once per process
    claim, chatter = encoder.probabilities(
        ["Unemployment fell to 4.1 percent in 2015.", "Thank you all for coming tonight."]
    )
    assert chatter < encoder.threshold <= claim


def test_a_head_trained_with_the_encoder_reads_its_sentence_logit(tiny_encoder, nlp):
    from dataclasses import replace

    from claims.evaluation.checkworthiness import LabelledSentence
    from claims.extraction.pipeline import claims_from_doc
    from claims.extraction.training import (
        NewsArticle,
        TrainingSettings,
        fit_detector,
        fit_head,
        news_examples,
        sentence_examples,
    )

    sentences = [LabelledSentence(t, True, "a") for t in CLAIMS] + [
        LabelledSentence(t, False, "a") for t in CHATTER
    ]
    settings = TrainingSettings(c=1.0)
    detector = fit_detector(sentence_examples(nlp, sentences), settings=settings)
    body = "Prices rose 9 percent in 2012. Thank you very much, everybody."
    article = NewsArticle("x1", nlp(body), [{"quote": "Prices rose 9 percent in 2012."}])
    examples = news_examples([article], encoder=tiny_encoder)
    assert all(e.head.size == examples[0].head.size for e in examples)
    with_head = fit_head(detector, examples, settings=settings)
    with_head = replace(with_head, manifest={"encoder": "tiny"})
    assert with_head.uses_encoder and with_head.head.size == examples[0].head.size + 1
    claims = claims_from_doc(nlp(body), detector=with_head, threshold=0.5, encoder=tiny_encoder)
    assert [c.quote for c in claims] == ["Prices rose 9 percent in 2012."]
