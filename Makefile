# SPDX-License-Identifier: EUPL-1.2
# Two commands for a newcomer: `make run` and `make test`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format messages vendor screenshots clean

$(BIN)/meldpunt: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/meldpunt

run: install
	$(BIN)/meldpunt migrate --verbosity 0
	$(BIN)/meldpunt demo
	@echo "Meldpunt runs at http://$(HOST):$(PORT)/ (stop with Ctrl+C)"
	@# The worker runs reminders, retention and large imports beside the server.
	$(BIN)/meldpunt worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/meldpunt runserver --noreload $(HOST):$(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	cd meldpunt && ../$(BIN)/meldpunt makemessages --locale nl --no-obsolete --no-location
	cd meldpunt && ../$(BIN)/meldpunt compilemessages --locale nl

# Refresh the vendored front-end files from package.json (needs npm).
vendor:
	scripts/vendor.sh

# Photograph the main pages into docs/screenshots/ (needs Chromium).
screenshots: install
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) var
