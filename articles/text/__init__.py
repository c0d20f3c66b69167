"""Uploaded bytes to a normalised article, plus near-duplicate fingerprints.

Pure Python (no Django), so ingest, tests and benchmarks can use it on bare bytes.
"""

from articles.text.errors import TextWarning, UnreadableUpload
from articles.text.normalize import NormalizedArticle, normalize_text, normalize_upload

__all__ = [
    "NormalizedArticle",
    "TextWarning",
    "UnreadableUpload",
    "normalize_text",
    "normalize_upload",
]
