# govopen: `make demo` serves the example county site, `make test` runs every test.
# Both create .venv when it is missing; nothing but Python >= 3.11 is needed.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := cd example_site && ../$(PY) manage.py

.PHONY: help demo test lint format migrations-check messages wheel docs clean

help:
	@echo "make demo    serve the example site on http://127.0.0.1:$(PORT)/ with demo content"
	@echo "make test    run the whole test suite (SQLite, or DATABASE_URL when set)"
	@echo "make lint    ruff check and format check"
	@echo "make messages  update and compile the translation catalogues"
	@echo "make wheel   build the wheel into dist/"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.demo-installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e ".[example,postgres]"
	@touch $@

$(VENV)/.test-installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e ".[example,postgres,test]"
	@touch $@ $(VENV)/.demo-installed

demo: $(VENV)/.demo-installed
	$(MANAGE) migrate --noinput
	$(MANAGE) govopen_demo
	cd example_site && WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) ../$(PY) manage.py demo_admin
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.test-installed
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check govopen tests example_site benchmarks
	$(VENV)/bin/ruff format --check govopen tests example_site benchmarks

format: $(VENV)/.test-installed
	$(VENV)/bin/ruff check --fix govopen tests example_site benchmarks
	$(VENV)/bin/ruff format govopen tests example_site benchmarks

migrations-check: $(VENV)/.test-installed
	$(MANAGE) makemigrations --check --dry-run

# Update the catalogues of every govopen app, then compile them.
messages: $(VENV)/.test-installed
	$(PY) scripts/messages.py

wheel: $(PY)
	$(PY) -m pip wheel --no-deps --wheel-dir dist .

docs: $(PY)
	$(PY) -m pip install --quiet mkdocs
	$(VENV)/bin/mkdocs build --strict

clean:
	rm -rf build dist *.egg-info site .pytest_cache test-artifacts
