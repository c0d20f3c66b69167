import json

import numpy as np
import pytest

from claims.evaluation.matching import (
    cached_vectors,
    clean_query,
    load_qrels,
    load_queries,
    load_verified_claims,
    score_matching,
)


def test_score_matching_is_the_mean_average_precision_at_five():
    ranked = {"q1": ["x", "a", "y"], "q2": ["b", "c"], "q3": ["z"]}
    qrels = {"q1": {"a"}, "q2": {"b", "c"}, "q3": {"w"}}
    report = score_matching(ranked, qrels)
    assert report.average_precisions == {"q1": 0.5, "q2": 1.0, "q3": 0.0}
    assert report.map_at_k == pytest.approx(0.5)


def test_the_task_files_load_in_the_labs_format(tmp_path):
    (tmp_path / "claims.jsonl").write_text(
        json.dumps({"vclaim_id": "v1", "vclaim": "A claim.", "title": "Title"}) + "\n\n"
    )
    (tmp_path / "q.tsv").write_text("t1\tLook https://t.co/x at  this pic.twitter.com/abc\n")
    (tmp_path / "q.qrels").write_text("t1 0 v1 1\nt2\t0\tv2\t0\n")
    assert [(c.id, c.text) for c in load_verified_claims(tmp_path / "claims.jsonl")] == [
        ("v1", "A claim. Title")
    ]
    assert load_queries(tmp_path / "q.tsv") == {"t1": "Look at this"}
    assert load_qrels(tmp_path / "q.qrels") == {"t1": {"v1"}}
    assert clean_query("a  www.example.org b") == "a b"


def test_cached_vectors_reuse_the_cache_for_the_same_texts_and_model(tmp_path):
    calls = []

    def encode(texts):
        calls.append(list(texts))
        return np.ones((len(texts), 3), dtype=np.float32)

    first = cached_vectors(["a", "b"], encode=encode, model_version="m1", cache_dir=tmp_path)
    again = cached_vectors(["a", "b"], encode=encode, model_version="m1", cache_dir=tmp_path)
    cached_vectors(["a", "b"], encode=encode, model_version="m2", cache_dir=tmp_path)
    assert np.array_equal(first, again)
    assert calls == [["a", "b"], ["a", "b"]]
