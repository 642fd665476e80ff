"""Dutch display of numbers and tables in notebooks and reports.

Numbers use a decimal comma and a thousands dot; suppressed cells show as a dash. A table
with declared roles (:mod:`werkplaats.roles`) is shown with one call, :func:`show`: Dutch
headers and number formats come from the roles, so no notebook repeats rename or format dicts.

>>> dutch_percent(0.8312), dutch_number(1234.6)
('83,1%', '1.235')
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import pandas as pd

from werkplaats.checks import friendly_keywords
from werkplaats.roles import ColumnRole, Role, roles_of

__all__ = ["dutch_number", "dutch_p", "dutch_percent", "dutch_points", "format_value", "reader_table", "show"]


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


def format_value(value: Any, role: ColumnRole) -> str:
    """One cell as a reader sees it: by the column's role, suppressed as a dash.

    >>> from werkplaats.roles import count, p_value, share
    >>> format_value(1234, count("n")), format_value(0.8312, share("x", on="n")), format_value(0.0004, p_value(on="n"))
    ('1.234', '83,1%', '<0,001')
    """
    from werkplaats.privacy import SUPPRESSED_MARK

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return SUPPRESSED_MARK
    if role.role in (Role.LABEL, Role.FLAG) or isinstance(value, str):
        return str(value)
    if role.role is Role.P:
        return dutch_p(float(value))
    decimals = 2 if role.decimals is None else role.decimals
    if role.percent:
        return dutch_percent(float(value), decimals)
    text = dutch_number(float(value), decimals)
    return "0" + text[2:] if text.startswith("-0") and text.strip("-0,") == "" else text  # no "-0,0"


def reader_table(table: pd.DataFrame, *, hide: Sequence[str] = ()) -> pd.DataFrame:
    """The table as text for readers: Dutch headers from the roles, Dutch numbers, dashes;
    the protection flag and the columns in ``hide`` are left out.

    >>> from werkplaats.roles import count, declare, label
    >>> t = declare(pd.DataFrame({"gemeente": ["Utrecht"], "n": [1051]}), unit="deelnemers",
    ...             columns={"gemeente": label("gemeente"), "n": count("deelnemers")})
    >>> reader_table(t).to_dict("records")
    [{'gemeente': 'Utrecht', 'deelnemers': '1.051'}]
    """
    roles = roles_of(table)
    shown = [c for c in table.columns if roles.columns[c].role is not Role.FLAG and c not in hide]
    out = pd.DataFrame({roles.columns[c].header: [format_value(v, roles.columns[c]) for v in table[c]]
                        for c in shown}, index=range(len(table)))
    return out


@friendly_keywords
def show(table: pd.DataFrame, *, caption: str | None = None, hide: Sequence[str] = ()):
    """One call per table in a notebook: a pandas Styler with the Dutch headers and formats of
    the table's roles, a caption (default: the table's title), no index; every value escaped.

    >>> from werkplaats.roles import count, declare, label
    >>> t = declare(pd.DataFrame({"gemeente": ["<b>X</b>"], "n": [12]}), unit="deelnemers", title="Deelnemers",
    ...             columns={"gemeente": label("gemeente"), "n": count("aantal")})
    >>> html = show(t).to_html()
    >>> "&lt;b&gt;X&lt;/b&gt;" in html, "<caption>Deelnemers</caption>" in html
    (True, True)
    """
    roles = roles_of(table)
    styler = reader_table(table, hide=hide).style.hide(axis="index").format(escape="html")
    styler = styler.format_index(escape="html", axis=1)  # headers too: a pivot may name a gemeente
    title = roles.title if caption is None else caption
    return styler.set_caption(html.escape(title)) if title else styler
