"""Checks of what a user asks for: a column, a gemeente, a selection, a name with a typo.

Each check either returns quietly or raises a :class:`~werkplaats.errors.ParameterError`
that says, in Dutch, what is wrong and what to do next, with a "bedoelt u ...?" suggestion.
Used by the analyses, the runner and the exercises alike.

>>> import pandas as pd
>>> data = pd.DataFrame({"gemeente": ["Utrecht", "Amersfoort"], "score": [3, 5]})
>>> check_gemeente(data, "utrecht")
'Utrecht'
>>> check_gemeente(data, "Utrect")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
werkplaats.errors.ParameterError: gemeente 'Utrect' komt niet voor in de data. Bedoelt u 'Utrecht'? ...
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import pandas as pd

from werkplaats.errors import ParameterError, dutch_list
from werkplaats.privacy import MIN_CEL

__all__ = ["check_columns", "check_gemeente", "check_rows", "did_you_mean", "select_gemeente", "suggestions"]


def suggestions(word: object, options: Iterable[object], *, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The options most like ``word`` (case-insensitive), best first.

    >>> suggestions("gemeene", ["gemeente", "groep", "meting"])
    ['gemeente']
    """
    names = [str(o) for o in options]
    lowered = {name.lower(): name for name in names}
    exact = lowered.get(str(word).strip().lower())
    if exact is not None:
        return [exact]
    close = difflib.get_close_matches(str(word).strip().lower(), list(lowered), n=n, cutoff=cutoff)
    return [lowered[c] for c in close]


def did_you_mean(word: object, options: Iterable[object]) -> str:
    """``" Bedoelt u 'x'?"`` (or ``'x' of 'y'``) for the closest options, else ``""``.

    >>> did_you_mean("Amersfort", ["Amersfoort", "Utrecht"])
    " Bedoelt u 'Amersfoort'?"
    """
    found = suggestions(word, options, n=2)
    if not found:
        return ""
    return " Bedoelt u " + " of ".join(f"'{s}'" for s in found) + "?"


def check_columns(data: pd.DataFrame, columns: str | Sequence[str], *, what: str = "de data") -> None:
    """Raise a Dutch ParameterError when a column is not in ``data`` (with suggestions).

    >>> check_columns(pd.DataFrame({"gemeente": []}), ["gemeente"])
    >>> check_columns(pd.DataFrame({"gemeente": []}), "gemeenten")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    werkplaats.errors.ParameterError: kolom 'gemeenten' bestaat niet in de data. Bedoelt u 'gemeente'? ...
    """
    wanted = [columns] if isinstance(columns, str) else list(columns)
    present = [str(c) for c in data.columns]
    for column in wanted:
        if column not in data.columns:
            raise ParameterError(f"kolom '{column}' bestaat niet in {what}.{did_you_mean(column, present)} "
                                 f"Kolommen: {dutch_list(present, limit=12)}.")


def check_gemeente(data: pd.DataFrame, gemeente: str, *, column: str = "gemeente") -> str:
    """The gemeente as spelled in ``data`` (case-insensitive), ``alle``, or a Dutch ParameterError."""
    check_columns(data, column)
    text = str(gemeente).strip()
    if text.lower() == "alle":
        return "alle"
    known = sorted(str(g) for g in data[column].dropna().unique())
    match = {g.lower(): g for g in known}.get(text.lower())
    if match is None:
        raise ParameterError(f"gemeente '{gemeente}' komt niet voor in de data.{did_you_mean(text, known)} "
                             f"Kies 'alle' of een van: {dutch_list(known, limit=12)}.")
    return match


def check_rows(data: pd.DataFrame, *, min_rows: int = MIN_CEL, what: str = "de selectie") -> pd.DataFrame:
    """Return ``data`` when it has at least ``min_rows`` rows, else a Dutch ParameterError that
    says what to check (an empty selection is nearly always a spelling mistake in the filter).

    >>> check_rows(pd.DataFrame({"x": range(3)}), min_rows=10)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    werkplaats.errors.ParameterError: de selectie heeft maar 3 rijen (minder dan 10): daarover mag niets ...
    """
    n = len(data)
    if n == 0:
        raise ParameterError(f"{what} is leeg: geen enkele rij voldoet aan het filter. Controleer de "
                             f"spelling en hoofdletters van de waarde waarop u filtert (bijvoorbeeld "
                             f"'Utrecht', niet 'utrecht'), of gebruik werkplaats.checks.check_gemeente.")
    if n < min_rows:
        raise ParameterError(f"{what} heeft maar {n} rijen (minder dan {min_rows}): daarover mag niets "
                             f"gepubliceerd worden en een schatting is erg onzeker. Kies een grotere groep "
                             f"(bijvoorbeeld gemeente = \"alle\") of combineer groepen.")
    return data


def select_gemeente(data: pd.DataFrame, gemeente: str, *, min_rows: int = MIN_CEL,
                    column: str = "gemeente") -> pd.DataFrame:
    """The rows of one gemeente (all rows for ``alle``), checked for spelling and size.

    >>> data = pd.DataFrame({"gemeente": ["Utrecht"] * 12 + ["Leusden"] * 2})
    >>> len(select_gemeente(data, "utrecht"))
    12
    """
    name = check_gemeente(data, gemeente, column=column)
    rows = data if name == "alle" else data[data[column].astype(object) == name]
    return check_rows(rows, min_rows=min_rows, what=f"de selectie gemeente = '{name}'")
