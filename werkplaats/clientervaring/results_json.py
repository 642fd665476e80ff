"""The results.json key figures (DATA_CONTRACT §6, clientervaring) from PROTECTED tables.

A row that protection touched becomes ``null`` figures with ``"suppressed": true``.

>>> import pandas as pd
>>> from werkplaats.roles import count, declare, label, share
>>> t = declare(pd.DataFrame({"item": ["v01"], "n": [4], "agree": [0.5], "ci_low": [0.1], "ci_high": [0.9]}),
...             unit="antwoorden", columns={"item": label("stelling"), "n": count("n"), "agree": share("a", on="n"),
...             "ci_low": share("l", on="n"), "ci_high": share("h", on="n")})
>>> from werkplaats.disclosure import protect
>>> agree_cells(protect(t, min_cel=10), [])
{'v01': {'n': None, 'agree': None, 'ci': None, 'suppressed': True}}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["agree_cells", "key_figures_from"]


def _number(value: Any, kind: type = float) -> Any:
    return None if value is None or pd.isna(value) else kind(value)


def _suppressed(row: Any) -> bool:
    return bool(getattr(row, "suppressed", False))


def _agree_cell(row: Any) -> dict:
    if _suppressed(row):
        return {"n": None, "agree": None, "ci": None, "suppressed": True}
    return {"n": _number(row.n, int), "agree": _number(row.agree),
            "ci": [_number(row.ci_low), _number(row.ci_high)], "suppressed": False}


def agree_cells(table: pd.DataFrame, keys: list[str]) -> dict:
    """Nested ``{key ...: {item: cell}}`` of a protected share-agreeing table."""
    out: dict = {}
    for row in table.itertuples(index=False):
        level = out
        for key in keys:
            level = level.setdefault(getattr(row, key), {})
        level[row.item] = _agree_cell(row)
    return out


def _alpha(table: pd.DataFrame) -> dict:
    return {row.schaal: ({"n": None, "alpha": None, "ci": None, "suppressed": True} if _suppressed(row) else
                         {"n": int(row.n), "alpha": float(row.alpha), "ci": [float(row.ci_low), float(row.ci_high)],
                          "suppressed": False})
            for row in table.itertuples(index=False)}


def _weighted(table: pd.DataFrame) -> dict:
    out = {}
    for row in table.itertuples(index=False):
        cell: dict[str, Any]
        if _suppressed(row):
            cell = {"agree": None, "se": None, "kish_deff": None, "unweighted": None, "n": None, "suppressed": True}
        else:
            cell = {"agree": float(row.weighted), "se": float(row.se), "kish_deff": float(row.kish_deff),
                    "unweighted": float(row.unweighted), "n": int(row.n_valid), "suppressed": False}
        out[row.gemeente] = {row.item: cell}
    return out


def _funnel(table: pd.DataFrame, item: str, target: float) -> dict:
    keys = ("n", "share", "lo95", "hi95", "lo998", "hi998")
    limits = {}
    for row in table.itertuples(index=False):
        if _suppressed(row):
            limits[row.gemeente] = {k: None for k in keys} | {"suppressed": True}
        else:
            limits[row.gemeente] = {k: _number(getattr(row, k), int if k == "n" else float) for k in keys} | {
                "position": row.position, "suppressed": False}
    return {"item": item, "target": float(target), "limits": limits}


def _casemix(adjusted: pd.DataFrame, model: pd.DataFrame, results: Any) -> dict:
    rows = {}
    for row in adjusted.itertuples(index=False):
        rows[row.gemeente] = {"n": _number(row.n, int), "crude": _number(row.crude), "adjusted": _number(row.adjusted),
                              "ci": [_number(row.ci_low), _number(row.ci_high)],
                              "difference": _number(row.difference),
                              "difference_ci": [_number(row.difference_low), _number(row.difference_high)],
                              "p": _number(row.p), "suppressed": _suppressed(row)}
    coef = {row.term: {"estimate": _number(row.estimate), "se": _number(row.se)} for row in model.itertuples()}
    return {"item": results.casemix.item, "n": _number(model["n"].iloc[0], int) if len(model) else None,
            "coef": coef, "adjusted": rows, "excluded": list(results.casemix.excluded)}


def key_figures_from(protected: Mapping[str, pd.DataFrame], results: Any) -> dict:
    """The key figures of ``results`` read from its protected tables (``tables(results)``)."""
    figures = {
        "gemeente": results.gemeente, "jaar": results.year,
        "percent_agree": agree_cells(protected["stellingen"], ["gemeente"]),
        "percent_agree_regio": agree_cells(protected["stellingen_regio"], []),
        "cronbach_alpha": _alpha(protected["alfa"]),
        "weighted": _weighted(protected["gewogen"]),
        "funnel": _funnel(protected["trechter"], results.parameters["funnel_item"], results.funnel_target),
        "casemix": _casemix(protected["casemix"], protected["casemix_model"], results),
    }
    if "trend" in protected:
        region = protected["trend"][protected["trend"]["gemeente"] == "regio"]
        figures["trend_regio"] = {int(y): agree_cells(part, []) for y, part in region.groupby("jaar")}
    return figures
