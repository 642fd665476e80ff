"""One report run: check, execute with papermill in a workspace, export, switch into place.

A run writes into a hidden workspace beside the report folder. Only a complete run
(executed notebook, results.json with provenance, figures, the HTML for readers and
run.json) is switched into place (:mod:`werkplaats.runner.publish`). A failed run leaves
the previous good report untouched and an error report beside it (``<report>.fout``).

>>> job = prepare_job("tests/fixtures/notebooks/falen.ipynb", {"gemeente": "Den Haag"},
...                   reports_dir="/tmp/rapporten")  # doctest: +SKIP
>>> job.final  # doctest: +SKIP
PosixPath('/tmp/rapporten/falen/den-haag')
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from werkplaats.errors import ParameterError, WerkplaatsError, write_fault
from werkplaats.paths import ensure_not_raw, project_root, resolve, slug
from werkplaats.runner import failure, publish
from werkplaats.runner.fingerprint import fingerprint, inputs_read
from werkplaats.runner.logfile import note, report_log
from werkplaats.runner.params import check_parameters, notebook_parameters, parameter_listing

__all__ = ["FAILED", "HTML_NAME", "MANIFEST_NAME", "SKIPPED", "SUCCEEDED", "ReportJob", "RunOutcome", "prepare_job",
           "read_manifest", "refuse_disclosure", "run_report"]

HTML_NAME = "rapport.html"
MANIFEST_NAME = "run.json"
SUCCEEDED, FAILED, SKIPPED = "geslaagd", "mislukt", "ongewijzigd"


@dataclass(frozen=True)
class ReportJob:
    """A checked request for one report: notebook, all parameter values, where it goes."""

    notebook: Path
    parameters: dict
    final: Path
    requested_output_dir: str = ""

    @property
    def analysis(self) -> str:
        """The analysis name: the notebook's file name without ``.ipynb``."""
        return self.notebook.stem

    @property
    def label(self) -> str:
        """``analysis/report folder``, for messages and the log."""
        return f"{self.analysis}/{self.final.name}"

    @property
    def error_final(self) -> Path:
        """Where the error report of a failed run goes."""
        return self.final.with_name(self.final.name + ".fout")

    @property
    def log_path(self) -> Path:
        """The log file of the latest run of this report."""
        return self.final.with_name(self.final.name + ".log")


@dataclass
class RunOutcome:
    """What happened to one report."""

    label: str
    final: Path
    status: str
    duration: float = 0.0
    message: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the report in place is current (made now or unchanged)."""
        return self.status in {SUCCEEDED, SKIPPED}


def prepare_job(notebook: str | os.PathLike[str], given: Mapping[str, object], *,
                output_dir: str | os.PathLike[str] | None = None,
                reports_dir: str | os.PathLike[str] | None = None,
                allow_low_min_cel: bool = False) -> ReportJob:
    """Check ``given`` against the notebook's parameters cell and decide the report folder.

    Raises :class:`ParameterError` before anything runs. The folder is ``output_dir`` when
    given, else ``<reports_dir>/<analysis>/<gemeente>`` (reports_dir: ``reports`` in the project).
    A ``min_cel`` below the default is for analysis: such a report goes to an ``output_dir``,
    never into the reports folder unless ``allow_low_min_cel`` (it is marked not for publication).
    """
    path = resolve(notebook)
    declared = notebook_parameters(path)
    given = dict(given)
    if "output_dir" in given:
        output_dir = output_dir or str(given.pop("output_dir") or "") or None
    values = check_parameters(path, given, declared=declared)
    if "output_dir" not in values:
        raise ParameterError(f"{path.name}: het notebook heeft geen parameter output_dir; de runner kan "
                             f"het rapport dan niet in een eigen map laten schrijven.\n"
                             f"Parameters van {path.name}:\n{parameter_listing(declared)}")
    _check_min_cel(path, values, into_reports=not output_dir, allowed=allow_low_min_cel)
    if output_dir:
        final = Path(os.path.abspath(Path(output_dir).expanduser()))
    else:
        base = resolve(reports_dir) if reports_dir else project_root() / "reports"
        final = base / path.stem / slug(str(values.get("gemeente", "alle")))
    try:
        ensure_not_raw(final)
    except WerkplaatsError as exc:
        raise ParameterError(f"{path.name}: output_dir {final}: de runner schrijft nooit in data/raw; "
                             f"kies een map onder reports/.") from exc
    try:
        publish.check_target(final)
    except WerkplaatsError as exc:
        raise ParameterError(f"{path.name}: {exc}") from exc
    shown = _shown_path(final) if output_dir else ""
    values["output_dir"] = shown
    return ReportJob(path, values, final, shown)


def _check_min_cel(path: Path, values: Mapping[str, object], *, into_reports: bool, allowed: bool) -> None:
    from werkplaats.privacy import MIN_CEL

    min_cel = values.get("min_cel")
    if isinstance(min_cel, int) and min_cel < MIN_CEL and into_reports and not allowed:
        raise ParameterError(f"{path.name}: min_cel {min_cel} is lager dan de standaard {MIN_CEL}. Zo'n rapport is "
                             f"voor analyse, niet voor publicatie: geef --output-dir buiten reports/, of "
                             f"--lage-min-cel om het toch in reports/ te zetten (gemarkeerd 'niet voor publicatie').")


def _shown_path(path: Path) -> str:
    """``path`` relative to the project root when inside it (provenance without machine paths)."""
    try:
        return str(path.relative_to(project_root()))
    except ValueError:
        return str(path)


def read_manifest(final: Path) -> dict | None:
    """run.json of the report in place (None when there is no complete report)."""
    folder = publish.current_report(final)
    try:
        return json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8")) if folder else None
    except (OSError, ValueError):
        return None


def run_report(job: ReportJob) -> RunOutcome:
    """Run one report (see module docstring); never raises for a failing notebook, nor for a
    folder that cannot be written (read-only, full disk, no permission): that outcome has one
    Dutch message (``extra["write_fault"]``), the previous report stays and nothing is left behind."""
    import papermill  # noqa: F401  (slow first import: not part of the run's duration)

    try:
        workspace = publish.new_workspace(job.final)
    except OSError as exc:
        return _write_fault_outcome(job, exc)
    try:
        return _run_in(job, workspace)
    except OSError as exc:  # the log, the workspace or the switch could not be written
        return _write_fault_outcome(job, exc)
    finally:
        if workspace.exists() and publish.current_report(job.final) != workspace:
            shutil.rmtree(workspace, ignore_errors=True)


def _write_fault_outcome(job: ReportJob, exc: OSError, duration: float = 0.0) -> RunOutcome:
    """A write fault as an outcome; the folder named is where the write failed (the report's
    folder, or for example data/processed when the notebook could not write there)."""
    where = Path(exc.filename).parent if exc.filename else job.final.parent
    inside = where == job.final.parent or job.final.parent in where.parents or where.name.startswith(".")
    message = str(write_fault(exc, job.final.parent if inside else where,
                              "het rapport" if inside else "een bestand van het rapport"))
    return RunOutcome(job.label, job.final, FAILED, duration, message, extra={"write_fault": True})


def _run_in(job: ReportJob, workspace: Path) -> RunOutcome:
    notebook_bytes = job.notebook.read_bytes()
    started = dt.datetime.now().astimezone()
    clock = time.perf_counter()
    with report_log(job.log_path):
        note(f"{started:%Y-%m-%d %H:%M:%S} start {job.label}: {job.notebook} {job.parameters}")
        try:
            executed = _execute(job, workspace)
            refuse_disclosure(job, workspace)
            duration = time.perf_counter() - clock
            _finish(job, workspace, executed, notebook_bytes, started, duration)
        except Exception as exc:  # any failure of this run: report it, keep the old report
            duration = time.perf_counter() - clock
            if _is_write_fault(exc):
                note(f"MISLUKT na {duration:.1f} s: schrijven mislukt ({exc}).")
                return _write_fault_outcome(job, _as_os_error(exc), duration)
            try:
                details = _write_error_report(job, workspace, exc, started, duration)
            except OSError as fault:  # no room even for the error report: say so, leave nothing
                note(f"MISLUKT na {duration:.1f} s; ook het foutrapport kon niet worden geschreven ({fault}).")
                return _write_fault_outcome(job, fault, duration)
            note(f"MISLUKT na {duration:.1f} s: {failure.summary(details)}")
            return RunOutcome(job.label, job.final, FAILED, duration, failure.summary(details))
        except BaseException:
            note(f"ONDERBROKEN na {time.perf_counter() - clock:.1f} s; het vorige rapport blijft staan.")
            raise
        publish.publish(workspace, job.final)
        publish.discard(job.error_final)
        note(f"klaar in {duration:.1f} s: {job.final}")
    return RunOutcome(job.label, job.final, SUCCEEDED, duration)


WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})


def _is_write_fault(exc: BaseException) -> bool:
    """A full disk or unwritable folder, also when the notebook's kernel hit it (papermill then
    raises its own error with the OSError's text)."""
    if isinstance(exc, OSError):
        return exc.errno in WRITE_ERRNOS
    text = f"{getattr(exc, 'ename', '')} {getattr(exc, 'evalue', '')}"
    return any(f"[Errno {code}]" in text for code in WRITE_ERRNOS)


def _as_os_error(exc: BaseException) -> OSError:
    if isinstance(exc, OSError):
        return exc
    text = f"{getattr(exc, 'evalue', '')}"
    code = next((c for c in WRITE_ERRNOS if f"[Errno {c}]" in text), errno.EIO)
    path = re.search(r"\[Errno \d+\] [^:]*: '([^']+)'", text)
    return OSError(code, os.strerror(code), path.group(1) if path else None)


def refuse_disclosure(job: ReportJob, workspace: Path) -> None:
    """The audit before publishing (:mod:`werkplaats.audit`): a report whose results.json gives
    back a figure on fewer than ``min_cel`` people is not published (a Dutch PrivacyError names
    the table and the cell; the previous report stays)."""
    from werkplaats.audit import audit_report, read_report
    from werkplaats.errors import PrivacyError
    from werkplaats.lines import registered
    from werkplaats.privacy import MIN_CEL

    path = workspace / "results.json"
    is_line = job.analysis in {line.name for line in registered()}
    if not path.exists():
        if is_line:
            raise PrivacyError("niet gepubliceerd: het notebook schreef geen results.json, dus de controle vóór "
                               "publicatie kan niet gedaan worden. Het vorige rapport blijft staan.")
        return
    document, tables = read_report(path)
    if is_line and "tabellen" not in document:
        raise PrivacyError("niet gepubliceerd: results.json bevat de tabellen van het rapport niet (gebruik "
                           "werkplaats.results.save_results), dus de controle vóór publicatie kan niet gedaan "
                           "worden. Het vorige rapport blijft staan.")
    found = audit_report(tables, min_cel=int(job.parameters.get("min_cel") or MIN_CEL))
    if found:
        more = f" (en nog {len(found) - 1} cijfer(s))" if len(found) > 1 else ""
        raise PrivacyError(f"niet gepubliceerd: de controle vóór publicatie rekent een afgeschermd cijfer "
                           f"terug: {found[0]}{more}. Het vorige rapport blijft staan.")


def _execute(job: ReportJob, workspace: Path):
    import papermill

    parameters = {**job.parameters, "output_dir": str(workspace)}
    return papermill.execute_notebook(
        str(job.notebook), str(workspace / f"{job.analysis}.ipynb"), parameters=parameters,
        progress_bar=False, log_output=True, request_save_on_cell_execute=False,
    )


def _finish(job: ReportJob, workspace: Path, executed, notebook_bytes: bytes,
            started: dt.datetime, duration: float) -> None:
    """results.json provenance, the reader's HTML and run.json, all inside the workspace."""
    from werkplaats.runner.report_html import report_html

    results = _write_provenance(job, workspace, started, duration)
    prov = results["provenance"]
    executed = _without_workspace_path(job, workspace, executed)
    title = _title(executed, job)
    (workspace / HTML_NAME).write_text(report_html(executed, title=title, provenance=prov),
                                       encoding="utf-8")
    data_dir = resolve(str(job.parameters["data_dir"])) if "data_dir" in job.parameters else None
    inputs = inputs_read(results, data_dir)
    notebook_sha = hashlib.sha256(notebook_bytes).hexdigest()
    version = prov["werkplaats_version"]
    manifest = {
        "status": SUCCEEDED, "analysis": job.analysis, "title": title, "notebook": str(job.notebook),
        "notebook_sha256": notebook_sha, "parameters": job.parameters, "inputs": inputs,
        "werkplaats_version": version, "provenance": prov,
        "fingerprint": fingerprint(notebook_sha, job.parameters, inputs, version),
        "started": prov["created"], "duration_seconds": prov["duration_seconds"],
        "files": {"html": HTML_NAME, "notebook": f"{job.analysis}.ipynb", "results": "results.json"},
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2, default=str)
    (workspace / MANIFEST_NAME).write_text(text + "\n", encoding="utf-8")
    _readable(workspace)


def _readable(folder: Path) -> None:
    """Give every file the mode a new file gets (temporary files are created 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    for path in folder.rglob("*"):
        if path.is_file():
            path.chmod(0o666 & ~umask)


def _without_workspace_path(job: ReportJob, workspace: Path, executed):
    """The executed notebook with the temporary folder's path replaced by the report's own
    (in the injected parameters and in anything the notebook printed)."""
    import nbformat

    path = workspace / f"{job.analysis}.ipynb"
    text = path.read_text(encoding="utf-8")
    if str(workspace) not in text:
        return executed
    text = text.replace(str(workspace), _shown_path(job.final))
    path.write_text(text, encoding="utf-8")
    return nbformat.reads(text, as_version=4)


def _write_provenance(job: ReportJob, workspace: Path, started: dt.datetime, duration: float) -> dict:
    """results.json with the run's one provenance (complete parameters, inputs, version, time);
    made with only the provenance when the notebook wrote no results.json."""
    from werkplaats.provenance import provenance
    from werkplaats.runner.fingerprint import dataset_files

    path = workspace / "results.json"
    results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"analysis": job.analysis}
    data_dir = resolve(str(job.parameters["data_dir"])) if job.parameters.get("data_dir") else None
    recorded_prov = results.get("provenance")
    recorded = (recorded_prov.get("inputs") if isinstance(recorded_prov, dict) else None) or {}
    inputs = [data_dir / name for name in recorded] if data_dir is not None else []
    if not inputs or not all(p.is_file() for p in inputs):
        inputs = dataset_files(data_dir)
    results["provenance"] = provenance(job.parameters, inputs, started=started, duration=duration)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return results


def _title(executed, job: ReportJob) -> str:
    heading = next((line.lstrip("# ").strip() for cell in executed.cells if cell.cell_type == "markdown"
                    for line in cell.source.splitlines() if line.startswith("# ")), job.analysis)
    gemeente = job.parameters.get("gemeente")
    return f"{heading} — {gemeente}" if gemeente and gemeente != "alle" else heading


def _write_error_report(job: ReportJob, workspace: Path, exc: BaseException,
                        started: dt.datetime, duration: float) -> dict:
    """Publish ``<report>.fout`` (fout.html, fout.json, the notebook up to the error)."""
    details = {**failure.failure_details(exc), "analysis": job.analysis, "notebook": str(job.notebook),
               "parameters": job.parameters, "started": started.isoformat(timespec="seconds"),
               "duration_seconds": round(duration, 2), "status": FAILED}
    folder = publish.new_workspace(job.error_final)
    try:
        executed = workspace / f"{job.analysis}.ipynb"
        notebook_file = None
        if executed.exists():
            shutil.move(executed, folder / executed.name)
            notebook_file = executed.name
        previous = f"../{job.final.name}/{HTML_NAME}" if read_manifest(job.final) else None
        failure.write_error_files(folder, details, title=job.label, previous=previous,
                                  notebook_file=notebook_file, log_file=f"../{job.log_path.name}")
        publish.publish(folder, job.error_final)
    except BaseException:
        if publish.current_report(job.error_final) != folder:
            shutil.rmtree(folder, ignore_errors=True)  # a failed error-report write leaves nothing
        raise
    return details
