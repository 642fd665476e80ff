"""Run many reports: skip the unchanged ones, run the rest in parallel worker processes.

Stopping the run (Ctrl-C, SIGTERM) stops the workers; each worker removes its unfinished
workspace, and the reports in place stay the previous complete ones. A worker whose parent
dies (even by SIGKILL) gets SIGTERM from the kernel (Linux) and stops the same way; what a
hard kill leaves behind is removed by :func:`~werkplaats.runner.publish.clean_stale`
at the start of the next run.

>>> skipped = decide_skips([], force=False)
>>> skipped
([], [])
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from werkplaats.runner import publish
from werkplaats.runner.execute import FAILED, SKIPPED, ReportJob, RunOutcome, read_manifest
from werkplaats.runner.fingerprint import is_unchanged, workbench_version

__all__ = ["decide_skips", "default_jobs", "INTERRUPTED", "run_jobs", "sigterm_as_interrupt"]

INTERRUPTED = "onderbroken"


def default_jobs() -> int:
    """The number of worker processes by default: the number of cores."""
    return max(1, os.cpu_count() or 1)


def decide_skips(jobs: Sequence[ReportJob], *, force: bool) -> tuple[list[ReportJob], list[RunOutcome]]:
    """Split ``jobs`` into those to run and outcomes for those unchanged since their last success."""
    if force:
        return list(jobs), []
    version = workbench_version()
    to_run, skipped = [], []
    notebook_sha: dict = {}
    for job in jobs:
        if job.notebook not in notebook_sha:
            notebook_sha[job.notebook] = hashlib.sha256(job.notebook.read_bytes()).hexdigest()
        manifest = read_manifest(job.final)
        if is_unchanged(manifest, notebook_sha[job.notebook], job.parameters, version):
            publish.discard(job.error_final)
            duration = float((manifest or {}).get("duration_seconds", 0))
            skipped.append(RunOutcome(job.label, job.final, SKIPPED, duration))
        else:
            to_run.append(job)
    return to_run, skipped


def run_jobs(jobs: Sequence[ReportJob], *, workers: int | None = None, force: bool = False,
             progress: bool | None = None,
             on_outcome: Callable[[RunOutcome], None] | None = None) -> list[RunOutcome]:
    """Run every job that needs it; outcomes in the order of ``jobs``.

    Raises KeyboardInterrupt after stopping the workers when interrupted (Ctrl-C, SIGTERM);
    the outcomes so far are then in the exception's ``outcomes`` attribute.
    """
    for folder in sorted({job.final.parent for job in jobs}):
        publish.clean_stale(folder)
    to_run, skipped = decide_skips(jobs, force=force)
    outcomes = {o.final: o for o in skipped}
    if to_run:
        try:
            _run_parallel(to_run, workers or default_jobs(), progress, outcomes, on_outcome)
        except KeyboardInterrupt as exc:
            for job in to_run:
                stopped = RunOutcome(job.label, job.final, INTERRUPTED, message="onderbroken")
                outcomes.setdefault(job.final, stopped)
            exc.outcomes = [outcomes[job.final] for job in jobs]  # type: ignore[attr-defined]
            raise
    return [outcomes[job.final] for job in jobs]


def _run_parallel(jobs: list[ReportJob], workers: int, progress: bool | None, outcomes: dict,
                  on_outcome: Callable[[RunOutcome], None] | None) -> None:
    import papermill  # noqa: F401  (imported once here, inherited by forked workers)
    from tqdm import tqdm

    from werkplaats.runner import report_html

    report_html.html_exporter()  # compile the HTML templates once, before the workers fork

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    executor = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context,
                                   initializer=_worker_start, initargs=(os.getpid(),))
    with sigterm_as_interrupt():
        try:
            futures: dict[Future, ReportJob] = {executor.submit(_run_one, job): job for job in jobs}
            bar = tqdm(total=len(jobs), desc="rapporten", unit="rapport",
                       disable=None if progress is None else not progress)
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome = _outcome_of(future, futures[future])
                    outcomes[outcome.final] = outcome
                    bar.update(1)
                    if on_outcome:
                        on_outcome(outcome)
            bar.close()
        except BaseException:
            _stop_workers(executor)
            raise
        executor.shutdown(wait=True)


def _outcome_of(future: Future, job: ReportJob) -> RunOutcome:
    try:
        return future.result()
    except Exception as exc:  # a worker that died (BrokenProcessPool) or a bug in the runner
        return RunOutcome(job.label, job.final, FAILED, message=f"{type(exc).__name__}: {exc}")


def _run_one(job: ReportJob) -> RunOutcome:
    from werkplaats.runner.execute import run_report

    try:
        return run_report(job)
    except SystemExit as stop:  # SIGTERM: run_report has cleaned up; end this worker now
        os._exit(int(stop.code or 1))


def _worker_start(parent_pid: int) -> None:
    """In each worker: Ctrl-C is the parent's business; SIGTERM stops the run cleanly;
    the worker gets SIGTERM when the parent dies (Linux)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent_pid:
        os._exit(1)


def _exit_on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def sigterm_as_interrupt():
    """In the parent, SIGTERM (a scheduler stopping the job) behaves like Ctrl-C."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop_workers(executor: ProcessPoolExecutor, timeout: float = 15.0) -> None:
    """Cancel what has not started, SIGTERM the workers, SIGKILL what still runs after ``timeout``."""
    processes = list(getattr(executor, "_processes", {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join(2)
