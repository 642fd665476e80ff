"""The publication boundary: protect a table so that nothing is published about fewer than
``min_cel`` units, not directly and not by adding and subtracting within the table.

Works on any table whose columns declare their roles (:mod:`werkplaats.roles`):

* primary: every count from 1 to ``min_cel - 1`` is blanked (0 may be shown), every count
  declared ``on`` other counts (signals of households) whose units are too few or blanked, and
  every statistic (share, mean, estimate, interval, SE, p) computed on fewer than ``min_cel``
  units or on a blanked count;
* shares: a share whose numerator or complement (share × its denominator, the largest count
  it is on) is 1 .. ``min_cel - 1`` people is blanked, with the intervals, SEs and p-values
  that belong to it (``of=``; without ``of``: those computed on the same counts) — an
  interval with its n gives the share back;
* secondary: where counts add up (a total and its parts in one row, or the categories of a
  partition), one blanked cell could be recovered by subtraction; then the smallest other
  part is blanked too (or the total when no part is left), until every additive relation
  hides either nothing or at least two cells;
* the ``suppressed`` column says which rows lost a cell.

The result is a deterministic function of the table and ``min_cel``.

>>> import pandas as pd
>>> from werkplaats.roles import count, declare, label, share
>>> t = declare(pd.DataFrame({"bron": ["a", "b", "c"], "n": [40, 4, 30], "x": [10, 2, 12]}),
...             unit="huishoudens", partition="bron",
...             columns={"bron": label("bron"), "n": count("signalen"), "x": count("bereikt")})
>>> protect(t, min_cel=10)[["n", "x", "suppressed"]].to_dict("list")
{'n': [40, None, None], 'x': [None, None, 12], 'suppressed': [True, True, True]}
>>> s = declare(pd.DataFrame({"hh": [5, 40], "sig": [12, 70]}), unit="huishoudens",
...             columns={"hh": count("huishoudens"), "sig": count("signalen", unit="signalen", on="hh")})
>>> protect(s, min_cel=10)["sig"].tolist()
[<NA>, 70]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from werkplaats.privacy import MIN_CEL
from werkplaats.roles import FLAG_COLUMN, TableRoles, roles_of, with_roles

__all__ = ["protect", "protect_linked", "protect_release", "protect_report", "protect_tables", "published_once",
           "release_versions", "small"]

Cell = tuple[int, str]  # (row position, column)


def small(value: Any, min_cel: int = MIN_CEL) -> bool:
    """True for a count that may not be published: 1 .. min_cel - 1 (0 and NA are not small).

    >>> small(3), small(0), small(10)
    (True, False, False)
    """
    return value is not None and not pd.isna(value) and 0 < float(value) < min_cel


def _partition(frame: pd.DataFrame, roles: TableRoles, label: str,
               total: str | None) -> list[tuple[Cell | None, list[Cell]]]:
    """The rows of each category of ``label`` add up (within every combination of the other
    labels) to the row labelled ``total``, or to a total published elsewhere."""
    others = [c for c in roles.labels if c != label]
    group = (frame.groupby([frame[c].astype(object) for c in others], dropna=False, sort=False).ngroup()
             .to_numpy() if others else np.zeros(len(frame), dtype=int))
    is_total = (frame[label].astype(object) == total).to_numpy()
    relations: list[tuple[Cell | None, list[Cell]]] = []
    for key in dict.fromkeys(group.tolist()):
        rows = np.flatnonzero(group == key)
        total_rows = [int(r) for r in rows if is_total[r]]
        part_rows = [int(r) for r in rows if not is_total[r]]
        for col in roles.counts:
            total_cell = (total_rows[0], col) if total_rows else None
            relations.append((total_cell, [(r, col) for r in part_rows]))
    return relations


def _relations(frame: pd.DataFrame, roles: TableRoles,
               extra: Sequence[tuple[str, str | None]] = ()) -> list[tuple[Cell | None, list[Cell]]]:
    """Every additive relation as (total cell or None when the total is published elsewhere, parts)."""
    relations: list[tuple[Cell | None, list[Cell]]] = []
    for i in range(len(frame)):
        for whole, parts in roles.totals.items():
            relations.append(((i, whole), [(i, p) for p in parts]))
    partitions = ([(roles.partition, roles.partition_total)] if roles.partition is not None else []) + list(extra)
    for label, total in partitions:
        relations += _partition(frame, roles, label, total)
    return relations


def _value(frame: pd.DataFrame, cell: Cell) -> object:
    return frame.iat[cell[0], frame.columns.get_loc(cell[1])]


def _secondary(frame: pd.DataFrame, roles: TableRoles, hidden: set[Cell],
               extra: Sequence[tuple[str, str | None]] = ()) -> set[Cell]:
    """Blank more cells until no additive relation has exactly one blanked cell."""
    relations = _relations(frame, roles, extra)
    changed = True
    while changed:
        changed = False
        for whole, parts in relations:
            cells = parts + ([whole] if whole is not None else [])
            if sum(c in hidden or pd.isna(_value(frame, c)) for c in cells) != 1 or not hidden & set(cells):
                continue
            visible = [c for c in parts if c not in hidden and not pd.isna(_value(frame, c))]
            if visible:  # the smallest non-zero part costs least
                pick = min(visible, key=lambda c: (_value(frame, c) == 0, _value(frame, c), c))
            elif whole is not None and whole not in hidden:
                pick = whole
            else:
                continue
            hidden.add(pick)
            changed = True
    return hidden


def _about_hidden(frame: pd.DataFrame, roles: TableRoles, hidden: set[Cell], min_cel: int) -> set[Cell]:
    """Cells of counts declared ``on`` other counts (signals of households) whose units are too
    few or hidden."""
    cells: set[Cell] = set()
    for name in roles.counts:
        for on in roles.columns[name].on:
            cells |= {(i, name) for i, v in enumerate(frame[on]) if small(v, min_cel) or (i, on) in hidden}
    return cells


def _small_share(frame: pd.DataFrame, name: str, on: list[str], min_cel: int) -> pd.Series:
    """Rows where a share's numerator or complement is 1 .. min_cel - 1 units."""
    base = frame[on].apply(pd.to_numeric, errors="coerce").max(axis=1)
    part = (pd.to_numeric(frame[name], errors="coerce") * base).round()
    rest = base - part
    return (part.gt(0) & part.lt(min_cel)) | (rest.gt(0) & rest.lt(min_cel))


def _blank_small_shares(frame: pd.DataFrame, roles: TableRoles, blank: pd.DataFrame, min_cel: int) -> None:
    """Blank shares whose numerator or complement is small, and the statistics that belong to them."""
    from werkplaats.roles import Role

    for name, role in roles.columns.items():
        if role.role is not Role.SHARE:
            continue
        small_rows = _small_share(frame, name, list(role.on), min_cel)
        if not small_rows.any():
            continue
        blank[name] |= small_rows
        for other, r in roles.columns.items():
            belongs = r.of == name or (r.of is None and set(r.on) == set(role.on))
            if belongs and r.role in (Role.CI_LOW, Role.CI_HIGH, Role.SE, Role.P):
                blank[other] |= small_rows


SHARE_COUNT = "__aantal_"  # prefix of the derived count behind a share (share x its base), internal


def _with_share_counts(frame: pd.DataFrame, roles: TableRoles) -> tuple[pd.DataFrame, TableRoles]:
    """The frame plus, for every share, the count it stands for (share x its base, the largest
    count it is on), declared ``on`` that base: shares then take part in every relation."""
    from werkplaats.roles import Role, count

    work, columns = frame.copy(), dict(roles.columns)
    for name, role in roles.columns.items():
        if role.role is Role.SHARE:
            base = frame[list(role.on)].apply(pd.to_numeric, errors="coerce").max(axis=1)
            work[SHARE_COUNT + name] = (pd.to_numeric(frame[name], errors="coerce") * base).round()
            columns[SHARE_COUNT + name] = count(name, on=list(role.on))
    return work, replace(roles, columns=columns)


def _hide_more(frame: pd.DataFrame, relations: list, hidden: set[Cell], exposed: set[Cell]) -> Cell | None:
    """One more cell to hide for the first exposed cell: the smallest published part of a
    relation it is in (the total when no part is left)."""
    for cell in sorted(exposed):
        for whole, parts in relations:
            if cell not in parts and cell != whole:
                continue
            known = [c for c in [*parts, *([whole] if whole else [])]
                     if c not in hidden and not pd.isna(_value(frame, c))]
            if known:
                return min(known, key=lambda c: (c == whole, _value(frame, c) == 0, _value(frame, c), c))
    return None


def _hidden_cells(frame: pd.DataFrame, roles: TableRoles, min_cel: int,
                  across: Sequence[tuple[str, str | None]]) -> set[Cell]:
    """Primary and secondary suppression over the counts (shares as counts), until no hidden
    small count follows from the relations, alone or together (:mod:`werkplaats.exposure`)."""
    from werkplaats.exposure import determined

    hidden: set[Cell] = {(i, c) for c in roles.counts for i, v in enumerate(frame[c]) if small(v, min_cel)}
    for name in roles.counts:
        if name.startswith(SHARE_COUNT):  # the complement of a share is a count too
            base = frame[list(roles.columns[name].on)].apply(pd.to_numeric, errors="coerce").max(axis=1)
            hidden |= {(i, name) for i, rest in enumerate(base - frame[name]) if small(rest, min_cel)}
    # a partition with a single category (its total published elsewhere) is that total: only a
    # table that shows the total can protect it, so it is left out here (see docs/privacy.md)
    relations = [(w, p) for w, p in _relations(frame, roles, across) if w is not None or len(p) >= 2]
    while True:
        hidden = _secondary(frame, roles, hidden, across)
        if more := _about_hidden(frame, roles, hidden, min_cel) - hidden:
            hidden |= more
            continue
        unknown = hidden | {(i, c) for c in roles.counts for i, v in enumerate(frame[c]) if pd.isna(v)}
        exposed = {c for c in determined(relations, unknown) if c in hidden and small(_value(frame, c), min_cel)}
        pick = _hide_more(frame, relations, hidden, exposed) if exposed else None
        if pick is None:
            return hidden
        hidden.add(pick)


def protect(table: pd.DataFrame, *, min_cel: int = MIN_CEL,
            across: Sequence[tuple[str, str | None]] = ()) -> pd.DataFrame:
    """The table as it may be published: blanked cells are ``<NA>``/NaN, ``suppressed`` marks
    the rows that lost a cell. The roles stay attached. ``across`` adds partitions to the
    declared ones: ``(label, total)`` where the rows of each ``label`` value add up to the row
    labelled ``total`` (as :func:`protect_release` uses for the reports of a release)."""
    roles = roles_of(table)
    frame = table.reset_index(drop=True)
    work, work_roles = _with_share_counts(frame, roles)
    hidden = _hidden_cells(work, work_roles, min_cel, across)
    out = frame.copy()
    blank = pd.DataFrame(False, index=out.index, columns=out.columns)
    for i, c in hidden:
        if c in blank.columns:
            blank.iat[i, out.columns.get_loc(c)] = True
    for name in roles.statistics:
        on = list(roles.columns[name].on)
        too_few = frame[on].apply(pd.to_numeric, errors="coerce").lt(min_cel).any(axis=1)
        blank[name] = too_few | blank[on].any(axis=1)
        if SHARE_COUNT + name in work.columns:
            blank[name] |= np.array([(i, SHARE_COUNT + name) in hidden for i in range(len(frame))])
    _blank_small_shares(frame, roles, blank, min_cel)
    for name in roles.counts + roles.statistics:
        if blank[name].any():
            if pd.api.types.is_integer_dtype(out[name]) or pd.api.types.is_bool_dtype(out[name]):
                out[name] = out[name].astype("Int64" if roles.columns[name].role == "count" else "Float64")
            out[name] = out[name].mask(blank[name])
    had_flag = out[FLAG_COLUMN].astype(bool) if FLAG_COLUMN in out else False
    out[FLAG_COLUMN] = blank[roles.counts + roles.statistics].any(axis=1) | had_flag
    out.index = table.index
    return with_roles(out, roles)


def protect_tables(tables: Mapping[str, pd.DataFrame], *, min_cel: int = MIN_CEL) -> dict[str, pd.DataFrame]:
    """:func:`protect` every table of a report (same keys, same order)."""
    return {name: protect(table, min_cel=min_cel) for name, table in tables.items()}


REPORT = "rapport"


def protect_release(by_report: Mapping[str, pd.DataFrame], *, min_cel: int = MIN_CEL,
                    total: str = "alle") -> dict[str, pd.DataFrame]:
    """Protect one table of every report of a release together, so that no report publishes
    what another protects: the reports' tables (same roles) are stacked, the counts of the
    gemeenten add up to those of ``total`` (``alle``), and every report gets its own slice.

    The result is a deterministic function of the release: each report computes the same.

    >>> from werkplaats.roles import count, declare, label
    >>> def t(n):
    ...     return declare(pd.DataFrame({"maand": ["jan"], "n": [n]}), unit="huishoudens",
    ...                    columns={"maand": label("maand"), "n": count("huishoudens")})
    >>> out = protect_release({"alle": t(45), "A": t(30), "B": t(15)}, min_cel=10)
    >>> [out[g]["n"].tolist() for g in ("alle", "A", "B")]
    [[45], [30], [15]]
    >>> out = protect_release({"alle": t(45), "A": t(38), "B": t(7)}, min_cel=10)
    >>> [out[g]["n"].isna().tolist() for g in ("alle", "A", "B")]
    [[False], [True], [True]]
    """
    from werkplaats.roles import declare, label

    names = list(by_report)
    roles = roles_of(by_report[names[0]])
    stacked = pd.concat([frame.assign(**{REPORT: name}) for name, frame in by_report.items()], ignore_index=True)
    columns = {**roles.columns, REPORT: label(REPORT)}
    stacked = declare(stacked[list(columns)], unit=roles.unit, title=roles.title, columns=columns,
                      totals=roles.totals, partition=roles.partition, partition_total=roles.partition_total)
    protected = protect(stacked, min_cel=min_cel, across=[(REPORT, total)])
    out = {}
    for name in names:
        part = protected[protected[REPORT] == name].drop(columns=REPORT).reset_index(drop=True)
        part.index = by_report[name].index
        out[name] = with_roles(part, roles)
    return out


def release_versions(data: pd.DataFrame, make: Callable[[pd.DataFrame], pd.DataFrame], *,
                     column: str = "gemeente", total: str = "alle") -> dict[str, pd.DataFrame]:
    """One table as every report of a release shows it: made by ``make`` on all data
    (``total``) and on the data of each value of ``column`` (each gemeente's report)."""
    versions = {total: make(data)}
    for name in sorted(data[column].dropna().astype(str).unique()):
        versions[name] = make(data[data[column].astype(str) == name])
    return versions


def protect_report(tables: Mapping[str, pd.DataFrame], *, report: str, min_cel: int = MIN_CEL,
                   release: Mapping[str, Mapping[str, pd.DataFrame]] | None = None,
                   total: str = "alle") -> dict[str, pd.DataFrame]:
    """Every table of one report, protected: a table with versions for every report of the
    release (``release[name]``, from :func:`release_versions`) is protected together with them
    (:func:`protect_release`), so that ``alle`` minus the other gemeenten gives nothing back;
    the others on their own (:func:`protect`)."""
    release = release or {}
    out = {}
    for name, table in tables.items():
        versions = release.get(name)
        if versions is not None and report in versions and total in versions:
            out[name] = protect_release(versions, min_cel=min_cel, total=total)[report]
        else:
            out[name] = protect(table, min_cel=min_cel)
    return out


def protect_linked(parts: pd.DataFrame, whole: pd.DataFrame, *, by: str, total: str,
                   min_cel: int = MIN_CEL) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Protect two linked tables of one report together: ``parts`` has a row per value of
    ``by`` (each gemeente) and ``whole`` the same rows for all of them (the region), so that
    the region minus the other gemeenten gives no hidden cell back. Returns both, protected,
    in their own row order and with their own roles.

    >>> from werkplaats.roles import count, declare, label
    >>> parts = declare(pd.DataFrame({"gemeente": ["A", "B", "C"], "n": [40, 25, 6]}), unit="respondenten",
    ...                 columns={"gemeente": label("gemeente"), "n": count("respondenten")})
    >>> whole = declare(pd.DataFrame({"n": [71]}), unit="respondenten", columns={"n": count("respondenten")})
    >>> p, w = protect_linked(parts, whole, by="gemeente", total="regio", min_cel=10)
    >>> p["n"].isna().tolist(), w["n"].tolist()
    ([False, True, True], [71])
    """
    from werkplaats.roles import roles_of

    part_roles, whole_roles = roles_of(parts), roles_of(whole)
    values = list(dict.fromkeys(parts[by].astype(str)))
    versions = {total: whole, **{v: with_roles(parts[parts[by].astype(str) == v].drop(columns=by), whole_roles)
                                 for v in values}}
    protected = protect_release(versions, min_cel=min_cel, total=total)
    joined = pd.concat([protected[v].assign(**{by: v}) for v in values]).sort_index()
    joined = joined[[*parts.columns, *[c for c in joined.columns if c not in parts.columns]]]
    return with_roles(joined, part_roles), protected[total]


def published_once(tables: Callable[[Any], dict[str, pd.DataFrame]]) -> Callable[[Any], dict[str, pd.DataFrame]]:
    """Decorate a line's ``tables(results)``: protect once per results (a report asks for its
    tables several times: to show them, for the key figures, for results.json); every call gets
    its own copies. The cache is keyed on the results' own tables, so a changed or replaced
    table (or a copy of the results with other tables) is protected anew."""
    import functools

    @functools.wraps(tables)
    def once(results: Any) -> dict[str, pd.DataFrame]:
        cache = results.__dict__.setdefault("_published_tables", {})
        frames = tuple((name, id(v), len(v)) for name, v in sorted(vars(results).items())
                       if isinstance(v, pd.DataFrame))
        key = (getattr(results, "gemeente", None), getattr(results, "min_cel", None), frames)
        if key not in cache:
            cache.clear()
            cache[key] = tables(results)
        return {name: table.copy() for name, table in cache[key].items()}

    return once
