"""The report commands of ``werkplaats``: ``run``, ``params`` and ``plan``.

Exit status: 0 every report succeeded (or was unchanged), 1 at least one failed, the run was
stopped, another run holds the reports folder (:mod:`werkplaats.runner.lock`) or the folder
cannot be written (one Dutch line, no traceback), 2 a bad plan or bad parameters (nothing was
run). A plan with nothing to do never fails on writing the index.

>>> from click.testing import CliRunner
>>> CliRunner().invoke(params_command, ["bestaat-niet.ipynb"]).exit_code
2
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

__all__ = ["params_command", "plan_command", "run_command", "skip_slow_iri_checker"]

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def skip_slow_iri_checker() -> None:
    """Keep jsonschema from building its optional IRI parser (rfc3987_syntax) on import.

    nbformat imports jsonschema, which compiles ~35 Earley grammars at import time when
    rfc3987-syntax is installed (3-5 s here; python-jsonschema/jsonschema#1428). Notebook
    schemas use no IRI formats, so the report commands do without it.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def _fail(message: str, status: int = EXIT_BAD_INPUT) -> None:
    click.echo(f"FOUT  {message}", err=True)
    sys.exit(status)


@click.command("params")
@click.argument("notebook", type=click.Path(path_type=Path))
def params_command(notebook: Path) -> None:
    """Toon de parameters van een notebook met hun standaardwaarde en uitleg."""
    from werkplaats.errors import WerkplaatsError
    from werkplaats.paths import resolve
    from werkplaats.runner.params import notebook_parameters, parameter_listing

    try:
        declared = notebook_parameters(resolve(notebook))
    except WerkplaatsError as exc:
        _fail(str(exc))
    click.echo(f"Parameters van {notebook}:\n{parameter_listing(declared)}")


@click.command("run")
@click.argument("notebook", type=click.Path(path_type=Path))
@click.option("-p", "--parameter", "parameters", nargs=2, multiple=True, metavar="NAAM WAARDE",
              help="een parameter van het notebook (herhaal voor meer)")
@click.option("--output-dir", type=click.Path(path_type=Path), default=None,
              help="map voor het rapport (standaard reports/<analyse>/<gemeente>)")
@click.option("--lage-min-cel", "low_min_cel", is_flag=True,
              help="zet een rapport met min_cel onder de standaard toch in reports/ (gemarkeerd: niet voor publicatie)")
def run_command(notebook: Path, parameters: tuple[tuple[str, str], ...], output_dir: Path | None,
                low_min_cel: bool) -> None:
    """Voer één notebook uit en maak er een rapport van (HTML zonder code, results.json, figuren)."""
    from werkplaats.errors import WerkplaatsError, write_fault
    from werkplaats.runner.execute import prepare_job
    from werkplaats.runner.lock import LockHeld, reports_lock

    skip_slow_iri_checker()
    given: dict[str, str] = {}
    for name, value in parameters:
        if name in given:
            _fail(f"parameter {name} is twee keer gegeven.")
        given[name] = value
    try:
        job = prepare_job(notebook, given, output_dir=output_dir, allow_low_min_cel=low_min_cel)
    except WerkplaatsError as exc:
        _fail(str(exc))
    try:
        with reports_lock(job.final.parent):
            outcome = _run_single(job)
    except LockHeld as exc:
        _fail(str(exc), EXIT_FAILED)
    except OSError as exc:
        _fail(str(write_fault(exc, job.final.parent)), EXIT_FAILED)
    if outcome.extra.get("write_fault"):
        _fail(outcome.message, EXIT_FAILED)
    if not outcome.ok:
        click.echo(f"MISLUKT {job.label}: {outcome.message}\n  foutrapport: {job.error_final / 'fout.html'}\n"
                   f"  het vorige goede rapport (als dat er was) staat er nog.", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(f"Klaar in {outcome.duration:.1f} s: {job.final / 'rapport.html'}")


def _run_single(job):
    from werkplaats.runner import publish
    from werkplaats.runner.execute import run_report
    from werkplaats.runner.pool import sigterm_as_interrupt

    with contextlib.suppress(OSError):  # tidying up is best effort (a read-only folder)
        publish.clean_stale(job.final.parent)
    click.echo(f"Bezig: {job.label} (log: {job.log_path})", err=True)
    try:
        with sigterm_as_interrupt():
            return run_report(job)
    except KeyboardInterrupt:
        _fail("onderbroken; het vorige rapport (als dat er was) staat er nog.", EXIT_FAILED)
        raise  # not reached


@click.command("plan")
@click.argument("plan_file", metavar="PLAN.yml", type=click.Path(path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="aantal rapporten tegelijk (standaard: aantal processorkernen)")
@click.option("--force", is_flag=True, help="maak ook rapporten opnieuw waaraan niets veranderd is")
@click.option("--reports-dir", type=click.Path(path_type=Path), default=None,
              help="map voor de rapporten (standaard uit het plan, anders reports/)")
def plan_command(plan_file: Path, jobs: int | None, force: bool, reports_dir: Path | None) -> None:
    """Maak alle rapporten van een plan, parallel; sla ongewijzigde rapporten over."""
    from werkplaats.errors import write_fault
    from werkplaats.paths import resolve
    from werkplaats.runner.execute import SKIPPED, SUCCEEDED
    from werkplaats.runner.lock import LockHeld, reports_lock
    from werkplaats.runner.plan import PlanError, load_plan

    skip_slow_iri_checker()
    try:
        report_jobs = load_plan(resolve(plan_file), reports_dir=reports_dir)
    except PlanError as exc:
        _fail(str(exc))
    roots = sorted({job.final.parent.parent for job in report_jobs})
    try:
        with contextlib.ExitStack() as locks:
            for folder in roots + sorted({job.final.parent for job in report_jobs}):
                locks.enter_context(reports_lock(folder))  # the analysis folders too: `run` locks those
            outcomes, interrupted = _run_plan(report_jobs, jobs, force)
            index_problem = _write_indexes(roots, outcomes)
    except LockHeld as exc:
        _fail(str(exc), EXIT_FAILED)
    except OSError as exc:
        _fail(str(write_fault(exc, ", ".join(map(str, roots)), "de rapporten")), EXIT_FAILED)
    made = sum(o.status == SUCCEEDED for o in outcomes)
    same = sum(o.status == SKIPPED for o in outcomes)
    bad = [o for o in outcomes if not o.ok]
    overview = "" if index_problem else f" Overzicht: {', '.join(str(r / 'index.html') for r in roots)}"
    click.echo(f"{len(outcomes)} rapporten: {made} gemaakt, {same} ongewijzigd, "
               f"{len(bad)} mislukt of onderbroken.{overview}")
    if interrupted:
        click.echo("Onderbroken: de rapporten die al klaar waren staan er; de rest is niet vervangen.",
                   err=True)
    if index_problem:
        nothing_done = all(o.status == SKIPPED for o in outcomes)
        click.echo(f"{'LET OP' if nothing_done else 'FOUT'}  {index_problem}", err=True)
        if not nothing_done:
            sys.exit(EXIT_FAILED)
    sys.exit(EXIT_FAILED if bad or interrupted else EXIT_OK)


def _run_plan(report_jobs, jobs: int | None, force: bool):
    from werkplaats.runner.pool import run_jobs

    try:
        return run_jobs(report_jobs, workers=jobs, force=force, on_outcome=_echo_failure), False
    except KeyboardInterrupt as exc:
        return getattr(exc, "outcomes", []), True


def _write_indexes(roots, outcomes) -> str:
    """Write every index.html; a Dutch line when one cannot be written (empty when all went well)."""
    from werkplaats.errors import write_fault
    from werkplaats.runner.index import write_index

    for root in roots:
        try:
            write_index(root, outcomes)
        except OSError as exc:
            return str(write_fault(exc, root, "het overzicht (index.html)", keeps="de rapporten zelf staan er wel"))
    return ""


def _echo_failure(outcome) -> None:
    if not outcome.ok:
        from tqdm import tqdm

        tqdm.write(f"MISLUKT {outcome.label}: {outcome.message}", file=sys.stderr)
