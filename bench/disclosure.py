"""Benchmark: what disclosure control (protection + audit) costs the sample release.

    .venv/bin/python bench/disclosure.py [--data-dir data/raw] [--repeat 3] [--plan | --plan-seconds 90]

For every report of the three research lines (each gemeente in the data plus ``alle``):

1. ``tables(results)`` as the line defines it (every table protected, :mod:`werkplaats.disclosure`)
   against the same call with the protection functions replaced by the identity (the same tables,
   unprotected: the baseline); the best of ``--repeat`` runs of each;
2. for vroegsignalering also the release versions that ``analyse`` builds for protection across
   reports (the per-bron and per-month tables of every gemeente, ``release_versions``);
3. how often a report calls ``tables`` (the notebook, ``key_figures``, ``save_results``);
4. the audit: ``audit_report`` on every results.json (what the runner does before publishing)
   and ``audit_folder`` over the whole release (``werkplaats audit``), against only reading the
   files (the baseline); results.json is made with ``werkplaats.results.save_results`` in a
   temporary folder.

Then the share of ``make reports`` wall time that protection and audit take: with ``--plan`` the
standard plan is run once (``werkplaats plan werkplaats/plans/standaard.yml --jobs 2 --force``
into a temporary reports folder), otherwise ``--plan-seconds`` is used (quoted as about 90 s for 18
reports on 2 cores; measured 154-164 s on a busy shared machine). Target (issue 11): protection
+ audit add at most 10 % to ``make reports``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
#: research line: the dataset whose gemeenten get a report (as the standard plan's grid)
LINES = {"vroegsignalering": "vroegsignalering_signalen", "eenzaamheid": "eenzaamheid_metingen",
         "clientervaring": "clientervaring_antwoorden"}
PROTECTORS = ("protect", "protect_tables", "protect_report", "protect_release", "protect_linked")
TARGET = 0.10


def best(work: Callable[[], object], repeat: int) -> float:
    """The shortest wall time of ``repeat`` runs of ``work``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _identity(name: str) -> Callable:
    """A protection function that protects nothing (same signature, same shape of result)."""
    if name in ("protect", "protect_release"):
        return lambda table, **_: table
    if name in ("protect_tables", "protect_report"):
        return lambda tables, **_: dict(tables)
    return lambda parts, whole, **_: (parts, whole)  # protect_linked


@contextlib.contextmanager
def unprotected(line: str) -> Iterator[None]:
    """Within the block the line's analysis module calls identities instead of the protection."""
    from werkplaats import disclosure

    module = importlib.import_module(f"werkplaats.{line}.analysis")
    names = [n for n, obj in vars(module).items()
             if n in PROTECTORS and obj is getattr(disclosure, n)]
    with contextlib.ExitStack() as stack:
        for name in names:
            stack.enter_context(mock.patch.object(module, name, _identity(name)))
        yield


@contextlib.contextmanager
def counting(line: str) -> Iterator[list[int]]:
    """Counts the calls of the line's ``tables`` (through the package and within its analysis module)."""
    package = importlib.import_module(f"werkplaats.{line}")
    module = importlib.import_module(f"werkplaats.{line}.analysis")
    original, calls = module.tables, [0]

    def counted(results):
        calls[0] += 1
        return original(results)

    with mock.patch.object(module, "tables", counted), mock.patch.object(package, "tables", counted):
        yield calls


def calls_per_report(line: str, lijn, results, loaded, folder: Path, data_dir: str) -> int:
    """Calls of ``tables`` per report: the notebook's own, its key_figures, and save_results."""
    from werkplaats.results import save_results

    with counting(line) as in_key_figures:
        lijn.key_figures(results)
    with counting(line) as in_save:
        save_results(folder, lijn, results, loaded, parameters={"data_dir": data_dir, "output_dir": str(folder)})
    text = (ROOT / "notebooks" / f"{line}.py").read_text(encoding="utf-8")
    return text.count("lijn.tables(") + text.count("lijn.key_figures(") * in_key_figures[0] + in_save[0]


def release_versions_time(line: str, prepared, repeat: int) -> float:
    """Building the tables of every report of the release inside analyse (0 when the line has none)."""
    from werkplaats.disclosure import release_versions

    module = importlib.import_module(f"werkplaats.{line}.analysis")
    makers = getattr(module, "RELEASE_TABLES", None)
    if not makers:
        return 0.0
    return best(lambda: {n: release_versions(prepared.signals, make) for n, make in makers.items()}, repeat)


def plan_seconds(jobs: int) -> float:
    """Wall time of one run of the standard plan into a temporary reports folder."""
    folder = Path(tempfile.mkdtemp(prefix="bench-disclosure-plan-"))
    try:
        start = time.perf_counter()
        subprocess.run([str(BIN / "werkplaats"), "plan", "werkplaats/plans/standaard.yml", "--jobs", str(jobs),
                        "--force", "--reports-dir", str(folder)], check=True, cwd=ROOT, capture_output=True)
        return time.perf_counter() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure_line(line: str, dataset: str, data_dir: str, work: Path,
                 repeat: int) -> tuple[int, float, float, float, int]:
    """For one research line: reports, tables() unprotected and protected (summed over its
    reports), the release versions, and the calls of tables() per report; writes every
    report's results.json below ``work``."""
    from werkplaats.lines import load_line
    from werkplaats.results import save_results
    from werkplaats.runner.plan import values_in_data

    lijn = importlib.import_module(f"werkplaats.{line}")
    loaded = load_line(line, data_dir)
    prepared = lijn.prepare(loaded)
    gemeenten = ["alle", *sorted(str(g) for g in values_in_data(data_dir, dataset, "gemeente"))]
    plain = protected = 0.0
    calls = 1
    for g in gemeenten:
        results = lijn.analyse(prepared, gemeente=g)
        with unprotected(line):
            plain += best(lambda: lijn.tables(results), repeat)  # noqa: B023 (called at once)
        protected += best(lambda: lijn.tables(results), repeat)  # noqa: B023
        folder = work / line / g
        if g == "alle":
            calls = calls_per_report(line, lijn, results, loaded, folder, data_dir)
        else:
            save_results(folder, lijn, results, loaded, parameters={"data_dir": data_dir, "output_dir": str(folder)})
    versions = release_versions_time(line, prepared, repeat) * len(gemeenten)
    return len(gemeenten), plain, protected, versions, calls


def audit_times(work: Path, repeat: int) -> tuple[int, float, float, float, int]:
    """Reports, reading only, audit_report per report, audit_folder, and the findings."""
    from werkplaats.audit import audit_folder, audit_report, read_report, report_files

    files = report_files(work)
    read = best(lambda: [read_report(p) for p in files], repeat)
    per_report = best(lambda: [audit_report(read_report(p)[1]) for p in files], repeat)
    folder_audit = best(lambda: audit_folder(work), repeat)
    return len(files), read, per_report, folder_audit, len(audit_folder(work))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="data/raw")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing (the best counts)")
    parser.add_argument("--plan", action="store_true", help="run the standard plan once to measure make reports")
    parser.add_argument("--plan-seconds", type=float, default=90.0, help="make reports wall time without --plan")
    parser.add_argument("--jobs", type=int, default=2, help="parallel reports of the plan run (and the share)")
    args = parser.parse_args()

    data_dir = str((ROOT / args.data_dir).resolve())
    work = Path(tempfile.mkdtemp(prefix="bench-disclosure-"))
    print(f"data {args.data_dir}, best of {args.repeat}; results.json in {work}\n", flush=True)
    print(f"{'research line':18s} {'reports':>7s} {'unprotected':>12s} {'protected':>10s} {'cost':>8s} "
          f"{'release v.':>10s} {'calls':>5s} {'cost/report':>11s}", flush=True)
    protection_total, n_reports = 0.0, 0
    for line, dataset in LINES.items():
        n, plain, protected, versions, calls = measure_line(line, dataset, data_dir, work, args.repeat)
        cost = (protected - plain) * calls + versions
        protection_total, n_reports = protection_total + cost, n_reports + n
        print(f"{line:18s} {n:7d} {plain:10.2f} s {protected:8.2f} s {protected - plain:6.2f} s "
              f"{versions:8.2f} s {calls:5d} {cost / n:9.2f} s", flush=True)
    print("(unprotected/protected: one tables() call for every report; cost = (protected - unprotected) "
          "x calls + release versions)\n")

    files, read, per_report, folder_audit, findings = audit_times(work, args.repeat)
    print(f"{'audit of ' + str(files) + ' results.json':34s} {'time':>8s} {'minus reading':>14s}")
    print(f"{'reading only (baseline)':34s} {read:6.2f} s")
    print(f"{'audit_report per report (runner)':34s} {per_report:6.2f} s {per_report - read:12.2f} s")
    print(f"{'audit_folder (werkplaats audit)':34s} {folder_audit:6.2f} s {folder_audit - read:12.2f} s"
          f"   findings: {findings}\n")

    if args.plan:
        wall = plan_seconds(args.jobs)
        how = f"measured: werkplaats plan standaard.yml --jobs {args.jobs} --force"
    else:
        wall, how = args.plan_seconds, "assumed; --plan measures it"
    # the plan runs --jobs reports at once: the added CPU time is shared over the cores
    added = (protection_total + per_report) / args.jobs
    with_folder = added + folder_audit
    print(f"make reports wall time: {wall:.1f} s for {n_reports} reports ({how})")
    print(f"protection {protection_total:.2f} s + runner audit {per_report:.2f} s CPU, over {args.jobs} jobs: "
          f"{added:.2f} s = {added / wall:.1%} of make reports   target <= {TARGET:.0%}")
    print(f"plus werkplaats audit over the release once: {with_folder:.2f} s = {with_folder / wall:.1%}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
