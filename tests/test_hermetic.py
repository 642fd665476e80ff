"""`make test` leaves the checkout unchanged: notebooks run against a temporary project root
(conftest.py at the repository root sets WERKPLAATS_ROOT before any nbval kernel starts)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from werkplaats import paths

CHECKOUT = Path(__file__).resolve().parents[1]
GENERATED = ("reports", "werkruimte", "data/processed")


def _snapshot() -> dict[str, tuple[int, int]]:
    """Every file under reports/ and data/processed/ of the checkout: (size, mtime)."""
    found = {}
    for folder in GENERATED:
        for path in (CHECKOUT / folder).rglob("*"):
            if path.is_file():
                stat = path.stat()
                found[path.relative_to(CHECKOUT).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return found


def test_the_test_run_has_its_own_project_root():
    root = paths.project_root()
    assert root != CHECKOUT and os.environ["WERKPLAATS_ROOT"] == str(root)
    assert paths.processed_dir().is_relative_to(root)
    assert paths.default_output_dir("eenzaamheid").is_relative_to(root)
    assert paths.output_dir_for("", "vroegsignalering", "Utrecht").is_relative_to(root)
    raw = sorted(p.name for p in (CHECKOUT / "data" / "raw").iterdir())
    assert sorted(p.name for p in paths.raw_dir().iterdir()) == raw
    # a notebook runs in notebooks/: its data_dir "data/raw" resolves inside the temporary root
    assert not (CHECKOUT / "notebooks" / "data" / "raw").exists()


def test_hypothesis_keeps_its_database_outside_the_checkout():
    from hypothesis.configuration import storage_directory

    assert not storage_directory("examples", intent_to_write=False).path.resolve().is_relative_to(CHECKOUT)


@pytest.mark.slow
@pytest.mark.notebook
def test_a_notebook_run_by_nbval_writes_nothing_into_the_checkout(tmp_path):
    """Run a notebook exactly as `make test` does (nbval, default parameters, cwd its folder).

    The notebook (tests/fixtures/hermetisch) reads data/raw and writes to the default
    output_dir and to data/processed with the package's path helpers, as the analyses do;
    the analysis notebooks themselves are checked end to end by a fresh clone (README)."""
    before = _snapshot()
    env = dict(os.environ, WERKPLAATS_TEST_ROOT_PARENT=str(tmp_path))
    env.pop("WERKPLAATS_ROOT", None)
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "tests/fixtures/hermetisch/schrijft.ipynb"],
                         cwd=CHECKOUT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert _snapshot() == before, "de notebooktest schreef in reports/, werkruimte/ of data/processed/ van de checkout"
    root = tmp_path / "project"
    assert (root / "werkruimte" / "hermetisch" / "alle" / "results.json").is_file()  # scratch, never reports/
    assert (root / "data" / "processed" / "hermetisch.parquet").is_file()
    assert not (CHECKOUT / "reports" / "hermetisch").exists() and not (root / "reports" / "hermetisch").exists()
