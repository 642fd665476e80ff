"""Synthetic data with planted effects: the committed sample, teaching sets and tests.

One module per research line, each with ``generate(rng, **options) -> dict[name, DataFrame]``
in the raw-data contract, documenting the effects it plants in ``PLANTED``.

>>> import tempfile
>>> paths = write_all(tempfile.mkdtemp(), seed=1)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import numpy as np

from werkplaats.io import write_text

LINES = ("loneliness", "debt", "experience")


def generate_all(seed: int = 2026, **options) -> dict:
    """Every dataset of every research line, from one seed (each line its own stream)."""
    streams = np.random.SeedSequence(seed).spawn(len(LINES))
    tables = {}
    for line, stream in zip(LINES, streams, strict=True):
        module = importlib.import_module(f"werkplaats.synth.{line}")
        tables.update(module.generate(np.random.default_rng(stream), **options.get(line, {})))
    return tables


def write_all(out: str | os.PathLike[str], seed: int = 2026, **options) -> list[Path]:
    """Write every synthetic dataset as UTF-8 CSV into ``out`` (atomically; this is the one
    writer allowed into data/raw, because it makes the committed sample there)."""
    out = Path(out)
    written = []
    for name, table in generate_all(seed, **options).items():
        written.append(write_text(table.to_csv(index=False), out / f"{name}.csv", allow_raw=True))
    return written
