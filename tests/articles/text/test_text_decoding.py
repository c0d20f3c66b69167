"""Bad uploads are refused with a message that says what was wrong and what to do."""

from __future__ import annotations

import codecs

import pytest

from articles.text import UnreadableUpload, normalize_text, normalize_upload
from articles.text.decoding import decode_upload

ARTICLE = "Syrian insurgents captured four new towns early Tuesday, activists said.\n"


def _refused(data: bytes, *, filename: str | None = "a.txt", max_bytes: int = 10_000):
    with pytest.raises(UnreadableUpload) as caught:
        normalize_upload(data, filename=filename, max_bytes=max_bytes)
    return caught.value


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf  \n", "\u00a0\n".encode()])
def test_decode_upload_refuses_empty_file(data: bytes) -> None:
    error = _refused(data)
    assert error.kind == "empty"
    assert "empty" in str(error) and "upload a file that contains the article text" in str(error)


def test_normalize_text_refuses_empty_paste() -> None:
    with pytest.raises(UnreadableUpload) as caught:
        normalize_text(" \n\n ")
    assert caught.value.kind == "empty"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    ],
)
def test_decode_upload_names_known_binary_formats(data: bytes, what: str) -> None:
    error = _refused(data, filename="article.txt")
    assert error.kind == "binary"
    assert what in str(error) and "not text" in str(error)


def test_decode_upload_refuses_nul_bytes() -> None:
    error = _refused(b"Some text\x00\x00\x01\x02 more")
    assert error.kind == "binary" and "NUL" in str(error)


def test_decode_upload_refuses_mostly_control_characters() -> None:
    error = _refused(bytes(range(1, 9)) * 20 + b"abc")
    assert error.kind == "binary" and "control characters" in str(error)


def test_decode_upload_refuses_bytes_that_are_no_text_encoding() -> None:
    # 0x81/0x8D/0x9D are undefined in Windows-1252 and invalid as UTF-8 here.
    error = _refused(b"Hama \x81\x8d\x9d\xc3 report")
    assert error.kind == "undecodable"
    assert "not valid UTF-8" in str(error) and "save it as UTF-8" in str(error)


def test_decode_upload_refuses_damaged_utf8_instead_of_reading_cp1252() -> None:
    # Mostly well-formed UTF-8 (é, ’) with one stray byte: reading it as cp1252 would
    # turn every accent into mojibake, so it is refused.
    data = "Café in Hama’s centre, résumé: ".encode() * 3 + b"\xff end"
    assert _refused(data).kind == "undecodable"


def test_decode_upload_refuses_random_high_bytes_as_cp1252() -> None:
    data = bytes(range(0xA0, 0xFF)) * 4
    assert _refused(data).kind == "undecodable"


def test_decode_upload_reads_plausible_cp1252() -> None:
    data = "Le café de Hama est fermé depuis mardi, a déclaré l’Observatoire.".encode("cp1252")
    text = decode_upload(data, filename="a.txt", max_bytes=10_000)
    assert text == "Le café de Hama est fermé depuis mardi, a déclaré l’Observatoire."


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + ARTICLE.encode(),
        ARTICLE.encode("utf-16"),  # Python writes a BOM
        codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
    ],
)
def test_decode_upload_reads_utf8_bom_and_utf16_bom(data: bytes) -> None:
    assert decode_upload(data, filename="a.txt", max_bytes=10_000) == ARTICLE


def test_decode_upload_refuses_utf16_without_bom_as_binary() -> None:
    error = _refused(ARTICLE.encode("utf-16-le"))
    assert error.kind == "binary" and "UTF-16" in str(error)


def test_decode_upload_refuses_file_over_the_limit_with_size_and_limit() -> None:
    error = _refused(b"x" * 2048, max_bytes=1024)
    assert error.kind == "too_large"
    assert "2.0 KB (2048 bytes)" in str(error) and "1.0 KB (1024 bytes)" in str(error)


def test_decode_upload_accepts_file_at_the_limit() -> None:
    data = ARTICLE.encode()
    assert normalize_upload(data, filename="a.txt", max_bytes=len(data)).body


@pytest.mark.parametrize("filename", ["report.pdf", "report.docx", "report", "photo.PNG"])
def test_decode_upload_refuses_unsupported_file_type(filename: str) -> None:
    error = _refused(ARTICLE.encode(), filename=filename)
    assert error.kind == "file_type"
    assert filename in str(error) and ".txt, .md, .html or .htm" in str(error)


@pytest.mark.parametrize("filename", ["a.txt", "A.TXT", "notes.md", "page.html", "page.HTM", None])
def test_decode_upload_accepts_supported_file_types_and_pasted_text(filename: str | None) -> None:
    article = normalize_upload(ARTICLE.encode(), filename=filename, max_bytes=10_000)
    assert article.body == ARTICLE.strip()


def test_unreadable_upload_is_a_value_error() -> None:
    assert issubclass(UnreadableUpload, ValueError)


def test_decode_upload_warns_when_bytes_are_read_as_cp1252() -> None:
    data = b"Rebels entered the caf\xe9 district of Hama on Tuesday, activists said.\n"
    article = normalize_upload(data, filename="a.txt", max_bytes=10_000)
    assert article.body.startswith("Rebels entered the café district")
    (warning,) = article.warnings
    assert warning.kind == "encoding"
    assert "not valid UTF-8" in warning.message and "Windows-1252" in warning.message
    assert "0xE9 → é" in warning.message and "café" in warning.message
    assert "save the file as UTF-8" in warning.message


def test_decode_upload_mixed_file_keeps_its_utf8_and_names_every_guessed_byte() -> None:
    # Mostly ASCII, one well-formed UTF-8 apostrophe, four stray cp1252 bytes: the
    # apostrophe stays an apostrophe instead of becoming "â€™".
    data = (
        "The minister’s office said on Tuesday that 40 people were hurt.".encode()
        + b" It called the report \x93false\x94 \x96 and \x85 more.\n"
    )
    article = normalize_upload(data, filename="a.txt", max_bytes=10_000)
    assert "minister’s" in article.body and "â€" not in article.body
    assert "“false” – and … more." in article.body
    (warning,) = article.warnings
    assert "4 bytes" in warning.message and "and 1 more" in warning.message


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode(),
        codecs.BOM_UTF8 + "Café in Hama’s centre.".encode(),
        ARTICLE.encode("utf-16"),
    ],
)
def test_decode_upload_valid_encodings_carry_no_warning(data: bytes) -> None:
    assert normalize_upload(data, filename="a.txt", max_bytes=10_000).warnings == ()
