"""The embedded default needs no configuration; the services are chosen by environment."""

import json
import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

PROBE = (
    "import django, json; django.setup(); from django.conf import settings; "
    "from config.celery_app import app; "
    "print(json.dumps([settings.DATABASES['default']['ENGINE'], app.conf.task_always_eager]))"
)


def _settings_with(env: dict) -> list:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO_ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_settings_default_to_sqlite_and_a_folder_queue_in_the_data_dir(tmp_path):
    engine, eager = _settings_with({"DJANGO_DEBUG": "true", "CLAIMTRACK_DATA_DIR": str(tmp_path)})

    assert engine == "django.db.backends.sqlite3"
    # Tasks are queued (a worker runs them), never run inside a web request.
    assert eager is False
    assert (tmp_path / "celery-queue" / "messages").is_dir()


def test_settings_use_postgres_and_a_broker_from_the_environment():
    engine, eager = _settings_with(
        {
            "DJANGO_SECRET_KEY": "x",
            "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        }
    )

    assert engine == "django.db.backends.postgresql"
    assert eager is False


def test_settings_require_a_secret_key_when_debug_is_off():
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SECRET_KEY", "DJANGO_DEBUG"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate"],
        cwd=REPO_ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
    )

    assert result.returncode != 0
    # One line that says what to do, not a traceback.
    assert result.stderr.strip().splitlines() == [
        line for line in result.stderr.splitlines() if "DJANGO_SECRET_KEY is not set" in line
    ]
    assert "get_random_secret_key" in result.stderr
