"""Linking tests are pure: the real embedding model, loaded once, and no Django."""

from __future__ import annotations

import pytest

from claims.linking import Embedder, load_embedder


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real offline sentence-embedding model, loaded once per test session."""
    return load_embedder()


@pytest.fixture(autouse=True)
def celery_in_process() -> None:
    """Override the root autouse fixture: these tests run no tasks and need no Django
    settings, so they also pass with ``-p no:django``."""
