"""Column roles: declared once, checked against the table, carried through pandas operations."""

from __future__ import annotations

import pandas as pd
import pytest

from werkplaats.roles import (
    FLAG_COLUMN,
    Role,
    RolesError,
    ci_high,
    ci_low,
    count,
    declare,
    label,
    p_value,
    roles_of,
    share,
)


def _table() -> pd.DataFrame:
    frame = pd.DataFrame({"groep": ["a", "b"], "n": [12, 30], "eenzaam": [0.5, 0.2],
                          "lo": [0.3, 0.1], "hi": [0.7, 0.4], "p": [0.01, 0.5]})
    return declare(frame, unit="deelnemers", title="Eenzaam per groep", columns={
        "groep": label("groep"), "n": count("deelnemers"), "eenzaam": share("eenzaam", on="n"),
        "lo": ci_low("van", on="n", percent=True), "hi": ci_high("tot", on="n", percent=True),
        "p": p_value(on="n")})


def test_roles_are_read_back_with_kinds_and_bases():
    roles = roles_of(_table())
    assert roles.unit == "deelnemers" and roles.title == "Eenzaam per groep"
    assert roles.labels == ["groep"] and roles.counts == ["n"]
    assert roles.statistics == ["eenzaam", "lo", "hi", "p"]
    assert roles.columns["eenzaam"].role is Role.SHARE and roles.columns["eenzaam"].percent


def test_roles_survive_copies_selections_and_assign():
    table = _table()
    assert roles_of(table.copy()).counts == ["n"]
    assert roles_of(table[table["n"] > 20]).counts == ["n"]
    assert roles_of(table.assign(suppressed=False)).columns[FLAG_COLUMN].role is Role.FLAG


def test_every_column_needs_a_role():
    with pytest.raises(RolesError, match="zonder rol"):
        declare(pd.DataFrame({"n": [1], "x": [2]}), unit="deelnemers", columns={"n": count("n")})
    with pytest.raises(RolesError, match="zonder kolom"):
        declare(pd.DataFrame({"n": [1]}), unit="deelnemers", columns={"n": count("n"), "y": count("y")})


def test_a_statistic_must_name_the_counts_it_is_computed_on():
    frame = pd.DataFrame({"g": ["a"], "n": [10], "x": [0.5]})
    with pytest.raises(RolesError, match="'x'"):
        declare(frame, unit="deelnemers", columns={"g": label("g"), "n": count("n"), "x": share("x", on="m")})
    with pytest.raises(RolesError, match="'x'"):
        declare(frame, unit="deelnemers", columns={"g": label("g"), "n": count("n"), "x": share("x", on="g")})


def test_totals_and_partition_are_checked():
    frame = pd.DataFrame({"g": ["a"], "n": [10], "n1": [4], "n2": [6]})
    cols = {"g": label("g"), "n": count("n"), "n1": count("n1"), "n2": count("n2")}
    declare(frame, unit="deelnemers", columns=cols, totals={"n": ("n1", "n2")}, partition="g")
    with pytest.raises(RolesError, match="totaal"):
        declare(frame, unit="deelnemers", columns=cols, totals={"g": ("n1",)})
    with pytest.raises(RolesError, match="partition"):
        declare(frame, unit="deelnemers", columns=cols, partition="n")


def test_a_table_without_roles_is_refused():
    with pytest.raises(RolesError, match="zonder rollen"):
        roles_of(pd.DataFrame({"n": [1]}))
    with pytest.raises(RolesError):
        roles_of(_table().rename(columns={"n": "aantal"}))
