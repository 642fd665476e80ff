"""werkplaats.runner.lock: one run per reports folder; a killed run's lock is taken over."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from werkplaats.runner.lock import LOCK_NAME, LockHeld, lock_holder, reports_lock

HOLD = """
import sys, time
from werkplaats.runner.lock import reports_lock
with reports_lock(sys.argv[1]):
    print("vast", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def holder(tmp_path):
    """Another process holding the lock of tmp_path/rapporten."""
    folder = tmp_path / "rapporten"
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "vast"
    yield folder, proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_second_run_refuses_naming_the_first(holder):
    folder, proc = holder
    with pytest.raises(LockHeld) as info, reports_lock(folder):
        pass
    message = str(info.value)
    assert f"proces {proc.pid} op {socket.gethostname()}, gestart " in message
    assert "er draait al een plan of rapport op deze map" in message
    assert lock_holder(folder)["pid"] == proc.pid  # the holder's lock is untouched


def test_lock_of_a_killed_run_is_taken_over(holder):
    folder, proc = holder
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (folder / LOCK_NAME).exists()  # SIGKILL left the file behind
    with reports_lock(folder):
        assert lock_holder(folder)["pid"] == os.getpid()
    assert not (folder / LOCK_NAME).exists()


def test_stale_record_without_a_holder_is_replaced(tmp_path):
    (tmp_path / LOCK_NAME).write_text(json.dumps({"pid": 999999, "host": "elders", "started": "2026-01-01"}))
    with reports_lock(tmp_path):
        assert lock_holder(tmp_path)["pid"] == os.getpid()


def test_lock_released_after_an_error(tmp_path):
    with pytest.raises(RuntimeError), reports_lock(tmp_path):
        raise RuntimeError("boem")
    with reports_lock(tmp_path):
        pass


def test_only_one_of_many_simultaneous_runs_gets_the_lock(tmp_path):
    script = """
import sys, time
from werkplaats.runner.lock import LockHeld, reports_lock
time.sleep(float(sys.argv[2]) - time.time())
try:
    with reports_lock(sys.argv[1]):
        time.sleep(1.5)
        print("kreeg het slot")
except LockHeld:
    print("geweigerd")
"""
    start = str(time.time() + 1.5)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path), start], stdout=subprocess.PIPE,
                              text=True) for _ in range(4)]
    answers = sorted(p.communicate(timeout=60)[0].strip() for p in procs)
    assert answers == ["geweigerd"] * 3 + ["kreeg het slot"]


def test_clean_stale_removes_a_killed_runs_lock_but_never_a_held_one(holder, tmp_path):
    from werkplaats.runner.lock import remove_stale_lock
    from werkplaats.runner.publish import clean_stale

    folder, proc = holder
    assert clean_stale(folder) == [] and (folder / LOCK_NAME).exists()  # a living run's lock stays
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert clean_stale(folder) == [folder / LOCK_NAME] and not (folder / LOCK_NAME).exists()
    with reports_lock(tmp_path):
        assert not remove_stale_lock(tmp_path)  # our own lock is not stale
        assert (tmp_path / LOCK_NAME).exists()


def test_read_only_folder_runs_unlocked(tmp_path, monkeypatch):
    import errno

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "open", read_only)
    with reports_lock(tmp_path) as lock:
        assert lock is None
