"""Seed articles for the pure text tests (no database, no Django)."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.text import NormalizedArticle, normalize_upload

SEEDS_DIR = Path(__file__).resolve().parents[3] / "seeds"
MAX_BYTES = 1_000_000


def _seed_paths() -> dict[str, Path]:
    """Seeds by number ("000"...), from the repository's seeds/ folder."""
    return {path.name[:3]: path for path in sorted(SEEDS_DIR.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_raw() -> dict[str, bytes]:
    paths = _seed_paths()
    assert sorted(paths) == ["000", "001", "002", "003", "004"], f"seeds missing in {SEEDS_DIR}"
    return {number: path.read_bytes() for number, path in paths.items()}


@pytest.fixture(scope="session")
def seeds(seed_raw: dict[str, bytes]) -> dict[str, NormalizedArticle]:
    paths = _seed_paths()
    return {
        number: normalize_upload(data, filename=paths[number].name, max_bytes=MAX_BYTES)
        for number, data in seed_raw.items()
    }


@pytest.fixture(autouse=True)
def celery_in_process() -> None:
    """Override the root autouse fixture: these tests run no tasks and need no Django
    settings, so they also pass with ``-p no:django``."""
