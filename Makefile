# The IML Unit portal. `make` alone lists the targets.
PORT ?= 8000
PYTHON := .venv/bin/python
MANAGE := $(PYTHON) manage.py
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests --ignore=bench

.DEFAULT_GOAL := help
.PHONY: help install setup run test screenshots lint format messages superuser bench-catalogue bench-load bench-pages

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

install: ## Create .venv (Python 3.12+) and install the locked dependencies
	@scripts/install.sh

setup: install ## Install, migrate, load the content, compile translations, collect static files
	@scripts/dotenv.sh
	$(MANAGE) migrate --noinput
	$(MANAGE) loaddata $(sort $(wildcard fixtures/*.json))
	$(MANAGE) compilemessages --ignore=.venv -v0
	$(MANAGE) collectstatic --noinput -v0

run: setup ## Set up, then serve http://127.0.0.1:8000 (another port: make run PORT=8123)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install ## Set up what the tests need (chromium included) and run the whole suite
	@scripts/ensure-test-tools.sh
	DJANGO_SETTINGS_MODULE=iml_portal.test_settings $(MANAGE) compilemessages --ignore=.venv -v0
	$(PYTHON) -m pytest

screenshots: install ## Refresh the README's screenshots
	@scripts/ensure-test-tools.sh
	$(PYTHON) scripts/screenshots.py

lint: install ## Check code style with ruff
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: install ## Format and fix code with ruff
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

messages: install ## Update the fr/es catalogues with new strings from the code
	DJANGO_SETTINGS_MODULE=iml_portal.test_settings $(MANAGE) makemessages -l fr -l es --no-location $(MESSAGES_IGNORE)

superuser: setup ## Create the first staff account (asks for a name and password)
	$(MANAGE) createsuperuser

bench-catalogue: install ## Benchmark the catalogue uncached (PostgreSQL, gunicorn, wrk)
	bench/catalogue.sh

bench-pages: install ## Every page type uncached, in-process: median, p95, queries, size (PostgreSQL)
	bench/pages.sh

bench-load: install ## Load test: cached pages against a floor without middleware, 32 connections
	bench/load.sh
