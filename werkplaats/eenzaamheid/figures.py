"""Figures of the loneliness study, Dutch labels, house style (:mod:`werkplaats.plots`).

Every function takes a PROTECTED table (``tables(results)`` of :mod:`werkplaats.eenzaamheid.analysis`)
and draws only the points whose values were published; a note under the figure says when
something was left out. Each returns the matplotlib figure; save it with
:func:`werkplaats.plots.save_figure`.

>>> import pandas as pd
>>> table = pd.DataFrame({"meting": ["T0", "T1"], "groep": ["interventie"] * 2, "n": [40, 35],
...     "eenzaam": [0.7, 0.6], "eenzaam_ci_low": [0.55, 0.44], "eenzaam_ci_high": [0.82, 0.74],
...     "suppressed": [False, False]})
>>> fig = prevalence_figure(table)
>>> fig.axes[0].get_ylabel()
'aandeel eenzaam (score 3 of hoger)'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from werkplaats.plots import PALETTE, new_figure, percent_axis

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["FLAG_LABELS", "area_prevalence_figure", "effect_figure", "prevalence_figure", "trajectory_figure"]

METINGEN = ["T0", "T1", "T2"]
METING_LABELS = {"T0": "T0\nstart", "T1": "T1\n~3 maanden", "T2": "T2\n~12 maanden"}
FLAG_LABELS = {"eenzaam": "aandeel eenzaam (score 3 of hoger)",
               "ernstig": "aandeel (zeer) ernstig eenzaam (score 9 of hoger)"}
OFFSET = {"interventie": -0.06, "controle": 0.06}
SUPPRESSED_NOTE = "Punten op minder dan {min_cel} deelnemers zijn weggelaten (privacy)."
SUPPRESSED_NOTE_PLAIN = "Kleine groepen zijn weggelaten (privacy)."


def _note(fig: Figure, table: pd.DataFrame, min_cel: int | None) -> None:
    """A line under the figure when suppressed rows were left out."""
    if "suppressed" in table and table["suppressed"].astype(bool).any():
        text = SUPPRESSED_NOTE.format(min_cel=min_cel) if min_cel else SUPPRESSED_NOTE_PLAIN
        fig.tight_layout()
        fig.text(0.01, -0.02, text, fontsize=8, color="#555555", ha="left", va="top")


def _time_axis(ax: Axes, short: bool = False) -> None:
    ax.set_xticks(range(len(METINGEN)), METINGEN if short else [METING_LABELS[m] for m in METINGEN])
    ax.set_xlim(-0.4, len(METINGEN) - 0.6)
    ax.set_xlabel("")


def _published(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The rows whose ``columns`` all hold a published value, those columns as floats."""
    values = table[columns].apply(pd.to_numeric, errors="coerce").astype(float)
    return table.assign(**values).loc[values.notna().all(axis=1)]


def _group_lines(ax: Axes, table: pd.DataFrame, value: str, low: str, high: str) -> None:
    shown = _published(table, [value, low, high])
    for groep in ("interventie", "controle"):
        part = shown[shown["groep"].astype(object) == groep]
        if part.empty:
            continue
        x = part["meting"].astype(object).map(METINGEN.index).to_numpy(float) + OFFSET[groep]
        y = part[value].to_numpy(float)
        err = np.vstack([y - part[low].to_numpy(float), part[high].to_numpy(float) - y])
        ax.errorbar(x, y, yerr=err, marker="o", capsize=4, color=PALETTE[groep], label=groep, linewidth=2)


def prevalence_figure(table: pd.DataFrame, flag: str = "eenzaam", *, title: str | None = None,
                      min_cel: int | None = None) -> Figure:
    """Share ``eenzaam`` (or ``ernstig``) per meting and groep with 95% Wilson intervals."""
    fig, ax = new_figure()
    _group_lines(ax, table, flag, f"{flag}_ci_low", f"{flag}_ci_high")
    _time_axis(ax)
    ax.set_ylim(0, 1)
    percent_axis(ax)
    ax.set_ylabel(FLAG_LABELS[flag])
    ax.set_title(title or f"{FLAG_LABELS[flag].split(' (')[0].capitalize()} per meting, met 95%-interval")
    ax.legend(title="groep", loc="lower left")
    _note(fig, table, min_cel)
    return fig


def trajectory_figure(table: pd.DataFrame, *, title: str | None = None, min_cel: int | None = None,
                      ylabel: str = "gemiddelde DJG-score (0-11)") -> Figure:
    """Mean score per meting and groep with 95% intervals (from ``mean_trajectories``)."""
    fig, ax = new_figure()
    _group_lines(ax, table, "gemiddelde", "ci_low", "ci_high")
    _time_axis(ax)
    ax.set_ylabel(ylabel)
    ax.set_title(title or "Gemiddelde eenzaamheidsscore per meting, met 95%-interval")
    ax.legend(title="groep")
    _note(fig, table, min_cel)
    return fig


METHOD_COLORS = {"ANCOVA": "#0b6e4f", "ANCOVA met covariaten": "#6b8f3b",
                 "verschil-in-verschillen": "#e07a1f", "gemengd model": "#3a6ea5"}


def effect_figure(effects: pd.DataFrame, *, title: str | None = None, min_cel: int | None = None) -> Figure:
    """Forest plot of the effect estimates (interventie − controle, score points) per meting."""
    shown = _published(effects, ["effect", "ci_low", "ci_high"]).reset_index(drop=True)
    fig, ax = new_figure(8, 0.5 * max(len(shown), 2) + 1.5)
    labels = [f"{r.meting}: {r.methode}" for r in shown.itertuples()]
    y = np.arange(len(shown))[::-1]
    for yi, r in zip(y, shown.itertuples(), strict=True):
        color = METHOD_COLORS.get(r.methode, "#333333")
        ax.errorbar(r.effect, yi, xerr=[[r.effect - r.ci_low], [r.ci_high - r.effect]], fmt="o",
                    color=color, capsize=4, linewidth=2)
    ax.axvline(0, color="#333333", linewidth=1, linestyle="--")
    ax.set_yticks(y, labels)
    ax.set_xlabel("effect in DJG-punten (negatief = minder eenzaam dan de controlegroep)")
    ax.set_title(title or "Effect van de interventie, drie schattingen met 95%-interval")
    _note(fig, effects, min_cel)
    return fig


def area_prevalence_figure(table: pd.DataFrame, flag: str = "eenzaam", *, min_cel: int | None = None) -> Figure:
    """Prevalence per meting and groep, one panel per gebied (gemeente, or focus versus rest)."""
    areas = list(dict.fromkeys(table["gebied"].astype(object)))
    fig, axes = new_figure(4 * max(len(areas), 1), 4.2, ncols=max(len(areas), 1), sharey=True, squeeze=False)
    for ax, area in zip(axes[0], areas, strict=True):
        part = table[table["gebied"].astype(object) == area]
        _group_lines(ax, part, flag, f"{flag}_ci_low", f"{flag}_ci_high")
        _time_axis(ax, short=True)
        ax.set_ylim(0, 1)
        percent_axis(ax)
        ax.set_title(area)
    axes[0][0].set_ylabel(FLAG_LABELS[flag])
    axes[0][0].legend(title="groep", loc="lower left")
    label = FLAG_LABELS[flag].split(" (")[0].capitalize()
    fig.suptitle(f"{label} per gebied, met 95%-interval", fontweight="bold")
    fig.tight_layout()
    _note(fig, table, min_cel)
    return fig
