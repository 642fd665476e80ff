"""Benchmark: a plan of 12 reports (3 analyses x 4 gemeenten) against bare papermill.

    .venv/bin/python bench/plan.py [--fixtures] [--data-dir data/raw]

Runs, in one go and on the same notebooks and parameters:

1. ``papermill NB OUT -p ...`` once per report (the bare command, sequential);
2. ``papermill.execute_notebook`` in one process (one interpreter start, like the runner);
3. ``werkplaats plan --jobs 1 --force``; 4. ``--jobs 2 --force``; 5. ``--jobs 2`` unchanged.

Prints the runner's per-report overhead against bare papermill, the speedup of 2 jobs, and
the no-change rerun time. Targets (issue 6): overhead <= 10 %, speedup >= 1.8, rerun <= 3 s.
Uses the three analysis notebooks on the data in ``--data-dir``; with ``--fixtures`` (or when
they are missing) the runner's test notebooks, so the figures then describe those.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REAL = {"eenzaamheid": "eenzaamheid_metingen", "vroegsignalering": "vroegsignalering_signalen",
        "clientervaring": "clientervaring_antwoorden"}
BIN = Path(sys.executable).parent


def real_setup(data_dir: Path) -> tuple[list[Path], Path, list[str]] | None:
    """The analysis notebooks, the data folder and four gemeenten (alle + 3), if all exist."""
    from werkplaats.runner.plan import values_in_data

    notebooks = [ROOT / "notebooks" / f"{name}.ipynb" for name in REAL]
    if not all(nb.exists() for nb in notebooks):
        return None
    try:
        found = [set(values_in_data(str(data_dir), ds, "gemeente")) for ds in REAL.values()]
        common = set.intersection(*found)
    except Exception:  # no sample data yet
        return None
    return notebooks, data_dir, ["alle", *sorted(common)[:3]]


def fixture_setup(work: Path) -> tuple[list[Path], Path, list[str]]:
    """Three small notebooks (the runner's test notebooks) and their data."""
    source = ROOT / "tests" / "fixtures" / "notebooks"
    shutil.copytree(source / "data", work / "data")
    notebooks = []
    for name, copy in (("telling", "telling"), ("falen", "falen"), ("telling", "tellen")):
        shutil.copy(source / f"{name}.ipynb", work / f"{copy}.ipynb")
        notebooks.append(work / f"{copy}.ipynb")
    return notebooks, work / "data", ["alle", "Amersfoort", "Utrecht", "Zeist"]


def timed(command: list[str]) -> float:
    """Wall time of ``command`` (which must succeed)."""
    return timed_with_output(command)[0]


def timed_with_output(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, check=True, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout.strip()


def papermill_cli_loop(notebooks, data_dir, gemeenten, out: Path) -> float:
    total = 0.0
    for nb in notebooks:
        for g in gemeenten:
            folder = out / nb.stem / g
            folder.mkdir(parents=True, exist_ok=True)
            total += timed([str(BIN / "papermill"), str(nb), str(folder / nb.name), "--no-progress-bar",
                            "-p", "data_dir", str(data_dir), "-p", "gemeente", g,
                            "-p", "output_dir", str(folder)])
    return total


def papermill_api_loop(notebooks, data_dir, gemeenten, out: Path) -> float:
    """papermill.execute_notebook in one process, timed from start to end like the runner,
    with the same import shortcut as the runner (see skip_slow_iri_checker)."""
    script = (
        "import sys; sys.modules['rfc3987_syntax'] = None\n"
        "import papermill\n"
        "nbs, data, gs, out = sys.argv[1].split(','), sys.argv[2], sys.argv[3].split(','), sys.argv[4]\n"
        "for nb in nbs:\n"
        "    for g in gs:\n"
        "        o = f'{out}/{nb.rsplit(\"/\", 1)[1][:-6]}-{g}'\n"
        "        papermill.execute_notebook(nb, o + '.ipynb', progress_bar=False,\n"
        "            parameters={'data_dir': data, 'gemeente': g, 'output_dir': o})\n"
    )
    out.mkdir(parents=True, exist_ok=True)
    return timed([sys.executable, "-c", script, ",".join(map(str, notebooks)), str(data_dir),
                  ",".join(gemeenten), str(out)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", action="store_true", help="use the runner's test notebooks")
    parser.add_argument("--data-dir", default="data/raw")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-plan-"))
    setup = None if args.fixtures else real_setup((ROOT / args.data_dir).resolve())
    kind = "analysis notebooks" if setup else "runner test notebooks (tests/fixtures/notebooks)"
    notebooks, data_dir, gemeenten = setup or fixture_setup(work)
    n = len(notebooks) * len(gemeenten)
    plan = work / "plan.yml"
    items = [{"notebook": str(nb), "grid": {"gemeente": gemeenten}} for nb in notebooks]
    plan.write_text(yaml.safe_dump({"reports_dir": str(work / "reports"),
                                    "parameters": {"data_dir": str(data_dir)}, "notebooks": items}))
    werkplaats = [str(BIN / "werkplaats"), "plan", str(plan)]
    print(f"{n} reports: {kind}, gemeenten {', '.join(gemeenten)}; working folder {work}", flush=True)
    cli = papermill_cli_loop(notebooks, data_dir, gemeenten, work / "papermill-cli")
    print(f"bare papermill command, sequential : {cli:7.1f} s  ({cli / n:.2f} s/report)", flush=True)
    api = papermill_api_loop(notebooks, data_dir, gemeenten, work / "papermill-api")
    print(f"papermill API loop, one process    : {api:7.1f} s  ({api / n:.2f} s/report)", flush=True)
    one = timed([*werkplaats, "--jobs", "1", "--force"])
    print(f"werkplaats plan --jobs 1 --force   : {one:7.1f} s  ({one / n:.2f} s/report)", flush=True)
    two = timed([*werkplaats, "--jobs", "2", "--force"])
    print(f"werkplaats plan --jobs 2 --force   : {two:7.1f} s", flush=True)
    again, summary = timed_with_output([*werkplaats, "--jobs", "2"])
    print(f"werkplaats plan, nothing changed   : {again:7.1f} s  ({summary.split('. ')[0]})", flush=True)
    overhead_cli, overhead_api = (one - cli) / cli, (one - api) / api
    print(f"\noverhead per report vs bare papermill command: {(one - cli) / n:+.2f} s ({overhead_cli:+.0%});"
          f" vs papermill API loop: {(one - api) / n:+.2f} s ({overhead_api:+.0%})   target <= +10 %")
    print(f"speedup with 2 jobs: {one / two:.2f}x   target >= 1.8x")
    print(f"no-change rerun: {again:.1f} s   target <= 3 s")


if __name__ == "__main__":
    main()
