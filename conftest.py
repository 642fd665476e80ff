"""Test-run setup shared by tests/, werkplaats/ (docstring examples) and notebooks/ (nbval).

``make test`` must leave the checkout unchanged. The notebooks write into ``reports/`` and
``data/processed/`` of the project root, so the whole test run gets a temporary project root
(``WERKPLAATS_ROOT``, honoured by :mod:`werkplaats.paths`) holding a copy of ``data/raw``.
It is set in ``pytest_configure``, before any nbval kernel starts, so kernels inherit it.
With ``WERKPLAATS_TEST_ROOT_PARENT`` set, the root is made there and kept (tests/test_hermetic.py
looks inside); otherwise it is a fresh temporary folder, removed at the end of the run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent

# The py:percent twins of the notebooks are not modules: --doctest-modules would import
# (that is: run) them. nbval runs the .ipynb files instead. bench/ prints timings, not tests.
collect_ignore_glob = ["notebooks/*.py", "notebooks/*/*.py", "bench/*"]

_saved: dict[str, str | None] = {}


def make_project_root(parent: Path) -> Path:
    """A project root under ``parent``: a copy of ``data/raw``, empty data/processed and reports/."""
    root = parent / "project"
    shutil.copytree(CHECKOUT / "data" / "raw", root / "data" / "raw")
    (root / "data" / "processed").mkdir()
    (root / "reports").mkdir()
    return root


def pytest_configure(config) -> None:
    given = os.environ.get("WERKPLAATS_TEST_ROOT_PARENT")
    parent = Path(given) if given else Path(tempfile.mkdtemp(prefix="werkplaats-test-"))
    _saved["WERKPLAATS_ROOT"] = os.environ.get("WERKPLAATS_ROOT")
    _saved["parent"] = "" if given else str(parent)
    os.environ["WERKPLAATS_ROOT"] = str(make_project_root(parent))
    # hypothesis keeps its example database in ./.hypothesis: keep it out of the checkout too
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(parent / ".hypothesis")


def pytest_unconfigure(config) -> None:
    if "parent" not in _saved:
        return
    previous = _saved.pop("WERKPLAATS_ROOT")
    if previous is None:
        os.environ.pop("WERKPLAATS_ROOT", None)
    else:
        os.environ["WERKPLAATS_ROOT"] = previous
    parent = _saved.pop("parent")
    if parent:
        shutil.rmtree(parent, ignore_errors=True)


def pytest_collection_modifyitems(config, items) -> None:
    """Every notebook run is slow: nbval's cells and tests marked ``notebook`` get ``slow`` too,
    so ``pytest -m "not slow"`` is the quick loop."""
    import pytest

    for item in items:
        if item.path.suffix == ".ipynb" or item.get_closest_marker("notebook"):
            item.add_marker(pytest.mark.slow)
