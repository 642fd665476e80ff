"""One run at a time per reports folder: a lock file with who holds it.

``<reports folder>/.werkplaats.lock`` holds the process id, host and start time of the run
that holds it; the run keeps it open with an exclusive ``flock``. A second run on the same
folder refuses at once with a Dutch message naming the running one. The kernel releases the
``flock`` when a process dies, also by SIGKILL, so a lock file left by a killed run is taken
over safely: only one run can get the ``flock``, and it then replaces the old record with its own.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> with reports_lock(folder):
...     (folder / LOCK_NAME).exists()
True
>>> (folder / LOCK_NAME).exists()
False
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

from werkplaats.errors import WerkplaatsError

__all__ = ["LOCK_NAME", "LockHeld", "lock_holder", "remove_stale_lock", "reports_lock", "UNWRITABLE"]

LOCK_NAME = ".werkplaats.lock"


class LockHeld(WerkplaatsError):
    """Another run holds the lock of this reports folder."""


def lock_holder(folder: str | os.PathLike[str]) -> dict | None:
    """What the lock file of ``folder`` says (pid, host, started), or None without a lock."""
    try:
        text = (Path(folder) / LOCK_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        holder = json.loads(text)
    except ValueError:
        return {}  # being written this instant, or damaged
    return holder if isinstance(holder, dict) else {}


def _refusal(folder: Path, holder: dict | None) -> LockHeld:
    if not holder:
        return LockHeld(f"{folder}: er draait al een plan of rapport op deze map (het slot "
                        f"{LOCK_NAME} wordt net geschreven); probeer het zo opnieuw.")
    started = str(holder.get("started", "onbekend")).replace("T", " ")[:19]
    return LockHeld(f"{folder}: er draait al een plan of rapport op deze map (proces {holder.get('pid')} op "
                    f"{holder.get('host')}, gestart {started}); wacht tot dat klaar is. Is dat proces "
                    f"gestopt, dan neemt de volgende run het slot vanzelf over.")


UNWRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT})


def _acquire(folder: Path, path: Path) -> int:
    """Open and ``flock`` the lock file; the open descriptor (raises LockHeld or OSError)."""
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise _refusal(folder, lock_holder(folder)) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # the holder removed the file between our open and lock: take the new one


@contextlib.contextmanager
def reports_lock(folder: str | os.PathLike[str]) -> Iterator[Path | None]:
    """Hold the lock of reports ``folder`` for the duration of the block (see module docstring).

    Raises :class:`LockHeld` when a living run holds it. A folder in which no lock file can be
    made (read-only, no permission, full) yields None and runs unlocked: nothing can be written
    there by any run, so a plan with nothing to do still succeeds, and one with work to do
    reports the write fault per report.
    """
    folder = Path(folder)
    path = folder / LOCK_NAME
    try:
        fd = _acquire(folder, path)
    except OSError as exc:
        if exc.errno not in UNWRITABLE:
            raise
        yield None
        return
    try:
        record = {"pid": os.getpid(), "host": socket.gethostname(),
                  "started": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
        with contextlib.suppress(OSError):  # a full disk: the lock holds, only its record is empty
            os.ftruncate(fd, 0)  # a killed run's record is simply replaced: the kernel freed its lock
            os.pwrite(fd, json.dumps(record).encode("utf-8"), 0)
        yield path
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)


def remove_stale_lock(folder: str | os.PathLike[str]) -> bool:
    """Remove the lock file of ``folder`` when no run holds it (left by a killed run); True when
    removed. A lock held by a run, this process's own included, stays."""
    import fcntl

    path = Path(folder) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False
    try:
        if os.fstat(fd).st_ino == os.stat(path).st_ino:
            path.unlink()
            return True
        return False
    except OSError:
        return False
    finally:
        os.close(fd)
