"""Unicode repair: cp874 mojibake reversed, correct text (curly quotes, Thai) untouched."""

from __future__ import annotations

import pytest

from articles.text.normalize import NormalizedArticle
from articles.text.repair import repair_cp874_mojibake, repair_text

THAI = "ภาษาไทยเป็นภาษาราชการของประเทศไทย มีผู้พูดมากกว่า 60 ล้านคน… “ครับ” – ขอบคุณ"


def _mojibake(text: str) -> str:
    """Make the damage of seed 002: UTF-8 bytes read as cp874, cp1252 where undefined."""
    out = []
    for byte in text.encode("utf-8"):
        for encoding in ("cp874", "cp1252"):
            try:
                out.append(bytes([byte]).decode(encoding))
                break
            except UnicodeDecodeError:
                continue
        else:
            out.append(chr(byte))
    return "".join(out)


def test_repair_seed_002_has_no_mojibake_left(seeds: dict[str, NormalizedArticle]) -> None:
    body = seeds["002"].body
    assert "โ€" not in body
    assert not any("\u0e00" <= ch <= "\u0e7f" for ch in body)  # no Thai left at all
    assert "Syria’s ongoing civil war follows the insurgents’ recent gains" in body
    assert body.count("’") == 10


def test_repair_seed_002_raw_sequences(seed_raw: dict[str, bytes]) -> None:
    raw = seed_raw["002"].decode("utf-8")
    assert raw.count("โ€") == 11  # the damage is really there
    repaired = repair_text(raw)
    assert "โ€" not in repaired
    assert "Syriaโ€™s" in raw and "Syria’s" in repaired
    assert "a key …" in repaired


def test_repair_leaves_seed_003_curly_apostrophes(seed_raw: dict[str, bytes]) -> None:
    raw = seed_raw["003"].decode("utf-8")
    assert "Assad’s" in raw
    assert repair_text(raw) == raw


@pytest.mark.parametrize(
    "thai",
    [THAI, "ยก", "สวัสดีครับ ผมชื่อสมชาย", "รฉ ไม่ใช่คำ", "ข่าว: กองทัพซีเรีย — ฮามา"],
)
def test_repair_leaves_genuine_thai_unchanged(thai: str) -> None:
    assert repair_text(thai) == thai


def test_repair_keeps_thai_next_to_mojibake() -> None:
    text = f"{THAI}\nSyriaโ€™s army said."
    assert repair_text(text) == f"{THAI}\nSyria’s army said."


@pytest.mark.parametrize(
    "original",
    [
        "Syria’s “fourth-largest” city — Hama",
        "Café résumé naïve: 50 € and 3™",
        "Zürich – São Paulo… ‘quoted’",
        "Arabic حماة and Chinese 哈马",
    ],
)
def test_repair_reverses_cp874_mojibake(original: str) -> None:
    damaged = _mojibake(original)
    assert damaged != original
    assert repair_cp874_mojibake(damaged) == original


def test_repair_fixes_common_mojibake_with_ftfy() -> None:
    # UTF-8 read as cp1252 is the common case ftfy handles.
    assert repair_text("Syriaâ€™s city") == "Syria’s city"


def test_repair_does_not_uncurl_quotes() -> None:
    assert repair_text("“Hama” is Syria’s fourth city") == "“Hama” is Syria’s fourth city"
