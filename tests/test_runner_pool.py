"""Plans in parallel: skip-unchanged, rerun on changed input, failures isolated, kill-safe."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from werkplaats.runner.publish import WORKSPACE, clean_stale, new_workspace, publish

pytestmark = pytest.mark.slow  # every test here runs notebooks in kernels or a subprocess

NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
COMPLETE = ("results.json", "run.json", "rapport.html", "telling.ipynb")


def _write_plan(root: Path, name: str, *, faal: bool = False, wacht: float = 0.0,
                gemeenten=("Utrecht",), with_falen: bool = True) -> Path:
    items = [{"notebook": str(root / "telling.ipynb"), "parameters": {"wacht": wacht},
              "grid": {"gemeente": list(gemeenten)}}]
    if with_falen:
        items.append({"notebook": str(root / "falen.ipynb"), "parameters": {"faal": faal}})
    plan = {"reports_dir": str(root / "reports"), "parameters": {"data_dir": str(root / "data")},
            "notebooks": items}
    path = root / name
    path.write_text(yaml.safe_dump(plan))
    return path


def _copy_fixtures(root: Path) -> None:
    for name in ("telling.ipynb", "falen.ipynb"):
        shutil.copy(NOTEBOOKS / name, root / name)
    shutil.copytree(NOTEBOOKS / "data", root / "data")


def _targets(reports: Path) -> dict[str, str]:
    links = [p for p in sorted(reports.glob("*/*")) if p.is_symlink()]
    return {f"{p.parent.name}/{p.name}": os.readlink(p) for p in links}


def _plan(path: Path, *args: str):
    from werkplaats.cli import main

    return CliRunner().invoke(main, ["plan", str(path), "--jobs", "2", *args])


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A plan run four times; what was in place after each run."""
    root = tmp_path_factory.mktemp("plan")
    _copy_fixtures(root)
    reports = root / "reports"
    good, failing = _write_plan(root, "plan.yml"), _write_plan(root, "faal.yml", faal=True)
    steps = {}
    with pytest.MonkeyPatch.context() as patch:  # other work on the package must not change the version
        patch.setattr("werkplaats.runner.pool.workbench_version", lambda: "test")
        patch.setattr("werkplaats.provenance.workbench_version", lambda: "test")
        for step, plan, args in (("first", good, ()), ("again", good, ()), ("touched", good, ()),
                                 ("failing", failing, ("--force",))):
            if step == "touched":
                with open(root / "data" / "telling.csv", "a") as fh:
                    fh.write("P-9999,Utrecht,40\n")
            result = _plan(plan, *args)
            steps[step] = {"exit": result.exit_code, "output": result.output, "targets": _targets(reports),
                           "index": (reports / "index.html").read_text()}
    steps["reports"] = reports
    return steps


def test_first_run_makes_every_report(history):
    first = history["first"]
    assert first["exit"] == 0, first["output"]
    assert set(first["targets"]) == {"telling/utrecht", "falen/alle"}


def test_second_run_executes_no_notebook(history):
    assert history["again"]["exit"] == 0
    assert history["again"]["targets"] == history["first"]["targets"]
    assert "0 gemaakt, 2 ongewijzigd" in history["again"]["output"]


def test_changed_input_reruns_exactly_the_reports_that_read_it(history):
    before, after = history["again"]["targets"], history["touched"]["targets"]
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {"telling/utrecht"}  # falen reads signalen.csv, not telling.csv


def test_failing_report_keeps_its_previous_report_and_the_others_succeed(history):
    failing, reports = history["failing"], history["reports"]
    assert failing["exit"] == 1
    before, after = history["touched"]["targets"], failing["targets"]
    assert after["falen/alle"] == before["falen/alle"]  # the previous good report is still in place
    assert after["telling/utrecht"] != before["telling/utrecht"]  # --force: the other one ran and succeeded
    assert json.loads((reports / "falen" / "alle" / "results.json").read_text())["signalen"] == 25
    assert (reports / "falen" / "alle.fout" / "fout.html").exists()
    index = failing["index"]
    row = index[index.index("<td>falen</td>"):].split("</tr>")[0]
    assert "MISLUKT" in row and "falen/alle.fout/fout.html" in row and "deze run mislukt met opzet" in row
    assert "1 mislukt" in index


def _complete(final: Path) -> bool:
    folder = final.parent / os.readlink(final)
    if not all((folder / name).is_file() for name in COMPLETE):
        return False
    json.loads((folder / "results.json").read_text())
    return json.loads((folder / "run.json").read_text())["status"] == "geslaagd"


def _old_report(final: Path) -> None:
    workspace = new_workspace(final)
    for name in COMPLETE:
        (workspace / name).write_text('{"status": "geslaagd", "oud": true}')
    publish(workspace, final)


def test_sigkill_during_a_plan_never_leaves_a_half_written_report(tmp_path):
    _copy_fixtures(tmp_path)
    plan = _write_plan(tmp_path, "plan.yml", wacht=2.0, gemeenten=("alle", "Utrecht", "Zeist"),
                       with_falen=False)
    finals = [tmp_path / "reports" / "telling" / g for g in ("alle", "utrecht", "zeist")]
    for final in finals:
        _old_report(final)
    command = [sys.executable, "-m", "werkplaats.cli", "plan", str(plan), "--jobs", "2", "--force"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline, checks, replaced = time.monotonic() + 90, 0, 0
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            for final in finals:  # at every instant: the old complete report or the new complete one
                assert final.is_symlink() and _complete(final)
                checks += 1
            replaced = sum('"oud"' not in (f / "run.json").read_text() for f in finals)
            in_progress = [p for p in finals[0].parent.iterdir() if WORKSPACE.match(p.name)
                           and not any(os.readlink(f) == p.name for f in finals)]
            if replaced >= 1 and in_progress:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the plan ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    _wait_until_group_gone(proc.pid, timeout=30)
    assert checks > 10 and replaced >= 1
    for final in finals:
        assert final.is_symlink() and _complete(final)
    clean_stale(finals[0].parent)
    hidden = {p.name for p in finals[0].parent.iterdir() if p.name.startswith(".")}
    assert hidden == {os.readlink(f) for f in finals}  # nothing stale left after the next run's clean-up


def _wait_until_group_gone(pgid: int, timeout: float) -> None:
    """The killed plan's workers stop by themselves (parent-death signal); wait for that."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(pgid, signal.SIGKILL)
    pytest.fail("worker processes were still running after the plan was killed")


def test_sigterm_stops_the_plan_cleanly(tmp_path):
    _copy_fixtures(tmp_path)
    plan = _write_plan(tmp_path, "plan.yml", wacht=30.0, gemeenten=("alle",), with_falen=False)
    final = tmp_path / "reports" / "telling" / "alle"
    _old_report(final)
    proc = subprocess.Popen([sys.executable, "-m", "werkplaats.cli", "plan", str(plan), "--jobs", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    log = final.with_name("alle.log")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and "Executing Cell 4" not in (log.read_text() if log.exists() else ""):
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    _wait_until_group_gone(proc.pid, timeout=30)
    assert proc.returncode == 1, err
    assert "Onderbroken" in err and (tmp_path / "reports" / "index.html").exists()
    assert _complete(final) and '"oud"' in (final / "run.json").read_text()
    assert [p.name for p in final.parent.iterdir() if p.name.startswith(".")] == [os.readlink(final)]
    assert "ONDERBROKEN" in log.read_text()
