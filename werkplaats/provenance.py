"""What made a report, written once: workbench version, parameters, input files, commit, time.

The same dictionary goes into results.json, the footer of the reader's HTML and the
runner's run.json, so the three never disagree. The workbench version is
``__version__`` plus a digest of the package's source, so two runs with the same version
string ran the same code.

>>> p = provenance({"gemeente": "Utrecht"}, [])
>>> sorted(p)
['created', 'git_commit', 'inputs', 'parameters', 'werkplaats_version']
>>> p["werkplaats_version"] == workbench_version()
True
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = ["git_commit", "provenance", "workbench_version"]


@functools.lru_cache(maxsize=1)
def workbench_version() -> str:
    """``__version__+<digest of werkplaats/**/*.py and *.yaml>`` (plans excluded).

    >>> workbench_version().startswith("0.1.0+")
    True
    """
    from werkplaats import __version__
    from werkplaats.paths import PACKAGE_DIR

    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in {".py", ".yaml"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def git_commit(root: Path | None = None) -> str | None:
    """The checkout's commit, or None outside git."""
    from werkplaats.paths import project_root

    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root or project_root(),
                             capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def provenance(parameters: Mapping[str, object], inputs: Iterable[str | os.PathLike[str]], *,
               started: dt.datetime | None = None, duration: float | None = None) -> dict:
    """Parameters, SHA-256 per input file (by file name), workbench version, git commit and
    the time of the run (plus its duration when the runner knows it)."""
    from werkplaats.io import sha256_file

    created = (started or dt.datetime.now()).astimezone().isoformat(timespec="seconds")
    out: dict[str, object] = {
        "parameters": dict(parameters),
        "inputs": {Path(p).name: sha256_file(p) for p in inputs},
        "werkplaats_version": workbench_version(),
        "git_commit": git_commit(),
        "created": created,
    }
    if duration is not None:
        out["duration_seconds"] = round(duration, 2)
    return out
