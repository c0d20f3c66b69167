"""gunicorn settings for `make serve` (README, "Production"). GUNICORN_CMD_ARGS overrides them."""

import os

# Worker processes. Without a broker each one also runs extraction in-process and loads
# the NLP models, so size this to the memory as well as the cores.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# An upload without a broker extracts its claims in the request; give it time.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
# The proxies allowed to say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"


def on_starting(server):
    """Read the settings once in the master, so a missing one (DJANGO_SECRET_KEY) stops
    gunicorn with its one-line message instead of every worker failing to boot in turn."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings

    settings.SECRET_KEY  # noqa: B018
