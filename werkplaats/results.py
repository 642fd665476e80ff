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

import numpy as np
import pandas as pd

from werkplaats.io import write_text

__all__ = ["to_jsonable", "write_results"]


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
