"""Funnel plot control limits: against R's funnel_v03 (target and limits to 1e-6)."""

from __future__ import annotations

import numpy as np
import pytest

from werkplaats.stats.funnel import funnel_curve, funnel_limits, funnel_table, pooled_target


def _r_counts(r_results):
    per = r_results["ceo_percent_agree"]
    names = sorted(per)
    n = [per[g]["v03"]["n"] for g in names]
    x = [round(per[g]["v03"]["n"] * per[g]["v03"]["agree"]) for g in names]
    return names, x, n


def test_target_and_limits_match_r(r_results):
    names, x, n = _r_counts(r_results)
    expected = r_results["funnel_v03"]
    target, table = funnel_table(names, x, n)
    assert target == pytest.approx(expected["target"], rel=1e-6)
    for row in table.itertuples():
        limits = expected["limits"][row.unit]
        assert row.n == limits["n"]
        for key in ("lo95", "hi95", "lo998", "hi998"):
            assert getattr(row, key) == pytest.approx(limits[key], rel=1e-6), (row.unit, key)


def test_limits_by_hand():
    """p0 = 0.8, n = 100: se = 0.04; z = 1.959964 and 3.090232."""
    row = funnel_limits([100], 0.8).iloc[0]
    assert row["lo95"] == pytest.approx(0.8 - 1.959964 * 0.04, abs=1e-6)
    assert row["hi998"] == pytest.approx(0.8 + 3.090232 * 0.04, abs=1e-6)


def test_pooled_target():
    assert pooled_target([10, 30], [20, 40]) == pytest.approx(40 / 60)
    assert np.isnan(pooled_target([0], [0]))


def test_positions():
    # target 0.8 (pooled); A is far above its 99.8% limit, C far below, B in between limits
    target, table = funnel_table(["A", "B", "C", "D"], [990, 560, 300, 1350], [1000, 650, 500, 1650])
    positions = dict(zip(table["unit"], table["position"], strict=True))
    assert positions["A"] == "boven" and positions["C"] == "onder"
    assert table.set_index("unit").loc["B", "share"] == pytest.approx(560 / 650)


def test_funnel_curve_is_clipped_and_narrows():
    curve = funnel_curve(0.95, 500, n_min=2)
    assert curve[["lo95", "hi95", "lo998", "hi998"]].le(1).all().all()
    assert curve[["lo95", "lo998"]].ge(0).all().all()
    width = curve["hi95"] - curve["lo95"]
    assert width.iloc[-1] < width.iloc[len(width) // 2]


def test_exact_limits_match_r_binomial_quantiles():
    """Spiegelhalter (2005) exact limits against the same formula on R's qbinom/pbinom/dbinom
    (tests/fixtures/r/stats_reference.R)."""
    import json

    import pandas as pd
    from support import FIXTURES

    from werkplaats.stats.funnel import exact_funnel_limits

    grid = pd.DataFrame(json.loads((FIXTURES / "r" / "stats_reference.json").read_text())["funnel_exact"])
    for target, part in grid.groupby("target"):
        got = exact_funnel_limits(part["n"].to_numpy(), float(target))
        for key in ("lo95", "hi95", "lo998", "hi998"):
            np.testing.assert_allclose(got[key], part[key], rtol=1e-9, atol=1e-12, err_msg=f"{target} {key}")


def test_small_n_times_p_uses_and_states_exact_limits():
    """Target 0.1 with n 30: the normal lower 95% limit is below 0; the exact one is not."""
    target, table = funnel_table(["klein", "groot"], [3, 100], [30, 1000])
    assert target == pytest.approx(103 / 1030)
    assert funnel_limits([30], target).iloc[0]["lo95"] < 0
    assert table["limits"].tolist() == ["exact", "normaal"]
    small = table.iloc[0]
    assert 0 <= small["lo998"] <= small["lo95"] < small["hi95"] <= small["hi998"] <= 1
