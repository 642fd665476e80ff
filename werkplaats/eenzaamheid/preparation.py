"""Prepare the loneliness measurements: check the participants and score the DJG scale.

:func:`prepare` is pure (no file is written); :func:`write_prepared` writes the scored data
to ``data/processed/eenzaamheid_scores.parquet`` as one explicit step.

>>> from werkplaats.lines import load_line
>>> prepared = prepare(load_line("eenzaamheid", "tests/fixtures/reference"))
>>> len(prepared.scores), int(prepared.scores["deelnemer_id"].nunique())
(775, 300)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from werkplaats.eenzaamheid.scoring import MissingRule, lonely_flags, score_djg
from werkplaats.errors import DataError

__all__ = ["AGE_SPLIT", "DATASET", "DEFAULT_RULE", "KEPT", "SCORES_FILE", "Prepared", "check_participants",
           "prepare", "score_measurements", "write_prepared"]

DATASET = "eenzaamheid_metingen"
SCORES_FILE = "eenzaamheid_scores.parquet"
KEPT = ["deelnemer_id", "gemeente", "wijk", "groep", "meting", "meetdatum", "leeftijd", "geslacht"]
AGE_SPLIT = 75
DEFAULT_RULE = MissingRule()


@dataclass(frozen=True)
class Prepared:
    """The scored measurements (one row per participant per meting), the columns removed on
    loading (name -> reason) and the missing-answer rule that scored them."""

    scores: pd.DataFrame
    removed: Mapping[str, str] = field(default_factory=dict)
    rule: MissingRule = DEFAULT_RULE


def score_measurements(data: pd.DataFrame, *, rule: MissingRule = DEFAULT_RULE) -> pd.DataFrame:
    """The long scored table: study columns (no direct identifiers, no item answers), the DJG
    total and subscales, missing items, band, ``eenzaam`` / ``ernstig`` and ``leeftijdsgroep``.

    >>> from werkplaats.validate import load_dataset
    >>> scores = score_measurements(load_dataset(DATASET, "tests/fixtures/reference").data)
    >>> sorted(scores["leeftijdsgroep"].dropna().unique())
    ['75 en ouder', 'tot 75']
    """
    out = data[KEPT].copy()
    scored = score_djg(data, rule=rule)
    out = out.join(scored).join(lonely_flags(scored["djg_totaal"]))
    age = pd.to_numeric(out["leeftijd"], errors="coerce").astype(float)
    groups = [f"tot {AGE_SPLIT}", f"{AGE_SPLIT} en ouder"]
    out["leeftijdsgroep"] = pd.Categorical(
        pd.Series(np.where(age < AGE_SPLIT, groups[0], groups[1]), index=out.index).where(age.notna()),
        categories=groups)
    return out


def check_participants(loaded: Any) -> None:
    """A participant keeps one groep and one gemeente over all measurements, else a Dutch
    :class:`DataError` naming the column, the rows (as counted in the file) and the values.

    >>> from werkplaats.validate import load_dataset
    >>> check_participants(load_dataset(DATASET, "tests/fixtures/reference")) is None
    True
    """
    data = loaded.data
    first_row = 2 if Path(loaded.path).suffix.lower() in (".csv", ".xlsx") else 1
    for col in ("groep", "gemeente"):
        spread = data.groupby("deelnemer_id")[col].nunique()
        if (spread > 1).any():
            who = spread.index[spread > 1][0]
            rows = data.index[data["deelnemer_id"] == who]
            values = list(dict.fromkeys(data.loc[rows, col].astype(object)))
            raise DataError.for_values(
                Path(loaded.path).name, col, rows=[int(i) + first_row for i in rows[:5]], values=values,
                problem=f"deelnemer '{who}' heeft verschillende waarden",
                allowed="één waarde per deelnemer")


def prepare(loaded: Mapping[str, Any], *, rule: MissingRule = DEFAULT_RULE) -> Prepared:
    """Check and score the line's loaded datasets (``load_line("eenzaamheid", ...)``); pure.

    ``rule`` is the missing-answer rule (project default: no total above 1 missing item).

    >>> from werkplaats.lines import load_line
    >>> prepared = prepare(load_line("eenzaamheid", "tests/fixtures/reference"))
    >>> prepared.scores[["meting", "djg_totaal", "eenzaam"]].columns.tolist()
    ['meting', 'djg_totaal', 'eenzaam']
    """
    measurements = loaded[DATASET]
    check_participants(measurements)
    scores = score_measurements(measurements.data, rule=rule)
    return Prepared(scores=scores, removed=dict(getattr(measurements, "removed", {}) or {}), rule=rule)


def write_prepared(prepared: Prepared, path: str | os.PathLike[str] | None = None) -> Path:
    """Write the scored data (atomically) to ``data/processed/eenzaamheid_scores.parquet``, or to
    ``path`` (a file, or an existing folder to write ``eenzaamheid_scores.parquet`` in); returns
    the path written.

    >>> import tempfile
    >>> from werkplaats.lines import load_line
    >>> prepared = prepare(load_line("eenzaamheid", "tests/fixtures/reference"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_prepared(prepared, folder)
    ...     written.name, len(pd.read_parquet(written))
    ('eenzaamheid_scores.parquet', 775)
    """
    from werkplaats.io import write_parquet
    from werkplaats.paths import processed_dir

    target = Path(path) if path else processed_dir() / SCORES_FILE
    if target.is_dir():
        target = target / SCORES_FILE
    write_parquet(prepared.scores, target)
    return target
