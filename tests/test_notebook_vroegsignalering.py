"""The vroegsignalering notebook run with papermill on the R reference data (``-p data_dir
tests/fixtures/reference -p peildatum 2026-06-30``): results.json agrees with R, the
figures are written, nothing lands in the repository; and a focus on a too small gemeente
publishes nothing about it (its protected tables: tests/test_vroegsignalering_analysis.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from support import execute_notebook

pytestmark = pytest.mark.notebook

ROOT = Path(__file__).resolve().parents[1]
NAME = "vroegsignalering_signalen"
REL = 1e-4
TERMS = {"energieleverancier": "bronenergieleverancier", "woningcorporatie": "bronwoningcorporatie",
         "drinkwaterbedrijf": "brondrinkwaterbedrijf", "log_achterstand": "log(amount)"}
FIGURES = {"trechter.png", "signalen_per_maand.png", "tijd_tot_contact.png", "tijdreeks_training.png"}


def _execute(root: Path, parameters: dict) -> dict:
    return execute_notebook("vroegsignalering", root, parameters)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("nb_debt")
    out = root / "rapport"
    results = _execute(root, {"data_dir": "tests/fixtures/reference", "peildatum": "2026-06-30",
                              "output_dir": str(out)})
    return root, out, results


def test_results_json_agrees_with_r(run, r_results):
    results = run[2]
    for gemeente, expected in r_results["funnel"].items():
        assert {k: results["funnel"][gemeente][k] for k in expected} == expected
    for bron, expected in r_results["km_contacted_by_day"].items():
        for day, value in expected.items():
            assert results["contacted_by_day"][bron][day] == pytest.approx(value, rel=REL)
    for ours, theirs in TERMS.items():
        assert results["cox"]["coef"][ours] == pytest.approx(r_results["cox"]["coef"][theirs], rel=REL)
        assert results["cox"]["se"][ours] == pytest.approx(r_results["cox"]["se"][theirs], rel=REL)
        got, r = results["logit_accept"]["coef"][ours], r_results["logit_accept"]["coef"][theirs]
        assert got["estimate"] == pytest.approx(r["estimate"], rel=REL)
        assert got["se"] == pytest.approx(r["se"], rel=REL)
    training, r = results["training_effect"], r_results["training_effect"]
    assert training["log_odds"] == pytest.approx(r["log_odds"], rel=REL)
    assert training["se"] == pytest.approx(r["se"], rel=REL)


def test_provenance_parameters_and_outputs(run):
    root, out, results = run
    assert results["analysis"] == "vroegsignalering"
    assert results["provenance"]["parameters"]["peildatum"] == "2026-06-30"
    csv = ROOT / "tests" / "fixtures" / "reference" / f"{NAME}.csv"
    expected = hashlib.sha256(csv.read_bytes()).hexdigest()
    assert results["provenance"]["inputs"][f"{NAME}.csv"] == expected
    assert FIGURES <= {p.name for p in (out / "figuren").iterdir()}
    processed = pd.read_parquet(root / "data" / "processed" / f"{NAME}.parquet")
    assert len(processed) == 6000 and "huishouden_id" not in processed.columns


@pytest.fixture(scope="module")
def small_focus(tmp_path_factory):
    """Synthetic signals with the focus on a gemeente that is too small to publish."""
    from werkplaats.vroegsignalering.synth import generate

    root = tmp_path_factory.mktemp("nb_debt_klein")
    raw = root / "raw"
    raw.mkdir()
    table = generate(np.random.default_rng(3), n_signals=1500)[NAME]
    table.to_csv(raw / f"{NAME}.csv", index=False)
    households = table.groupby("gemeente")["huishouden_id"].nunique()
    out = root / "rapport"
    results = _execute(root, {"data_dir": str(raw), "output_dir": str(out), "gemeente": households.idxmin(),
                              "min_cel": int(households.min()) + 1})
    return out, results, households.idxmin()


def test_focus_on_a_too_small_gemeente_publishes_nothing_about_it(small_focus):
    out, results, gemeente = small_focus
    assert results["funnel"][gemeente]["suppressed"] is True
    assert results["funnel"][gemeente]["signalen"] is None
    assert all(v["suppressed"] for v in results["contacted_by_day"].values())
    for key in ("cox", "logit_accept", "training_effect"):
        assert results[key]["suppressed"] is True, key
    assert results["training_effect"]["log_odds"] is None
    assert results["provenance"]["parameters"]["gemeente"] == gemeente
    assert FIGURES <= {p.name for p in (out / "figuren").iterdir()}
