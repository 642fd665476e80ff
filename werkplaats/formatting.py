"""Dutch display of numbers and tables in notebooks and reports.

Numbers use a decimal comma and a thousands dot; suppressed cells (NaN after
:func:`werkplaats.privacy.suppress`) show as a dash.

>>> dutch_percent(0.8312), dutch_number(1234.6)
('83,1%', '1.235')
"""

from __future__ import annotations

import pandas as pd


def dutch_percent(value: float, decimals: int = 1) -> str:
    """Dutch percentage.

    >>> dutch_percent(0.8312)
    '83,1%'
    """
    return f"{value:.{decimals}%}".replace(".", ",")


def dutch_number(value: float, decimals: int = 0) -> str:
    """Dutch number: thousands with a dot, decimals with a comma.

    >>> dutch_number(1234.6), dutch_number(0.8929, 3)
    ('1.235', '0,893')
    """
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def dutch_points(value: float) -> str:
    """A difference of shares in percentage points, one decimal.

    >>> dutch_points(-0.0312)
    '-3,1'
    """
    return f"{100 * value:.1f}".replace(".", ",")


def dutch_p(value: float) -> str:
    """A p-value: three decimals, ``<0,001`` below that.

    >>> dutch_p(0.0004), dutch_p(0.0312)
    ('<0,001', '0,031')
    """
    return "<0,001" if value < 0.001 else f"{value:.3f}".replace(".", ",")


def show_table(table: pd.DataFrame, *, percent: list[str] = (), numbers: dict[str, int] | None = None,
               points: list[str] = (), rename: dict[str, str] | None = None):
    """A display table (pandas Styler): Dutch column names via ``rename``, percentages and
    numbers the Dutch way, suppressed cells as a dash.

    >>> show_table(pd.DataFrame({"a": [0.8312, float("nan")]}), percent=["a"]).to_html().count("83,1%")
    1
    """
    from werkplaats.privacy import SUPPRESSED_MARK

    formats = {c: dutch_percent for c in percent} | {c: dutch_points for c in points}
    formats |= {"p": dutch_p} if "p" in table.columns else {}
    formats |= {c: (lambda v, d=d: dutch_number(v, d)) for c, d in (numbers or {}).items()}
    rename = rename or {}
    shown = table.rename(columns=rename)
    formats = {rename.get(c, c): f for c, f in formats.items()}
    return shown.style.format(formats, na_rep=SUPPRESSED_MARK).hide(axis="index")
