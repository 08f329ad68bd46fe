# Callworthy — the two set-up commands are `make run` and `make test`; both install first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install run demo test bench mutate fit lint format docs clean

install: $(STAMP)

# Re-installs only when pyproject.toml changes (idempotent).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The main job: the web app on the embedded SQLite file, at http://127.0.0.1:8000.
run: install
	$(VENV)/bin/callworthy serve

# The critique of two example voicemails, in the terminal.
demo: install
	$(VENV)/bin/callworthy check examples/about-us.txt || true
	$(VENV)/bin/callworthy check examples/sales-lead.txt

test: install
	$(PY) -m pytest

bench: install
	$(PY) bench/critique.py
	$(PY) bench/coaching.py
	$(PY) bench/write.py
	$(PY) bench/experiments.py
	$(PY) bench/experiments_db.py
	$(PY) bench/storage.py
	$(PY) bench/audio.py
	$(PY) bench/web.py
	$(PY) bench/team_patterns.py
	$(PY) bench/prospects_page.py
	$(PY) bench/cli.py

# Mutation testing of the core, module by module, niced (minutes each; not in CI): see docs/testing.md.
mutate: install
	nice $(PY) bench/mutate.py $(MODULES)

# Refit the critique's weights on the coaching corpus (writes src/callworthy/weights/critique.yaml).
fit: install
	$(PY) -m callworthy.critique.fit data/coaching/voicemails.csv

lint: install
	$(VENV)/bin/ruff check src tests bench docs
	$(VENV)/bin/ruff format --check src tests bench docs
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix src tests bench
	$(VENV)/bin/ruff format src tests bench

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

docs: install
	$(PY) docs/generate.py
