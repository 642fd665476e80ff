"""Benchmark: 1,000,000 synthetic debt signals through the whole vroegsignalering analysis.

    .venv/bin/python bench/vroegsignalering.py [--rows 1000000] [--seed 1]

Steps: generate (werkplaats.vroegsignalering.synth), write CSV + load_file (read, privacy, validate),
prepare (peildatum, meldingen) and write_prepared (parquet), funnel (per gemeente, bron and
month), Kaplan–Meier per bron, Cox (Efron), logistic acceptance model, training model (team
fixed effects, and with calendar quarters), interrupted time series, and the whole line:
analyse + tables (every table protected) + key_figures. For each step it prints
the wall time and the peak resident memory of the process during the step (sampled every
10 ms from /proc/self/statm). Targets (issue 4): every step <= 60 s and <= 4 GiB.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

NAME = "vroegsignalering_signalen"
PAGE = os.sysconf("SC_PAGE_SIZE")
LIMIT_SECONDS, LIMIT_GIB = 60, 4


def rss_bytes() -> int:
    """Current resident memory of this process."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * PAGE


class PeakMemory:
    """Samples the resident memory in a thread while a step runs."""

    def __init__(self, interval: float = 0.01) -> None:
        self.interval, self.peak, self._stop = interval, 0, threading.Event()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes())
            time.sleep(self.interval)

    def __enter__(self) -> PeakMemory:
        self.peak = rss_bytes()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())


def step(name: str, work: Callable[[], object], report: list) -> object:
    """Run ``work``, record and print its time and peak memory, return its result."""
    with PeakMemory() as memory:
        start = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - start
    gib = memory.peak / 2**30
    ok = seconds <= LIMIT_SECONDS and gib <= LIMIT_GIB
    report.append((name, seconds, gib, ok))
    verdict = "ok" if ok else "TE TRAAG/TE GROOT"
    print(f"{name:34s} {seconds:7.2f} s   peak {gib:5.2f} GiB   {verdict}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import numpy as np

    from werkplaats import vroegsignalering as lijn
    from werkplaats.validate import load_file
    from werkplaats.vroegsignalering import funnel as funnels
    from werkplaats.vroegsignalering import models as debt_models
    from werkplaats.vroegsignalering import synth

    report: list = []
    print(f"{args.rows:,} signalen, {os.cpu_count()} cores, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        raw = step("genereren (synth)", lambda: synth.generate(np.random.default_rng(args.seed),
                                                               n_signals=args.rows)[NAME], report)
        path = Path(tmp) / f"{NAME}.csv"
        step("CSV schrijven", lambda: raw.to_csv(path, index=False), report)
        raw = None
        loaded = step("inlezen + valideren (load_file)", lambda: load_file(path, NAME), report)
        parquet = Path(tmp) / "signalen.parquet"
        prepared = step("prepare", lambda: lijn.prepare({NAME: loaded}), report)
        step("write_prepared (parquet)", lambda: lijn.write_prepared(prepared, parquet), report)
        signals, loaded = prepared.signals, None
        step("trechter (gemeente, bron, maand)",
             lambda: [funnels.funnel(signals, by) for by in ("gemeente", "bron", "maand")], report)
        step("Kaplan-Meier per bron", lambda: debt_models.time_to_contact(signals), report)
        cox = step("Cox (Efron)", lambda: debt_models.contact_cox(signals), report)
        step("logistisch: hulp geaccepteerd", lambda: debt_models.acceptance_model(signals), report)
        training = step("logistisch: training (team)", lambda: debt_models.training_model(signals), report)
        step("logistisch: training (+ kwartaal)",
             lambda: debt_models.training_model(signals, calendar=True), report)
        step("onderbroken tijdreeks",
             lambda: debt_models.training_its(debt_models.monthly_reach(signals)), report)
        step("analyse + tables + key_figures",
             lambda: lijn.key_figures(lijn.analyse(prepared)), report)
    print(f"Cox: {cox.iterations} iteraties, {cox.events:,} contacten; training log-odds "
          f"{training.table.loc['getraind', 'estimate']:.3f} "
          f"(ingeplant {synth.PLANTED['training_log_odds_reach']})")
    total = sum(r[1] for r in report)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"totaal {total:.1f} s, hoogste geheugen van het proces {peak:.2f} GiB; "
          f"{'alle stappen binnen' if all(r[3] for r in report) else 'NIET alle stappen binnen'} "
          f"{LIMIT_SECONDS} s en {LIMIT_GIB} GiB")


if __name__ == "__main__":
    main()
