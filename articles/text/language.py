"""Language of an article body, offline, with py3langid (its model ships in the wheel)."""

from __future__ import annotations

import py3langid

# Below this many letters the guess is noise; say "unknown" (empty) instead.
_MIN_LETTERS = 20


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en"), or "" if too short to tell.

    py3langid loads its model on first use (about half a second) and keeps it.
    """
    if sum(ch.isalpha() for ch in text) < _MIN_LETTERS:
        return ""
    language, _score = py3langid.classify(text)
    return str(language)
