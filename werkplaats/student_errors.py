"""Dutch hints for errors in a notebook, shown first, with the traceback cut to your own cells.

:func:`friendly_errors` switches it on in Jupyter (the exercise and start-here notebooks do
that in their first code cell). For an error it recognises it shows:

1. a Dutch tip: a column or name that does not exist ("Bedoelt u ...?"), a keyword argument
   a function does not have, or the workbench's own message (``ParameterError``,
   ``DataError``);
2. only the lines of *your* cells that led to the error, not the lines inside pandas or
   the workbench;
3. the error type on the last line.

Any other error is shown as usual. Lecturers who want the full traceback call
``friendly_errors(aan=False)``, or set the environment variable
``WERKPLAATS_FOUTMELDINGEN=volledig`` before starting JupyterLab; ``%tb`` always shows the
full traceback of the last error.

>>> explain_name_error(NameError("name 'dta' is not defined", name="dta"), {"data": 1})  # doctest: +ELLIPSIS
"Tip: 'dta' bestaat (nog) niet. Bedoelt u 'data'? ..."
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from types import ModuleType

import pandas as pd

from werkplaats.checks import did_you_mean, keyword_message, keywords_of
from werkplaats.errors import DataError, WerkplaatsError, dutch_list

__all__ = [
    "explain",
    "explain_attribute_error",
    "explain_key_error",
    "explain_name_error",
    "explain_type_error",
    "friendly_errors",
    "FULL_TRACEBACK",
    "short_traceback",
]

FULL_TRACEBACK = "WERKPLAATS_FOUTMELDINGEN"  # set to "volledig": friendly_errors() changes nothing
HANDLED = (WerkplaatsError, KeyError, NameError, TypeError, AttributeError)
UNEXPECTED_KEYWORD = re.compile(r"^(?P<function>[\w.<>]+)\(\) got an unexpected keyword argument '(?P<keyword>\w+)'")


def _frames(tb) -> list:
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    return frames


def _looked_up_in(tb) -> tuple[pd.DataFrame | pd.Series | None, object]:
    """The DataFrame or Series whose ``[...]`` raised and the key asked for (innermost first)."""
    for frame in reversed(_frames(tb)):
        owner = frame.f_locals.get("self")
        if isinstance(owner, pd.DataFrame | pd.Series) and frame.f_code.co_name == "__getitem__":
            return owner, frame.f_locals.get("key")
    return None, None


def explain_key_error(error: KeyError, tb) -> str:
    """A Dutch hint for ``data["kolom"]`` with a column that does not exist, else ``""``.

    >>> import sys
    >>> try:
    ...     pd.DataFrame({"gemeente": ["Utrecht"]})["gemeene"]
    ... except KeyError as error:
    ...     print(explain_key_error(error, sys.exc_info()[2]))
    Tip: kolom 'gemeene' bestaat niet. Bedoelt u 'gemeente'? Beschikbaar: gemeente. Let op spelling en hoofdletters.
    """
    owner, key = _looked_up_in(tb)
    if owner is None:
        return ""
    if isinstance(key, str):
        keys = [key]
    else:
        keys = [k for k in key if isinstance(k, str)] if isinstance(key, list) else []
    labels = owner.columns if isinstance(owner, pd.DataFrame) else owner.index
    missing = [k for k in keys if k not in labels]
    if not missing:
        return ""
    names = [str(c) for c in labels]
    where = "kolom" if isinstance(owner, pd.DataFrame) else "label"
    return (f"Tip: {where} '{missing[0]}' bestaat niet.{did_you_mean(missing[0], names)} "
            f"Beschikbaar: {dutch_list(names, limit=12)}. Let op spelling en hoofdletters.")


def explain_name_error(error: NameError, namespace: Mapping[str, object]) -> str:
    """A Dutch hint for a name that does not exist (yet): run the cells above, or a typo."""
    name = getattr(error, "name", None)
    if not name:
        return ""
    known = [k for k in namespace if not k.startswith("_")]
    return (f"Tip: '{name}' bestaat (nog) niet.{did_you_mean(name, known)} Voer eerst de cellen "
            f"erboven uit (Run → Run All Above Selected Cell) of controleer de spelling.")


def explain_type_error(error: TypeError, tb) -> str:
    """A Dutch hint for a keyword argument that a function does not have, from its real
    signature (looked up where the call was made), else ``""``.

    >>> import sys
    >>> def share(data, *, min_cel=10):
    ...     return min_cel
    >>> try:
    ...     share([], min_cell=5)
    ... except TypeError as error:
    ...     print(explain_type_error(error, sys.exc_info()[2]))
    Tip: share() kent geen parameter 'min_cell'. Bedoelt u 'min_cel'? Parameters: data en min_cel.
    """
    if isinstance(error, WerkplaatsError):
        return ""
    found = UNEXPECTED_KEYWORD.match(str(error))
    if not found:
        return ""
    name, keyword = found["function"].split(".")[-1], found["keyword"]
    function = _find_callable(name, tb)
    keywords: list[str] | None = []
    if function is not None:
        try:
            keywords = keywords_of(function)
        except (TypeError, ValueError):  # no signature (a builtin)
            keywords = []
    return "Tip: " + keyword_message(name, keyword, keywords or [])


def _find_callable(name: str, tb) -> Callable | None:
    """The function called ``name`` where the call was made: a variable there, or an
    attribute of a module imported there (``pd.read_csv``, ``lijn.analyse``)."""
    frames = list(reversed(_frames(tb)))
    for frame in frames:
        function = frame.f_locals.get(name, frame.f_globals.get(name))
        if callable(function):
            return function
    for frame in frames:
        for value in list(frame.f_globals.values()):
            if isinstance(value, ModuleType) and callable(getattr(value, name, None)):
                return getattr(value, name)
    return None


def explain_attribute_error(error: AttributeError) -> str:
    """A Dutch hint for ``data.kolom`` with a column that does not exist, else ``""``.

    >>> try:
    ...     pd.DataFrame({"gemeente": ["Utrecht"]}).gemeene
    ... except AttributeError as error:
    ...     print(explain_attribute_error(error))
    Tip: tabel heeft geen kolom of eigenschap 'gemeene'. Bedoelt u 'gemeente'? Kolommen: gemeente.
    """
    owner, name = getattr(error, "obj", None), getattr(error, "name", None)
    if not isinstance(owner, pd.DataFrame) or not name:
        return ""
    names = [str(c) for c in owner.columns]
    return (f"Tip: tabel heeft geen kolom of eigenschap '{name}'.{did_you_mean(name, names)} "
            f"Kolommen: {dutch_list(names, limit=12)}.")


def explain(error: BaseException, tb, namespace: Mapping[str, object]) -> str:
    """The Dutch tip for any error this module knows, else ``""``.

    >>> from werkplaats.errors import ParameterError
    >>> explain(ParameterError("gemeente 'Utrect' komt niet voor."), None, {})
    "gemeente 'Utrect' komt niet voor."
    """
    if isinstance(error, DataError):
        return f"Fout in de data: {error}"
    if isinstance(error, WerkplaatsError):
        return str(error)
    if isinstance(error, KeyError):
        return explain_key_error(error, tb)
    if isinstance(error, NameError):
        return explain_name_error(error, namespace)
    if isinstance(error, TypeError):
        return explain_type_error(error, tb)
    if isinstance(error, AttributeError):
        return explain_attribute_error(error)
    return ""


def _is_cell(filename: str, cells: Mapping[str, object]) -> bool:
    return filename in cells or filename.startswith("<ipython-input-") or "ipykernel_" in filename


def short_traceback(error: BaseException, tb, cells: Mapping[str, object] = {}) -> list[str]:  # noqa: B006
    """The lines of the traceback that are in your own notebook cells, then the error type.

    ``cells`` maps the file names of executed cells to their number (IPython's compiler
    keeps that map); frames elsewhere (pandas, the workbench) are left out.
    """
    import linecache

    lines = []
    for frame, number in _walk(tb):
        filename = frame.f_code.co_filename
        if not _is_cell(filename, cells):
            continue
        source = linecache.getline(filename, number).strip()
        cell = cells.get(filename)
        where = f"cel [{cell}]" if cell is not None else "je cel"
        lines.append(f"  {where}, regel {number}: {source}")
    header = ["Waar het misging:"] if lines else []
    last = type(error).__name__ if isinstance(error, WerkplaatsError) else f"{type(error).__name__}: {error}"
    return [*header, *lines, last]


def _walk(tb):
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def _handler(shell, etype, value, tb, tb_offset=None):
    """IPython's custom exception handler: the tip first, then the short traceback."""
    try:
        tip = explain(value, tb, shell.user_ns)
    except Exception:  # noqa: BLE001 - a hint must never hide the real error
        tip = ""
    if not tip:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb  # for %tb
    cells = getattr(shell.compile, "_filename_map", {})
    red, bold, reset = "\x1b[31m", "\x1b[1m", "\x1b[0m"
    short = short_traceback(value, tb, cells)
    stb = [f"{bold}{tip}{reset}", "", *short[:-1], f"{red}{short[-1]}{reset}",
           "(De volledige foutmelding: typ %tb in een nieuwe cel.)"]
    shell._showtraceback(etype, value, stb)
    return None


def friendly_errors(aan: bool = True, *, shell=None) -> bool:
    """Switch the Dutch error tips on (``aan=True``) or off (``aan=False``) in Jupyter.

    Returns True when the tips are on afterwards; outside IPython/Jupyter, or with the
    environment variable ``WERKPLAATS_FOUTMELDINGEN=volledig``, nothing changes and it
    returns False.

    >>> friendly_errors()  # outside Jupyter nothing happens
    False
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython comes with Jupyter
            return False
        shell = get_ipython()
    if shell is None:
        return False
    if not aan or os.environ.get(FULL_TRACEBACK, "").strip().lower() == "volledig":
        if getattr(shell, "custom_exceptions", ()) == HANDLED:
            shell.set_custom_exc((), None)
        return False
    shell.set_custom_exc(HANDLED, _handler)
    return True
