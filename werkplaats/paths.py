"""Where things live: the project root, data/raw, data/processed and reports.

Relative paths are resolved against the current folder first and then against the
project root, so a notebook opened in notebooks/ and a papermill run started in the
project root both find ``data/raw``. ``WERKPLAATS_ROOT`` moves the project root, and with it
the default ``data/raw``, ``data/processed`` and ``reports``: the test run points it at a
temporary copy, so ``make test`` leaves the checkout unchanged (conftest.py).

>>> resolve("data/raw").name
'raw'
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

__all__ = [
    "default_output_dir",
    "ensure_not_raw",
    "output_dir_for",
    "PACKAGE_DIR",
    "processed_dir",
    "project_root",
    "raw_dir",
    "resolve",
    "slug",
]

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The checkout the package lives in (or ``WERKPLAATS_ROOT`` when set)."""
    env = os.environ.get("WERKPLAATS_ROOT")
    if env:
        return Path(env).resolve()
    candidate = PACKAGE_DIR.parent
    if (candidate / "pyproject.toml").exists():
        return candidate
    return Path.cwd().resolve()


def resolve(path: str | os.PathLike[str]) -> Path:
    """Resolve ``path``: absolute as is, else relative to cwd if it exists, else to the root."""
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    if p.exists():
        return p.resolve()
    return (project_root() / p).resolve()


def raw_dir() -> Path:
    """The committed sample data folder."""
    return project_root() / "data" / "raw"


def processed_dir() -> Path:
    """Folder for derived parquet files (never committed)."""
    return project_root() / "data" / "processed"


def default_output_dir(analysis: str, gemeente: str = "alle") -> Path:
    """``reports/<analysis>/<gemeente>`` under the project root."""
    return project_root() / "reports" / analysis / slug(gemeente)


def slug(text: str) -> str:
    """A file-system safe lower-case name: ``'Den Haag'`` -> ``'den-haag'``."""
    text = unicodedata.normalize("NFC", str(text).strip())  # 'â' typed or as 'a' + accent (macOS)
    keep = [c.lower() if c.isalnum() else "-" for c in text]
    return "-".join(filter(None, "".join(keep).split("-"))) or "leeg"


def output_dir_for(output_dir: str | None, analysis: str, gemeente: str = "alle") -> Path:
    """The notebook's ``output_dir`` parameter, or the default when it is empty."""
    if output_dir:
        return resolve(output_dir)
    return default_output_dir(analysis, gemeente)


def ensure_not_raw(path: Path) -> None:
    """Refuse any write into a data/raw folder: raw data is read-only for the workbench."""
    resolved = Path(path).resolve()
    if "raw" in resolved.parts and resolved.parts[resolved.parts.index("raw") - 1] == "data":
        from werkplaats.errors import WerkplaatsError

        raise WerkplaatsError(f"{resolved}: de workbench schrijft nooit in data/raw.")
