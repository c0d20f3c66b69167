"""The one error the text package raises for input it cannot turn into an article, and
the warnings it gives about input it could read but had to change."""

from __future__ import annotations

from dataclasses import dataclass
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


WarningKind = Literal[
    "encoding",  # bytes were not valid UTF-8 and were read as Windows-1252
    "bidi_control",  # bidirectional embedding/override/isolate controls removed
    "bidi_mark",  # LRM/RLM/ALM removed from text without right-to-left script
    "joiner",  # zero-width (non-)joiners removed from inside Latin/Greek/Cyrillic words
    "hidden_text",  # invisible tag characters (text no reader sees) removed
    "invisible",  # other invisible format characters removed
    "published_date",  # the date given at upload differs from the one the text states
]


@dataclass(frozen=True)
class TextWarning:
    """Something ingest changed or guessed that the uploader should check.

    The article was still saved (unlike UnreadableUpload); the message, written for the
    uploader, says what was done, where, and what to check.
    """

    kind: WarningKind
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "message": self.message}
