"""results.json: the key figures of a run plus its provenance (DATA_CONTRACT.md section 6).

Provenance comes from :func:`werkplaats.provenance.provenance`, the one writer of it.

>>> to_jsonable({"x": float("nan"), "n": np.int64(3), "ci": np.array([0.1, 0.2])})
{'x': None, 'n': 3, 'ci': [0.1, 0.2]}
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from werkplaats.io import write_text

if TYPE_CHECKING:
    from werkplaats.validate import LoadedData

__all__ = ["save_results", "table_from_record", "table_record", "to_jsonable", "write_results"]


def to_jsonable(obj: object) -> object:
    """Convert numpy/pandas/dataclass values into plain JSON values (NaN and NA -> null)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return to_jsonable(dataclasses.asdict(obj))
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, pd.DataFrame):
        return to_jsonable(obj.to_dict(orient="records"))
    if isinstance(obj, pd.Series):
        return to_jsonable(obj.to_dict())
    if isinstance(obj, (list, tuple, np.ndarray)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, (np.bool_, bool)):
        return bool(obj)
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return None if math.isnan(obj) or math.isinf(obj) else float(obj)
    if obj is None or obj is pd.NA or obj is pd.NaT:
        return None
    if isinstance(obj, (pd.Timestamp, dt.date, dt.datetime)):
        return obj.isoformat()[:10] if isinstance(obj, dt.date) and not isinstance(obj, dt.datetime) \
            else pd.Timestamp(obj).isoformat()
    if isinstance(obj, Path):
        return str(obj)
    return obj


def write_results(
    output_dir: str | os.PathLike[str],
    analysis: str,
    key_figures: Mapping[str, object],
    *,
    parameters: Mapping[str, object],
    inputs: Iterable[str | os.PathLike[str]],
) -> Path:
    """Write ``output_dir/results.json`` atomically with provenance and the key figures."""
    from werkplaats.provenance import provenance

    payload = {"analysis": analysis, "provenance": provenance(parameters, inputs), **key_figures}
    text = json.dumps(to_jsonable(payload), ensure_ascii=False, indent=2, allow_nan=False)
    return write_text(text + "\n", Path(output_dir) / "results.json")


def table_record(table: pd.DataFrame) -> dict:
    """A protected, role-declared table as JSON: title, unit, column roles, relations, rows.

    The roles go along so that a privacy officer's audit (``werkplaats audit``) can check
    what a report publishes without the code that made it.

    >>> from werkplaats.roles import count, declare, label
    >>> t = declare(pd.DataFrame({"g": ["a"], "n": [12]}), unit="deelnemers", title="T",
    ...             columns={"g": label("groep"), "n": count("aantal")})
    >>> record = table_record(t)
    >>> record["kolommen"]["n"], record["rijen"]
    ({'rol': 'count', 'kop': 'aantal', 'op': []}, [{'g': 'a', 'n': 12}])
    >>> table_from_record(record)["n"].tolist()
    [12]
    """
    from werkplaats.roles import roles_of

    roles = roles_of(table)
    return {
        "titel": roles.title, "eenheid": roles.unit,
        "kolommen": {name: {"rol": str(r.role), "kop": r.header, "op": list(r.on)}
                     for name, r in roles.columns.items()},
        "totalen": {k: list(v) for k, v in roles.totals.items()},
        "partitie": roles.partition, "partitie_totaal": roles.partition_total,
        "rijen": to_jsonable(table.reset_index(drop=True)),
    }


def table_from_record(record: Mapping) -> pd.DataFrame:
    """The table of a :func:`table_record` back as a DataFrame with its roles (for the audit)."""
    from werkplaats.roles import ColumnRole, Role, declare

    columns = {name: ColumnRole(Role(c["rol"]), c["kop"], tuple(c.get("op", ())))
               for name, c in record["kolommen"].items()}
    frame = pd.DataFrame(record["rijen"], columns=list(columns))
    for name, role in columns.items():
        if role.role is not Role.LABEL and role.role is not Role.FLAG:
            frame[name] = pd.to_numeric(frame[name], errors="coerce")
    return declare(frame, unit=record["eenheid"], title=record.get("titel", ""), columns=columns,
                   totals=record.get("totalen") or {}, partition=record.get("partitie"),
                   partition_total=record.get("partitie_totaal"))


def save_results(output_dir: str | os.PathLike[str], line: ModuleType, results: object,
                 loaded: Mapping[str, LoadedData], *, parameters: Mapping[str, object] | None = None) -> Path:
    """results.json of one research-line run: the key figures (DATA_CONTRACT §6), every table
    the report shows (protected, with its roles) under ``tabellen``, and the provenance with the
    parameters the results carry (plus ``parameters``, e.g. data_dir and output_dir)."""
    figures = {**line.key_figures(results),
               "tabellen": {name: table_record(t) for name, t in line.tables(results).items()}}
    used = {**getattr(results, "parameters", {}), **(parameters or {})}
    return write_results(output_dir, line.ANALYSIS, figures, parameters=used,
                         inputs=[data.path for data in loaded.values()])
