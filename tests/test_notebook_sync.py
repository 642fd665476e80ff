"""Every notebook in notebooks/ and its py:percent twin (jupytext.toml) hold the same cells, and
every committed notebook is stripped: no outputs, no execution counts (outputs can carry data
about people; see .pre-commit-config.yaml)."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PAIRED = sorted(NOTEBOOKS.rglob("*.ipynb"))


def _id(path: Path) -> str:
    return path.relative_to(NOTEBOOKS).as_posix()


def _cells(notebook) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source.strip()) for cell in notebook.cells]


def test_there_are_notebooks():
    assert PAIRED, f"geen notebooks gevonden in {NOTEBOOKS}"


@pytest.mark.parametrize("ipynb", PAIRED, ids=_id)
def test_notebook_and_its_percent_twin_hold_the_same_cells(ipynb: Path):
    twin = ipynb.with_suffix(".py")
    assert twin.exists(), f"{_id(ipynb)} heeft geen py:percent-tweeling {twin.name} (jupytext --sync)"
    from_py = jupytext.read(twin, fmt="py:percent")
    from_ipynb = nbformat.read(ipynb, as_version=4)
    py_cells, nb_cells = _cells(from_py), _cells(from_ipynb)
    assert len(py_cells) == len(nb_cells), (
        f"{_id(ipynb)}: {len(nb_cells)} cellen, {twin.name}: {len(py_cells)}; draai `jupytext --sync {_id(ipynb)}`")
    for number, (nb_cell, py_cell) in enumerate(zip(nb_cells, py_cells, strict=True), start=1):
        assert nb_cell == py_cell, f"{_id(ipynb)} cel {number} verschilt van {twin.name}; draai jupytext --sync"


@pytest.mark.parametrize("ipynb", PAIRED, ids=_id)
def test_committed_notebook_has_no_outputs_or_execution_counts(ipynb: Path):
    notebook = nbformat.read(ipynb, as_version=4)
    dirty = [number for number, cell in enumerate(notebook.cells, start=1)
             if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)]
    assert not dirty, f"{_id(ipynb)}: cellen {dirty} hebben uitvoer of een uitvoeringsnummer (nbstripout)"
