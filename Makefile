# Kindred: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: run test lint bench screenshots venv dev-deps clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

dev-deps: $(VENV)/.dev-installed

# The web server and one email worker together. Ctrl-C reaches both (they share the
# terminal's process group); the trap also stops the other if either exits on its own.
run: export DEBUG := $(or $(DEBUG),1)
run: export KINDRED_HTTPS := $(or $(KINDRED_HTTPS),0)
run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_demo
	@trap 'kill $$(jobs -p) 2>/dev/null; wait' INT TERM EXIT; \
	$(PY) manage.py db_worker --interval 1 & \
	$(PY) manage.py runserver 127.0.0.1:8000 & \
	wait -n

# One pytest worker per core (pytest-xdist); each worker has its own test database, live
# server and Chromium. PYTEST_WORKERS=0 runs in one process (easier to debug). Work stealing
# keeps both workers busy to the end: the slow browser tests are not all dealt out up front.
# The layering contract and the types of the services and selectors first (pyproject.toml):
# a backwards import or a type error fails before any test runs (mypy: about 4 s with its
# cache, under 20 s without on this 2-core machine).
PYTEST_WORKERS ?= auto

test: dev-deps
	$(VENV)/bin/lint-imports --no-logo
	$(VENV)/bin/mypy
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: dev-deps
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

bench: dev-deps
	KINDRED_RATE_LIMITS=off $(PY) -m pytest tests/bench -q -s -p no:cacheprovider

# PNGs of every page type (widths, themes, text sizes) in screenshots/, from a throwaway
# database and server; open screenshots/index.html to review them.
screenshots: dev-deps
	$(PY) -m tests.screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache staticfiles .test-db* screenshots
