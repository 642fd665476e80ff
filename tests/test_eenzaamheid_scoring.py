"""DJG scoring against R's reference scores (every row, exact) and hand-scored examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support import raw_strings

from werkplaats.eenzaamheid import scoring as djg
from werkplaats.eenzaamheid.scoring import MissingRule, djg_band, item_name, lonely_flags, score_djg
from werkplaats.errors import DataError


def answers(**items: str) -> pd.DataFrame:
    """One respondent: every item 'nee'/'ja' on the not-lonely side unless given (djg_03='ja')."""
    row = {item_name(k): ("nee" if k in djg.NEGATIVE else "ja") for k in range(1, 12)}
    row.update(items)
    return pd.DataFrame([row])


def test_every_reference_row_matches_r_exactly(r_results):
    raw = raw_strings("eenzaamheid_metingen")
    scored = score_djg(raw)
    r = pd.DataFrame(r_results["djg_scores"])
    assert len(r) == len(raw)
    assert (r["deelnemer_id"].to_numpy() == raw["deelnemer_id"].to_numpy()).all()
    assert (r["meting"].to_numpy() == raw["meting"].to_numpy()).all()
    for ours, theirs in [
        ("djg_totaal", "score"),
        ("djg_emotioneel", "emotioneel"),
        ("djg_sociaal", "sociaal"),
    ]:
        expected = pd.to_numeric(r[theirs], errors="coerce").to_numpy(float)
        got = scored[ours].to_numpy(float)
        assert np.array_equal(np.isnan(expected), np.isnan(got)), ours
        assert np.array_equal(expected[~np.isnan(expected)], got[~np.isnan(got)]), ours


def test_not_lonely_on_every_item_scores_zero():
    out = score_djg(answers()).iloc[0]
    assert (out["djg_totaal"], out["djg_emotioneel"], out["djg_sociaal"]) == (0, 0, 0)
    assert out["djg_band"] == "niet eenzaam"


def test_min_of_meer_always_counts_as_lonely():
    # item 2 negative, item 1 positive: both score 1 on "min of meer"
    out = score_djg(answers(djg_02="min of meer", djg_01="min of meer")).iloc[0]
    assert (out["djg_totaal"], out["djg_emotioneel"], out["djg_sociaal"]) == (2, 1, 1)


def test_positive_items_score_on_nee_negative_items_on_ja():
    out = score_djg(answers(djg_04="nee", djg_07="nee", djg_03="ja")).iloc[0]
    assert (out["djg_emotioneel"], out["djg_sociaal"]) == (1, 2)
    assert out["djg_totaal"] == 3


def test_answers_are_trimmed_and_case_insensitive():
    out = score_djg(answers(djg_03=" JA ", djg_05="Min of Meer")).iloc[0]
    assert out["djg_emotioneel"] == 2


def test_bands_follow_the_health_monitor():
    assert djg_band(pd.Series(range(12))).tolist() == (
        ["niet eenzaam"] * 3 + ["matig eenzaam"] * 6 + ["ernstig eenzaam"] * 2 + ["zeer ernstig eenzaam"]
    )
    assert djg_band(pd.Series(range(7)), version=6).tolist() == (
        ["niet eenzaam"] * 2 + ["matig eenzaam"] * 3 + ["ernstig eenzaam"] * 2
    )


def test_lonely_flags_thresholds():
    flags = lonely_flags(pd.Series([2, 3, 8, 9, np.nan]))
    assert flags["eenzaam"].tolist()[:4] == [False, True, True, True]
    assert flags["ernstig"].tolist()[:4] == [False, False, False, True]
    assert flags.iloc[4].isna().all()


def test_default_missing_rule_one_missing_item_counts_zero():
    out = score_djg(answers(djg_02="ja", djg_03="ja", djg_04="")).iloc[0]
    assert out["djg_totaal"] == 2  # missing social item counts 0
    assert out["djg_emotioneel"] == 2
    assert np.isnan(out["djg_sociaal"])  # a subscale with a missing item is missing
    assert out["djg_ontbrekend"] == 1


def test_default_missing_rule_two_missing_items_total_missing():
    out = score_djg(answers(djg_02="", djg_04=None)).iloc[0]
    assert np.isnan(out["djg_totaal"]) and pd.isna(out["djg_band"])


def test_missing_rule_is_overridable():
    row = answers(djg_02="", djg_04="", djg_03="ja")
    lenient = score_djg(row, rule=MissingRule(total=2, subscale=1)).iloc[0]
    assert (lenient["djg_totaal"], lenient["djg_emotioneel"], lenient["djg_sociaal"]) == (1, 1, 0)
    strict = score_djg(answers(djg_04=""), rule=MissingRule(total=0)).iloc[0]
    assert np.isnan(strict["djg_totaal"])


def test_short_version_uses_six_items():
    # lonely on all 11 items: the short version counts 3 emotional + 3 social
    lonely = {item_name(k): ("ja" if k in djg.NEGATIVE else "nee") for k in range(1, 12)}
    out = score_djg(pd.DataFrame([lonely]), version=6).iloc[0]
    assert (out["djg_totaal"], out["djg_emotioneel"], out["djg_sociaal"]) == (6, 3, 3)
    assert out["djg_band"] == "ernstig eenzaam"
    # items outside the short version do not count
    only_long = score_djg(answers(djg_02="ja", djg_01="nee"), version=6).iloc[0]
    assert only_long["djg_totaal"] == 0


def test_short_version_needs_only_its_items():
    short = answers()[[item_name(k) for k in (3, 4, 7, 8, 9, 10)]]
    assert score_djg(short, version=6)["djg_totaal"].iloc[0] == 0
    with pytest.raises(DataError, match="djg_01"):
        score_djg(short)


def test_unknown_answer_names_column_row_and_value():
    frame = pd.concat([answers(), answers(djg_05="jaa")], ignore_index=True)
    with pytest.raises(DataError) as err:
        score_djg(frame)
    message = str(err.value)
    assert "djg_05" in message and "rij 2" in message and "'jaa'" in message
    assert "ja, min of meer, nee" in message


def test_unknown_version_is_refused():
    with pytest.raises(ValueError, match="versie"):
        score_djg(answers(), version=9)
