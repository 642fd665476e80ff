"""The research-line contract, checked over every registered line on the R reference data.

Adding a line to the registry makes it go through every check here: the same four steps,
a pure prepare, tables that all declare their roles and are protected, key figures that
are JSON and suppressed where the tables are.
"""

from __future__ import annotations

import inspect
import json

import pandas as pd
import pytest
from support import REFERENCE_DIR

from werkplaats.lines import LINES, ResearchLine, line_named, load_line, registered
from werkplaats.roles import Role, roles_of

NAMES = [line.name for line in registered()]


def test_registry_names_are_the_analysis_names():
    assert NAMES[:3] == ["eenzaamheid", "vroegsignalering", "clientervaring"]
    for line in LINES:
        module = line.module()
        assert module.ANALYSIS == line.name
        assert tuple(module.DATASETS) == line.datasets
        assert (line.notebook).startswith("notebooks/")


def test_unknown_line_gets_a_dutch_suggestion():
    from werkplaats.errors import ParameterError

    with pytest.raises(ParameterError, match="Bedoelt u 'eenzaamheid'"):
        line_named("eenzaamhied")


@pytest.mark.parametrize("name", NAMES)
def test_line_package_implements_the_contract(name):
    module = line_named(name).module()
    assert isinstance(module, ResearchLine)
    for step in ("prepare", "write_prepared", "analyse", "tables", "key_figures"):
        assert step in module.__all__, step
    params = inspect.signature(module.analyse).parameters
    assert params["gemeente"].kind is inspect.Parameter.KEYWORD_ONLY and params["gemeente"].default == "alle"
    assert params["min_cel"].kind is inspect.Parameter.KEYWORD_ONLY


@pytest.fixture(scope="module", params=NAMES)
def run(request, tmp_path_factory):
    name = request.param
    module = line_named(name).module()
    loaded = load_line(name, REFERENCE_DIR)
    before = {k: v.data.copy() for k, v in loaded.items()}
    prepared = module.prepare(loaded)
    results = module.analyse(prepared, min_cel=10)
    return name, module, loaded, before, results


def test_prepare_is_pure(run):
    _name, _module, loaded, before, _results = run
    for key, frame in before.items():
        pd.testing.assert_frame_equal(loaded[key].data, frame)


def test_results_carry_their_parameters(run):
    _name, _module, _loaded, _before, results = run
    assert results.parameters["gemeente"] == "alle" and results.parameters["min_cel"] == 10


def test_every_published_table_declares_roles_and_is_protected(run):
    name, module, _loaded, _before, results = run
    tables = module.tables(results)
    assert tables, name
    for key, table in tables.items():
        roles = roles_of(table)  # raises when a table has no roles or they do not fit
        assert all(r.header for r in roles.columns.values()), (name, key)
        for col in roles.counts:
            shown = pd.to_numeric(table[col], errors="coerce").dropna()
            assert not ((shown > 0) & (shown < 10)).any(), (name, key, col)
        for col in roles.statistics:
            for on in roles.columns[col].on:
                small = pd.to_numeric(table[on], errors="coerce") < 10
                assert table.loc[small.fillna(True), col].isna().all(), (name, key, col, on)
        assert roles.columns.get("suppressed") is None or roles.columns["suppressed"].role is Role.FLAG


def test_key_figures_are_json(run):
    _name, module, _loaded, _before, results = run
    from werkplaats.results import to_jsonable

    figures = module.key_figures(results)
    json.dumps(to_jsonable(figures), allow_nan=False)


def test_write_prepared_is_the_only_writer(run, tmp_path):
    name, module, loaded, _before, _results = run
    target = tmp_path / "verwerkt"
    target.mkdir()
    module.write_prepared(module.prepare(loaded), target)
    assert any(target.glob("*.parquet"))


@pytest.mark.parametrize("name", NAMES)
def test_notebook_has_the_shared_skeleton(name):
    """Title and questions, a parameters cell with the contract's parameters, De gegevens, the
    analyses, Beperkingen; the line is imported as `lijn` and protected tables are shown."""
    import jupytext

    from werkplaats.paths import PACKAGE_DIR

    notebook = jupytext.read(PACKAGE_DIR.parent / line_named(name).notebook)
    cells = notebook.cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    params = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    for parameter in ("data_dir", "gemeente", "min_cel", "output_dir"):
        assert f"{parameter} = " in params[0].source, parameter
    assert all("#" in line for line in params[0].source.splitlines() if "=" in line)  # a comment each
    headings = [line for c in cells if c.cell_type == "markdown" for line in c.source.splitlines()
                if line.startswith("## ")]
    assert headings[0] == "## De gegevens" and headings[-1] == "## Beperkingen", headings
    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    assert f"from werkplaats import {name} as lijn" in code
    assert "lijn.tables(results)" in code and "save_results(" in code
    assert "protect(" not in code and "suppress" not in code  # no notebook protects by hand
