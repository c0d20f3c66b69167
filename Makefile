# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run serve test lint worker beat eval train train-links

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
	$(BIN)/python manage.py create_demo_admin --host $(HOST)
	@# On the embedded default (no CELERY_BROKER_URL) a worker with beat runs beside the
	@# server on the folder queue in var/, and stops with it; with a broker, run make worker.
	if [ -z "$$CELERY_BROKER_URL" ]; then \
	  $(BIN)/celery -A config worker --beat --pool=solo --loglevel=INFO & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	fi; \
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

# Every measured set in one table (README "Evaluation and training"). SHARED holds the
# gold annotations and public data; add a set by adding its command to EVAL_COMMANDS.
SHARED ?= ../shared
MANAGE := $(BIN)/python manage.py
EVAL_COMMANDS = \
	"$(MANAGE) evaluate_extraction --table --gold $(SHARED)/eval/seed-gold-dev.json --gold $(SHARED)/eval/news-dev/gold.json --stories d01,d02" \
	"$(MANAGE) evaluate_checkworthiness --table --name 'checkthat2024 dev' $(SHARED)/train/checkthat2024-task1-en/dev.tsv" \
	"$(MANAGE) evaluate_checkworthiness --table --name 'checkthat2019 held-out debates' $(SHARED)/train/checkthat2019-task1-en/train --only 20170228_trump_address,20170928_trump_tax,20180926_un_press,20190108_oval_office" \
	"$(MANAGE) evaluate_linking --table --gold $(SHARED)/eval/seed-gold-dev.json --gold $(SHARED)/eval/news-dev/gold.json" \
	"$(MANAGE) evaluate_linking --table --name 'not tuned on:' --gold $(SHARED)/eval/news-dev/gold.json --exclude 'd01_*' --exclude 'd03_*' --exclude 'd04_*'" \
	"$(MANAGE) evaluate_matching --table --data $(SHARED)/train/checkthat2022-task2a-en --split dev"

eval: export DJANGO_SECRET_KEY ?= eval-only-secret
eval: install
	@echo "| set | measure | score | precision | recall | size |"
	@echo "| --- | --- | --- | --- | --- | --- |"
	@for command in $(EVAL_COMMANDS); do sh -c "$$command" || exit 1; done

# Retrain the claim detector (claims/extraction/models/); prints its held-out scores. The
# shipped head reads no encoder; add --train-encoder to fine-tune the sentence encoder (slow).
train: export DJANGO_SECRET_KEY ?= eval-only-secret
train: install
	$(MANAGE) train_claim_detector --train-dir $(SHARED)/train --gold $(SHARED)/eval/seed-gold-dev.json --gold $(SHARED)/eval/news-dev/gold.json --no-encoder

# Retrain the link pair model (claims/linking/models/); news-dev d02, d05 and d06 stay out
# of training and calibration, so `make eval`'s "not tuned on" rows remain unseen.
train-links: export DJANGO_SECRET_KEY ?= eval-only-secret
train-links: install
	$(MANAGE) train_link_model --train-dir $(SHARED)/train --gold $(SHARED)/eval/seed-gold-dev.json --gold $(SHARED)/eval/news-dev/gold.json --exclude 'd02_*' --exclude 'd05_*' --exclude 'd06_*'
