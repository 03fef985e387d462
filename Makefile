# The two commands of the quick start: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
EXTRAS ?= test,spark
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

$(VENV)/.installed-$(EXTRAS): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[$(EXTRAS)]'
	touch $@

# The browser tests drive Debian's Chromium through Playwright (no browser download).
browser:
	@[ -x /usr/bin/chromium ] || ($(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium)

.PHONY: install run test bench browser
install: $(VENV)/.installed-$(EXTRAS)

run: install
	@mkdir -p out
	$(VENV)/bin/marsad extract examples/ -o out/examples.jsonl
	$(PY) -m marsad.cli.show out/examples.jsonl
	$(VENV)/bin/marsad ingest examples/ --db out/marsad.db
	@echo "Knowledge base: out/marsad.db. Open the explorer with:"
	@echo "  $(VENV)/bin/marsad serve --db out/marsad.db    # then browse http://127.0.0.1:8000/ (API docs: /docs)"

test: install browser
	$(PY) -m pytest -q $(PYTEST_ARGS)

bench: install
	$(PY) bench/throughput.py
