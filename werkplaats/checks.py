"""Checks of what a user asks for: a column, a gemeente, a selection, a name with a typo.

Each check either returns quietly or raises a :class:`~werkplaats.errors.ParameterError`
that says, in Dutch, what is wrong and what to do next, with a "bedoelt u ...?" suggestion.
Used by the analyses, the runner and the exercises alike. :func:`friendly_keywords` wraps a
function that students call, so that a typo in a keyword argument gets the same kind of
message, from the function's real signature.

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
import functools
import inspect
from collections.abc import Callable, Iterable, Sequence
from typing import ParamSpec, TypeVar

import pandas as pd

from werkplaats.errors import ParameterError, dutch_list
from werkplaats.privacy import MIN_CEL

__all__ = ["check_columns", "check_gemeente", "check_rows", "did_you_mean", "friendly_keywords", "KeywordError",
           "keyword_message", "keywords_of", "select_gemeente", "suggestions"]

P = ParamSpec("P")
R = TypeVar("R")


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


class KeywordError(ParameterError, TypeError):
    """A keyword argument that the function does not have (also a TypeError, as Python's own)."""


def keyword_message(function: str, keyword: str, keywords: Sequence[str]) -> str:
    """The Dutch message for an unknown keyword argument, with suggestions from ``keywords``.

    >>> keyword_message("analyse", "min_cell", ["gemeente", "min_cel"])
    "analyse() kent geen parameter 'min_cell'. Bedoelt u 'min_cel'? Parameters: gemeente en min_cel."
    """
    known = f" Parameters: {dutch_list(list(keywords), limit=12)}." if keywords else ""
    return f"{function}() kent geen parameter '{keyword}'.{did_you_mean(keyword, keywords)}{known}"


def keywords_of(function: Callable) -> list[str] | None:
    """The names a function takes as keywords, or None when it takes any (``**kwargs``)."""
    parameters = inspect.signature(function).parameters.values()
    if any(p.kind is p.VAR_KEYWORD for p in parameters):
        return None
    return [p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]


def friendly_keywords(function: Callable[P, R]) -> Callable[P, R]:
    """Wrap a function that students call: an unknown keyword argument raises a Dutch
    :class:`KeywordError` with a "Bedoelt u ...?" from the function's real signature, before
    the function runs. Signature, name and docstring stay those of ``function``.

    >>> @friendly_keywords
    ... def share(data, *, min_cel=10):
    ...     return min_cel
    >>> share([], min_cell=5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    werkplaats.checks.KeywordError: share() kent geen parameter 'min_cell'. Bedoelt u 'min_cel'? ...
    """
    keywords = keywords_of(function)
    if keywords is None:
        return function
    known = frozenset(keywords)

    @functools.wraps(function)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        for keyword in kwargs:
            if keyword not in known:
                raise KeywordError(keyword_message(function.__name__, keyword, keywords))
        return function(*args, **kwargs)

    return checked


@friendly_keywords
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


@friendly_keywords
def check_gemeente(data: pd.DataFrame, gemeente: str, *, column: str = "gemeente") -> str:
    """The gemeente as spelled in ``data`` (case-insensitive), ``alle``, or a Dutch ParameterError.

    >>> data = pd.DataFrame({"gemeente": ["Utrecht", "Amersfoort"]})
    >>> check_gemeente(data, "amersfoort"), check_gemeente(data, "Alle")
    ('Amersfoort', 'alle')
    """
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


@friendly_keywords
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
                             f"spelling en hoofdletters van de waarde in het filter (bijvoorbeeld "
                             f"'Utrecht', niet 'utrecht'), of gebruik werkplaats.checks.check_gemeente.")
    if n < min_rows:
        raise ParameterError(f"{what} heeft maar {n} rijen (minder dan {min_rows}): daarover mag niets "
                             f"gepubliceerd worden en een schatting is erg onzeker. Kies een grotere groep "
                             f"(bijvoorbeeld gemeente = \"alle\") of combineer groepen.")
    return data


@friendly_keywords
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
