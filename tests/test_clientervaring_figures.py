"""Figures of the client-experience report: drawn from protected tables, Dutch labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats import clientervaring as lijn
from werkplaats.clientervaring import figures as figuren
from werkplaats.lines import load_line
from werkplaats.plots import save_figure


@pytest.fixture(scope="module")
def results(reference_dir, tmp_path_factory):
    raw = pd.read_csv(reference_dir / "clientervaring_antwoorden.csv", dtype=str, keep_default_na=False)
    pop = pd.read_csv(reference_dir / "clientervaring_populatie.csv", dtype=str, keep_default_na=False)
    tiny = raw.head(4).assign(gemeente="Veenendaal", gemeente_code="GM0345")
    tiny["respondent_id"] = ["T1", "T2", "T3", "T4"]
    folder = tmp_path_factory.mktemp("plots")
    pd.concat([raw, tiny]).to_csv(folder / "clientervaring_antwoorden.csv", index=False)
    pd.concat([pop, pop.head(8).assign(gemeente="Veenendaal", gemeente_code="GM0345")]).to_csv(
        folder / "clientervaring_populatie.csv", index=False)
    return lijn.analyse(lijn.prepare(load_line("clientervaring", folder)), gemeente="Leusden")


@pytest.fixture(scope="module")
def published(results):
    return lijn.tables(results)


def _texts(fig) -> str:
    ax = fig.axes[0]
    parts = [t.get_text() for t in ax.texts] + [t.get_text() for t in ax.get_yticklabels()]
    legend = ax.get_legend()
    if legend:
        parts += [t.get_text() for t in legend.get_texts()]
    return " | ".join(parts + [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()])


def test_funnel_plot_leaves_out_suppressed_gemeenten(results, published, tmp_path):
    fig = figuren.plot_funnel(published["trechter"], target=results.funnel_target, item="v03", gemeente="Leusden")
    text = _texts(fig)
    assert "Leusden" in text and "Veenendaal" not in text
    assert "99,8%-grenzen" in text
    assert save_figure(fig, tmp_path, "trechter").stat().st_size > 1000


def test_statements_chart_bars_and_suppressed_note(published):
    fig = figuren.plot_statements(published["verdeling_regio"], "Alle gemeenten")
    assert len(fig.axes[0].patches) == 9 * 5  # nine statements x five answers
    tiny = published["verdeling"][published["verdeling"]["gemeente"] == "Veenendaal"]
    text = _texts(figuren.plot_statements(tiny, "Veenendaal"))
    assert text.count(figuren.SUPPRESSED_NOTE) == 9
    widths = [p.get_width() for p in figuren.plot_statements(tiny, "x").axes[0].patches]
    assert all(np.isnan(w) for w in widths)


def test_compare_region_and_other_figures(published):
    text = _texts(figuren.plot_compare_region(published["vergelijking_regio"], "Leusden"))
    assert "vergeleken met de regio" in text
    assert "gewogen" in _texts(figuren.plot_weighted(published["gewogen"]))
    text = _texts(figuren.plot_casemix(published["casemix"], "v06"))
    assert "Veenendaal" not in text and "Leusden" in text


def test_trend_plot(results):
    trend = pd.DataFrame({"gemeente": "regio", "jaar": [2024, 2025], "item": "v02", "agree": [0.7, 0.76],
                          "suppressed": False})
    assert "2024" in [t.get_text() for t in figuren.plot_trend(trend).axes[0].get_xticklabels()]
