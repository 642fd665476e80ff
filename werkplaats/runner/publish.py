"""Atomic report folders: build in a workspace beside the final path, switch with one rename.

For a report at ``folder/name`` a run writes into a hidden workspace
``folder/.name.w-<pid>-<token>/`` on the same file system. When the run succeeded,
``folder/name`` becomes a relative symbolic link to that workspace through ``os.replace`` of a
new link over the old one, which is atomic: at every instant ``folder/name`` is either the
previous complete report or the new complete one, also when the process is killed (SIGKILL).
Workspaces that no link points to and whose process is gone are removed by
:func:`clean_stale` at the start of the next run; their names start with a dot, so they are
never taken for reports.

>>> import tempfile
>>> final = Path(tempfile.mkdtemp()) / "utrecht"
>>> ws = new_workspace(final); _ = (ws / "results.json").write_text("{}")
>>> publish(ws, final); sorted(p.name for p in final.iterdir()), final.is_symlink()
(['results.json'], True)
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path

from werkplaats.errors import WerkplaatsError

__all__ = [
    "ASIDE",
    "check_target",
    "clean_stale",
    "current_report",
    "discard",
    "LINK_TMP",
    "new_workspace",
    "process_alive",
    "publish",
    "REPORT_MARKERS",
    "WORKSPACE",
]

_PATTERN = r"^\.(?P<name>.+)\.{kind}-(?P<pid>\d+)-(?P<token>[0-9a-f]{{8}})$"
WORKSPACE = re.compile(_PATTERN.format(kind="w"))
LINK_TMP = re.compile(_PATTERN.format(kind="l"))
ASIDE = re.compile(_PATTERN.format(kind="o"))
REPORT_MARKERS = ("results.json", "run.json", "fout.json")


def _hidden_name(final: Path, kind: str) -> Path:
    return final.parent / f".{final.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}"


def new_workspace(final: str | os.PathLike[str]) -> Path:
    """A fresh, empty hidden folder beside ``final`` for one run to write into."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    path = _hidden_name(final, "w")
    path.mkdir()
    return path


def current_report(final: str | os.PathLike[str]) -> Path | None:
    """The folder holding the complete report at ``final`` (None when there is none)."""
    final = Path(final)
    if final.is_symlink():
        target = final.parent / os.readlink(final)
        return target if target.is_dir() else None
    return final if final.is_dir() and any((final / m).exists() for m in REPORT_MARKERS) else None


def publish(workspace: Path, final: str | os.PathLike[str]) -> None:
    """Make ``workspace`` the report at ``final`` in one atomic switch; drop the previous one."""
    final = Path(final)
    previous = _link_target(final)
    aside = _move_aside(final) if final.exists() and not final.is_symlink() else None
    link = _hidden_name(final, "l")
    os.symlink(workspace.name, link)
    os.replace(link, final)
    for old in (previous, aside):
        if old is not None and old != workspace:
            shutil.rmtree(old, ignore_errors=True)


def discard(final: str | os.PathLike[str]) -> None:
    """Remove the report at ``final`` (first the link, then the folder it pointed to)."""
    final = Path(final)
    target = _link_target(final)
    if final.is_symlink():
        final.unlink()
    if target is not None:
        shutil.rmtree(target, ignore_errors=True)


def _link_target(final: Path) -> Path | None:
    if not final.is_symlink():
        return None
    target = final.parent / os.readlink(final)
    return target if WORKSPACE.match(target.name) and target.parent == final.parent else None


def check_target(final: str | os.PathLike[str]) -> None:
    """Raise :class:`WerkplaatsError` when ``final`` exists but is not a report the runner may
    replace (a file, or a folder with other work in it); call it before a run starts."""
    final = Path(final)
    if final.is_symlink() or not final.exists():
        return
    if not final.is_dir() or (any(final.iterdir()) and not any((final / m).exists() for m in REPORT_MARKERS)):
        raise WerkplaatsError(
            f"{final}: bestaat al en is geen rapport (geen results.json); kies een andere uitvoermap."
        )


def _move_aside(final: Path) -> Path:
    """Rename a plain folder at ``final`` (a report from an earlier, direct notebook run)
    to a hidden name, so the link can take its place; :func:`clean_stale` puts it back
    when the process dies between the two renames."""
    check_target(final)
    aside = _hidden_name(final, "o")
    os.rename(final, aside)
    return aside


def process_alive(pid: int) -> bool:
    """True when a process with this id exists (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove what killed runs left in ``folder``; returns the removed paths.

    Keeps every workspace a link points to and everything of a process that still runs;
    a plain report moved aside just before a kill is put back in place.
    """
    from werkplaats.runner.lock import LOCK_NAME, remove_stale_lock

    folder = Path(folder)
    if not folder.is_dir():
        return []
    removed_lock = [folder / LOCK_NAME] if remove_stale_lock(folder) else []
    entries = [e for e in folder.iterdir() if e.name != LOCK_NAME]
    referenced = {os.readlink(e) for e in entries if e.is_symlink()}
    removed = []
    for entry in entries:
        match = WORKSPACE.match(entry.name) or LINK_TMP.match(entry.name) or ASIDE.match(entry.name)
        if match is None or process_alive(int(match["pid"])) or entry.name in referenced:
            continue
        final = folder / match["name"]
        if ASIDE.match(entry.name) and not final.exists() and not final.is_symlink():
            os.rename(entry, final)
            continue
        if entry.is_symlink() or entry.is_file():
            entry.unlink()
        else:
            shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed_lock + removed
