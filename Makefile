# Lantern: `make run` starts the whole stack, `make test` runs every test. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-16)
# Optional local settings (see .env.example); a value in .env wins over the environment.
ifneq (,$(wildcard .env))
include .env
export $(shell sed -n 's/^\([A-Z_][A-Z0-9_]*\)=.*/\1/p' .env)
endif
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONDONTWRITEBYTECODE := 1
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONPATH := $(CURDIR)

.PHONY: help run test test-fast check train install browser redis bench lint lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

install: $(STAMP)  ## create .venv and install the locked dependencies (only when the lock changed)

$(STAMP): requirements.lock scripts/find_python.sh
	@python=$$(bash scripts/find_python.sh) || exit 1; \
	  if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	    rm -rf $(VENV); echo "creating $(VENV) with $$python"; "$$python" -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --disable-pip-version-check pip==24.0
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*; touch $@

train: install  ## train a model, only when none matches the current data and config
	$(PY) -m scripts.train_if_changed

browser:  ## install Debian's chromium and the fonts a phone has, for the browser tests (when missing)
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; }
	@fc-list 2>/dev/null | grep -q "Noto Sans Ethiopic" && fc-list | grep -q "Noto Sans CJK" || \
	  { apt-get update -qq && apt-get install -y -qq fonts-noto-core fonts-noto-cjk >/dev/null; }

redis:  ## install Debian's redis-server for the shared-state tests and benchmarks (when missing; never started here)
	@command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }

run: train  ## install, train when needed, start Rasa + actions + gateway (Ctrl-C stops all)
	$(PY) -m bot.runtime.supervisor

check: install  ## validate texts, helplines and training data
	$(PY) -m bot.content.check
	$(PY) -m rasa data validate --domain domain --data nlu stories --config config.yml --fail-on-warnings

test: lint train browser redis  ## install, train when needed, lint, validate the data, run every test
	$(PY) -m bot.content.check
	$(PY) -m rasa data validate --domain domain --data nlu stories --config config.yml --fail-on-warnings
	$(PY) -m pytest -q -p no:cacheprovider

test-fast: install  ## the quick tier: every test that starts no process of the stack (under a minute)
	$(PY) -m pytest -q -p no:cacheprovider -m "not stack"

bench: train redis  ## start the stack and print latency, throughput, memory and accuracy figures
	$(PY) -m benchmarks.load
	$(PY) -m benchmarks.scale
	$(PY) -m benchmarks.accuracy
	$(PY) -m benchmarks.dialogues
	$(PY) -m benchmarks.redaction

lint: install  ## ruff lint and format check
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

lock:  ## re-resolve pyproject.toml's pins into requirements.lock (needs network)
	@python=$$(bash scripts/find_python.sh) && rm -rf .lockenv && "$$python" -m venv .lockenv && \
	  .lockenv/bin/pip install -q pip==24.0 && .lockenv/bin/pip install -q '.[dev]' && \
	  { head -2 requirements.lock; .lockenv/bin/pip freeze --exclude lantern | grep -vE '^(pip|setuptools|wheel)=='; } > requirements.lock.new && \
	  mv requirements.lock.new requirements.lock && rm -rf .lockenv

clean:  ## remove the venv, models and caches
	rm -rf $(VENV) models .rasa .pytest_cache .hypothesis test-artifacts
