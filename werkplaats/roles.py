"""Column roles: what each column of a published table is, and on whom it is computed.

A research line declares, for every table it publishes, each column's role (a label, a
count, a share, a mean, a model estimate, an interval bound, a p-value ...), the count
columns a figure is computed on, the Dutch header a reader sees, and which counts add up
(a total and its parts in one row; the categories of a label that partition a whole).
With that, one publication step (:mod:`werkplaats.disclosure`) protects any table and one
formatting step (:mod:`werkplaats.formatting`) shows it, without knowing the line.

The roles travel with the DataFrame in ``frame.attrs`` (pandas keeps them through copies,
``assign`` and row selections); :func:`roles_of` reads them back.

>>> import pandas as pd
>>> table = declare(pd.DataFrame({"groep": ["a", "b"], "n": [12, 4], "eenzaam": [0.5, 0.25]}),
...                 unit="deelnemers",
...                 columns={"groep": label("groep"), "n": count("aantal"), "eenzaam": share("eenzaam", on="n")})
>>> roles_of(table).columns["eenzaam"].on
('n',)
>>> roles_of(table).counts
['n']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

import pandas as pd

from werkplaats.errors import WerkplaatsError

__all__ = [
    "FLAG_COLUMN", "ColumnRole", "Role", "TableRoles", "ci_high", "ci_low", "count", "declare", "estimate",
    "flag", "label", "mean", "p_value", "roles_of", "sd", "se", "share", "total", "with_roles",
]

ATTRS_KEY = "werkplaats_roles"
FLAG_COLUMN = "suppressed"


class Role(StrEnum):
    """The kind of figure a column holds."""

    LABEL = "label"          # what a row is about (gemeente, meting, groep, bron): never protected
    COUNT = "count"          # a number of units (people, households, signals, respondents)
    SHARE = "share"          # a proportion
    MEAN = "mean"            # a mean (or median) of the units
    SUM = "sum"              # a sum over the units
    SD = "sd"                # a standard deviation
    ESTIMATE = "estimate"    # a model estimate, difference, ratio or effect size
    SE = "se"                # a standard error
    CI_LOW = "ci_low"        # lower bound of an interval
    CI_HIGH = "ci_high"      # upper bound of an interval
    P = "p"                  # a p-value
    FLAG = "flag"            # True where protection blanked a cell of the row


STATISTICS = frozenset({Role.SHARE, Role.MEAN, Role.SUM, Role.SD, Role.ESTIMATE, Role.SE, Role.CI_LOW,
                        Role.CI_HIGH, Role.P})


@dataclass(frozen=True)
class ColumnRole:
    """One column's role, the count columns it is computed on, its Dutch header and format."""

    role: Role
    header: str
    on: tuple[str, ...] = ()
    unit: str | None = None       # counts only: what they count, when not the table's unit
    percent: bool = False         # shown as a percentage
    decimals: int | None = None   # shown with this many decimals (None: by role)
    of: str | None = None         # intervals, SEs and p-values: the statistic they belong to


@dataclass(frozen=True)
class TableRoles:
    """The roles of every column of one table, plus the additive structure of its counts.

    ``totals`` maps a count column to the count columns that add up to it in the same row
    (``{"n": ("n_interventie", "n_controle")}``). ``partition`` names the label column whose
    categories add up to a whole that is published (in this table under ``partition_total``,
    or elsewhere): the counts of those rows are parts of one total, within every combination
    of the other labels.
    """

    unit: str
    columns: Mapping[str, ColumnRole]
    title: str = ""
    totals: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    partition: str | None = None
    partition_total: str | None = None

    @property
    def labels(self) -> list[str]:
        """The label columns, in table order."""
        return [c for c, r in self.columns.items() if r.role is Role.LABEL]

    @property
    def counts(self) -> list[str]:
        """The count columns, in table order."""
        return [c for c, r in self.columns.items() if r.role is Role.COUNT]

    @property
    def statistics(self) -> list[str]:
        """Columns computed on counts (shares, means, estimates, intervals, p-values)."""
        return [c for c, r in self.columns.items() if r.role in STATISTICS]


def _on(on: str | Sequence[str]) -> tuple[str, ...]:
    return (on,) if isinstance(on, str) else tuple(on)


def label(header: str) -> ColumnRole:
    """A label column (what the row is about)."""
    return ColumnRole(Role.LABEL, header)


def count(header: str, *, unit: str | None = None, on: str | Sequence[str] = ()) -> ColumnRole:
    """A count of units (of the table's unit, or of ``unit``); with ``on``, a count about the
    units of other count column(s) (signals of households): hidden when those are."""
    return ColumnRole(Role.COUNT, header, _on(on), unit=unit, decimals=0)


def share(header: str, *, on: str | Sequence[str]) -> ColumnRole:
    """A proportion on the units of count column(s) ``on`` (shown as a percentage)."""
    return ColumnRole(Role.SHARE, header, _on(on), percent=True, decimals=1)


def mean(header: str, *, on: str | Sequence[str], decimals: int = 2) -> ColumnRole:
    """A mean (or median) over the units of ``on``."""
    return ColumnRole(Role.MEAN, header, _on(on), decimals=decimals)


def total(header: str, *, on: str | Sequence[str], decimals: int = 0) -> ColumnRole:
    """A sum over the units of ``on``."""
    return ColumnRole(Role.SUM, header, _on(on), decimals=decimals)


def sd(header: str, *, on: str | Sequence[str], decimals: int = 2) -> ColumnRole:
    """A standard deviation over the units of ``on``."""
    return ColumnRole(Role.SD, header, _on(on), decimals=decimals)


def estimate(header: str, *, on: str | Sequence[str], decimals: int = 2, percent: bool = False) -> ColumnRole:
    """A model estimate, difference, ratio or effect size computed on ``on``."""
    return ColumnRole(Role.ESTIMATE, header, _on(on), percent=percent, decimals=1 if percent else decimals)


def se(header: str, *, on: str | Sequence[str], decimals: int = 2, percent: bool = False,
       of: str | None = None) -> ColumnRole:
    """A standard error computed on ``on``."""
    return ColumnRole(Role.SE, header, _on(on), percent=percent, decimals=1 if percent else decimals, of=of)


def ci_low(header: str, *, on: str | Sequence[str], decimals: int = 2, percent: bool = False,
           of: str | None = None) -> ColumnRole:
    """The lower bound of an interval computed on ``on``."""
    return ColumnRole(Role.CI_LOW, header, _on(on), percent=percent, decimals=1 if percent else decimals, of=of)


def ci_high(header: str, *, on: str | Sequence[str], decimals: int = 2, percent: bool = False,
            of: str | None = None) -> ColumnRole:
    """The upper bound of an interval computed on ``on``."""
    return ColumnRole(Role.CI_HIGH, header, _on(on), percent=percent, decimals=1 if percent else decimals, of=of)


def p_value(header: str = "p", *, on: str | Sequence[str], of: str | None = None) -> ColumnRole:
    """A p-value of a test computed on ``on`` (of the statistic ``of``)."""
    return ColumnRole(Role.P, header, _on(on), decimals=3, of=of)


def flag(header: str = "afgeschermd") -> ColumnRole:
    """The protection flag (added by :func:`werkplaats.disclosure.protect`)."""
    return ColumnRole(Role.FLAG, header)


class RolesError(WerkplaatsError):
    """A table's roles are missing or inconsistent (a programming error in a research line)."""


def _check(frame: pd.DataFrame, roles: TableRoles) -> None:
    missing = [str(c) for c in frame.columns if c not in roles.columns]
    extra = [c for c in roles.columns if c not in frame.columns]
    if missing or extra:
        raise RolesError(f"rollen passen niet bij de tabel: zonder rol {missing}, zonder kolom {extra}")
    counts = set(roles.counts)
    for name, role in roles.columns.items():
        if role.of is not None and role.of not in roles.columns:
            raise RolesError(f"kolom '{name}': 'of' noemt geen kolom van de tabel ({role.of})")
        if role.role in STATISTICS and (not role.on or not set(role.on) <= counts):
            raise RolesError(f"kolom '{name}': 'on' moet telkolommen van de tabel noemen (kreeg {role.on})")
        if role.role is Role.COUNT and not set(role.on) <= counts - {name}:
            raise RolesError(f"kolom '{name}': 'on' moet andere telkolommen noemen (kreeg {role.on})")
    for whole, parts in roles.totals.items():
        if whole not in counts or not set(parts) <= counts:
            raise RolesError(f"totaal '{whole}' = {parts}: alleen telkolommen")
    if roles.partition is not None and roles.columns.get(roles.partition, label("")).role is not Role.LABEL:
        raise RolesError(f"partition '{roles.partition}' moet een labelkolom zijn")


def declare(frame: pd.DataFrame, *, unit: str, columns: Mapping[str, ColumnRole], title: str = "",
            totals: Mapping[str, Sequence[str]] | None = None, partition: str | None = None,
            partition_total: str | None = None) -> pd.DataFrame:
    """``frame`` (a copy) with the roles of its columns; every column needs a role.

    A ``suppressed`` column, when present, is declared as the protection flag automatically.
    """
    columns = dict(columns)
    if FLAG_COLUMN in frame.columns and FLAG_COLUMN not in columns:
        columns[FLAG_COLUMN] = flag()
    roles = TableRoles(unit=unit, columns=columns, title=title,
                       totals={k: tuple(v) for k, v in (totals or {}).items()},
                       partition=partition, partition_total=partition_total)
    _check(frame, roles)
    out = frame.copy()
    out.attrs[ATTRS_KEY] = roles
    return out


def roles_of(frame: pd.DataFrame) -> TableRoles:
    """The roles :func:`declare` attached (a RolesError when the table has none or they no
    longer fit its columns)."""
    roles = frame.attrs.get(ATTRS_KEY)
    if not isinstance(roles, TableRoles):
        raise RolesError("tabel zonder rollen: gebruik werkplaats.roles.declare")
    if FLAG_COLUMN in frame.columns and FLAG_COLUMN not in roles.columns:
        roles = replace(roles, columns={**roles.columns, FLAG_COLUMN: flag()})
    _check(frame, roles)
    return roles


def with_roles(frame: pd.DataFrame, roles: TableRoles) -> pd.DataFrame:
    """``frame`` with ``roles`` attached (after an operation that dropped them); a
    ``suppressed`` column gets the flag role."""
    if FLAG_COLUMN in frame.columns and FLAG_COLUMN not in roles.columns:
        roles = replace(roles, columns={**roles.columns, FLAG_COLUMN: flag()})
    _check(frame, roles)
    frame.attrs[ATTRS_KEY] = roles
    return frame
