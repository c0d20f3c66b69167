# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run serve test lint worker beat eval

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $@

install: $(BIN)/.installed

# Migrate, import the seed articles (their claims are extracted in-process, or by the
# worker when CELERY_BROKER_URL is set), create the demo login and serve the admin.
run: export DJANGO_DEBUG ?= true
run: export DJANGO_HTTPS ?= false
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_articles seeds/
	$(BIN)/python manage.py create_demo_admin
	$(BIN)/python manage.py runserver $(HOST)

# Production (README, "Production"): migrate, collect the static files, serve with gunicorn.
serve: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/gunicorn --config config/gunicorn.conf.py --bind $(HOST) config.wsgi

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

# Scores on the gold and public sets (see README "Measuring"); SHARED is the data folder.
SHARED ?= ../shared
eval: export DJANGO_SECRET_KEY ?= eval-only-secret
eval: install
	$(BIN)/python manage.py evaluate_linking --gold $(SHARED)/eval/seed-gold-dev.json --gold $(SHARED)/eval/news-dev/gold.json
	$(BIN)/python manage.py evaluate_linking --gold $(SHARED)/eval/news-dev/gold.json --exclude 'd01_*'
	$(BIN)/python manage.py evaluate_matching --data $(SHARED)/train/checkthat2022-task2a-en --split dev
