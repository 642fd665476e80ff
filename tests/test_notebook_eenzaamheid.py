"""The eenzaamheid notebook run with papermill on the R reference data (as in the README:
``-p data_dir tests/fixtures/reference`` from the repo root): results.json agrees with R,
the figures are written, and nothing lands in the repository."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support import assert_lmm_matches_lme4, execute_notebook

pytestmark = pytest.mark.notebook

ROOT = Path(__file__).resolve().parents[1]
REL = 1e-6


def _execute(root: Path, parameters: dict) -> dict:
    return execute_notebook("eenzaamheid", root, parameters)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("nb")
    out = root / "rapport"
    results = _execute(root, {"data_dir": "tests/fixtures/reference", "output_dir": str(out)})
    return root, out, results


def test_results_json_agrees_with_r(run, r_results):
    results = run[2]
    p, r = results["prevalence_T0"], r_results["prevalence_T0"]
    assert p["n"] == r["n"]
    for key in ("eenzaam", "eenzaam_ci", "ernstig", "ernstig_ci"):
        assert p[key] == pytest.approx(r[key], rel=REL), key
    a, r = results["ancova_T1"], r_results["ancova_T1"]
    assert a["n"] == r["n"]
    for key in ("effect", "se", "ci", "p"):
        assert a[key] == pytest.approx(r[key], rel=REL), key
    h, r = results["hedges_g_change_T1"], r_results["hedges_g_change_T1"]
    for key in ("did", "cohen_d", "hedges_g", "ci_d"):
        assert h[key] == pytest.approx(r[key], rel=REL), key
    lmm, r = results["lmm"], r_results["lmm"]
    assert_lmm_matches_lme4(lmm, r)


def test_overlap_weighted_ancova_agrees_with_svyglm(run):
    import json

    r = json.loads((ROOT / "tests" / "fixtures" / "r" / "r_overlap.json").read_text())["ancova_T1_overlap"]
    o = run[2]["ancova_T1_overlap"]
    assert o["n"] == r["n"]
    for key in ("effect", "se", "ci", "ess"):
        assert o[key] == pytest.approx(r[key], rel=REL), key


def test_imputation_sensitivity_is_reported(run):
    mi = run[2]["ancova_T1_imputed"]
    assert mi["m"] == 20 and mi["n"] == 300 and not mi["suppressed"]
    assert mi["ci"][0] < mi["effect"] < mi["ci"][1]
    rows = run[2]["tabellen"]["gevoeligheid_imputatie"]["rijen"]
    assert [row["methode"] for row in rows] == ["volledige gevallen", "meervoudige imputatie"]


def test_provenance_and_parameters(run):
    results = run[2]
    assert results["analysis"] == "eenzaamheid"
    assert results["provenance"]["parameters"]["gemeente"] == "alle"
    assert results["provenance"]["parameters"]["min_cel"] == 10
    assert results["provenance"]["parameters"]["covariaten"] == ["leeftijd", "geslacht"]  # from results.parameters
    assert results["provenance"]["parameters"]["ontbrekende_antwoorden"] == {"total": 1, "subscale": 0}
    expected = (ROOT / "tests" / "fixtures" / "reference" / "eenzaamheid_metingen.csv").read_bytes()
    import hashlib

    assert results["provenance"]["inputs"]["eenzaamheid_metingen.csv"] == hashlib.sha256(expected).hexdigest()


def test_figures_and_processed_scores_are_written_outside_the_repo(run):
    root, out, _ = run
    names = {p.name for p in (out / "figuren").iterdir()}
    assert {
        "eenzaam_per_meting.png",
        "ernstig_eenzaam_per_meting.png",
        "gemiddelde_score_per_meting.png",
        "effectschattingen.png",
        "eenzaam_per_gebied.png",
    } <= names
    scores = pd.read_parquet(root / "data" / "processed" / "eenzaamheid_scores.parquet")
    assert {"deelnemer_id", "meting", "djg_totaal", "djg_emotioneel", "djg_sociaal"} <= set(scores.columns)


def test_effect_table_in_results_has_a_reading_per_estimate(run):
    effects = run[2]["tabellen"]["effecten"]["rijen"]
    assert {row["methode"] for row in effects} == {
        "ANCOVA",
        "ANCOVA met covariaten",
        "verschil-in-verschillen",
        "gemengd model",
    }
    assert all(row["lezing"] for row in effects)


@pytest.fixture(scope="module")
def small_focus(tmp_path_factory):
    """A small synthetic study with the focus on one gemeente that is too small to publish."""
    import numpy as np

    from werkplaats.eenzaamheid.synth import generate

    root = tmp_path_factory.mktemp("nb_klein")
    raw = root / "raw"
    raw.mkdir()
    table = generate(np.random.default_rng(3), n_participants=160)["eenzaamheid_metingen"]
    table.to_csv(raw / "eenzaamheid_metingen.csv", index=False)
    counts = table[table["meting"] == "T0"].groupby("gemeente").size()
    out = root / "rapport"
    results = _execute(
        root,
        {
            "data_dir": str(raw),
            "output_dir": str(out),
            "gemeente": counts.idxmin(),
            "min_cel": int(counts.min()) + 1,
        },
    )
    return out, results, counts.idxmin(), root / "uitgevoerd.ipynb", int(counts.min()) + 1


def test_focus_on_a_too_small_gemeente_publishes_nothing_about_it(small_focus):
    out, results, gemeente, executed, min_cel = small_focus
    assert results["provenance"]["parameters"]["gemeente"] == gemeente
    for key in ("prevalence_T0", "ancova_T1", "lmm", "hedges_g_change_T1", "ancova_T1_overlap", "ancova_T1_imputed"):
        assert results[key]["suppressed"] is True, key
    assert results["prevalence_T0"]["eenzaam"] is None and results["ancova_T1"]["effect"] is None
    focus_rows = [row for row in results["tabellen"]["prevalentie_gebied"]["rijen"] if row["gebied"] == gemeente]
    assert focus_rows and all(row["suppressed"] and row["n"] is None for row in focus_rows)
    assert (out / "figuren" / "eenzaam_per_meting.png").exists()
    # the focus line names no count of the small gemeente
    text = executed.read_text(encoding="utf-8")
    assert f"Dit rapport gaat over: {gemeente} (minder dan {min_cel} deelnemers" in text
