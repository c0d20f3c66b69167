"""Exact nearest-neighbour search over L2-normalised vectors, in numpy.

A dot product is the cosine here. ``argpartition`` finds the k best in linear time; only
those k are sorted. Queries go in chunks so the score matrix stays small in memory.
"""

from __future__ import annotations

import numpy as np

# 256 queries x 100k corpus rows x 4 bytes = ~100 MB of scores at most.
QUERY_CHUNK = 256


def top_k(
    query_vectors: np.ndarray, corpus_vectors: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """The k corpus rows most similar to each query, best first.

    Returns ``(indices, scores)``, both shaped (queries, min(k, corpus rows)); ties go to
    the lower corpus index, so results are deterministic.
    """
    queries = np.atleast_2d(np.asarray(query_vectors, dtype=np.float32))
    corpus = np.asarray(corpus_vectors, dtype=np.float32)
    width = max(0, min(int(k), corpus.shape[0]))
    indices = np.empty((queries.shape[0], width), dtype=np.int64)
    scores = np.empty((queries.shape[0], width), dtype=np.float32)
    if width == 0 or queries.shape[0] == 0:
        return indices, scores
    for start in range(0, queries.shape[0], QUERY_CHUNK):
        chunk = queries[start : start + QUERY_CHUNK] @ corpus.T
        if width < corpus.shape[0]:
            best = np.argpartition(-chunk, width - 1, axis=1)[:, :width]
        else:
            best = np.broadcast_to(np.arange(width), chunk.shape).copy()
        best_scores = np.take_along_axis(chunk, best, axis=1)
        # Sort by score descending, then by index ascending for equal scores.
        order = np.lexsort((best, -best_scores), axis=1)
        indices[start : start + QUERY_CHUNK] = np.take_along_axis(best, order, axis=1)
        scores[start : start + QUERY_CHUNK] = np.take_along_axis(best_scores, order, axis=1)
    return indices, scores
