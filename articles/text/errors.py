"""The one error the text package raises for input it cannot turn into an article."""

from __future__ import annotations

from typing import Literal

UnreadableKind = Literal["empty", "binary", "undecodable", "too_large", "file_type"]


class UnreadableUpload(ValueError):
    """An upload that cannot become an article.

    The message is written for the editor who uploaded the file: it says what was
    wrong and what to do. ``kind`` lets callers (admin, API, tests) branch without
    parsing the message.
    """

    def __init__(self, message: str, *, kind: UnreadableKind) -> None:
        super().__init__(message)
        self.kind: UnreadableKind = kind
