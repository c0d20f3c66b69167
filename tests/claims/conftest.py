import pytest

from tests.conftest import SEEDS_DIR


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once for the whole session."""
    from claims.runtime.nlp import get_nlp

    return get_nlp()


@pytest.fixture
def seed_article(db, nlp):
    """Seed 001 imported through the upload service (extraction not yet run)."""
    from articles.services import article_import_file

    path = SEEDS_DIR / "001_54cd29a1fc821916.txt"
    return article_import_file(data=path.read_bytes(), filename=path.name, actor=None)


@pytest.fixture(scope="session")
def embedder():
    """The real sentence-embedding model, loaded once for the whole session."""
    from claims.retrieval.embeddings import get_embedder

    return get_embedder()


@pytest.fixture
def import_seed(db, nlp, embedder):
    """Import a seed by key prefix ("001") and run what its tasks would: extraction, then
    (with link=True) link suggestion."""
    from articles.services import article_import_file
    from claims.services.extraction import article_extract_claims
    from claims.services.linking import article_suggest_links

    def _import(prefix: str, *, link: bool = True):
        [path] = SEEDS_DIR.glob(f"{prefix}_*.txt")
        article = article_import_file(data=path.read_bytes(), filename=path.name, actor=None)
        article_extract_claims(article_id=article.pk)
        if link:
            article_suggest_links(article_id=article.pk)
        return article

    return _import
