"""Logistic regression against R's glm(family = binomial) (casemix_v06 and logit_accept in r_results.json)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.stats.glm import fit_logit, r_term_name
from werkplaats.validate import load_dataset

LIKERT = ["helemaal niet mee eens", "niet mee eens", "niet mee eens, niet mee oneens", "mee eens", "helemaal mee eens"]


def test_casemix_model_matches_r(reference_dir, r_results):
    answers = load_dataset("clientervaring_antwoorden", reference_dir).data
    valid = answers[answers["v06"].isin(LIKERT)].copy()
    valid["agree"] = valid["v06"].isin(LIKERT[3:]).astype(int)
    for col in ("leeftijdsklasse", "geslacht", "ingevuld_door"):
        valid[col] = valid[col].astype(str)
    fit = fit_logit(valid, 'agree ~ gemeente + leeftijdsklasse + geslacht + C(ingevuld_door, Treatment("cliënt zelf"))')
    expected = r_results["casemix_v06"]
    assert fit.n == expected["n"]
    ours = {r_term_name(t).replace('ingevuld_door, Treatment("cliënt zelf")', "ingevuld_door"): row
            for t, row in fit.table.iterrows()}
    ours["(Intercept)"] = ours.pop("Intercept")
    assert set(ours) == set(expected["coef"])
    for term, ref in expected["coef"].items():
        assert ours[term]["estimate"] == pytest.approx(ref["estimate"], rel=1e-4)
        assert ours[term]["se"] == pytest.approx(ref["se"], rel=1e-4)


def test_odds_ratio_and_interval_are_exponentiated():
    rng = np.random.default_rng(3)
    x = rng.integers(0, 2, 4000)
    y = (rng.random(4000) < 1 / (1 + np.exp(-(-0.5 + 0.7 * x)))).astype(int)
    fit = fit_logit(pd.DataFrame({"y": y, "x": x}), "y ~ x")
    odds = fit.odds_ratio("x")
    row = fit.table.loc["x"]
    assert odds["odds_ratio"] == pytest.approx(np.exp(row["estimate"]))
    assert odds["ci"][0] < odds["odds_ratio"] < odds["ci"][1]
    assert abs(row["estimate"] - 0.7) < 3 * row["se"]  # planted effect recovered


@pytest.mark.parametrize(("term", "expected"), [("C(bron)[T.energieleverancier]", "bronenergieleverancier"),
                                                ("bron[T.woningcorporatie]", "bronwoningcorporatie"),
                                                ("np.log(achterstand_euro)", "np.log(achterstand_euro)")])
def test_r_term_names(term, expected):
    assert r_term_name(term) == expected
