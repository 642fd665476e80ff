"""Power and sample size against R's power.t.test / power.prop.test (tests/fixtures/r/r_power.json,
made by tests/fixtures/r/power.R), the design-effect formula, and an ANCOVA power check by simulation."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from support import FIXTURES

from werkplaats.stats.power import ancova_n, cluster_n, design_effect, power_prop_test, power_t_test


@pytest.fixture(scope="module")
def r() -> dict:
    return json.loads((FIXTURES / "r" / "r_power.json").read_text(encoding="utf-8"))


def test_t_test_power_and_n_agree_with_r(r):
    for row in r["t_power"]:
        got = power_t_test(n=row["n"], delta=row["delta"], sd=row["sd"], alpha=row["sig.level"])
        assert got == pytest.approx(row["power"], rel=1e-9), row
    for row in r["t_n"]:
        got = power_t_test(delta=row["delta"], sd=row["sd"], alpha=row["sig.level"], power=row["power"])
        assert got == pytest.approx(row["n"], rel=1e-8), row


def test_two_proportions_agree_with_r(r):
    for row in r["prop_power"]:
        got = power_prop_test(n=row["n"], p1=row["p1"], p2=row["p2"], alpha=row["sig.level"])
        assert got == pytest.approx(row["power"], rel=1e-9), row
    for row in r["prop_n"]:
        if row["p1"] == row["p2"]:
            continue
        got = power_prop_test(p1=row["p1"], p2=row["p2"], power=row["power"])
        assert got == pytest.approx(row["n"], rel=1e-8), row


def test_design_effect_formula():
    """1 + (m − 1) ρ (Kerry & Bland 1998): 20 per cluster at ICC 0.05 nearly doubles n."""
    assert design_effect(cluster_size=20, icc=0.05) == pytest.approx(1.95)
    assert design_effect(cluster_size=1, icc=0.3) == 1
    plan = cluster_n(100, cluster_size=25, icc=0.02)
    assert plan == {"design_effect": pytest.approx(1.48), "n_people": 148, "n_clusters": 6}


def test_ancova_needs_fewer_and_dropout_inflates():
    plan = ancova_n(delta=1.0, sd=2.5, rho=0.6, dropout=0.25)
    assert plan["design_factor"] == pytest.approx(0.64)
    assert plan["n_ancova"] < plan["n_t_test"]
    assert plan["n_to_recruit"] == math.ceil(math.ceil(plan["n_ancova"]) / 0.75)


@pytest.mark.slow
def test_ancova_sample_size_gives_the_planned_power_in_simulation():
    """Simulated trials with the planned n per group reach about 80% power (2000 runs: Monte
    Carlo SE 0.9 percentage point)."""
    from scipy.stats import t

    rng = np.random.default_rng(8)
    n = math.ceil(ancova_n(delta=0.8, sd=2.0, rho=0.5)["n_ancova"])
    crit = t.ppf(0.975, 2 * n - 3)
    hits = 0
    for _ in range(2000):
        group = np.repeat([1.0, 0.0], n)
        pre = rng.normal(0, 2.0, 2 * n)
        post = 0.5 * pre + 0.8 * group + rng.normal(0, 2.0 * math.sqrt(1 - 0.25), 2 * n)
        x = np.column_stack([np.ones(2 * n), pre, group])
        beta, rss, *_ = np.linalg.lstsq(x, post, rcond=None)
        se = math.sqrt(rss[0] / (2 * n - 3) * np.linalg.inv(x.T @ x)[2, 2])
        hits += abs(beta[2] / se) > crit
    assert hits / 2000 == pytest.approx(0.80, abs=0.03)


def test_bad_plans_are_refused():
    with pytest.raises(ValueError, match="precies één"):
        power_t_test(delta=1, n=10, power=0.8)
    with pytest.raises(ValueError, match="correlatie"):
        ancova_n(delta=1, sd=1, rho=1.2)
    with pytest.raises(ValueError, match="verschillende kansen"):
        power_prop_test(p1=0.3, p2=0.3, power=0.8)
