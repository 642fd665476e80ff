"""One report run: checked before a kernel starts, complete report or none, error report."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from werkplaats.errors import ParameterError
from werkplaats.runner.execute import FAILED, SUCCEEDED, prepare_job, run_report

NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("runner")
    for name in ("telling.ipynb", "falen.ipynb"):
        shutil.copy(NOTEBOOKS / name, root / name)
    shutil.copytree(NOTEBOOKS / "data", root / "data")
    return root


@pytest.fixture(scope="module")
def telling_report(workdir):
    job = prepare_job(workdir / "telling.ipynb", {"gemeente": "Utrecht", "data_dir": str(workdir / "data")},
                      reports_dir=workdir / "reports")
    outcome = run_report(job)
    assert outcome.status == SUCCEEDED, outcome.message
    return job


def test_bad_parameters_fail_before_any_kernel_starts(workdir, monkeypatch):
    import papermill

    def no_kernel(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(papermill, "execute_notebook", no_kernel)
    with pytest.raises(ParameterError, match="onbekende parameter 'gemeent'"):
        prepare_job(workdir / "telling.ipynb", {"gemeent": "Utrecht"}, reports_dir=workdir / "r")
    with pytest.raises(ParameterError, match="min_cel verwacht geheel getal"):
        prepare_job(workdir / "telling.ipynb", {"min_cel": "veel"}, reports_dir=workdir / "r")
    assert not (workdir / "r").exists()


def test_report_folder_holds_notebook_html_results_and_figures(telling_report):
    final = telling_report.final
    assert final == telling_report.final.parent.parent / "telling" / "utrecht"
    assert final.is_symlink()
    names = {p.name for p in final.iterdir()}
    assert {"telling.ipynb", "rapport.html", "results.json", "run.json", "figuren"} <= names
    assert (final / "figuren" / "aantallen.png").stat().st_size > 0
    assert "Executing Cell" in telling_report.log_path.read_text()
    assert not [p for p in final.parent.iterdir() if p.name.startswith(".") and not final.samefile(p)]


def test_provenance_in_results_json_and_html_footer(telling_report, workdir):
    results = json.loads((telling_report.final / "results.json").read_text())
    prov = results["provenance"]
    sha = hashlib.sha256((workdir / "data" / "telling.csv").read_bytes()).hexdigest()
    assert prov["inputs"] == {"telling.csv": sha}
    assert prov["parameters"]["gemeente"] == "Utrecht" and prov["parameters"]["min_cel"] == 10
    assert prov["parameters"]["output_dir"] == ""  # as asked, not the temporary folder
    assert prov["werkplaats_version"] and "git_commit" in prov and prov["created"]
    assert prov["duration_seconds"] > 0
    page = (telling_report.final / "rapport.html").read_text()
    footer = page[page.index("Herkomst van dit rapport"):]
    assert sha in footer and "Utrecht" in footer and "duur" in footer and "werkbankversie" in footer


def test_one_provenance_in_results_json_html_and_run_json(telling_report):
    """Written once: results.json, run.json and the footer carry the same provenance and version."""
    from werkplaats.provenance import workbench_version

    prov = json.loads((telling_report.final / "results.json").read_text())["provenance"]
    manifest = json.loads((telling_report.final / "run.json").read_text())
    assert manifest["provenance"] == prov
    assert manifest["werkplaats_version"] == prov["werkplaats_version"] == workbench_version()
    assert "+" in prov["werkplaats_version"]  # version with source digest, never the bare "0.1.0"
    page = (telling_report.final / "rapport.html").read_text()
    assert html.escape(prov["werkplaats_version"]) in page[page.index("Herkomst van dit rapport"):]


def test_html_has_no_code_no_identifiers_and_is_self_contained(telling_report):
    page = (telling_report.final / "rapport.html").read_text()
    for code in ("import pandas", "write_results", "geheim_tabel", "groupby", "wacht = "):
        assert code not in page
    assert not re.search(r"P-\d{4}", page)  # an id literal stands in a code cell of the notebook
    assert "interne_waarschuwing_niet_voor_lezers" not in page  # stderr is not for readers
    body = page.split("<body", 1)[1]
    assert "jp-CodeMirrorEditor" not in body and "hl-ipython3" not in body  # no code cell inputs
    assert "In&nbsp;[" not in body and "Out[" not in body  # no prompts
    assert '<html lang="nl">' in page
    assert "data:image/png;base64," in page
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"http", page)
    assert "Aantal mensen per gemeente" in page
    for path in (telling_report.final / "telling.ipynb", telling_report.final / "rapport.html"):
        assert ".utrecht.w-" not in path.read_text()  # no trace of the temporary folder


def test_failure_keeps_the_good_report_and_leaves_an_error_report(workdir):
    params = {"data_dir": str(workdir / "data")}
    failing = prepare_job(workdir / "falen.ipynb", {**params, "faal": True}, reports_dir=workdir / "reports")
    outcome = run_report(failing)
    assert outcome.status == FAILED and "RuntimeError: deze run mislukt met opzet" in outcome.message
    assert not failing.final.exists() and failing.error_final.is_dir()
    assert "nog geen eerder goed rapport" in (failing.error_final / "fout.html").read_text()

    good = prepare_job(workdir / "falen.ipynb", params, reports_dir=workdir / "reports")
    assert run_report(good).status == SUCCEEDED
    assert not failing.error_final.exists()  # a success clears the old error report
    before = {p.name: p.read_bytes() for p in good.final.iterdir() if p.is_file()}

    assert run_report(failing).status == FAILED
    assert {p.name: p.read_bytes() for p in good.final.iterdir() if p.is_file()} == before
    details = json.loads((failing.error_final / "fout.json").read_text())
    assert details["cell"] == 4 and details["error"] == "RuntimeError"
    assert "raise RuntimeError" in details["cell_source"]
    page = (failing.error_final / "fout.html").read_text()
    assert "Het vorige goede rapport blijft staan" in page and "../alle/rapport.html" in page
    assert (failing.error_final / "falen.ipynb").exists()
    assert [p.name for p in failing.final.parent.iterdir() if p.name.startswith(".")
            and not p.samefile(good.final) and not p.samefile(failing.error_final)] == []


def test_a_report_is_never_written_into_data_raw(workdir):
    raw = workdir / "data" / "raw"
    with pytest.raises(ParameterError, match="nooit in data/raw"):
        prepare_job(workdir / "telling.ipynb", {"output_dir": str(raw / "rapport")})
    with pytest.raises(ParameterError, match="nooit in data/raw"):
        prepare_job(workdir / "telling.ipynb", {}, reports_dir=raw)
    assert not raw.exists()


def test_a_folder_that_is_not_a_report_is_refused_before_the_run(workdir):
    own = workdir / "scriptie"
    own.mkdir()
    (own / "hoofdstuk1.docx").write_text("eigen werk")
    with pytest.raises(ParameterError, match="geen rapport"):
        prepare_job(workdir / "telling.ipynb", {"output_dir": str(own)})
    assert sorted(p.name for p in own.iterdir()) == ["hoofdstuk1.docx"]


# --- Faults while writing (issue 16): one Dutch line, previous report intact, nothing left behind ---

import errno  # noqa: E402

from werkplaats.runner import execute, failure, publish  # noqa: E402


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) if folder.exists() else []


@pytest.fixture
def fault_job(workdir, tmp_path):
    job = prepare_job(workdir / "telling.ipynb", {"gemeente": "Zeist", "data_dir": str(workdir / "data")},
                      reports_dir=tmp_path / "reports")
    previous = publish.new_workspace(job.final)  # a previous good report
    (previous / "run.json").write_text("{}", encoding="utf-8")
    (previous / "rapport.html").write_text("vorige", encoding="utf-8")
    publish.publish(previous, job.final)
    return job


@pytest.mark.parametrize("code, reason", [(errno.EROFS, "de map staat op een alleen-lezen schijf"),
                                          (errno.ENOSPC, "de schijf is vol"), (errno.EACCES, "geen schrijfrechten")])
def test_unwritable_folder_is_one_dutch_line(fault_job, monkeypatch, code, reason):
    def refuse(final):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(publish, "new_workspace", refuse)
    outcome = run_report(fault_job)
    assert outcome.status == FAILED and outcome.extra["write_fault"]
    assert outcome.message.startswith(f"Kan het rapport niet schrijven in {fault_job.final.parent}: {reason}.")
    assert "het vorige rapport staat er nog" in outcome.message and "Errno" not in outcome.message
    assert (fault_job.final / "rapport.html").read_text() == "vorige"


def test_disk_full_during_the_run_keeps_the_previous_report(fault_job, monkeypatch):
    def full(job, workspace):
        (workspace / "half.ipynb").write_text("x")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(execute, "_execute", full)
    before = _hidden(fault_job.final.parent)
    outcome = run_report(fault_job)
    assert outcome.extra.get("write_fault") and "de schijf is vol" in outcome.message
    assert (fault_job.final / "rapport.html").read_text() == "vorige"
    assert _hidden(fault_job.final.parent) == before  # no workspace left behind
    assert not fault_job.error_final.exists()


def test_failed_error_report_write_leaves_nothing(fault_job, monkeypatch):
    def boom(job, workspace):
        raise RuntimeError("notebook faalt")

    def full(folder, details, **page):
        (folder / "fout.json").write_text("{")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(execute, "_execute", boom)
    monkeypatch.setattr(failure, "write_error_files", full)
    before = _hidden(fault_job.final.parent)
    outcome = run_report(fault_job)
    assert outcome.status == FAILED and "de schijf is vol" in outcome.message
    assert _hidden(fault_job.final.parent) == before
    assert not fault_job.error_final.exists()
    assert (fault_job.final / "rapport.html").read_text() == "vorige"


def _leaky_notebook(path: Path, count: int) -> Path:
    """A notebook that publishes one table with a count of ``count`` (roles declared)."""
    import nbformat

    params = nbformat.v4.new_code_cell('gemeente = "alle"\nmin_cel = 10\noutput_dir = ""\ndata_dir = ""')
    params.metadata["tags"] = ["parameters"]
    code = (
        "import pandas as pd\n"
        "from werkplaats.paths import output_dir_for\n"
        "from werkplaats.results import table_record, write_results\n"
        "from werkplaats.roles import count, declare, label\n"
        f"t = declare(pd.DataFrame({{'bron': ['a', 'b'], 'n': [30, {count}]}}), unit='huishoudens',\n"
        "            columns={'bron': label('bron'), 'n': count('huishoudens')})\n"
        "uit = output_dir_for(output_dir, 'lek', gemeente)\n"
        "_ = write_results(uit, 'lek', {'tabellen': {'t': table_record(t)}}, parameters={}, inputs=[])\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Lek"), params,
                                         nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_the_audit_refuses_to_publish_a_report_that_gives_a_small_figure_back(tmp_path):
    good = prepare_job(_leaky_notebook(tmp_path / "lek.ipynb", 25), {}, reports_dir=tmp_path / "reports")
    assert run_report(good).status == SUCCEEDED
    published = (good.final / "results.json").read_text(encoding="utf-8")
    leaky = prepare_job(_leaky_notebook(tmp_path / "lek.ipynb", 7), {}, reports_dir=tmp_path / "reports")
    outcome = run_report(leaky)
    assert outcome.status == FAILED
    assert "niet gepubliceerd" in outcome.message and "tabel 't', rij 2, kolom 'n'" in outcome.message
    assert (good.final / "results.json").read_text(encoding="utf-8") == published  # the previous report stays


def test_kernel_write_fault_names_the_folder_it_could_not_write(fault_job, monkeypatch, tmp_path):
    class KernelError(Exception):
        ename = "OSError"
        evalue = f"[Errno 30] Read-only file system: '{tmp_path / 'data' / 'processed' / 'x.parquet'}'"

    def kernel_fails(job, workspace):
        raise KernelError()

    monkeypatch.setattr(execute, "_execute", kernel_fails)
    outcome = run_report(fault_job)
    assert outcome.extra.get("write_fault")
    processed = tmp_path / "data" / "processed"
    assert outcome.message.startswith(f"Kan een bestand van het rapport niet schrijven in {processed}: "
                                      "de map staat op een alleen-lezen schijf")
    assert not fault_job.error_final.exists()


@pytest.mark.slow
def test_a_min_cel_below_the_default_is_never_published_into_reports_unless_asked(workdir):
    with pytest.raises(ParameterError, match="niet voor publicatie"):
        prepare_job(workdir / "telling.ipynb", {"min_cel": "5", "data_dir": str(workdir / "data")},
                    reports_dir=workdir / "laag")
    elsewhere = prepare_job(workdir / "telling.ipynb", {"min_cel": "5", "data_dir": str(workdir / "data")},
                            output_dir=workdir / "analyse-laag")  # for analysis: allowed outside reports/
    asked = prepare_job(workdir / "telling.ipynb", {"min_cel": "5", "data_dir": str(workdir / "data")},
                        reports_dir=workdir / "laag", allow_low_min_cel=True)
    assert run_report(asked).status == SUCCEEDED
    page = (asked.final / "rapport.html").read_text(encoding="utf-8")
    assert "Dit rapport is niet voor publicatie" in page and "min_cel 5" in page
    assert elsewhere.final == workdir / "analyse-laag"


@pytest.mark.slow
def test_a_research_line_report_without_its_tables_is_not_published(tmp_path):
    """The gate fails closed: a line's report whose results.json has no tables cannot be audited."""
    import nbformat

    params = nbformat.v4.new_code_cell('gemeente = "alle"\nmin_cel = 10\noutput_dir = ""')
    params.metadata["tags"] = ["parameters"]
    code = ("from werkplaats.paths import output_dir_for\nfrom werkplaats.results import write_results\n"
            "_ = write_results(output_dir_for(output_dir, 'eenzaamheid', gemeente), 'eenzaamheid', {},"
            " parameters={}, inputs=[])\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Zonder tabellen"), params,
                                         nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (tmp_path / "eenzaamheid").mkdir()
    path = tmp_path / "eenzaamheid" / "eenzaamheid.ipynb"
    nbformat.write(nb, path)
    job = prepare_job(path, {}, reports_dir=tmp_path / "reports")
    outcome = run_report(job)
    assert outcome.status == FAILED and "bevat de tabellen van het rapport niet" in outcome.message
    assert not job.final.exists()
