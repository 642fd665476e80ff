"""Rubin's rules and Barnard–Rubin df against mice (tests/fixtures/r/r_imputation.json, made by
tests/fixtures/r/imputation.R), and the imputer's contract."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from support import FIXTURES

from werkplaats.stats.imputation import barnard_rubin_df, impute_datasets, pool


@pytest.fixture(scope="module")
def mice() -> dict:
    return json.loads((FIXTURES / "r" / "r_imputation.json").read_text(encoding="utf-8"))


def test_pool_agrees_with_mice_pool_scalar(mice):
    r = mice["pool_scalar"]
    pooled = pool(r["Q"], r["U"], df_complete=r["dfcom"])
    assert pooled.estimate == pytest.approx(r["qbar"], rel=1e-12)
    assert pooled.se == pytest.approx(np.sqrt(r["t"]), rel=1e-12)
    assert pooled.df == pytest.approx(r["df"], rel=1e-10)
    assert (pooled.within, pooled.between) == pytest.approx((r["ubar"], r["b"]), rel=1e-12)
    assert pooled.fmi == pytest.approx((1 + 1 / 3) * r["b"] / r["t"], rel=1e-12)  # mice's lambda


def test_barnard_rubin_limits():
    """Without between-imputation variance λ is floored at 1e-4 (as mice); with an infinite
    complete-data df the old Rubin df (m − 1) / λ² remains."""
    assert barnard_rubin_df(20, 0.0, 1.0, np.inf) == pytest.approx(19 / 1e-8)
    assert barnard_rubin_df(20, 0.0, 1.0, 50) < 50


def test_pool_needs_two_imputations():
    with pytest.raises(ValueError, match="minstens 2"):
        pool([1.0], [0.1], df_complete=10)


def test_imputations_differ_keep_observed_values_and_bounds():
    rng = np.random.default_rng(0)
    x = rng.normal(size=200)
    y = 5 + 2 * x + rng.normal(size=200)
    y[rng.random(200) < 0.3] = np.nan
    frame = pd.DataFrame({"x": x, "y": y})
    copies = impute_datasets(frame, m=5, bounds={"y": (0.0, 11.0)})
    observed = frame["y"].notna()
    for copy in copies:
        np.testing.assert_array_equal(copy.loc[observed, "y"], frame.loc[observed, "y"])
        assert copy.loc[~observed, "y"].between(0, 11).all()
    assert copies[0].loc[~observed, "y"].ne(copies[1].loc[~observed, "y"]).all()
    with pytest.raises(ValueError, match="zonder enige waarneming"):
        impute_datasets(frame.assign(z=np.nan), m=2)
