"""Atomic report folders: the final path is always a complete report or absent."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from werkplaats.errors import WerkplaatsError
from werkplaats.runner.publish import clean_stale, current_report, discard, new_workspace, publish


def _report(final, text):
    workspace = new_workspace(final)
    (workspace / "results.json").write_text(text)
    return workspace


def test_publish_replaces_the_previous_report_and_removes_it(tmp_path):
    final = tmp_path / "telling" / "utrecht"
    first = _report(final, "1")
    publish(first, final)
    second = _report(final, "2")
    assert (final / "results.json").read_text() == "1"  # the new one is not visible before the switch
    publish(second, final)
    assert (final / "results.json").read_text() == "2"
    assert current_report(final) == second and not first.exists()
    assert os.readlink(final) == second.name  # relative link: the reports folder can be moved


def test_a_plain_report_folder_is_taken_over_but_other_folders_are_refused(tmp_path):
    final = tmp_path / "utrecht"
    final.mkdir()
    (final / "results.json").write_text("oud")
    publish(_report(final, "nieuw"), final)
    assert (final / "results.json").read_text() == "nieuw" and final.is_symlink()
    other = tmp_path / "eigen"
    other.mkdir()
    (other / "scriptie.docx").write_text("x")
    with pytest.raises(WerkplaatsError, match="geen rapport"):
        publish(_report(other, "x"), other)
    assert (other / "scriptie.docx").exists()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_clean_stale_removes_leftovers_of_dead_processes_only(tmp_path):
    final = tmp_path / "zeist"
    publish(_report(final, "goed"), final)
    dead, alive = _dead_pid(), os.getpid()
    stale = tmp_path / f".zeist.w-{dead}-0badc0de"
    stale.mkdir()
    (tmp_path / f".zeist.l-{dead}-0badc0de").symlink_to("nergens")
    running = tmp_path / f".zeist.w-{alive}-0000beef"
    running.mkdir()
    removed = clean_stale(tmp_path)
    assert sorted(p.name for p in removed) == sorted([stale.name, f".zeist.l-{dead}-0badc0de"])
    assert running.exists() and (final / "results.json").read_text() == "goed"


def test_clean_stale_puts_back_a_report_moved_aside_just_before_a_kill(tmp_path):
    aside = tmp_path / f".amersfoort.o-{_dead_pid()}-12345678"
    aside.mkdir()
    (aside / "results.json").write_text("oud")
    clean_stale(tmp_path)
    assert (tmp_path / "amersfoort" / "results.json").read_text() == "oud"


def test_discard_removes_link_and_folder(tmp_path):
    final = tmp_path / "alle.fout"
    workspace = _report(final, "fout")
    publish(workspace, final)
    discard(final)
    assert not final.exists() and not final.is_symlink() and not workspace.exists()
    discard(final)  # nothing there: no error
