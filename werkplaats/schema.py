"""Codebook -> pandera schema, and pandera's failure cases -> one Dutch DataError.

>>> schema_for("clientervaring_populatie").columns["aantal_clienten"].nullable
False
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from werkplaats.codebook import Codebook, ColumnSpec, get_codebook
from werkplaats.errors import DataError, dutch_list, shorten
from werkplaats.io import RawTable

__all__ = ["DTYPES", "schema_for", "translate_failures"]

DTYPES = {"text": None, "category": None, "date": "datetime64[ns]", "integer": "Int64", "decimal": float}


def _column(spec: ColumnSpec):
    import pandera.pandas as pa

    checks = []
    if spec.values:
        checks.append(pa.Check.isin(spec.values))
    if spec.min is not None:
        checks.append(pa.Check.ge(spec.min))
    if spec.min_exclusive is not None:
        checks.append(pa.Check.gt(spec.min_exclusive))
    if spec.max is not None:
        checks.append(pa.Check.le(spec.max))
    if spec.pattern:
        checks.append(pa.Check.str_matches(f"^(?:{spec.pattern})$"))  # the whole value, not its start
    return pa.Column(DTYPES[spec.type], checks=checks, nullable=not spec.required, coerce=False)


def _rule_checks(cb: Codebook) -> list:
    import pandera.pandas as pa

    checks = []
    for rule in cb.rules:
        if "date_order" in rule:
            cols = rule["date_order"]
            for early, late in zip(cols, cols[1:], strict=False):
                checks.append(pa.Check(
                    lambda df, a=early, b=late: ~(df[b] < df[a]),
                    name=f"date_order:{early}:{late}",
                ))
            if len(cols) > 2:
                checks.append(pa.Check(
                    lambda df, a=cols[0], b=cols[-1]: ~(df[b] < df[a]),
                    name=f"date_order:{cols[0]}:{cols[-1]}",
                ))
        if "requires" in rule:
            col, needs = rule["requires"]["column"], rule["requires"]["needs"]
            checks.append(pa.Check(lambda df, c=col, n=needs: ~(df[c].notna() & df[n].isna()),
                                   name=f"requires:{col}:{needs}"))
    return checks


@cache
def schema_for(name: str):
    """The pandera DataFrameSchema of dataset ``name`` (cached)."""
    import pandera.pandas as pa

    cb = get_codebook(name)
    return pa.DataFrameSchema(
        {c: _column(cb.columns[c]) for c in cb.analysed},
        checks=_rule_checks(cb),
        unique=cb.key or None,
        report_duplicates="all",
        strict=False,
        name=name,
    )


def translate_failures(cases: pd.DataFrame, raw: RawTable, cb: Codebook) -> DataError:
    """Turn pandera's failure-case table into one DataError about the first problem."""
    cases = cases.copy()
    cases["order"] = cases["column"].map({c: i for i, c in enumerate(cb.columns)}).fillna(len(cb.columns))
    cases = cases.sort_values(["order", "index"], kind="stable")
    first = cases.iloc[0]
    check = str(first["check"])
    if check in {"multiple_fields_uniqueness", "field_uniqueness"} or check.startswith("unique"):
        err = _duplicate_key_error(raw, cb)
    elif check.startswith(("date_order:", "requires:")):
        err = _rule_error(cases[cases["check"] == check], raw, check)
    else:
        group = cases[(cases["column"] == first["column"]) & (cases["check"] == check)]
        spec = cb.columns[str(first["column"])]
        idx = [int(i) for i in group["index"].dropna()][:5]
        values = [] if check == "not_nullable" else raw.table.loc[idx, spec.name].tolist()
        err = DataError.for_values(
            raw.path.name, spec.name, rows=raw.row_numbers(idx), values=[str(v) for v in values],
            problem=_problem(check, spec), allowed=spec.allowed_text(),
        )
    frame_level = cases["schema_context"] == "DataFrameSchema"
    problems = cases[~frame_level].drop_duplicates(["column", "check"]).shape[0] + cases.loc[
        frame_level, "check"].nunique()
    if problems > 1:
        more = "nog 1 ander probleem" if problems == 2 else f"nog {problems - 1} andere problemen"
        err.args = (err.args[0] + f" (en {more} in dit bestand)",)
    return err


def _problem(check: str, spec: ColumnSpec) -> str:
    if check == "not_nullable":
        return "lege cel in een verplichte kolom"
    if check.startswith("isin"):
        return "onbekend antwoord" if spec.type == "category" else "onbekende waarde"
    if check.startswith("str_matches"):
        return "ongeldige code"
    if check.startswith(("greater_than", "less_than", "in_range")):
        return "waarde buiten het toegestane bereik"
    return f"ongeldige waarde ({check})"


def _duplicate_key_error(raw: RawTable, cb: Codebook) -> DataError:
    key = raw.table[cb.key].apply(lambda s: s.str.lower())
    dup = key.duplicated(keep=False)
    first_key = tuple(key[dup].iloc[0])
    rows_idx = key.index[dup & (key.apply(tuple, axis=1) == first_key)][:5]
    shown = shorten(", ".join(raw.table.loc[rows_idx[0], cb.key]))
    return DataError(
        f"{raw.path.name}: kolom {', '.join(cb.key)}, rij {dutch_list(raw.row_numbers(rows_idx))}: "
        f"dubbele sleutel '{shown}' (elke combinatie van {', '.join(cb.key)} mag maar één keer voorkomen)",
        file=raw.path.name, column=cb.key[-1] if len(cb.key) == 1 else ", ".join(cb.key),
        rows=raw.row_numbers(rows_idx), values=[shown],
    )


def _rule_error(cases: pd.DataFrame, raw: RawTable, check: str) -> DataError:
    kind, a, b = check.split(":")
    idx = sorted({int(i) for i in cases["index"].dropna()})[:5]
    shown = [f"{shorten(raw.table.loc[i, a], 30)} > {shorten(raw.table.loc[i, b], 30)}" if kind == "date_order"
             else raw.table.loc[i, a] for i in idx]
    if kind == "date_order":
        problem = f"{b} ligt vóór {a}"
        allowed = f"{a} ≤ {b}"
    else:
        problem = f"{a} is ingevuld maar {b} is leeg"
        allowed = f"{a} alleen met {b}"
    return DataError.for_values(raw.path.name, b, rows=raw.row_numbers(idx), values=shown,
                                problem=problem, allowed=allowed)
