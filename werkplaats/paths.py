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


SCRATCH = "werkruimte"
SCRATCH_NOTE = "NIET_VOOR_PUBLICATIE.txt"


def default_output_dir(analysis: str, gemeente: str = "alle") -> Path:
    """``werkruimte/<analysis>/<gemeente>`` under the project root: where a run outside the
    runner (JupyterLab, papermill, tests) writes. Never a published report folder: only the
    runner publishes into ``reports/``."""
    return project_root() / SCRATCH / analysis / slug(gemeente)


def _is_published(path: Path) -> bool:
    """True for a path in the project's reports/ that is not a runner's own workspace: a
    published report is a link to a hidden folder, so the path is judged as written (links not
    followed), and a hidden folder that a published link points to is published too."""
    reports = Path(os.path.abspath(project_root() / "reports"))
    written = Path(os.path.abspath(path))
    try:
        inside = written.relative_to(reports)
    except ValueError:
        try:
            inside = written.resolve().relative_to(reports.resolve())
        except ValueError:
            return False
    if not any(part.startswith(".") for part in inside.parts):
        return True
    hidden = reports.joinpath(*inside.parts[: next(i for i, p in enumerate(inside.parts) if p.startswith(".")) + 1])
    siblings = hidden.parent.iterdir() if hidden.parent.is_dir() else []
    return any(s.is_symlink() and s.resolve() == hidden.resolve() for s in siblings)


def slug(text: str) -> str:
    """A file-system safe lower-case name: ``'Den Haag'`` -> ``'den-haag'``."""
    text = unicodedata.normalize("NFC", str(text).strip())  # 'â' typed or as 'a' + accent (macOS)
    keep = [c.lower() if c.isalnum() else "-" for c in text]
    return "-".join(filter(None, "".join(keep).split("-"))) or "leeg"


def output_dir_for(output_dir: str | None, analysis: str, gemeente: str = "alle") -> Path:
    """The notebook's ``output_dir`` parameter, or the scratch default when it is empty.

    A folder in the published ``reports/`` is refused (only the runner publishes, through a
    hidden workspace it switches into place); the scratch folder is marked not for publication.
    """
    from werkplaats.errors import ParameterError

    folder = resolve(output_dir) if output_dir else default_output_dir(analysis, gemeente)
    if _is_published(folder):
        raise ParameterError(f"output_dir {output_dir}: dat is een gepubliceerde rapportmap. Alleen de runner "
                             f"publiceert (werkplaats run / werkplaats plan); laat output_dir leeg om in "
                             f"{SCRATCH}/ te schrijven.")
    if not output_dir:
        folder.mkdir(parents=True, exist_ok=True)
        note = folder / SCRATCH_NOTE
        if not note.exists():
            note.write_text("Deze map is een werkruimte van een notebook dat buiten de runner draaide.\n"
                            "Niet publiceren: alleen `werkplaats run` en `werkplaats plan` maken rapporten\n"
                            "die gecontroleerd en afgeschermd in reports/ komen.\n", encoding="utf-8")
    return folder


def ensure_not_raw(path: Path) -> None:
    """Refuse any write into a data/raw folder: raw data is read-only for the workbench."""
    resolved = Path(path).resolve()
    if "raw" in resolved.parts and resolved.parts[resolved.parts.index("raw") - 1] == "data":
        from werkplaats.errors import WerkplaatsError

        raise WerkplaatsError(f"{resolved}: de workbench schrijft nooit in data/raw.")
