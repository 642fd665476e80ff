"""Which hidden cells the published relations still give back exactly (Gaussian elimination).

Every additive relation of a table (a total and its parts) is one linear equation. With the
published cells filled in, the hidden cells are the unknowns; a hidden cell is given back when
its value follows from the equations together — also when no single equation has just one
unknown (rows and columns of a table crossing). It follows exactly when its unit vector lies
in the row space of the equations over the unknowns, that is when every solution of the
homogeneous system is zero there (its row of the null-space basis is zero).

>>> relations = [(None, [(0, "a"), (0, "b")]), (None, [(1, "a"), (1, "b")]),
...              (None, [(0, "a"), (1, "a")]), (None, [(0, "b"), (1, "b")]), (None, [(0, "a"), (1, "b")])]
>>> sorted(determined(relations, {(0, "a"), (0, "b"), (1, "a"), (1, "b")}))
[(0, 'a'), (0, 'b'), (1, 'a'), (1, 'b')]
>>> determined(relations[:4], {(0, "a"), (0, "b"), (1, "a"), (1, "b")})
set()
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["Cell", "Relation", "determined", "recovered"]

Cell = tuple[int, str]
Relation = tuple[Cell | None, list[Cell]]  # (total cell, or None when published elsewhere; parts)


def _equations(relations: Sequence[Relation], unknown: set[Cell]) -> tuple[np.ndarray, list[Cell]]:
    """The coefficient matrix of the relations over the unknown cells (parts +1, total -1)."""
    cells = sorted(unknown)
    where = {c: j for j, c in enumerate(cells)}
    rows = []
    for whole, parts in relations:
        row = np.zeros(len(cells))
        for cell in parts:
            if cell in where:
                row[where[cell]] += 1.0
        if whole is not None and whole in where:
            row[where[whole]] -= 1.0
        if row.any():
            rows.append(row)
    return (np.array(rows) if rows else np.zeros((0, len(cells)))), cells


def determined(relations: Sequence[Relation], unknown: set[Cell], *, tolerance: float = 1e-9) -> set[Cell]:
    """The unknown cells whose value follows exactly from the relations and the known cells."""
    if not unknown:
        return set()
    matrix, cells = _equations(relations, unknown)
    if matrix.shape[0] == 0:
        return set()
    _, singular, vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int((singular > tolerance * max(matrix.shape) * (singular[0] if singular.size else 1.0)).sum())
    null_space = vt[rank:].T  # columns: a basis of all solutions of matrix @ x = 0
    if null_space.shape[1] == 0:
        return set(cells)
    fixed = np.linalg.norm(null_space, axis=1) < 1e-7
    return {cell for cell, is_fixed in zip(cells, fixed, strict=True) if is_fixed}


def recovered(relations: Sequence[Relation], values: dict[Cell, float | None]) -> dict[Cell, float]:
    """What an attacker gets back: every unknown cell (value None) that follows exactly from the
    relations with a total cell and the published values, with its value.

    >>> rel = [((0, "tot"), [(0, "a"), (0, "b")]), ((1, "tot"), [(1, "a"), (1, "b")]),
    ...        ((2, "a"), [(0, "a"), (1, "a")])]
    >>> recovered(rel, {(0, "tot"): 10, (0, "a"): None, (0, "b"): None, (1, "tot"): 8, (1, "a"): None,
    ...                 (1, "b"): 5, (2, "a"): 7})
    {(0, 'a'): 4.0, (0, 'b'): 6.0, (1, 'a'): 3.0}
    """
    usable = [(w, parts) for w, parts in relations if w is not None]
    unknown = {c for w, parts in usable for c in [w, *parts] if values.get(c) is None}
    fixed = determined(usable, unknown)
    if not fixed:
        return {}
    matrix, cells = _equations(usable, unknown)
    rhs = []
    for whole, parts in usable:
        if any(c in unknown for c in [whole, *parts]):
            known = sum(float(values[c] or 0.0) for c in parts if c not in unknown)
            rhs.append((0.0 if whole in unknown else float(values[whole] or 0.0)) - known)
    solution, *_ = np.linalg.lstsq(matrix, np.array(rhs), rcond=None)
    return {cell: float(round(solution[j], 6)) for j, cell in enumerate(cells) if cell in fixed}
