import pytest

from tests.conftest import SEEDS_DIR


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once for the whole session."""
    from claims.nlp import get_nlp

    return get_nlp()


@pytest.fixture
def seed_article(db, nlp):
    """Seed 001 imported through the upload service (extraction not yet run)."""
    from articles.services import article_import_file

    path = SEEDS_DIR / "001_54cd29a1fc821916.txt"
    return article_import_file(data=path.read_bytes(), filename=path.name, actor=None)
