"""Bytes to text: refuse what is not an article, decode what is.

Decoding rule (in this order; the first that applies wins):

1. A byte-order mark decides: UTF-8 BOM -> UTF-8, UTF-32/UTF-16 BOM -> that encoding.
   The decode is strict; bytes that do not fit the BOM's encoding are refused.
2. Otherwise NUL bytes or a known binary signature (PDF, PNG, ZIP/DOCX...) mean binary.
3. Strict UTF-8 (the encoding of almost everything uploaded today).
4. For HTML only: the encoding the page declares in ``<meta charset>``, strictly.
5. Windows-1252, the one legacy encoding we accept, and only when the result is
   plausible text: the bytes decode strictly as cp1252, they are not mostly well-formed
   UTF-8 sequences (that is damaged UTF-8, and reading it as cp1252 would turn every
   accent into mojibake), at most 20% of the non-space characters are non-ASCII, and at
   least half are letters. Any single byte decodes in Latin-1, so without these checks
   anything would "decode". The bytes are then read as UTF-8 wherever they are valid
   UTF-8 (a file that mixes the two keeps its UTF-8 "’" instead of turning it into
   "â€™") and as cp1252 only where they are not, and the upload carries a warning that
   names those bytes and the characters they became: a guess the uploader must check.

Text with more than 10% control characters is refused as binary; a few stray control
characters are left for normalisation to drop.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Literal

from articles.text.errors import TextWarning, UnreadableUpload

FileKind = Literal["text", "markdown", "html"]

ACCEPTED_EXTENSIONS: dict[str, FileKind] = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
}

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (Word .docx and OpenDocument files are ZIP archives)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc)"),
    (b"\x1f\x8b", "a gzip archive"),
)

_WELL_FORMED_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|[\xe0-\xef][\x80-\xbf]{2}"
    rb"|[\xf0-\xf4][\x80-\xbf]{3}"
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_MAX_CONTROL_SHARE = 0.10
_MAX_NON_ASCII_SHARE_CP1252 = 0.20
_MIN_LETTER_SHARE_CP1252 = 0.50

_ACCEPTED_LIST = ".txt, .md, .html or .htm"


def file_kind(filename: str | None) -> FileKind:
    """What kind of text a file name promises; pasted text (no name) is plain text.

    Raises UnreadableUpload for any other extension, so that a .docx or .pdf is refused
    by name with a clear message before its bytes are looked at.
    """
    if filename is None or filename == "":
        return "text"
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
    dot = name.rfind(".")
    extension = name[dot:] if dot > 0 else ""
    kind = ACCEPTED_EXTENSIONS.get(extension)
    if kind is None:
        shown = extension or "no extension"
        raise UnreadableUpload(
            f"The file type of {filename!r} ({shown}) is not supported: "
            f"upload the article as {_ACCEPTED_LIST}, or paste its text.",
            kind="file_type",
        )
    return kind


def decode_upload(data: bytes, *, filename: str | None, max_bytes: int) -> str:
    """Decode uploaded bytes to text, refusing empty, binary, oversize or undecodable files."""
    return decode_upload_with_warnings(data, filename=filename, max_bytes=max_bytes)[0]


def decode_upload_with_warnings(
    data: bytes, *, filename: str | None, max_bytes: int
) -> tuple[str, list[TextWarning]]:
    """``decode_upload``, plus a warning when part of the text had to be guessed."""
    kind = file_kind(filename)
    if len(data) > max_bytes:
        raise UnreadableUpload(
            f"The file is {_size(len(data))}, larger than the limit of {_size(max_bytes)}: "
            "upload only the article text, or split it into several articles.",
            kind="too_large",
        )
    if not data.strip():
        raise _empty()
    text, warnings = _decode(data, kind=kind)
    _check_not_binary_text(text)
    if not has_visible_text(text):
        raise _empty()
    return text, warnings


def has_visible_text(text: str) -> bool:
    """Whether the text has anything but whitespace, control and format characters."""
    return any(not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")) for ch in text)


def _decode(data: bytes, *, kind: FileKind) -> tuple[str, list[TextWarning]]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError as exc:
                raise UnreadableUpload(
                    f"The file starts with a {encoding.upper().replace('-SIG', '')} "
                    f"byte-order mark but is not valid {encoding.upper().replace('-SIG', '')} "
                    f"(invalid data at byte {exc.start}): save it again as UTF-8 and upload it.",
                    kind="undecodable",
                ) from exc

    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise UnreadableUpload(
                f"The file is {what}, not text: upload the article as {_ACCEPTED_LIST}, "
                "or copy its text and paste it.",
                kind="binary",
            )
    if b"\x00" in data:
        raise UnreadableUpload(
            "The file contains NUL bytes, so it is binary data (or UTF-16 text without a "
            f"byte-order mark), not text: upload the article as {_ACCEPTED_LIST} saved as UTF-8.",
            kind="binary",
        )

    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc

    if kind == "html":
        declared = _declared_html_charset(data)
        if declared is not None:
            try:
                return data.decode(declared), []
            except UnicodeDecodeError:
                pass

    if _plausible_cp1252(data) is not None:
        return _utf8_with_cp1252_bytes(data)
    bad = data[utf8_error.start]
    raise UnreadableUpload(
        f"The file is not valid UTF-8 (byte 0x{bad:02X} at position {utf8_error.start}) "
        "and does not read as Windows-1252 text either: save it as UTF-8 and upload it again.",
        kind="undecodable",
    )


def _declared_html_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _plausible_cp1252(data: bytes) -> str | None:
    """Decode as Windows-1252 only if the bytes look like cp1252 text (see module doc)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high_bytes = sum(1 for b in data if b >= 0x80)
    utf8_bytes = sum(len(m.group()) for m in _WELL_FORMED_UTF8_MULTIBYTE.finditer(data))
    if utf8_bytes * 2 >= high_bytes:
        return None
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return None
    non_ascii = sum(1 for ch in visible if ord(ch) >= 0x80)
    letters = sum(1 for ch in visible if ch.isalpha())
    if non_ascii > _MAX_NON_ASCII_SHARE_CP1252 * len(visible):
        return None
    if letters < _MIN_LETTER_SHARE_CP1252 * len(visible):
        return None
    return text


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_MAX_EXAMPLES = 3


def _utf8_with_cp1252_bytes(data: bytes) -> tuple[str, list[TextWarning]]:
    """Valid UTF-8 sequences as UTF-8, every other byte as its cp1252 character.

    ``surrogateescape`` turns each invalid byte into one lone surrogate (U+DC80 + byte),
    so replacing each by one character keeps positions: the warning can show where.
    """
    escaped = data.decode("utf-8", errors="surrogateescape")
    text = _ESCAPED_BYTE.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252"), escaped)
    guessed = [m.start() for m in _ESCAPED_BYTE.finditer(escaped)]
    examples = []
    for position in guessed[:_MAX_EXAMPLES]:
        byte = ord(escaped[position]) - 0xDC00
        examples.append(f"0x{byte:02X} → {text[position]} in “{_around(text, position)}”")
    more = f", and {len(guessed) - _MAX_EXAMPLES} more" if len(guessed) > _MAX_EXAMPLES else ""
    count = "1 byte that is not UTF-8 was" if len(guessed) == 1 else f"{len(guessed)} bytes"
    count += "" if len(guessed) == 1 else " that are not UTF-8 were"
    message = (
        f"The file is not valid UTF-8: {count} read as Windows-1252 "
        f"({'; '.join(examples)}{more}). Check that these characters are right; if they are "
        "not (for example “Ã©” where “é” was meant), save the file as UTF-8 and upload it "
        "again. The file as uploaded is kept unchanged."
    )
    return text, [TextWarning(kind="encoding", message=message)]


def _around(text: str, position: int, width: int = 16) -> str:
    start, end = max(0, position - width), min(len(text), position + width + 1)
    excerpt = " ".join(text[start:end].split())
    return ("…" if start else "") + excerpt + ("…" if end < len(text) else "")


def _check_not_binary_text(text: str) -> None:
    if "\x00" in text:
        raise UnreadableUpload(
            f"The file contains NUL characters, so it is binary data, not text: "
            f"upload the article as {_ACCEPTED_LIST}.",
            kind="binary",
        )
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise UnreadableUpload(
            f"The file is mostly control characters ({controls} of {len(text)}), so it is "
            f"binary data, not text: upload the article as {_ACCEPTED_LIST}.",
            kind="binary",
        )


def _empty() -> UnreadableUpload:
    return UnreadableUpload(
        "The file is empty (or only whitespace): upload a file that contains the article text.",
        kind="empty",
    )


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB ({n} bytes)"
    return f"{n / (1024 * 1024):.1f} MB ({n} bytes)"
