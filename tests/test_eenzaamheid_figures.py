"""Loneliness figures: Dutch labels, intervals drawn, blanked (protected) groups left out."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from werkplaats.eenzaamheid.figures import (  # noqa: E402
    area_prevalence_figure,
    effect_figure,
    prevalence_figure,
    trajectory_figure,
)
from werkplaats.plots import save_figure  # noqa: E402


@pytest.fixture
def prevalence_table() -> pd.DataFrame:
    rows = []
    for m, share in zip(("T0", "T1", "T2"), (0.7, 0.6, 0.65), strict=True):
        for groep, shift in (("interventie", 0.0), ("controle", 0.05)):
            rows.append(
                {
                    "gebied": "Utrecht",
                    "meting": m,
                    "groep": groep,
                    "n": 40,
                    "eenzaam": share + shift,
                    "eenzaam_ci_low": share + shift - 0.1,
                    "eenzaam_ci_high": share + shift + 0.1,
                    "suppressed": False,
                }
            )
    table = pd.DataFrame(rows)
    table.loc[5, ["n", "eenzaam", "eenzaam_ci_low", "eenzaam_ci_high"]] = None  # T2 controle too small
    table.loc[5, "suppressed"] = True
    return table


def plotted_points(ax) -> int:
    return sum(len(line.get_xdata()) for line in ax.get_lines() if line.get_marker() == "o")


def figure_text(fig) -> str:
    return " ".join(t.get_text() for t in fig.texts)


def test_prevalence_figure_leaves_out_suppressed_points(prevalence_table):
    fig = prevalence_figure(prevalence_table, min_cel=10)
    ax = fig.axes[0]
    assert plotted_points(ax) == 5
    assert ax.get_ylabel() == "aandeel eenzaam (score 3 of hoger)"
    assert "minder dan 10 deelnemers" in figure_text(fig)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["interventie", "controle"]


def test_prevalence_figure_without_suppression_has_no_note(prevalence_table):
    fig = prevalence_figure(prevalence_table[~prevalence_table["suppressed"]])
    assert figure_text(fig) == ""


def test_trajectory_figure_draws_intervals():
    table = pd.DataFrame(
        {
            "meting": ["T0", "T1"] * 2,
            "groep": ["interventie"] * 2 + ["controle"] * 2,
            "n": [50] * 4,
            "gemiddelde": [5.0, 4.0, 5.0, 4.8],
            "ci_low": [4.5, 3.5, 4.5, 4.3],
            "ci_high": [5.5, 4.5, 5.5, 5.3],
            "suppressed": [False] * 4,
        }
    )
    fig = trajectory_figure(table)
    ax = fig.axes[0]
    assert plotted_points(ax) == 4
    assert "gemiddelde DJG-score" in ax.get_ylabel()
    assert len(ax.collections) == 2  # one set of interval bars per groep


def test_effect_figure_one_row_per_shown_estimate():
    effects = pd.DataFrame(
        {
            "methode": ["ANCOVA", "gemengd model", "ANCOVA"],
            "meting": ["T1", "T1", "T2"],
            "effect": [-0.5, -0.7, None],
            "ci_low": [-1.0, -1.3, None],
            "ci_high": [0.1, -0.1, None],
            "suppressed": [False, False, True],
        }
    )
    fig = effect_figure(effects, min_cel=10)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["T1: ANCOVA", "T1: gemengd model"]
    assert "negatief = minder eenzaam" in ax.get_xlabel()


def test_area_figure_one_panel_per_area(prevalence_table, tmp_path):
    two = pd.concat(
        [prevalence_table, prevalence_table.assign(gebied="overige gemeenten")], ignore_index=True
    )
    fig = area_prevalence_figure(two, min_cel=10)
    assert [ax.get_title() for ax in fig.axes] == ["Utrecht", "overige gemeenten"]
    path = save_figure(fig, tmp_path, "prevalentie_gebied")
    assert path.exists() and path.read_bytes()[:4] == b"\x89PNG"


def test_figures_take_the_protected_tables(reference_dir):
    """A figure is a table too: it draws exactly the published points (all of them for the
    whole study; none for Utrecht, where fewer than 10 per group are not lonely)."""
    from werkplaats import eenzaamheid as lijn
    from werkplaats.lines import load_line

    prepared = lijn.prepare(load_line("eenzaamheid", reference_dir))
    for gemeente in ("alle", "Utrecht"):
        shown = lijn.tables(lijn.analyse(prepared, gemeente=gemeente, min_cel=10))
        blanked = int(shown["prevalentie"]["eenzaam"].isna().sum())
        fig = prevalence_figure(shown["prevalentie"], min_cel=10)
        assert plotted_points(fig.axes[0]) == len(shown["prevalentie"]) - blanked
    assert blanked == len(shown["prevalentie"])  # Utrecht: every point gives back a small count
    trajectory_figure(shown["gemiddelden"], min_cel=10)
    effect_figure(shown["effecten"], min_cel=10)
    area_prevalence_figure(shown["prevalentie_gebied"], min_cel=10)
