# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run test lint worker beat

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $@

install: $(BIN)/.installed

# Migrate, import the seed articles (their claims are extracted in-process, or by the
# worker when CELERY_BROKER_URL is set), create the demo login and serve the admin.
run: export DJANGO_DEBUG ?= true
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_articles seeds/
	$(BIN)/python manage.py create_demo_admin
	@# On the embedded default (no CELERY_BROKER_URL) a worker with beat runs beside the
	@# server on the folder queue in var/, and stops with it; with a broker, run make worker.
	if [ -z "$$CELERY_BROKER_URL" ]; then \
	  $(BIN)/celery -A config worker --beat --pool=solo --loglevel=INFO & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	fi; \
	$(BIN)/python manage.py runserver $(HOST)

test: export DJANGO_SECRET_KEY ?= test-only-secret
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install
	$(BIN)/celery -A config worker --loglevel=INFO

beat: install
	$(BIN)/celery -A config beat --loglevel=INFO
