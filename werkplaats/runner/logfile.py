"""One log file per report: everything the run and its kernel print goes there.

The process's own stdout and stderr (file descriptors 1 and 2) are pointed at the log for
the duration of the run, so the kernel, which inherits them, writes there too; papermill's
log messages (cell outputs included) are added with a time stamp.

>>> import tempfile, os
>>> log = Path(tempfile.mkdtemp()) / "r.log"
>>> with report_log(log):
...     _ = os.write(1, b"uit de kernel\\n")
>>> "uit de kernel" in log.read_text()
True
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

__all__ = ["note", "report_log"]


@contextlib.contextmanager
def report_log(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Send fd 1 and 2 and the ``papermill`` logger to ``path`` (overwritten) until exit."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    saved = [os.dup(1), os.dup(2)]
    handler = None
    logger = logging.getLogger("papermill")
    old_level = logger.level
    try:
        with open(path, "w", encoding="utf-8") as log:
            os.dup2(log.fileno(), 1)
            os.dup2(log.fileno(), 2)
            handler = logging.StreamHandler(_FdWriter(2))
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
            yield path
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        if handler is not None:
            logger.removeHandler(handler)
        logger.setLevel(old_level)
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in saved:
            os.close(fd)


class _FdWriter:
    """A minimal text stream writing straight to a file descriptor (no Python buffering)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def write(self, text: str) -> int:
        return os.write(self.fd, text.encode("utf-8", "replace"))

    def flush(self) -> None:
        """Nothing buffered."""


def note(message: str) -> None:
    """A line of the runner's own in the current log (fd 2)."""
    os.write(2, (message.rstrip("\n") + "\n").encode("utf-8", "replace"))
