"""Benchmark: read + validate + privacy of 1,000,000 signals against a bare pandas.read_csv.

    .venv/bin/python bench/load.py [--rows 1000000]

Generates the rows with werkplaats.vroegsignalering.synth, writes them as CSV to a temporary folder,
then times each step in a fresh subprocess (so peak memory is that step's own) and prints
seconds, peak resident memory, and the ratio. Targets (issue 2): ratio <= 3, peak <= 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAME = "vroegsignalering_signalen"

STEPS = {
    "pandas.read_csv": "import pandas as pd; df = pd.read_csv(PATH); n = len(df)",
    "werkplaats.load_dataset": "from werkplaats.validate import load_file; n = len(load_file(PATH).data)",
}


def run_step(code: str, path: Path) -> dict:
    """Run ``code`` in a fresh interpreter; return its wall time and peak RSS."""
    script = (
        "import json, resource, time\n"
        f"PATH = {str(path)!r}\n"
        "t = time.perf_counter()\n"
        f"{code}\n"
        "print(json.dumps({'seconds': time.perf_counter() - t, 'rows': n,"
        " 'peak_mib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()

    import numpy as np

    from werkplaats.vroegsignalering import synth

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        table = synth.generate(np.random.default_rng(1), n_signals=args.rows)[NAME]
        path = Path(tmp) / f"{NAME}.csv"
        table.to_csv(path, index=False)
        del table
        print(f"generated {args.rows:,} rows in {time.perf_counter() - start:.1f} s "
              f"({path.stat().st_size / 2**20:.0f} MiB CSV)")
        results = {name: run_step(code, path) for name, code in STEPS.items()}

    for name, r in results.items():
        print(f"{name:26s} {r['seconds']:7.2f} s   peak {r['peak_mib']:7.0f} MiB   rows {r['rows']:,}")
    ratio = results["werkplaats.load_dataset"]["seconds"] / results["pandas.read_csv"]["seconds"]
    peak = results["werkplaats.load_dataset"]["peak_mib"]
    print(f"ratio load_dataset / read_csv: {ratio:.2f} (target <= 3)   "
          f"peak load_dataset: {peak / 1024:.2f} GiB (target <= 2)")


if __name__ == "__main__":
    main()
