"""Descriptive tables against independent values (R's scores, Wilson by statsmodels, the raw file)
and, where small groups matter, against their PROTECTED form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint
from support import raw_strings

from werkplaats.disclosure import protect
from werkplaats.eenzaamheid.describe import (
    attrition,
    baseline_balance,
    data_check,
    dropout_comparison,
    mean_trajectories,
    participant_check,
    prevalence,
    study_size,
    with_area,
)
from werkplaats.eenzaamheid.preparation import prepare
from werkplaats.lines import load_line
from werkplaats.roles import roles_of

REL = 1e-6


@pytest.fixture(scope="module")
def prepared(reference_dir):
    return prepare(load_line("eenzaamheid", reference_dir))


@pytest.fixture(scope="module")
def scores(prepared):
    return prepared.scores


@pytest.fixture(scope="module")
def r_long(r_results) -> pd.DataFrame:
    """R's own scores with the CSV's gemeente and groep (independent of our scoring)."""
    raw = raw_strings("eenzaamheid_metingen")
    table = pd.DataFrame(r_results["djg_scores"]).assign(gemeente=raw["gemeente"], groep=raw["groep"])
    table["score"] = pd.to_numeric(table["score"], errors="coerce")
    return table


def test_prevalence_per_meting_and_groep_against_wilson(scores, r_long):
    row = prevalence(scores).set_index(["meting", "groep"]).loc[("T1", "interventie")]
    valid = r_long[(r_long["meting"] == "T1") & (r_long["groep"] == "interventie")].dropna(subset=["score"])
    x, n = int((valid["score"] >= 3).sum()), len(valid)
    assert row["n"] == n
    assert row["eenzaam"] == pytest.approx(x / n, rel=REL)
    assert [row["eenzaam_ci_low"], row["eenzaam_ci_high"]] == pytest.approx(
        list(proportion_confint(x, n, method="wilson")), rel=REL
    )


def test_prevalence_per_gemeente(scores, r_long):
    table = prevalence(with_area(scores, "alle"), by=("gebied", "meting"), partition="gebied")
    assert roles_of(table).partition == "gebied"
    row = table.set_index(["gebied", "meting"]).loc[("Veenendaal", "T0")]
    valid = r_long[(r_long["meting"] == "T0") & (r_long["gemeente"] == "Veenendaal")].dropna(subset=["score"])
    assert row["n"] == len(valid)
    assert row["ernstig"] == pytest.approx((valid["score"] >= 9).mean(), rel=REL)


def test_mean_trajectories_against_r_scores(scores, r_long):
    row = mean_trajectories(scores).set_index(["meting", "groep"]).loc[("T2", "controle")]
    valid = r_long[(r_long["meting"] == "T2") & (r_long["groep"] == "controle")].dropna(subset=["score"])
    assert row["n"] == len(valid)
    assert row["gemiddelde"] == pytest.approx(valid["score"].mean(), rel=REL)
    assert row["sd"] == pytest.approx(valid["score"].std(), rel=REL)


def test_attrition_counts_from_the_file(scores):
    raw = raw_strings("eenzaamheid_metingen")
    counts = raw.groupby(["groep", "meting"]).size().unstack()
    table = attrition(scores).set_index(["meting", "groep"])
    for groep in ("interventie", "controle"):
        for m in ("T1", "T2"):
            row = table.loc[(m, groep)]
            ids = {t: set(raw.loc[(raw["groep"] == groep) & (raw["meting"] == t), "deelnemer_id"]) for t in ("T0", m)}
            assert row["gemeten_T0"] == counts.loc[groep, "T0"] and row["nog_mee"] == len(ids["T0"] & ids[m])
            assert row["nog_mee"] + row["uitgevallen"] == row["gemeten_T0"]
    assert table.loc[("T2", "controle"), "bijgebleven"] == pytest.approx(counts.loc["controle", "T2"] / 150)


def test_dropout_comparison_splits_every_baseline_participant(scores, r_long):
    table = dropout_comparison(scores)
    t0 = r_long[(r_long["meting"] == "T0")].dropna(subset=["score"])
    for at in ("T1", "T2"):
        assert table.loc[table["meting"] == at, "n"].sum() == len(t0)
    stayed = set(r_long.loc[(r_long["meting"] == "T1") & r_long["score"].notna(), "deelnemer_id"])
    gone = t0[~t0["deelnemer_id"].isin(stayed) & (t0["groep"] == "controle")]
    row = table.set_index(["meting", "groep", "status"]).loc[("T1", "controle", "uitgevallen")]
    assert row["n"] == len(gone) and row["djg_totaal_T0"] == pytest.approx(gone["score"].mean())


def test_baseline_balance_age_by_hand(scores):
    raw = raw_strings("eenzaamheid_metingen")
    t0 = raw[raw["meting"] == "T0"]
    age = t0["leeftijd"].astype(float)
    a, c = age[t0["groep"] == "interventie"], age[t0["groep"] == "controle"]
    expected = (a.mean() - c.mean()) / np.sqrt((a.var() + c.var()) / 2)
    row = baseline_balance(scores).set_index("variabele").loc["leeftijd"]
    assert row["gestandaardiseerd_verschil"] == pytest.approx(expected, rel=REL)


def test_data_check_counts_rows_and_participants_from_the_file(scores, r_long):
    raw = raw_strings("eenzaamheid_metingen")
    table = data_check(scores).set_index("meting")
    assert table.loc["totaal", "metingen"] == len(raw) == 775
    for m in ("T0", "T1", "T2"):
        assert table.loc[m, "metingen"] == (raw["meting"] == m).sum()
        assert table.loc[m, "zonder_totaalscore"] == r_long.loc[r_long["meting"] == m, "score"].isna().sum()
    assert table.loc["totaal", "zonder_totaalscore"] == 18
    assert roles_of(table.reset_index()).partition_total == "totaal"
    people = participant_check(scores).iloc[0]
    assert people["deelnemers"] == raw["deelnemer_id"].nunique() == 300
    assert people["zonder_T0"] == 300 - raw.loc[raw["meting"] == "T0", "deelnemer_id"].nunique()


def test_protected_data_check_gives_no_small_metingen_back_by_subtraction(scores):
    few_t2 = scores[(scores["meting"] != "T2") | scores["deelnemer_id"].isin(["D0001", "D0002", "D0003"])]
    table = protect(data_check(few_t2), min_cel=10).set_index("meting")["metingen"]
    assert pd.isna(table["T2"])
    assert table.isna().sum() >= 2  # T2 alone could be recomputed as totaal - T0 - T1


def test_study_size_counts_participants_and_measurements(scores):
    raw = raw_strings("eenzaamheid_metingen")
    utrecht = raw[raw["gemeente"] == "Utrecht"]
    row = study_size(scores[scores["gemeente"] == "Utrecht"], "Utrecht").iloc[0]
    assert row["gebied"] == "Utrecht"
    assert row["deelnemers"] == utrecht["deelnemer_id"].nunique() and row["metingen"] == len(utrecht)


def _tiny_scores(n_t0: int, n_t1: int, sexes: list) -> pd.DataFrame:
    """One interventie group: n_t0 participants at T0, the first n_t1 of them also at T1."""
    ids = [f"D{i:03d}" for i in range(n_t0)]
    rows = [{"deelnemer_id": d, "groep": "interventie", "meting": "T0", "geslacht": sexes[i]}
            for i, d in enumerate(ids)]
    rows += [{"deelnemer_id": d, "groep": "interventie", "meting": "T1", "geslacht": sexes[i]}
             for i, d in enumerate(ids[:n_t1])]
    frame = pd.DataFrame(rows).assign(djg_totaal=4.0, eenzaam=True, leeftijd=80)
    frame["geslacht"] = pd.Categorical(frame["geslacht"], categories=["man", "vrouw", "anders"])
    return frame


def test_protected_attrition_share_does_not_give_back_a_small_count():
    # 20 at T0, 4 of them at T1: the count 4 is blanked, so 4/20 may not be shown either
    row = protect(attrition(_tiny_scores(20, 4, ["man"] * 20)), min_cel=10).iloc[0]
    assert pd.isna(row["nog_mee"]) and row["gemeten_T0"] == 20
    assert pd.isna(row["bijgebleven"])
    # 20 at T0, 15 of them at T1: 5 dropped out; 20 - 15 would give the 5 back, so 15 goes too
    row = protect(attrition(_tiny_scores(20, 15, ["man"] * 20)), min_cel=10).iloc[0]
    assert pd.isna(row["uitgevallen"]) and pd.isna(row["nog_mee"]) and pd.isna(row["bijgebleven"])
    shown = protect(attrition(_tiny_scores(30, 15, ["man"] * 30)), min_cel=10).iloc[0]
    assert shown["bijgebleven"] == pytest.approx(15 / 30)


def test_dropout_share_women_among_known_sex_only():
    # 12 participants: 6 vrouw, 2 man, 4 unknown -> 6 / 8 women, not 6 / 12
    sexes = ["vrouw"] * 6 + ["man"] * 2 + [None] * 4
    table = dropout_comparison(_tiny_scores(12, 0, sexes))
    row = table[table["meting"] == "T1"].iloc[0]
    assert row["n"] == 12 and row["aandeel_vrouw"] == pytest.approx(6 / 8)
