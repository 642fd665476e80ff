"""The report commands: werkplaats run, params and plan (exit status 0, 1, 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from werkplaats.cli import main

NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"


@pytest.fixture
def no_kernel(monkeypatch):
    """Fail the test if any notebook would be executed."""
    import papermill

    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)


@pytest.fixture
def workdir(tmp_path) -> Path:
    for name in ("telling.ipynb", "falen.ipynb"):
        shutil.copy(NOTEBOOKS / name, tmp_path / name)
    shutil.copytree(NOTEBOOKS / "data", tmp_path / "data")
    return tmp_path


def _invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_params_lists_parameters_with_defaults_and_comments():
    result = _invoke("params", NOTEBOOKS / "telling.ipynb")
    assert result.exit_code == 0
    assert "min_cel = 10  (geheel getal)  kleinste groep die getoond mag worden" in result.output
    assert _invoke("params", "bestaat/niet.ipynb").exit_code == 2


@pytest.mark.parametrize("args, message", [
    (("-p", "gemeent", "Utrecht"), "onbekende parameter 'gemeent'"),
    (("-p", "min_cel", "tien"), "min_cel verwacht geheel getal"),
    (("-p", "faal", "misschien"), "faal verwacht ja/nee"),
    (("-p", "min_cel", "5", "-p", "min_cel", "6"), "twee keer"),
])
def test_run_with_bad_parameters_exits_2_before_any_kernel(args, message, workdir, no_kernel):
    result = _invoke("run", workdir / "falen.ipynb", *args, "--output-dir", workdir / "uit")
    assert result.exit_code == 2, result.output
    assert message in result.output
    if "onbekende" in message or "verwacht" in message:
        assert "Parameters van falen.ipynb:" in result.output
        assert 'data_dir = "tests/fixtures' in result.output
    assert not (workdir / "uit").exists()


@pytest.mark.slow
def test_run_succeeds_then_fails_keeping_the_report(workdir):
    out = workdir / "uit"
    ok = _invoke("run", workdir / "falen.ipynb", "-p", "data_dir", workdir / "data", "--output-dir", out)
    assert ok.exit_code == 0, ok.output
    assert (out / "rapport.html").exists() and (out / "results.json").exists()
    before = (out / "results.json").read_bytes()
    bad = _invoke("run", workdir / "falen.ipynb", "-p", "data_dir", workdir / "data", "-p", "faal", "ja",
                  "--output-dir", out)
    assert bad.exit_code == 1
    assert "MISLUKT" in bad.output and "RuntimeError: deze run mislukt met opzet" in bad.output
    assert (out / "results.json").read_bytes() == before
    assert (workdir / "uit.fout" / "fout.html").exists()


def test_plan_errors_exit_2_before_any_kernel(workdir, no_kernel):
    broken = workdir / "kapot.yml"
    broken.write_text("notebooks: [\n")
    assert _invoke("plan", broken).exit_code == 2
    bad = workdir / "plan.yml"
    bad.write_text(yaml.safe_dump({"reports_dir": str(workdir / "r"), "notebooks": [
        {"notebook": str(workdir / "falen.ipynb"), "parameters": {"faal": "soms"}}]}))
    result = _invoke("plan", bad)
    assert result.exit_code == 2 and "faal verwacht ja/nee" in result.output
    assert not (workdir / "r").exists()
    assert _invoke("plan", bad, "--jobs", "0").exit_code == 2


# --- Faults while writing and two runs at once (issue 16) ---

def _plan(workdir: Path, reports: Path, gemeenten=("Utrecht",)) -> Path:
    plan = workdir / "plan.yml"
    plan.write_text(yaml.safe_dump({"reports_dir": str(reports), "parameters": {"data_dir": str(workdir / "data")},
                                    "notebooks": [{"notebook": str(workdir / "telling.ipynb"),
                                                   "grid": {"gemeente": list(gemeenten)}}]}))
    return plan


def _one_dutch_line(result) -> str:
    assert "Traceback" not in result.output and "Errno" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    faults = [line for line in result.output.splitlines() if line.startswith("FOUT")]
    assert len(faults) == 1, result.output
    return faults[0]


def test_run_on_a_read_only_folder_is_one_dutch_line(workdir, no_kernel, monkeypatch):
    import errno
    import os

    from werkplaats.runner import publish

    def read_only(final):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(publish, "new_workspace", read_only)
    result = _invoke("run", workdir / "telling.ipynb", "--output-dir", workdir / "uit" / "utrecht")
    assert result.exit_code == 1
    line = _one_dutch_line(result)
    assert f"Kan het rapport niet schrijven in {workdir / 'uit'}: de map staat op een alleen-lezen schijf" in line
    assert not [p for p in (workdir / "uit").iterdir() if p.name != ".werkplaats.lock"]


def test_plan_with_nothing_to_do_never_fails_on_the_index(workdir, no_kernel, monkeypatch):
    import errno

    from werkplaats.runner import execute, index, pool

    def all_unchanged(jobs, **kwargs):
        return [execute.RunOutcome(j.label, j.final, execute.SKIPPED) for j in jobs]

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pool, "run_jobs", all_unchanged)
    monkeypatch.setattr(index, "write_index", full)
    result = _invoke("plan", _plan(workdir, workdir / "rapporten"))
    assert result.exit_code == 0, result.output
    assert "LET OP  Kan het overzicht (index.html) niet schrijven" in result.output
    assert "Traceback" not in result.output

    def all_made(jobs, **kwargs):
        return [execute.RunOutcome(j.label, j.final, execute.SUCCEEDED) for j in jobs]

    monkeypatch.setattr(pool, "run_jobs", all_made)
    result = _invoke("plan", _plan(workdir, workdir / "rapporten"))
    assert result.exit_code == 1
    assert "de schijf is vol" in _one_dutch_line(result)


def test_second_plan_on_the_same_folder_refuses_at_once(workdir, no_kernel):
    import socket
    import subprocess
    import sys

    reports = workdir / "rapporten"
    hold = ("import sys, time\nfrom werkplaats.runner.lock import reports_lock\n"
            "with reports_lock(sys.argv[1]):\n    print('vast', flush=True)\n    time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", hold, str(reports)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "vast"
        result = _invoke("plan", _plan(workdir, reports))
        assert result.exit_code == 1
        line = _one_dutch_line(result)
        assert f"proces {proc.pid} op {socket.gethostname()}, gestart" in line
        assert not (reports / "index.html").exists()
    finally:
        proc.kill()
        proc.wait()


def test_plan_refuses_a_gemeente_named_alle_in_the_data(workdir, no_kernel):
    data = workdir / "data" / "telling.csv"
    data.write_text(data.read_text(encoding="utf-8").rstrip("\n") + "\nP-9999,Alle,40\n", encoding="utf-8")
    plan = workdir / "plan.yml"
    plan.write_text(yaml.safe_dump({"reports_dir": str(workdir / "r"),
                                    "parameters": {"data_dir": str(workdir / "data")},
                                    "notebooks": [{"notebook": str(workdir / "telling.ipynb"),
                                                   "grid": {"gemeente": {"from_data": "telling"}}}]}))
    result = _invoke("plan", plan)
    assert result.exit_code == 2
    assert "'alle' betekent in een plan het rapport over alle gemeenten samen" in result.output


def test_plan_with_nothing_to_do_on_a_read_only_reports_folder_succeeds(workdir, no_kernel, monkeypatch):
    import errno

    from werkplaats.runner import execute, index, lock, pool

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(lock, "_acquire", read_only)
    monkeypatch.setattr(index, "write_index", read_only)
    monkeypatch.setattr(pool, "run_jobs", lambda jobs, **kw: [execute.RunOutcome(j.label, j.final, execute.SKIPPED)
                                                              for j in jobs])
    result = _invoke("plan", _plan(workdir, workdir / "rapporten"))
    assert result.exit_code == 0, result.output
    assert "1 rapporten: 0 gemaakt, 1 ongewijzigd" in result.output and "Traceback" not in result.output
