"""Dutch sentences of the loneliness report: written from protected values, never a blanked number."""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkplaats.eenzaamheid.text import (
    balance_sentence,
    effect_sentences,
    effect_size_sentence,
    focus_sentence,
    prevalence_sentence,
    reading,
)


def test_reading_in_plain_dutch():
    assert reading(-0.5, -1.0, 0.2) == "geen aantoonbaar effect"
    assert reading(-0.5, -1.0, 0.0) == "geen aantoonbaar effect"  # an interval touching 0 includes 0
    assert reading(-0.5, -0.9, -0.1) == "aantoonbaar minder eenzaam dan de controlegroep"
    assert reading(0.5, 0.1, 0.9) == "aantoonbaar meer eenzaam dan de controlegroep"
    assert reading(pd.NA, pd.NA, pd.NA).startswith("afgeschermd")


def test_focus_sentence_names_no_small_count():
    table = pd.DataFrame({"gebied": ["Utrecht"], "deelnemers": pd.array([pd.NA], "Int64"),
                          "metingen": pd.array([pd.NA], "Int64")})
    expected = "Dit rapport gaat over: Utrecht (minder dan 80 deelnemers, minder dan 80 metingen)."
    assert focus_sentence(table, 80) == expected
    table = pd.DataFrame({"gebied": ["alle gemeenten samen"], "deelnemers": [300], "metingen": [775]})
    assert focus_sentence(table, 10) == "Dit rapport gaat over: alle gemeenten samen (300 deelnemers, 775 metingen)."


def test_prevalence_sentence_in_percentages():
    text = prevalence_sentence({"n": 293, "eenzaam": 0.8669, "eenzaam_ci": [0.8232, 0.9011], "ernstig": 0.2253,
                                "ernstig_ci": [0.1812, 0.2765], "suppressed": False})
    assert "293 deelnemers" in text and "86,7%" in text and "82,3% tot 90,1%" in text and "22,5%" in text


def test_balance_sentence_names_the_imbalanced_characteristics():
    table = pd.DataFrame({"variabele": ["leeftijd", "aandeel vrouw"], "gestandaardiseerd_verschil": [0.25, 0.02]})
    assert "leeftijd (+0,25)" in balance_sentence(table) and "vrouw" not in balance_sentence(table)
    blank = pd.DataFrame({"variabele": ["leeftijd"], "gestandaardiseerd_verschil": [np.nan]})
    assert balance_sentence(blank) == "De groepen zijn te klein om te vergelijken."


def test_effect_sentences_leave_blanked_estimates_out():
    table = pd.DataFrame({"methode": ["ANCOVA", "ANCOVA"], "meting": ["T1", "T2"],
                          "effect": pd.array([-0.7, pd.NA], "Float64"), "ci_low": pd.array([-1.2, pd.NA], "Float64"),
                          "ci_high": pd.array([-0.1, pd.NA], "Float64")})
    first, second = effect_sentences(table)
    assert "−0,70 punt" in first and "aantoonbaar minder eenzaam" in first
    assert second == "ANCOVA, na ongeveer een jaar (T2): niet te publiceren, te weinig deelnemers."


def test_effect_size_sentence_reads_the_size():
    text = effect_size_sentence({"hedges_g": -0.35, "cohen_d": -0.36, "ci_d": [-0.6, -0.1], "suppressed": False})
    assert "een klein effect" in text and "bevat 0 niet" in text
