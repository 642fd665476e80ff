"""Raw and standardised alpha against psych::alpha (tests/fixtures/r/stats_reference.R, lung items)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from support import FIXTURES

from werkplaats.stats.reliability import alpha


def test_raw_and_standardised_alpha_match_psych():
    r = json.loads((FIXTURES / "r" / "stats_reference.json").read_text(encoding="utf-8"))["alpha_lung"]
    lung = pd.read_csv(FIXTURES / "r" / "lung.csv")
    items = lung[["ph.ecog", "ph.karno", "pat.karno"]].assign(**{"ph.ecog": -lung["ph.ecog"]})
    got = alpha(items)
    assert got.n == r["n"]
    assert got.raw_alpha == pytest.approx(r["raw_alpha"], rel=1e-10)
    assert got.std_alpha == pytest.approx(r["std_alpha"], rel=1e-10)


def test_standardised_alpha_ignores_the_scale_of_an_item():
    items = pd.DataFrame({"a": [1.0, 2, 3, 4, 5, 3], "b": [2.0, 2, 3, 5, 5, 4], "c": [1.0, 3, 3, 4, 4, 2]})
    rescaled = items.assign(a=items["a"] * 100)
    assert alpha(rescaled).std_alpha == pytest.approx(alpha(items).std_alpha, rel=1e-12)
    assert alpha(rescaled).raw_alpha < alpha(items).raw_alpha


def test_too_little_to_compute_is_refused():
    with pytest.raises(ValueError, match="minstens 2 items"):
        alpha(pd.DataFrame({"a": [1.0, 2, 3]}))
    with pytest.raises(ValueError, match="zonder spreiding"):
        alpha(pd.DataFrame({"a": [1.0, 2, 3], "b": [1.0, 1, 1]}))
