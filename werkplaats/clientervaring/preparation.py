"""Prepare the client-experience survey: typed answers with their scores, no free text.

:func:`prepare` is pure and takes what :func:`werkplaats.lines.load_line` gives; writing the
prepared answers to ``data/processed`` is the separate, explicit :func:`write_prepared`.
The free text (``toelichting``) and the respondent code never leave :func:`prepare`.

>>> from werkplaats.lines import load_line
>>> prepared = prepare(load_line("clientervaring", "tests/fixtures/reference"))
>>> "toelichting" in prepared.answers, "respondent_id" in prepared.answers, float(prepared.answers["v03_score"].max())
(False, False, 5.0)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from werkplaats.clientervaring.scoring import ITEMS, score_items
from werkplaats.errors import DataError, ParameterError, dutch_list, shorten
from werkplaats.validate import LoadedData

__all__ = ["ANSWERS", "BACKGROUND", "MARGINS", "POPULATION", "Prepared", "check_item", "check_population",
           "gemeenten_without_population", "latest_year", "prepare", "prepare_answers",
           "write_prepared"]

ANSWERS = "clientervaring_antwoorden"
POPULATION = "clientervaring_populatie"
BACKGROUND = ["gemeente", "gemeente_code", "jaar", "leeftijdsklasse", "geslacht", "voorziening", "ingevuld_door"]
MARGINS = ["leeftijdsklasse", "geslacht"]
FORBIDDEN = frozenset({"respondent_id", "toelichting"})


@dataclass(frozen=True)
class Prepared:
    """Prepared answers (no free text, no respondent code), the population, and the input files."""

    answers: pd.DataFrame
    population: pd.DataFrame
    inputs: list[Path] = field(default_factory=list)
    summaries: list[str] = field(default_factory=list)


def prepare_answers(answers: pd.DataFrame) -> pd.DataFrame:
    """Background columns, the answers and their scores (``v01_score`` ...); nothing else.

    >>> raw = pd.DataFrame({c: ["x"] for c in BACKGROUND} | {i: ["mee eens"] for i in ITEMS}
    ...                    | {"toelichting": ["bel 06-12345678"]})
    >>> prepare_answers(raw).filter(like="v03").columns.tolist()
    ['v03', 'v03_score']
    """
    scores = score_items(answers, ITEMS).add_suffix("_score")
    kept = answers[BACKGROUND + ITEMS].reset_index(drop=True)
    return pd.concat([kept, scores.reset_index(drop=True)], axis=1)


def check_population(answers: pd.DataFrame, population: pd.DataFrame, file: str = f"{POPULATION}.csv") -> None:
    """Refuse population counts that cannot be right for the respondents of a survey year:

    - a gemeente with fewer clients in total than respondents (a response rate above 100%);
    - a cell (gemeente, leeftijdsklasse, geslacht) with 0 clients but respondents (raking would
      silently move those respondents' weight elsewhere).

    Gemeenten without any population row are allowed: the report says they get no weighted
    figures (:func:`gemeenten_without_population`, :func:`werkplaats.clientervaring.text.population_note`).

    >>> a = pd.DataFrame({"gemeente": ["A"] * 3, "jaar": 2025, "leeftijdsklasse": "85+", "geslacht": "man"})
    >>> p = pd.DataFrame({"gemeente": ["A"], "leeftijdsklasse": ["85+"], "geslacht": ["man"], "aantal_clienten": [2]})
    >>> try:
    ...     check_population(a, p)
    ... except DataError as exc:
    ...     print(str(exc)[:81])
    clientervaring_populatie.csv: gemeente A: 2 cliënten, maar 3 respondenten in 2025
    """
    cell = ["gemeente", *MARGINS]
    known = set(population["gemeente"].astype(str))
    answers = answers[answers["gemeente"].astype(str).isin(known)]
    for keys in (["gemeente"], cell):
        resp = answers.groupby([*keys, "jaar"], observed=True).size().rename("respondenten").reset_index()
        clients = population.groupby(keys, observed=True)["aantal_clienten"].sum().rename("clienten").reset_index()
        for frame in (resp, clients):
            for col in keys:
                frame[col] = frame[col].astype(str)
        both = resp.merge(clients, on=keys, how="left").fillna({"clienten": 0})
        bad = both[both["respondenten"] > both["clienten"]] if keys == ["gemeente"] else both[
            (both["clienten"] == 0) & (both["respondenten"] > 0)]
        if len(bad):
            row = bad.iloc[0]
            more = f" (en nog {len(bad) - 1} keer)" if len(bad) > 1 else ""
            where = ", ".join(f"{c} {shorten(row[c])}" for c in keys)
            raise DataError(
                f"{file}: {where}: {int(row['clienten'])} cliënten, maar {int(row['respondenten'])} respondenten "
                f"in {int(row['jaar'])}{more}. Een populatie kan niet kleiner zijn dan de respons; controleer de "
                "aantallen (kolom aantal_clienten).", file=file, column="aantal_clienten")


def gemeenten_without_population(answers: pd.DataFrame, population: pd.DataFrame) -> list[str]:
    """Gemeenten with respondents but no population row (no weighted figures, no response rate).

    >>> gemeenten_without_population(pd.DataFrame({"gemeente": ["A", "B"]}), pd.DataFrame({"gemeente": ["A"]}))
    ['B']
    """
    known = set(population["gemeente"].astype(str))
    return sorted({str(g) for g in answers["gemeente"].dropna()} - known, key=str.casefold)


def prepare(loaded: Mapping[str, LoadedData]) -> Prepared:
    """The line's only entry: ``loaded`` as :func:`werkplaats.lines.load_line` gives it.

    Raises a :class:`DataError` when the population has fewer clients than respondents
    (:func:`check_population`)."""
    answers, population = loaded[ANSWERS], loaded[POPULATION]
    check_population(answers.data, population.data, population.path.name)
    return Prepared(answers=prepare_answers(answers.data), population=population.data.copy(),
                    inputs=[answers.path, population.path], summaries=[answers.summary(), population.summary()])


def write_prepared(prepared: Prepared, folder: str | os.PathLike[str] | None = None) -> Path:
    """Write the prepared answers to ``<folder or data/processed>/clientervaring_antwoorden.parquet``.

    Refuses free text and respondent codes (a ValueError).
    """
    from werkplaats.io import write_parquet
    from werkplaats.paths import processed_dir

    forbidden = FORBIDDEN & set(prepared.answers.columns)
    if forbidden:
        raise ValueError(f"refusing to write {sorted(forbidden)} to data/processed")
    return write_parquet(prepared.answers, Path(folder or processed_dir()) / f"{ANSWERS}.parquet")


def check_item(item: str) -> str:
    """A statement code v01 ... v10, else a Dutch ParameterError.

    >>> check_item("v03")
    'v03'
    """
    if item not in ITEMS:
        raise ParameterError(f"onbekende stelling '{item}' (kies uit {dutch_list(ITEMS, limit=10)}).")
    return item


def latest_year(answers: pd.DataFrame) -> pd.DataFrame:
    """Only the answers of the latest survey year.

    >>> latest_year(pd.DataFrame({"jaar": [2024, 2025, 2025]})).shape[0]
    2
    """
    return answers[answers["jaar"] == answers["jaar"].max()].reset_index(drop=True)
