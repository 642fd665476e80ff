"""Wilson intervals against R's prop.test(correct = FALSE) (values in r_results.json)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from werkplaats.stats.proportions import proportion_table, wilson_ci


def test_wilson_matches_r_prevalence(r_results):
    prev = r_results["prevalence_T0"]
    n = prev["n"]
    for share, ci in ((prev["eenzaam"], prev["eenzaam_ci"]), (prev["ernstig"], prev["ernstig_ci"])):
        lo, hi = wilson_ci(round(share * n), n)
        assert lo == pytest.approx(ci[0], rel=1e-9) and hi == pytest.approx(ci[1], rel=1e-9)


def test_wilson_vectorised_matches_r_percent_agree(r_results):
    rows = [(v["agree"] * v["n"], v["n"], v["ci"]) for g in r_results["ceo_percent_agree"].values()
            for v in g.values()]
    x, n, ci = (np.array([r[i] for r in rows]) for i in range(3))
    lo, hi = wilson_ci(np.round(x), n)
    np.testing.assert_allclose(lo, ci[:, 0], rtol=1e-9)
    np.testing.assert_allclose(hi, ci[:, 1], rtol=1e-9)


def test_wilson_edges():
    with pytest.raises(ValueError, match="aantal waarnemingen is 0"):
        wilson_ci(0, 0)
    lo, hi = wilson_ci(np.array([0, 3]), np.array([0, 10]))
    assert math.isnan(lo[0]) and math.isnan(hi[0]) and 0 < lo[1] < hi[1] < 1
    with pytest.raises(ValueError, match="tussen 0"):
        wilson_ci(5, 4)
    lo, hi = wilson_ci(0, 20)
    assert lo == 0 and 0 < hi < 0.2
    lo, hi = wilson_ci(20, 20)
    assert hi == pytest.approx(1) and lo > 0.8


def test_proportion_table_per_group_ignores_missing():
    flags = pd.Series([True, False, None, True, True], dtype=object)
    group = pd.Series(["a", "a", "a", "b", "b"])
    table = proportion_table(flags, group)
    assert table[["n", "x"]].to_numpy().tolist() == [[2, 1], [2, 2]]
    assert table["share"].tolist() == [0.5, 1.0]
