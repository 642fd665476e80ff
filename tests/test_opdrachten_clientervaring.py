"""Client-experience exercises: the checks accept the right answer and recognise typical wrong ones.

The right answers are independent of the package: R's shares and raked estimates
(tests/fixtures/r_results.json), funnel limits recomputed here from R's counts, and
plain pandas on the raw CSV for the typical mistakes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support import REFERENCE_DIR, raw_strings

from werkplaats.opdrachten import beoordeel
from werkplaats.opdrachten.data import ExerciseSet

AGREE = ["mee eens", "helemaal mee eens"]


@pytest.fixture(scope="module")
def reference_set() -> ExerciseSet:
    return ExerciseSet(REFERENCE_DIR)


@pytest.fixture(scope="module")
def answers() -> pd.DataFrame:
    return raw_strings("clientervaring_antwoorden")


def test_reference_has_one_year(answers):
    assert answers["jaar"].nunique() == 1  # so every-year and latest-year answers coincide here


# ---- task 1 ----

def test_share_agree_in_woerden(reference_set, r_results, answers):
    right = r_results["ceo_percent_agree"]["Woerden"]["v03"]["agree"]
    assert beoordeel("clientervaring.1", right, reference_set).correct
    assert beoordeel("clientervaring.1", f"{right:.3f}".replace(".", ","), reference_set).correct
    assert "percentage" in beoordeel("clientervaring.1", 100 * right, reference_set).message
    woerden = answers.loc[answers["gemeente"] == "Woerden", "v03"]
    with_dont_know = woerden.isin(AGREE).sum() / (woerden != "").sum()
    assert "weet niet" in beoordeel("clientervaring.1", with_dont_know, reference_set).message
    everything = woerden.isin(AGREE).sum() / len(woerden)
    assert "geldige antwoorden" in beoordeel("clientervaring.1", everything, reference_set).message
    only_strong = (woerden == "helemaal mee eens").sum() / (~woerden.isin(["", "weet niet / n.v.t."])).sum()
    assert "'mee eens' telt ook" in beoordeel("clientervaring.1", only_strong, reference_set).message
    amersfoort = r_results["ceo_percent_agree"]["Amersfoort"]["v03"]["agree"]
    assert abs(amersfoort - right) > 0.0051
    assert "Amersfoort" in beoordeel("clientervaring.1", amersfoort, reference_set).message


# ---- task 2 ----

def _outside_998(r_results, item: str) -> set[str]:
    from scipy.stats import norm

    cells = {g: items[item] for g, items in r_results["ceo_percent_agree"].items()}
    n = np.array([c["n"] for c in cells.values()], dtype=float)
    x = np.array([c["agree"] for c in cells.values()]) * n
    target = x.sum() / n.sum()
    half = norm.ppf(0.999) * np.sqrt(target * (1 - target) / n)
    share = x / n
    return {g for g, s, h in zip(cells, share, half, strict=True) if abs(s - target) > h}


def test_funnel_outliers_for_v02(reference_set, r_results):
    right = _outside_998(r_results, "v02")
    assert beoordeel("clientervaring.2", sorted(right) or "geen", reference_set).correct
    assert beoordeel("clientervaring.2", [g.upper() for g in right], reference_set).correct
    inside = sorted(set(r_results["ceo_percent_agree"]) - right)
    wrong = beoordeel("clientervaring.2", sorted(right | {inside[0]}), reference_set)
    assert not wrong.correct and inside[0] in wrong.message and "grenzen" in wrong.message
    typo = beoordeel("clientervaring.2", "Woerdn", reference_set)
    assert "Bedoelt u 'Woerden'" in typo.message


def _answers():
    from werkplaats import clientervaring
    from werkplaats.lines import load_line

    return clientervaring.prepare(load_line("clientervaring", REFERENCE_DIR)).answers


def test_funnel_limits_match_r_for_v03(r_results):
    from werkplaats.opdrachten.clientervaring import funnel_results

    view = funnel_results(_answers(), "v03")
    assert view.funnel_target == pytest.approx(r_results["funnel_v03"]["target"], rel=1e-6)
    limits = view.funnel.set_index("gemeente")
    for g, row in r_results["funnel_v03"]["limits"].items():
        assert limits.loc[g, "lo998"] == pytest.approx(row["lo998"], rel=1e-6)
    assert set(limits.index[limits["position"].isin(["onder", "boven"])]) == _outside_998(r_results, "v03")


def test_funnel_view_draws(reference_set):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from werkplaats.opdrachten.clientervaring import funnel_results, plot_funnel_results

    fig = plot_funnel_results(funnel_results(_answers(), "v02"))
    assert "v02" in fig.axes[0].get_title()
    plt.close(fig)


# ---- task 3 and 4 ----

def test_weighted_share_in_amersfoort(reference_set, r_results, answers):
    right = r_results["ceo_raked_v06"]["Amersfoort"]["v06_weighted"]
    assert beoordeel("clientervaring.3", right, reference_set).correct
    v06 = answers.loc[answers["gemeente"] == "Amersfoort", "v06"]
    unweighted = v06.isin(AGREE).sum() / (~v06.isin(["", "weet niet / n.v.t."])).sum()
    assert abs(unweighted - right) > 0.0051
    assert "ongewogen" in beoordeel("clientervaring.3", unweighted, reference_set).message
    utrecht = r_results["ceo_raked_v06"]["Utrecht"]["v06_weighted"]
    assert "gewogen aandeel in Utrecht" in beoordeel("clientervaring.3", utrecht, reference_set).message
    se = r_results["ceo_raked_v06"]["Amersfoort"]["v06_se"]
    assert "standaardfout" in beoordeel("clientervaring.3", se, reference_set).message


def test_why_weighted_is_higher(reference_set, monkeypatch):
    from werkplaats.opdrachten.check import find_task, letter_of

    task = find_task("clientervaring.4")
    assert beoordeel("clientervaring.4", letter_of(task, reference_set, "ouderen"), reference_set).correct
    assert "responstabel" in beoordeel("clientervaring.4", letter_of(task, reference_set, "vrouwen"),
                                       reference_set).message
    from werkplaats.clientervaring import synth as experience

    monkeypatch.setattr(experience, "RESPONSE_BY_AGE", [1.0, 1.0, 1.0, 1.0])
    assert beoordeel("clientervaring.4", letter_of(task, reference_set, "altijd_hoger"), reference_set).correct
