"""Figures of the debt line: Dutch labels, only publishable groups drawn, a note when
something was left out."""

from __future__ import annotations

import doctest

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from werkplaats.validate import load_dataset  # noqa: E402
from werkplaats.vroegsignalering import analysis as debt
from werkplaats.vroegsignalering import figures as debt_plots  # noqa: E402
from werkplaats.vroegsignalering import models as debt_models


@pytest.fixture(scope="module")
def signals(reference_dir):
    return debt.prepare(load_dataset("vroegsignalering_signalen", reference_dir), peildatum="2026-06-30",
                        write=False)


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _texts(fig) -> str:
    texts = list(fig.texts) + [t for ax in fig.axes for t in ax.texts]
    return " ".join(t.get_text() for t in texts)


def test_doctests():
    assert doctest.testmod(debt_plots).failed == 0


def test_funnel_figure_labels_and_suppression(signals):
    table = debt.funnel(signals, "gemeente")
    fig = debt_plots.funnel_figure(table)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["hulp geaccepteerd", "bereikt", "contactpoging", "meldingen", "signalen"]
    assert "3.506 huishoudens" in fig.axes[0].get_title()
    hidden = debt.funnel(signals, "gemeente", min_cel=10**6)
    assert "te weinig huishoudens" in _texts(debt_plots.funnel_figure(hidden))


def test_time_to_contact_draws_only_published_brons(signals):
    curves, table = debt_models.time_to_contact(signals, min_cel=1000)
    fig = debt_plots.time_to_contact_figure(curves, table, min_cel=1000)
    drawn = {line.get_label() for line in fig.axes[0].get_lines() if not line.get_label().startswith("_")}
    assert drawn == set(table.loc[~table["suppressed"], "bron"])
    assert "minder dan 1000 huishoudens" in _texts(fig)
    assert fig.axes[0].get_xlabel() == "dagen sinds het signaal"


def test_signals_per_month_and_its_figures(signals):
    per_month = debt.signals_per_month(signals, min_cel=10)
    fig = debt_plots.signals_per_month_figure(per_month, min_cel=10)
    assert len([ln for ln in fig.axes[0].get_lines()]) == 4
    monthly, fit = debt_models.training_its(signals)
    fig = debt_plots.its_figure(debt_models.its_by_month(monthly), fit)
    labels = {line.get_label() for line in fig.axes[0].get_lines()}
    assert {"trend vóór de training", "trend na de training", "verwacht zonder training"} <= labels
    empty = debt_models.its_by_month(monthly, min_cel=10**6)
    assert "te weinig huishoudens" in _texts(debt_plots.its_figure(empty, None))


def test_funnel_figure_marks_a_blanked_step():
    table = pd.DataFrame({"gemeente": ["A"], "signalen": [40.0], "huishoudens": [20.0], "meldingen": [20.0],
                          "contactpoging": [20.0], "bereikt": [np.nan], "geaccepteerd": [np.nan],
                          "aandeel_contactpoging": [0.5], "aandeel_bereikt": [np.nan],
                          "aandeel_geaccepteerd": [np.nan], "suppressed": [False]})
    text = _texts(debt_plots.funnel_figure(table, "A"))
    assert "te weinig" in text and "nan" not in text and " 20 (50% van de signalen)" in text
