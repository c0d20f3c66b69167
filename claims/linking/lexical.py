"""Lexical similarity over claim statements: BM25 (bm25s) over the prior claims."""

from __future__ import annotations

from collections.abc import Sequence

import bm25s
import numpy as np


class LexicalIndex:
    """BM25 over a fixed list of texts; build once per corpus, score many queries."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        self._retriever = bm25s.BM25()
        if self.size:
            tokens = bm25s.tokenize(list(texts), stopwords="en", show_progress=False)
            self._retriever.index(tokens, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed text for the query (0 where no word is shared)."""
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        words = bm25s.tokenize([query], stopwords="en", show_progress=False, return_ids=False)
        if not words[0]:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(words[0]), dtype=np.float32)
