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
