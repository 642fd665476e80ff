"""Random-intercept models against lme4 on its own datasets (sleepstudy, Dyestuff), to 1e-7.

R values: tests/fixtures/r/stats_reference.json, made by tests/fixtures/r/stats_reference.R
(lme4 driven to its optimum with bobyqa and a tiny rhoend; lme4's default fit is within
1e-7 of it on these data).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from support import FIXTURES

from werkplaats.stats.mixed import fit_random_intercept

R_DIR = FIXTURES / "r"
REL = 1e-7
CASES = {
    "sleepstudy": ("sleepstudy.csv", "Reaction ~ Days", "Subject"),
    "dyestuff": ("Dyestuff.csv", "Yield ~ 1", "Batch"),
}


@pytest.fixture(scope="module")
def lme4() -> dict:
    return json.loads((R_DIR / "stats_reference.json").read_text(encoding="utf-8"))["mixed"]


@pytest.mark.parametrize("reml", [True, False], ids=["reml", "ml"])
@pytest.mark.parametrize("case", list(CASES))
def test_random_intercept_agrees_with_lme4(case, reml, lme4):
    filename, formula, group = CASES[case]
    data = pd.read_csv(R_DIR / filename)
    fit = fit_random_intercept(data, formula, group=group, reml=reml)
    r = lme4[f"{case}_{'reml' if reml else 'ml'}"]
    assert fit.var_participant == pytest.approx(r["var_group"], rel=REL)
    assert fit.var_residual == pytest.approx(r["var_residual"], rel=REL)
    assert fit.reml_criterion == pytest.approx(r["criterion"], rel=1e-9)
    for term, values in r["fixed"].items():
        assert fit.table.loc[term, "estimate"] == pytest.approx(values["estimate"], rel=REL), term
        assert fit.table.loc[term, "se"] == pytest.approx(values["se"], rel=REL), term


def test_variance_at_the_boundary_is_zero():
    """No between-group variance at all (identical group means): τ² = 0, as lme4's singular fit."""
    data = pd.DataFrame({"y": [1.0, 2, 3, 1, 2, 3, 1, 2, 3], "g": list("aaabbbccc")})
    fit = fit_random_intercept(data, "y ~ 1", group="g")
    assert fit.var_participant == 0
    assert fit.var_residual == pytest.approx(6 / 8)  # REML: residual SS 6 over n − p = 8
