"""Figures of the debt line drawn from the protected tables: Dutch labels, only what is
published drawn, a note when something was left out."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from werkplaats.lines import load_line  # noqa: E402
from werkplaats.vroegsignalering import analysis  # noqa: E402
from werkplaats.vroegsignalering import figures as figuren  # noqa: E402
from werkplaats.vroegsignalering.preparation import prepare  # noqa: E402


@pytest.fixture(scope="module")
def prepared(reference_dir):
    return prepare(load_line("vroegsignalering", reference_dir), peildatum="2026-06-30")


@pytest.fixture(scope="module")
def published(prepared):
    return analysis.tables(analysis.analyse(prepared))


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _texts(fig) -> str:
    texts = list(fig.texts) + [t for ax in fig.axes for t in ax.texts]
    return " ".join(t.get_text() for t in texts)


def test_funnel_figure_labels_and_suppression(prepared, published):
    fig = figuren.funnel_figure(published["trechter_gemeente"])
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["hulp geaccepteerd", "bereikt", "contactpoging", "meldingen", "signalen"]
    assert "3.506 huishoudens" in fig.axes[0].get_title()
    hidden = analysis.tables(analysis.analyse(prepared, min_cel=10**6))["trechter_gemeente"]
    assert "te weinig huishoudens" in _texts(figuren.funnel_figure(hidden))


def test_time_to_contact_draws_only_published_points(prepared):
    published = analysis.tables(analysis.analyse(prepared, min_cel=1000))
    curves, table = published["tijd_tot_contact_curven"], published["tijd_tot_contact"]
    fig = figuren.time_to_contact_figure(curves, table, min_cel=1000)
    drawn = {line.get_label() for line in fig.axes[0].get_lines() if not line.get_label().startswith("_")}
    assert drawn == set(curves.loc[curves["share"].notna(), "bron"])
    if drawn:
        assert "minder dan 1000 huishoudens" in _texts(fig)
        assert fig.axes[0].get_xlabel() == "dagen sinds het signaal"
    else:  # every point gives back how many of 1000+ were (not) reached: nothing left to draw
        assert "te weinig huishoudens om te tonen" in _texts(fig)
    some = analysis.tables(analysis.analyse(prepared, min_cel=10))
    fig = figuren.time_to_contact_figure(some["tijd_tot_contact_curven"], some["tijd_tot_contact"], min_cel=10)
    assert fig.axes[0].get_xlabel() == "dagen sinds het signaal" and fig.axes[0].get_lines()
    for line in fig.axes[0].get_lines():  # no point on fewer than 1000 signals at risk
        if line.get_label() in drawn:
            last = curves[(curves["bron"] == line.get_label()) & curves["share"].notna()]
            assert (last["n_risk"] >= 1000).all()


def test_signals_per_month_and_its_figures(prepared, published):
    fig = figuren.signals_per_month_figure(published["signalen_per_maand"], min_cel=10)
    assert len(fig.axes[0].get_lines()) == 4
    fig = figuren.its_figure(published["tijdreeks_maand"])
    labels = {line.get_label() for line in fig.axes[0].get_lines()}
    assert {"trend vóór de training", "trend na de training", "verwacht zonder training"} <= labels
    empty = analysis.tables(analysis.analyse(prepared, min_cel=10**6))["tijdreeks_maand"]
    assert "te weinig huishoudens" in _texts(figuren.its_figure(empty))


def test_funnel_figure_marks_a_blanked_step():
    table = pd.DataFrame({"gemeente": ["A"], "signalen": [40], "huishoudens": [20], "meldingen": [20],
                          "contactpoging": [20], "bereikt": [pd.NA], "geaccepteerd": [pd.NA],
                          "aandeel_contactpoging": [0.5], "aandeel_bereikt": [np.nan],
                          "aandeel_geaccepteerd": [np.nan], "suppressed": [True]})
    text = _texts(figuren.funnel_figure(table, "A"))
    assert "te weinig" in text and "nan" not in text and " 20 (50% van de signalen)" in text
