"""With CACHE_URL on Redis, the API throttle's counts are shared by every web process."""

import os
import subprocess
import sys
import time

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_settings_read_cache_url_into_the_default_cache():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": "x",
        "CACHE_URL": "redis://127.0.0.1:6379/3",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)

    assert out.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/3",
    ], out.stderr


def test_api_throttle_sees_requests_counted_by_another_process(
    redis_broker_url, settings, make_token
):
    from django.core.cache.backends.redis import RedisCache
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    location = redis_broker_url.rsplit("/", 1)[0] + "/14"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }
    token, key = make_token("shared", "read")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    # Another web process: its own connection to the same Redis, counting two requests.
    other_process = RedisCache(location, {})
    other_process.set(f"throttle_token_token-{token.pk}", [time.time(), time.time()], 60)
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = {
        **api_settings.DEFAULT_THROTTLE_RATES,
        "token": "2/minute",
    }
    try:
        code = client.get("/api/v1/claims/").status_code
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
        other_process.clear()

    assert code == 429
