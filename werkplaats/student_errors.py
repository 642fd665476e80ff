"""Dutch hints for Python's own errors in a notebook: a column that does not exist
(pandas' ``KeyError``) or a name that does not exist (yet) (``NameError``).

:func:`friendly_errors` installs them in Jupyter; the checks themselves live in
:mod:`werkplaats.checks`.

>>> import pandas as pd
>>> explain_name_error(NameError("name 'dta' is not defined", name="dta"), {"data": 1})  # doctest: +ELLIPSIS
"Tip: 'dta' bestaat (nog) niet. Bedoelt u 'data'? ..."
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from werkplaats.checks import did_you_mean
from werkplaats.errors import dutch_list

__all__ = ["explain_key_error", "explain_name_error", "friendly_errors"]


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
    """A Dutch hint for ``data["kolom"]`` with a column that does not exist, else ``""``."""
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


def friendly_errors(shell=None) -> bool:
    """Show a Dutch hint below the traceback of a KeyError (column) or NameError in Jupyter.

    Returns True when the hint is installed (only inside IPython/Jupyter; elsewhere False).
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython comes with Jupyter
            return False
        shell = get_ipython()
    if shell is None:
        return False

    def handler(self, etype, value, tb, tb_offset=None):
        structured = self.showtraceback((etype, value, tb), tb_offset=tb_offset)
        try:
            hint = (explain_key_error(value, tb) if isinstance(value, KeyError)
                    else explain_name_error(value, self.user_ns))
        except Exception:  # noqa: BLE001 - a hint must never hide the real error
            hint = ""
        if hint:
            print(hint)
        return structured

    shell.set_custom_exc((KeyError, NameError), handler)
    return True
