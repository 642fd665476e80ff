"""When may a report be skipped: a fingerprint of everything that shapes it.

The fingerprint covers the notebook's bytes, its parameters (without ``output_dir``, which
only says where the report goes), the SHA-256 of every input file the run read, and the
workbench version. The version is ``__version__`` plus a digest of the package's source
files, so a change in the analysis code also reruns the reports.

>>> a = fingerprint("ab12", {"gemeente": "Utrecht", "output_dir": ""}, {"/d/x.csv": "ff"}, "0.1.0")
>>> a == fingerprint("ab12", {"gemeente": "Utrecht", "output_dir": "elders"}, {"/d/x.csv": "ff"}, "0.1.0")
True
>>> a == fingerprint("ab12", {"gemeente": "Zeist"}, {"/d/x.csv": "ff"}, "0.1.0")
False
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import cast

from werkplaats.provenance import workbench_version  # noqa: F401 (the version a fingerprint covers)

__all__ = ["dataset_files", "fingerprint", "hash_inputs", "IGNORED_PARAMETERS", "inputs_read", "is_unchanged"]

IGNORED_PARAMETERS = ("output_dir",)


def fingerprint(notebook_sha256: str, parameters: Mapping[str, object],
                inputs: Mapping[str, str], version: str) -> str:
    """One SHA-256 over notebook, parameters, input-file hashes and workbench version."""
    payload = {
        "notebook": notebook_sha256,
        "parameters": {k: v for k, v in parameters.items() if k not in IGNORED_PARAMETERS},
        "inputs": dict(sorted(inputs.items())),
        "version": version,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def hash_inputs(paths: Iterable[str | os.PathLike[str]]) -> dict[str, str] | None:
    """``{absolute path: sha256}``, or None when one of the files is gone."""
    hashes = {}
    for path in paths:
        path = Path(path)
        if not path.is_file():
            return None
        with open(path, "rb") as fh:
            hashes[str(path.resolve())] = hashlib.file_digest(fh, "sha256").hexdigest()
    return hashes


def dataset_files(data_dir: Path | None) -> list[Path]:
    """Every raw data file (accepted suffix) directly in ``data_dir``."""
    from werkplaats.io import SUFFIXES  # imports pandas: only on this fallback path

    if data_dir is None or not data_dir.is_dir():
        return []
    return sorted(p for p in data_dir.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())


def inputs_read(results: Mapping[str, object], data_dir: Path | None) -> dict[str, str]:
    """The input files a run read, as ``{absolute path: sha256}``.

    Taken from results.json's ``provenance.inputs`` (file name -> SHA-256, found in
    ``data_dir``); when that is missing or a name is not found there, every dataset file
    in ``data_dir`` counts as input.
    """
    provenance = results.get("provenance") if isinstance(results, Mapping) else None
    recorded = provenance.get("inputs") if isinstance(provenance, Mapping) else None
    if isinstance(recorded, Mapping) and recorded and data_dir is not None:
        paths = [data_dir / name for name in recorded]
        if all(p.is_file() for p in paths):
            return {str(p.resolve()): str(recorded[p.name]) for p in paths}
    return hash_inputs(dataset_files(data_dir)) or {}


def is_unchanged(manifest: Mapping[str, object] | None, notebook_sha256: str,
                 parameters: Mapping[str, object], version: str) -> bool:
    """True when the report described by ``manifest`` (run.json) is still current."""
    if not manifest or "fingerprint" not in manifest:
        return False
    current = hash_inputs(cast("Iterable[str]", manifest.get("inputs", {})))
    if current is None:
        return False
    return manifest["fingerprint"] == fingerprint(notebook_sha256, parameters, current, version)
