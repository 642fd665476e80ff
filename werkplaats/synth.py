"""Synthetic data with planted effects: the committed sample, teaching sets and tests.

Each research line has a ``synth`` module (``werkplaats.<line>.synth``) with
``generate(rng, **options) -> dict[name, DataFrame]`` in the raw-data contract, documenting
the effects it plants in ``PLANTED``. This module runs them all from one seed, each line on
its own random stream, in the order of the registry (:data:`werkplaats.lines.LINES`).

>>> import tempfile
>>> [path.name for path in write_all(tempfile.mkdtemp(), seed=1)]  # doctest: +NORMALIZE_WHITESPACE
['eenzaamheid_metingen.csv', 'vroegsignalering_signalen.csv', 'clientervaring_antwoorden.csv',
 'clientervaring_populatie.csv']
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from werkplaats.io import write_text
from werkplaats.lines import line_named, registered

__all__ = ["generate_all", "generate_line", "write_all"]


def line_rng(name: str, seed: int) -> np.random.Generator:
    """The random stream of one research line for ``seed`` (the same stream ``generate_all`` uses)."""
    names = [line.name for line in registered()]
    stream = np.random.SeedSequence(seed).spawn(len(names))[names.index(line_named(name).name)]
    return np.random.default_rng(stream)


def generate_line(name: str, seed: int = 2026, **options) -> dict:
    """Every dataset of one research line, exactly as :func:`generate_all` makes it."""
    return line_named(name).synth().generate(line_rng(name, seed), **options)


def generate_all(seed: int = 2026, **options) -> dict:
    """Every dataset of every research line, from one seed (each line its own stream);
    ``options`` maps a line name to keyword options of its generator."""
    tables = {}
    for line in registered():
        tables.update(generate_line(line.name, seed, **options.get(line.name, {})))
    return tables


def write_all(out: str | os.PathLike[str], seed: int = 2026, **options) -> list[Path]:
    """Write every synthetic dataset as UTF-8 CSV into ``out`` (atomically; this is the one
    writer allowed into data/raw, because it makes the committed sample there)."""
    out = Path(out)
    written = []
    for name, table in generate_all(seed, **options).items():
        written.append(write_text(table.to_csv(index=False), out / f"{name}.csv", allow_raw=True))
    return written
