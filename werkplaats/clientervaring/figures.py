"""Figures of the client-experience report (Dutch labels, house style).

Every function takes PROTECTED tables (``clientervaring.tables(results)``) and draws only
what protection left; it returns the matplotlib figure (save it with
:func:`werkplaats.plots.save_figure`).

>>> from werkplaats import clientervaring as lijn
>>> from werkplaats.lines import load_line
>>> results = lijn.analyse(lijn.prepare(load_line("clientervaring", "tests/fixtures/reference")))
>>> fig = plot_funnel(lijn.tables(results)["trechter"], target=results.funnel_target, item="v03")
>>> len(fig.axes)
1
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from werkplaats.clientervaring.scoring import LIKERT_ITEMS, LIKERT_LABELS, STATEMENTS
from werkplaats.plots import COLORS, new_figure, percent_axis

__all__ = ["LIKERT_COLORS", "SUPPRESSED_NOTE", "plot_casemix", "plot_compare_region", "plot_funnel", "plot_statements",
           "plot_trend", "plot_weighted"]

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# disagree (left) to agree (right); neutral grey in the middle
LIKERT_COLORS = ["#b2182b", "#ef8a62", "#c8c8c8", "#67a9cf", "#2166ac"]
FOCUS_COLOR, REGION_COLOR, OTHER_COLOR = COLORS[0], "#555555", COLORS[2]
SUPPRESSED_NOTE = "te weinig antwoorden"


def _percent(ax: Axes, axis: str = "y") -> None:
    """Percent axis with ticks on whole percentages (never 82.5% shown as 82%)."""
    from matplotlib.ticker import MaxNLocator

    percent_axis(ax, axis)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_locator(MaxNLocator(steps=[1, 2, 5, 10]))


def _statement_label(item: str, width: int = 48) -> str:
    return f"{item}  " + textwrap.shorten(STATEMENTS[item], width=width, placeholder="…")


def plot_statements(distribution: pd.DataFrame, title: str) -> Figure:
    """Diverging stacked bars of the five answers for every Likert statement.

    Disagreement and half of the neutral answers go left of zero, agreement right;
    statements on too few answers are shown without a bar.
    """
    fig, ax = new_figure(9, 5.5)
    items = [i for i in LIKERT_ITEMS if i in set(distribution["item"])][::-1]
    shares = distribution.pivot_table(index="item", columns="answer", values="share", observed=False,
                                      dropna=False).reindex(index=items, columns=LIKERT_LABELS)
    left = -(shares[LIKERT_LABELS[0]] + shares[LIKERT_LABELS[1]] + shares[LIKERT_LABELS[2]] / 2)
    y = np.arange(len(items))
    for label, color in zip(LIKERT_LABELS, LIKERT_COLORS, strict=False):
        width = shares[label].to_numpy()
        ax.barh(y, width, left=left.to_numpy(), color=color, label=label, height=0.7)
        left = left + shares[label]
    labels = [_statement_label(i) + ("" if shares.loc[i].notna().any() else f"  ({SUPPRESSED_NOTE})")
              for i in items]
    ax.set_yticks(y, labels)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{abs(v):.0%}")
    ax.set_xlabel("aandeel van de geldige antwoorden (oneens links, eens rechts)")
    ax.set_title(title)
    ax.legend(ncol=3, loc="upper center", bbox_to_anchor=(0.4, -0.13), frameon=False, fontsize=9)
    return fig


def plot_compare_region(table: pd.DataFrame, gemeente: str) -> Figure:
    """Per statement the gemeente's share (with 95% interval) next to the region's share."""
    fig, ax = new_figure(9, 5.5)
    rows = table.iloc[::-1].reset_index(drop=True)
    rows["suppressed"] = rows["gemeente"].isna()
    y = np.arange(len(rows))
    ax.errorbar(rows["regio"], y + 0.15, xerr=_err(rows, "regio"), fmt="s", color=REGION_COLOR,
                label="regio (alle gemeenten)", capsize=3)
    shown = rows[~rows["suppressed"].astype(bool)]
    ax.errorbar(shown["gemeente"], shown.index - 0.15, xerr=_err(shown, "gemeente"), fmt="o",
                color=FOCUS_COLOR, label=gemeente, capsize=3)
    labels = [_statement_label(i) + (f"  ({SUPPRESSED_NOTE})" if s else "")
              for i, s in zip(rows["item"], rows["suppressed"], strict=False)]
    ax.set_yticks(y, labels)
    _percent(ax, "x")
    ax.set_xlabel("aandeel (helemaal) mee eens (v05: ja), met 95%-betrouwbaarheidsinterval")
    ax.set_title(f"{gemeente} vergeleken met de regio")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False, fontsize=9)
    return fig


def _err(rows: pd.DataFrame, prefix: str) -> np.ndarray:
    return np.vstack([rows[prefix] - rows[f"{prefix}_low"], rows[f"{prefix}_high"] - rows[prefix]])


def plot_funnel(table: pd.DataFrame, *, target: float, item: str, gemeente: str = "alle") -> Figure:
    """Funnel plot of statement ``item``: gemeenten against 95% and 99.8% control limits around ``target``."""
    from werkplaats.stats.funnel import funnel_curve

    shown = table[~table["suppressed"].astype(bool)]
    fig, ax = new_figure(8, 5)
    n_max = max(shown["n"].max() * 1.15, 50) if len(shown) else 50
    n_min = max(10.0, shown["n"].min() * 0.5) if len(shown) else 10.0
    curve = funnel_curve(target, n_max, n_min=n_min)
    for level, style in (("95", "--"), ("998", ":")):
        name = "95%-grenzen" if level == "95" else "99,8%-grenzen"
        ax.plot(curve["n"], curve[f"lo{level}"], style, color=REGION_COLOR, label=name)
        ax.plot(curve["n"], curve[f"hi{level}"], style, color=REGION_COLOR)
    ax.axhline(target, color="black", linewidth=1, label=f"gemiddelde regio ({target:.0%})")
    for row in shown.itertuples():
        color = FOCUS_COLOR if row.gemeente == gemeente else OTHER_COLOR
        ax.scatter(row.n, row.share, s=60, color=color, zorder=3)
        ax.annotate(row.gemeente, (row.n, row.share), textcoords="offset points", xytext=(6, 4), fontsize=9)
    _percent(ax)
    ax.set_xlabel("aantal geldige antwoorden")
    ax.set_ylabel("aandeel (helemaal) mee eens")
    statement = textwrap.shorten(STATEMENTS[item], 50)
    ax.set_title(f"Trechterdiagram {item}: {statement}")
    ax.legend(loc="lower right", fontsize=9)
    return fig


def plot_weighted(weighted: pd.DataFrame) -> Figure:
    """Unweighted versus raked (weighted) share per gemeente, weighted with its 95% interval."""
    weighted = weighted[~weighted["suppressed"].astype(bool)].reset_index(drop=True)
    fig, ax = new_figure(8, 4.5)
    y = np.arange(len(weighted))
    ax.scatter(weighted["unweighted"], y + 0.12, marker="s", color=REGION_COLOR, label="ongewogen", zorder=3)
    ax.errorbar(weighted["weighted"], y - 0.12, xerr=1.959964 * weighted["se"], fmt="o", color=FOCUS_COLOR,
                capsize=3, label="gewogen naar leeftijd en geslacht (95%-interval)")
    ax.set_yticks(y, weighted["gemeente"])
    _percent(ax, "x")
    item = weighted["item"].iloc[0] if len(weighted) else "v06"
    ax.set_xlabel(f"aandeel (helemaal) mee eens, {item}")
    ax.set_title("Gewogen en ongewogen: verandert het beeld?")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False, fontsize=9)
    return fig


def plot_casemix(adjusted: pd.DataFrame, item: str) -> Figure:
    """Crude and case-mix adjusted share per gemeente, with the region's share."""
    adjusted = adjusted[~adjusted["suppressed"].astype(bool)].reset_index(drop=True)
    fig, ax = new_figure(8, 4.5)
    y = np.arange(len(adjusted))
    ax.scatter(adjusted["crude"], y + 0.12, marker="s", color=REGION_COLOR, label="ruw", zorder=3)
    ax.errorbar(adjusted["adjusted"], y - 0.12, xerr=np.vstack([adjusted["adjusted"] - adjusted["ci_low"],
                adjusted["ci_high"] - adjusted["adjusted"]]), fmt="o", color=FOCUS_COLOR, capsize=3,
                label="gecorrigeerd voor leeftijd, geslacht en invuller (95%-interval)")
    if len(adjusted):
        ax.axvline(adjusted["region"].iloc[0], color="black", linewidth=1, label="regio")
    ax.set_yticks(y, adjusted["gemeente"])
    _percent(ax, "x")
    ax.set_xlabel(f"aandeel (helemaal) mee eens, {item}")
    ax.set_title("Verschillen tussen gemeenten na correctie voor achtergrond")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False, fontsize=9)
    return fig


def plot_trend(trend: pd.DataFrame, gemeente: str = "regio") -> Figure:
    """Share agreeing per year for every statement, for a gemeente or the region."""
    fig, ax = new_figure(8, 4.5)
    part = trend[(trend["gemeente"] == gemeente) & trend["agree"].notna()]
    for k, (item, rows) in enumerate(part.groupby("item")):
        ax.plot(rows["jaar"], rows["agree"], marker="o", label=item, color=COLORS[k % len(COLORS)],
                linestyle="-" if k < len(COLORS) else "--")
    ax.set_xticks(sorted(part["jaar"].unique()))
    _percent(ax)
    ax.set_ylabel("aandeel (helemaal) mee eens")
    ax.set_title(f"Ontwikkeling per jaar: {gemeente}")
    ax.legend(ncol=1, fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return fig
