"""The documented production mode: `check --deploy` is clean, and the defaults are secure."""

import json
import os
import runpy
import subprocess
import sys

import pytest
from django.core.management.utils import get_random_secret_key

from tests.conftest import REPO_ROOT

PRODUCTION_ENV = REPO_ROOT / "config" / "production.env.example"
# Variables of the developer's shell that would change what is being checked.
OURS = ("DJANGO_", "DATABASE_URL", "CELERY_", "CLAIMTRACK_", "AXES_")


def _production_env(tmp_path, **overrides) -> dict:
    documented = dict(
        line.split("=", 1)
        for line in PRODUCTION_ENV.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    # A real key instead of the placeholder; SQLite so that no database server is needed
    # (check --deploy does not connect).
    documented |= {
        "DJANGO_SECRET_KEY": get_random_secret_key(),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CLAIMTRACK_DATA_DIR": str(tmp_path),
    }
    clean = {k: v for k, v in os.environ.items() if not k.startswith(OURS)}
    return {**clean, **documented, **overrides}


def _manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_env_passes_check_deploy_without_warnings(tmp_path):
    result = _manage(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr


def test_production_check_deploy_fails_when_https_is_turned_off(tmp_path):
    """The check above can fail: plain HTTP is reported, warning by warning."""
    result = _manage(
        _production_env(tmp_path, DJANGO_HTTPS="false", DJANGO_SECURE_HSTS_SECONDS="0"),
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )

    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
    "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
    "s.SECURE_PROXY_SSL_HEADER, s.AXES_COOLOFF_TIME.total_seconds(), s.AXES_FAILURE_LIMIT]))"
)


def _probe(env: dict) -> list:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(OURS)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO_ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_settings_default_to_https_only_when_debug_is_off(tmp_path):
    values = _probe({"DJANGO_SECRET_KEY": "x", "CLAIMTRACK_DATA_DIR": str(tmp_path)})

    redirect, session_secure, csrf_secure, hsts, subdomains, preload, proxy = values[:7]
    assert redirect and session_secure and csrf_secure
    assert hsts > 0 and subdomains and preload
    assert proxy is None  # trusting a forwarded header is an explicit choice


def test_settings_serve_plain_http_in_debug(tmp_path):
    values = _probe({"DJANGO_DEBUG": "true", "CLAIMTRACK_DATA_DIR": str(tmp_path)})

    assert values[:6] == [False, False, False, 0, False, False]


def test_settings_read_the_security_and_throttle_settings_from_the_environment(tmp_path):
    values = _probe(
        {
            "DJANGO_SECRET_KEY": "x",
            "CLAIMTRACK_DATA_DIR": str(tmp_path),
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SESSION_COOKIE_SECURE": "false",
            "DJANGO_CSRF_COOKIE_SECURE": "false",
            "DJANGO_SECURE_HSTS_SECONDS": "31536000",
            "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "false",
            "DJANGO_SECURE_HSTS_PRELOAD": "false",
            "DJANGO_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
            "AXES_COOLOFF_MINUTES": "30",
            "AXES_FAILURE_LIMIT": "7",
        }
    )

    assert values == [
        False,
        False,
        False,
        31536000,
        False,
        False,
        ["HTTP_X_FORWARDED_PROTO", "https"],
        1800.0,
        7,
    ]


@pytest.mark.parametrize("header", ["HTTP_X_FORWARDED_PROTO", "a,b,c"])
def test_settings_refuse_a_malformed_proxy_ssl_header_in_one_line(tmp_path, header):
    env = _production_env(tmp_path, DJANGO_SECURE_PROXY_SSL_HEADER=header)

    result = _manage(env, "check")

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "DJANGO_SECURE_PROXY_SSL_HEADER must be a header and a value" in result.stderr


def test_gunicorn_config_reads_workers_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "300")

    config = runpy.run_path(str(REPO_ROOT / "config" / "gunicorn.conf.py"))

    assert (config["workers"], config["timeout"]) == (5, 300)


def test_settings_take_a_secret_key_starting_with_a_dollar_as_given(tmp_path):
    # Django's generated keys may start with "$", which django-environ reads as a proxy.
    key = "$" + get_random_secret_key()[1:]
    env = _production_env(tmp_path, DJANGO_SECRET_KEY=key)

    result = _manage(
        env, "shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == key
