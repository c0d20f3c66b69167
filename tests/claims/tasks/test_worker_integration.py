"""An uploaded article goes through a real Celery worker on Redis and PostgreSQL."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection

from articles.models import ArticleStatus
from articles.services import article_import_file
from config.celery_app import app
from tests.conftest import REPO_ROOT, SEEDS_DIR


def _database_url() -> str:
    db = connection.settings_dict
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def celery_worker_process(redis_broker_url, require_postgres, tmp_path):
    app.control.purge()
    log = (tmp_path / "worker.log").open("w")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": redis_broker_url,
        "DJANGO_SECRET_KEY": "worker-test",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield worker
    worker.terminate()
    worker.wait(timeout=30)
    log.close()


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
