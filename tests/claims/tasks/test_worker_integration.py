"""An uploaded article goes through a real Celery worker on Redis and PostgreSQL."""

import time

import pytest

from articles.models import ArticleStatus
from articles.services import article_import_file
from tests.conftest import SEEDS_DIR


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_uploaded_article_is_extracted_by_a_real_worker(celery_worker_process, tmp_path):
    path = SEEDS_DIR / "002_85b440c575b671d9.txt"
    article = article_import_file(data=path.read_bytes(), filename=path.name, actor=None)

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        article.refresh_from_db()
        if article.status in (ArticleStatus.EXTRACTED, ArticleStatus.FAILED):
            break
        assert celery_worker_process.poll() is None, (tmp_path / "worker.log").read_text()
        time.sleep(0.5)

    assert article.status == ArticleStatus.EXTRACTED, (tmp_path / "worker.log").read_text()
    claims = list(article.claims.all())
    assert len(claims) >= 10
    assert all(article.body[c.start : c.end] == c.quote for c in claims)
    assert "received" in (tmp_path / "worker.log").read_text().lower()
