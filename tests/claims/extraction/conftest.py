import pytest

from claims.extraction import load_nlp


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once per test session."""
    return load_nlp()
