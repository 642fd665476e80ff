# The front door. On a fresh machine with only Python 3.11:
#   make test     create .venv, install the locked environment, run every test
#   make reports  create .venv, run every analysis for every gemeente (default plan)
#   make lab      open JupyterLab on notebooks/
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL := werkplaats

.PHONY: test reports lab lock bench sample lint clean-reports

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) niet gevonden; zet PYTHON=... (Python 3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (werkplaats)" >/dev/null
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

reports: $(STAMP)
	$(BIN)/werkplaats plan werkplaats/plans/standaard.yml

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

sample: $(STAMP)
	$(BIN)/werkplaats synth --out data/raw --seed 2026

bench: $(STAMP)
	$(BIN)/python bench/load.py
	$(BIN)/python bench/vroegsignalering.py
	$(BIN)/python bench/plan.py

lint: $(STAMP)
	$(BIN)/python -m ruff check werkplaats tests bench

# Re-pin the tested versions after changing pyproject.toml (then run make test).
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v "^-e" | grep -v "^pip==" > requirements.lock
