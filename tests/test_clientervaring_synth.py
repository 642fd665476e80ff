"""The synthetic client-experience survey: contract shape, planted privacy traps, plausibility."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from werkplaats.clientervaring.scoring import percent_agree
from werkplaats.clientervaring.synth import GEMEENTEN, PLANTED, fake_bsn, generate
from werkplaats.privacy import EMAIL, PHONE, is_bsn
from werkplaats.validate import load_dataset

CBS = {"Amersfoort": "GM0307", "Utrecht": "GM0344", "Nieuwegein": "GM0356", "Woerden": "GM0632",
       "Leusden": "GM0327", "Veenendaal": "GM0345"}  # shared/domain/INSTRUMENTS.md


def write_tables(tables: dict[str, pd.DataFrame], folder) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_csv(folder / f"{name}.csv", index=False)


@pytest.fixture(scope="module")
def tables():
    return generate(np.random.default_rng(2026), tiny=True, identifier_columns=True)


def test_loads_under_the_contract(tables, tmp_path):
    write_tables(tables, tmp_path)
    answers = load_dataset("clientervaring_antwoorden", tmp_path)
    population = load_dataset("clientervaring_populatie", tmp_path)
    assert {"toelichting", "bsn", "naam", "telefoon", "email", "notitie_medewerker"} <= set(answers.removed)
    assert len(answers.data) == len(tables["clientervaring_antwoorden"])
    assert population.data["aantal_clienten"].min() > 0


def test_gemeenten_and_cbs_codes(tables):
    answers = tables["clientervaring_antwoorden"]
    codes = answers.groupby("gemeente")["gemeente_code"].unique()
    assert {g: c[0] for g, c in codes.items()} == {g: CBS[g] for g in codes.index}
    assert set(GEMEENTEN) | {"Veenendaal"} == set(codes.index)
    population = tables["clientervaring_populatie"]
    assert len(population) == 6 * 4 * 2


def test_tiny_gemeente_is_below_min_cel(tables):
    counts = tables["clientervaring_antwoorden"]["gemeente"].value_counts()
    assert counts["Veenendaal"] < 10 and counts.drop("Veenendaal").min() > 100


def test_agreement_is_typical(tables):
    answers = tables["clientervaring_antwoorden"].replace({"": None})
    last = answers[answers["jaar"] == answers["jaar"].max()]
    table = percent_agree(last, items=["v01", "v03", "v06", "v07", "v09"])
    table = table[table["n"] >= 10]
    typical = table[table["gemeente"] != "Leusden"]["agree"]  # Leusden is planted lower
    assert typical.between(0.75, 0.95).all()
    assert 0.80 <= typical.median() <= 0.92
    leusden = table[table["gemeente"] == "Leusden"]["agree"]
    assert leusden.mean() < typical.mean() - 0.05


def test_dont_know_and_empty_answers_present(tables):
    v04 = tables["clientervaring_antwoorden"]["v04"]
    assert (v04 == "weet niet / n.v.t.").mean() > 0.03
    assert (v04 == "").mean() > 0.01


def test_toelichting_holds_fake_identifiers(tables):
    text = tables["clientervaring_antwoorden"]["toelichting"]
    assert text.map(lambda t: bool(PHONE.search(t))).sum() > 10
    assert text.map(lambda t: bool(EMAIL.search(t))).sum() > 10
    bsns = text.str.findall(r"\b\d{9}\b").explode().dropna()
    assert len(bsns) > 5 and bsns.map(is_bsn).all()


def test_fake_bsn_passes_elfproef():
    rng = np.random.default_rng(1)
    assert all(is_bsn(fake_bsn(rng)) for _ in range(200))
    assert all(re.fullmatch(r"[1-9]\d{8}", fake_bsn(rng)) for _ in range(20))


def test_response_is_skewed_against_population(tables):
    answers = tables["clientervaring_antwoorden"]
    population = tables["clientervaring_populatie"].astype({"aantal_clienten": int})
    resp = answers["leeftijdsklasse"].value_counts(normalize=True)
    pop = population.groupby("leeftijdsklasse")["aantal_clienten"].sum() / population["aantal_clienten"].sum()
    assert resp["18-64"] > 1.5 * pop["18-64"]
    assert resp["85+"] < 0.6 * pop["85+"]


def test_same_seed_same_data():
    a = generate(np.random.default_rng(3), scale=0.2)
    b = generate(np.random.default_rng(3), scale=0.2)
    pd.testing.assert_frame_equal(a["clientervaring_antwoorden"], b["clientervaring_antwoorden"])


def test_years_and_planted_documented():
    tables = generate(np.random.default_rng(4), years=(2025,), scale=0.3)
    assert tables["clientervaring_antwoorden"]["jaar"].unique().tolist() == ["2025"]
    assert {"Leusden", "Woerden", "response", "privacy", "trend"} <= set(PLANTED)
