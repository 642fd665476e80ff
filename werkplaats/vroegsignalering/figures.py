"""Figures of the debt-signalling line, Dutch labels, house style (:mod:`werkplaats.plots`).

Every function takes a PROTECTED table of :func:`werkplaats.vroegsignalering.tables` and draws
only what it holds (blanked cells are left out); a note under the figure says when something
was left out. Each returns the matplotlib figure; save it with :func:`werkplaats.plots.save_figure`.

>>> table = pd.DataFrame({"gemeente": ["totaal"], "signalen": [100.0], "huishoudens": [60.0],
...     "meldingen": [80.0], "contactpoging": [90.0], "bereikt": [30.0], "geaccepteerd": [10.0],
...     "aandeel_contactpoging": [0.9], "aandeel_bereikt": [1 / 3], "aandeel_geaccepteerd": [1 / 3],
...     "suppressed": [False]})
>>> funnel_figure(table).axes[0].get_xlabel()
'aantal'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from werkplaats.plots import COLORS, new_figure, percent_axis
from werkplaats.privacy import SUPPRESSED_MARK

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["funnel_figure", "its_figure", "signals_per_month_figure", "time_to_contact_figure"]

STEPS = {"signalen": "signalen", "meldingen": "meldingen", "contactpoging": "contactpoging",
         "bereikt": "bereikt", "geaccepteerd": "hulp geaccepteerd"}
RATE_OF = {"contactpoging": ("aandeel_contactpoging", "van de signalen"),
           "bereikt": ("aandeel_bereikt", "van de pogingen"),
           "geaccepteerd": ("aandeel_geaccepteerd", "van de bereikten")}
BRONNEN = ("zorgverzekeraar", "energieleverancier", "woningcorporatie", "drinkwaterbedrijf")
BRON_COLORS = dict(zip(BRONNEN, COLORS, strict=False))
NOTE = "Groepen op minder dan {min_cel} huishoudens zijn weggelaten (privacy)."


def _note(fig: Figure, text: str) -> None:
    fig.tight_layout()
    fig.text(0.01, -0.02, text, fontsize=8, color="#555555", ha="left", va="top")


def _floats(values: object) -> np.ndarray:
    """Numbers of a (possibly nullable) column as floats, blanked cells NaN."""
    return pd.to_numeric(pd.Series(values), errors="coerce").astype(float).to_numpy()


def _empty(ax: Axes, text: str = "te weinig huishoudens om te tonen") -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#555555")


def funnel_figure(table: pd.DataFrame, group: str = "totaal", *, title: str | None = None,
                  min_cel: int | None = None) -> Figure:
    """Horizontal bars: the funnel steps of one row (`group`) of a protected funnel table."""
    fig, ax = new_figure(8, 4)
    rows = table[table.iloc[:, 0].astype(str) == group]
    ax.set_xlabel("aantal")
    ax.set_title(title or f"Van signaal tot hulp ({group})")
    if rows.empty or pd.isna(rows["huishoudens"].iloc[0]):
        _empty(ax)
        ax.set_yticks([])
        return fig
    row = rows.iloc[0]
    steps = list(STEPS)[::-1]
    values = list(_floats([row[s] for s in steps]))  # NaN: a blanked step (not drawn)
    ax.barh([STEPS[s] for s in steps], np.nan_to_num(values), color=COLORS[0])
    for y, (step, v) in enumerate(zip(steps, values, strict=True)):
        share = _floats([row[RATE_OF[step][0]]])[0] if step in RATE_OF else np.nan
        rate = f" ({100 * share:.0f}% {RATE_OF[step][1]})" if np.isfinite(share) else ""
        shown = f" {int(v):,}".replace(",", ".") if np.isfinite(v) else f" {SUPPRESSED_MARK} (te weinig)"
        ax.text(0 if np.isnan(v) else v, y, shown + rate, va="center", fontsize=9)
    ax.set_xlim(0, np.nanmax(values) * 1.45)
    households = f"{int(row['huishoudens']):,}".replace(",", ".")
    ax.set_title(title or f"Van signaal tot hulp ({group}, {households} huishoudens)")
    return fig


def signals_per_month_figure(per_month: pd.DataFrame, *, min_cel: int | None = None) -> Figure:
    """Signals per month, one line per bron (the protected ``signalen_per_maand`` table)."""
    fig, ax = new_figure(9, 4.5)
    if per_month.empty or per_month["signalen"].isna().all():
        _empty(ax)
        return fig
    data = per_month.assign(maand=pd.to_datetime(per_month["maand"]), signalen=_floats(per_month["signalen"]))
    wide = data.pivot(index="maand", columns="bron", values="signalen")
    for bron in [b for b in BRONNEN if b in wide.columns]:
        ax.plot(wide.index, wide[bron], marker="o", markersize=3, color=BRON_COLORS[bron], label=bron)
    ax.set_ylabel("aantal signalen per maand")
    ax.set_xlabel("maand van het signaal")
    ax.set_ylim(bottom=0)
    ax.set_title("Signalen per maand, naar bron")
    ax.legend(title="bron", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.autofmt_xdate()
    if per_month["suppressed"].any():
        _note(fig, NOTE.format(min_cel=min_cel or "het minimum"))
    return fig


def time_to_contact_figure(curves: pd.DataFrame, table: pd.DataFrame, *, max_days: int = 90,
                           min_cel: int | None = None) -> Figure:
    """Kaplan–Meier: the share of signals reached by each day since the signal, per bron,
    with the 95% band (the protected ``tijd_tot_contact_curven`` and ``tijd_tot_contact``
    tables); a curve stops where its points are blanked."""
    fig, ax = new_figure(8, 4.5)
    curves = curves[curves["share"].notna()]
    if curves.empty:
        _empty(ax)
        return fig
    for bron in [b for b in BRONNEN if b in set(curves["bron"])]:
        part = curves[(curves["bron"] == bron) & (curves["time"] <= max_days)]
        x = np.concatenate([[0], _floats(part["time"])])
        y = np.concatenate([[0], _floats(part["share"])])
        lo = np.concatenate([[0], _floats(part["share_ci_low"])])
        hi = np.concatenate([[0], _floats(part["share_ci_high"])])
        ax.step(x, y, where="post", color=BRON_COLORS[bron], label=bron, linewidth=2)
        ax.fill_between(x, lo, hi, step="post", color=BRON_COLORS[bron], alpha=0.15, linewidth=0)
    for day in (14, 30, 60):
        ax.axvline(day, color="#999999", linestyle=":", linewidth=1)
    ax.set_xlim(0, max_days)
    ax.set_ylim(0, None)
    percent_axis(ax)
    ax.set_xlabel("dagen sinds het signaal")
    ax.set_ylabel("aandeel bereikt")
    ax.set_title("Hoe snel worden huishoudens bereikt? (Kaplan–Meier, 95%-band)")
    ax.legend(title="bron", fontsize=8, loc="upper left")
    if table["suppressed"].any():
        _note(fig, NOTE.format(min_cel=min_cel or "het minimum"))
    return fig


def its_figure(by_month: pd.DataFrame, *, window: int = 60, min_cel: int | None = None) -> Figure:
    """Monthly share reached within ``window`` days, months relative to the training, with
    the segmented regression's trend and the pre-training trend carried forward (dashed)
    (the protected ``tijdreeks_maand`` table)."""
    fig, ax = new_figure(8, 4.5)
    shown = by_month[by_month["aandeel"].notna()]
    if shown.empty:
        _empty(ax)
        return fig
    ax.scatter(shown["maand"], _floats(shown["aandeel"]), s=np.clip(_floats(shown["n"]), 10, 200), color=COLORS[2],
               alpha=0.7, label="aandeel per maand (alle getrainde teams)")
    trend = by_month[by_month["trend"].notna()]
    for part, color, label in ((trend[trend["maand"] < 0], COLORS[0], "trend vóór de training"),
                               (trend[trend["maand"] > 0], COLORS[1], "trend na de training")):
        if not part.empty:
            ax.plot(part["maand"], _floats(part["trend"]), "-", color=color, linewidth=2, label=label)
    expected = by_month[by_month["verwacht"].notna()]
    if not expected.empty:
        ax.plot(expected["maand"], _floats(expected["verwacht"]), "--", color="#777777",
                label="verwacht zonder training")
    ax.axvline(0, color="#b23a48", linewidth=1)
    ax.set_xlabel("maanden sinds de training (0 = trainingsmaand, weggelaten)")
    ax.set_ylabel(f"aandeel bereikt binnen {window} dagen")
    ax.set_ylim(0, None)
    percent_axis(ax)
    ax.set_title("Bereik rond de training (onderbroken tijdreeks)")
    ax.legend(fontsize=8, loc="lower right")
    if by_month["suppressed"].any():
        _note(fig, NOTE.format(min_cel=min_cel or "het minimum"))
    return fig
