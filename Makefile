# The front door. On a fresh machine with only Python 3.11:
#   make test     create .venv, install the locked environment (package + test and lab extras),
#                 run every test; the checkout is left unchanged (conftest.py)
#   make reports  create .venv, run every analysis for every gemeente (default plan)
#   make lab      open JupyterLab on notebooks/ (venv on the PATH of its terminal, .py twins hidden)
#   make check    lint (ruff), typecheck (mypy) and test; .ci/run runs the same three
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL := werkplaats

.PHONY: test reports lab lock bench sample lint typecheck check clean-reports

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

# JupyterLab on notebooks/ with the venv first on the PATH (so `werkplaats ...` works in its
# terminal) and jupyter_server_config.py (the .py twins hidden, notebooks unmodified on open).
lab: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" \
		$(BIN)/jupyter lab --config="$(CURDIR)/jupyter_server_config.py" notebooks/

sample: $(STAMP)
	$(BIN)/werkplaats synth --out data/raw --seed 2026

bench: $(STAMP)
	$(BIN)/python bench/load.py
	$(BIN)/python bench/vroegsignalering.py
	$(BIN)/python bench/plan.py
	$(BIN)/python bench/disclosure.py --plan

lint: $(STAMP)
	$(BIN)/python -m ruff check werkplaats tests bench

# Basic mode ([tool.mypy] in pyproject.toml): annotated functions are checked, not strict.
typecheck: $(STAMP)
	$(BIN)/python -m mypy werkplaats

check: lint typecheck test

# Re-pin the tested versions after changing pyproject.toml (then run make test).
# A throw-away venv gets the package with its test and lab extras, constrained by the current
# lock: pinned versions stay as they are, new packages get their newest version, packages no
# longer needed drop out. Upgrade a package on purpose by deleting its line first.
LOCK_VENV := .lock-venv
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	grep -v "^werkplaats" requirements.lock > $(LOCK_VENV)/constraints.txt
	$(LOCK_VENV)/bin/python -m pip install --quiet -c $(LOCK_VENV)/constraints.txt setuptools -e ".[test,lab]"
	echo "# Exact tested versions (pip freeze). Regenerate with \`make lock\` after changing pyproject.toml." > requirements.lock.new
	$(LOCK_VENV)/bin/python -m pip freeze --all --exclude-editable | grep -v "^-e" | grep -v "^pip==" >> requirements.lock.new
	mv requirements.lock.new requirements.lock
	rm -rf $(LOCK_VENV)
