"""Shared fixtures. A test needing a real service fails in CI when it is missing, else skips."""

import os
from pathlib import Path

import pytest
from django.conf import settings

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"
SEED_KEYS = sorted(path.stem for path in SEEDS_DIR.glob("*.txt"))


def pytest_configure(config):
    # The test client and the live server speak plain HTTP, like `make run`
    # (DJANGO_HTTPS=false); the HTTPS defaults are tested in tests/config/.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False


def _services_required() -> bool:
    flag = os.environ.get("CLAIMTRACK_REQUIRE_SERVICES", os.environ.get("CI", ""))
    return flag.lower() in {"1", "true", "yes"}


def missing_service(reason: str):
    """Fail in CI (services are part of the contract there); skip on a newcomer's laptop."""
    if _services_required():
        pytest.fail(f"{reason} (required in CI: .ci/run starts PostgreSQL and Redis)")
    pytest.skip(reason)


@pytest.fixture
def seed_bytes():
    return {path.stem: path.read_bytes() for path in sorted(SEEDS_DIR.glob("*.txt"))}


@pytest.fixture
def require_postgres(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        missing_service("needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture
def redis_broker_url():
    url = settings.CELERY_BROKER_URL
    if not url.startswith("redis"):
        missing_service("needs Redis: set CELERY_BROKER_URL=redis://...")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        missing_service(f"Redis at {url} is not answering: {error}")
    return url


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-boss-123")


@pytest.fixture(autouse=True)
def celery_in_process(request):
    """Tasks run in-process in tests, even in CI where a broker is configured.

    Only the worker integration test sends real messages to Redis.
    """
    from config.celery_app import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = "celery_worker_process" not in request.fixturenames
    yield
    app.conf.task_always_eager = previous
