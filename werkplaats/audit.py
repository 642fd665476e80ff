"""The audit before publishing: try to get back what protection hid, as an attacker would.

Reads what reports publish (every table of ``results.json`` with its roles, see
:func:`werkplaats.results.table_record`) and tries to recover a figure on fewer than
``min_cel`` units by:

(f) reading a published count of 1 .. ``min_cel - 1``;
(a) a declared total within a table (total minus the visible parts, or the sum of parts);
(d) a share times its denominator (numerator or complement);
(e) an interval, SE or p-value published while the count it is computed on is hidden or small;
(c) differencing across the reports of one release: the ``alle`` report minus the other
    gemeenten' reports, wherever the published cells show that they add up.

:func:`audit_report` does (a), (d), (e), (f) for one report (the runner refuses to publish a
report with a finding); :func:`audit_folder` does all of them for every report below a folder
(``werkplaats audit REPORTS_DIR``).

>>> import pandas as pd
>>> from werkplaats.roles import count, declare, label
>>> t = declare(pd.DataFrame({"bron": ["a", "b", "totaal"], "n": [50, pd.NA, 56]}), unit="huishoudens",
...             partition="bron", partition_total="totaal", columns={"bron": label("bron"), "n": count("n")})
>>> [f.attack for f in audit_report({"bronnen": t}, min_cel=10)]
['totaal in de tabel']
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from werkplaats.disclosure import small
from werkplaats.privacy import MIN_CEL
from werkplaats.roles import Role, TableRoles, roles_of

__all__ = ["Finding", "audit_folder", "audit_release", "audit_report", "read_report", "report_files"]


@dataclass(frozen=True)
class Finding:
    """One figure on fewer than ``min_cel`` units that an attacker gets back."""

    report: str
    table: str
    row: int
    column: str
    attack: str
    value: float

    def __str__(self) -> str:
        where = f"{self.report}: " if self.report else ""
        return (f"{where}tabel '{self.table}', rij {self.row + 1}, kolom '{self.column}': "
                f"{self.attack} geeft {self.value:g} terug (minder dan de drempel)")


def _num(value: object) -> float | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _published_small(name: str, table: pd.DataFrame, roles: TableRoles, min_cel: int) -> list[Finding]:
    """(f) published counts of 1 .. min_cel - 1."""
    return [Finding("", name, i, col, "gepubliceerd aantal", float(v))
            for col in roles.counts for i, v in enumerate(table[col]) if small(v, min_cel)]


def _relations(table: pd.DataFrame, roles: TableRoles) -> list[tuple[tuple[int, str] | None, list[tuple[int, str]]]]:
    from werkplaats.disclosure import _relations as declared

    return declared(table.reset_index(drop=True), roles)


def _within_table(name: str, table: pd.DataFrame, roles: TableRoles, min_cel: int) -> list[Finding]:
    """(a) the declared totals of the table, alone or together (Gaussian elimination), with every
    published share counted as share x its base (d): what follows exactly and is small."""
    from werkplaats.disclosure import SHARE_COUNT, _with_share_counts
    from werkplaats.exposure import recovered

    frame, work_roles = _with_share_counts(table.reset_index(drop=True), roles)
    values = {(i, c): _num(frame.at[i, c]) for c in work_roles.counts for i in range(len(frame))}
    found = []
    for (row, column), value in sorted(recovered(_relations(frame, work_roles), values).items()):
        if small(round(value), min_cel):
            shown = column.removeprefix(SHARE_COUNT)
            found.append(Finding("", name, row, shown, "totaal in de tabel", float(round(value))))
    return found


def _shares_and_intervals(name: str, table: pd.DataFrame, roles: TableRoles, min_cel: int) -> list[Finding]:
    """(d) share x denominator; (e) a statistic shown while its count is hidden or small."""
    frame = table.reset_index(drop=True)
    found = []
    for col, role in roles.columns.items():
        if role.role not in (Role.SHARE, Role.MEAN, Role.SUM, Role.SD, Role.ESTIMATE, Role.SE,
                             Role.CI_LOW, Role.CI_HIGH, Role.P):
            continue
        for i in range(len(frame)):
            value = _num(frame.at[i, col])
            if value is None:
                continue
            bases = [_num(frame.at[i, on]) for on in role.on]
            if any(b is None or b < min_cel for b in bases):
                found.append(Finding("", name, i, col, "cijfer bij een verborgen of klein aantal",
                                     min((b for b in bases if b is not None), default=math.nan)))
                continue
            if role.role is Role.SHARE and bases:
                base = max(b for b in bases if b is not None)
                part = round(value * base)
                for derived in (part, base - part):
                    if small(derived, min_cel):
                        found.append(Finding("", name, i, col, "aandeel × noemer", float(derived)))
    return found


def audit_report(tables: Mapping[str, pd.DataFrame], *, min_cel: int = MIN_CEL) -> list[Finding]:
    """Attacks (a), (d), (e) and (f) on the tables of one report (role-declared, as published)."""
    found: list[Finding] = []
    for name, table in tables.items():
        roles = roles_of(table)
        found += _published_small(name, table, roles, min_cel)
        found += _within_table(name, table, roles, min_cel)
        found += _shares_and_intervals(name, table, roles, min_cel)
    return found


def read_report(path: str | os.PathLike[str]) -> tuple[dict, dict[str, pd.DataFrame]]:
    """results.json of a report: the document and its tables as role-declared DataFrames."""
    from werkplaats.results import table_from_record

    document = json.loads(Path(path).read_text(encoding="utf-8"))
    tables = {name: table_from_record(record) for name, record in (document.get("tabellen") or {}).items()}
    return document, tables


def _cells(table: pd.DataFrame) -> dict[tuple, float | None]:
    """Count cells keyed by (label values..., column)."""
    roles = roles_of(table)
    frame = table.reset_index(drop=True)
    keys = [tuple(str(frame.at[i, c]) for c in roles.labels) for i in range(len(frame))]
    return {(*keys[i], col): _num(frame.at[i, col]) for col in roles.counts for i in range(len(frame))}


def audit_release(reports: Mapping[str, Mapping[str, pd.DataFrame]], *, min_cel: int = MIN_CEL,
                  total: str = "alle") -> list[Finding]:
    """(c) differencing across the reports of one release: ``reports[total]`` minus the other
    reports, for every table and count cell whose published values show that they add up
    (the parts sum to the total wherever all are visible, at least once, never otherwise)."""
    if total not in reports:
        return []
    parts = [g for g in reports if g != total]
    found = []
    for name, table in reports[total].items():
        whole = _cells(table)
        pieces = {g: _cells(reports[g][name]) for g in parts if name in reports[g]}
        if len(pieces) != len(parts) or len(parts) < 2:
            continue
        keys = [k for k in whole if all(k in p for p in pieces.values())]
        complete = [k for k in keys if whole[k] is not None and all(p[k] is not None for p in pieces.values())]
        adds_up = bool(complete) and all(
            math.isclose(whole[k] or 0.0, sum(p[k] or 0.0 for p in pieces.values())) for k in complete)
        if not adds_up:
            continue
        for key in keys:
            values = {g: p[key] for g, p in pieces.items()}
            hidden = [g for g, v in values.items() if v is None]
            if whole[key] is None or len(hidden) != 1:
                continue
            value = (whole[key] or 0.0) - sum(v for v in values.values() if v is not None)
            if small(value, min_cel):
                found.append(Finding(hidden[0], name, -1, str(key[-1]), "alle min de andere gemeenten", value))
    return found


def report_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Every published results.json below ``folder``: report folders are followed where they
    are links (the runner switches a link to publish), hidden workspaces are left out."""
    found = []
    for here, dirs, files in os.walk(folder, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if "results.json" in files:
            found.append(Path(here) / "results.json")
    return sorted(found)


def audit_folder(folder: str | os.PathLike[str], *, min_cel: int | None = None) -> list[Finding]:
    """Every attack on every report below ``folder`` (each results.json with tables); reports of
    one analysis on the same input files and ``min_cel`` are audited together as one release."""
    releases: dict[tuple, dict[str, dict[str, pd.DataFrame]]] = {}
    found: list[Finding] = []
    for path in report_files(folder):
        document, tables = read_report(path)
        prov = document.get("provenance") or {}
        params = prov.get("parameters") or {}
        limit = int(min_cel or params.get("min_cel") or MIN_CEL)
        label = str(path.parent.relative_to(folder))
        found += [Finding(label, f.table, f.row, f.column, f.attack, f.value)
                  for f in audit_report(tables, min_cel=limit)]
        key = (document.get("analysis"), json.dumps(prov.get("inputs"), sort_keys=True), limit)
        releases.setdefault(key, {})[str(params.get("gemeente", label))] = tables
    for (_analysis, _inputs, limit), reports in releases.items():
        found += audit_release(reports, min_cel=limit)
    return found
