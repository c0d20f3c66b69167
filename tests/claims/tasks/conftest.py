"""A real Celery worker (and beat) on Redis and the test database, as subprocesses."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from config.celery_app import app
from tests.conftest import REPO_ROOT


def _database_url() -> str:
    db = connection.settings_dict
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def _service_env(broker_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker_url,
        "DJANGO_SECRET_KEY": "worker-test",
    }


@pytest.fixture
def celery_worker_process(redis_broker_url, require_postgres, tmp_path):
    app.control.purge()
    log = (tmp_path / "worker.log").open("w")
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
        env=_service_env(redis_broker_url),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield worker
    worker.terminate()
    worker.wait(timeout=30)
    log.close()


@pytest.fixture
def celery_beat_process(celery_worker_process, redis_broker_url, tmp_path):
    """Celery beat with the database scheduler (django-celery-beat), beside the worker.

    It reads the periodic tasks from the test database and looks for changes every
    second, so a test may create or change them after it started.
    """
    log = (tmp_path / "beat.log").open("w")
    beat = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "beat",
            "--max-interval=1",
            f"--schedule={tmp_path / 'beat-schedule'}",
            f"--pidfile={tmp_path / 'beat.pid'}",
            "--loglevel=INFO",
        ],
        cwd=REPO_ROOT,
        env=_service_env(redis_broker_url),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield beat
    beat.terminate()
    beat.wait(timeout=30)
    log.close()
