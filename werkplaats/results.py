"""results.json: the key figures of a run plus its provenance (DATA_CONTRACT.md section 6).

>>> to_jsonable({"x": float("nan"), "n": np.int64(3), "ci": np.array([0.1, 0.2])})
{'x': None, 'n': 3, 'ci': [0.1, 0.2]}
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from werkplaats.io import sha256_file, write_text
from werkplaats.paths import project_root


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


def git_commit(root: Path | None = None) -> str | None:
    """The checkout's commit, or None outside git."""
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root or project_root(),
                             capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def provenance(parameters: Mapping[str, object], inputs: Iterable[str | os.PathLike[str]]) -> dict:
    """Parameters, SHA-256 per input file, workbench version, git commit and time of the run."""
    from werkplaats import __version__

    return {
        "parameters": dict(parameters),
        "inputs": {Path(p).name: sha256_file(p) for p in inputs},
        "werkplaats_version": __version__,
        "git_commit": git_commit(),
        "created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def write_results(
    output_dir: str | os.PathLike[str],
    analysis: str,
    key_figures: Mapping[str, object],
    *,
    parameters: Mapping[str, object],
    inputs: Iterable[str | os.PathLike[str]],
) -> Path:
    """Write ``output_dir/results.json`` atomically with provenance and the key figures."""
    payload = {"analysis": analysis, "provenance": provenance(parameters, inputs), **key_figures}
    text = json.dumps(to_jsonable(payload), ensure_ascii=False, indent=2, allow_nan=False)
    return write_text(text + "\n", Path(output_dir) / "results.json")
