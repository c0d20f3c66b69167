import numpy as np
import pytest

from claims.linking import DEFAULT_EMBEDDING_MODEL, load_embedder


def test_embedder_gives_normalised_float32_rows_and_a_versioned_name(embedder):
    vectors = embedder.encode(["Hama is Syria's fourth-largest city.", "Aleppo fell."])
    assert vectors.shape == (2, embedder.dimensions) == (2, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.name == DEFAULT_EMBEDDING_MODEL
    assert embedder.version.startswith(f"{DEFAULT_EMBEDDING_MODEL}==")
    assert load_embedder() is embedder  # cached per process


def test_embedder_encodes_an_empty_list(embedder):
    assert embedder.encode([]).shape == (0, embedder.dimensions)


def test_paraphrases_rank_above_unrelated_claims(embedder):
    query = "Insurgents now are about 10 kilometres (six miles) from Hama."
    paraphrase = "The insurgents are now approximately 10 kilometers away from Hama."
    unrelated = [
        "Turkey seeks to normalize relations with Syria.",
        "Khanaser sits on one of the roads that lead to Aleppo.",
        "The war has killed an estimated half a million people over 13 years.",
    ]
    vectors = embedder.encode([query, paraphrase, *unrelated])
    similarities = vectors[1:] @ vectors[0]
    assert similarities[0] > 0.9
    assert similarities[0] > similarities[1:].max() + 0.3


def test_unknown_model_name_is_refused_with_a_hint():
    with pytest.raises(LookupError, match="pip install"):
        load_embedder("no-such-embedding-model")
