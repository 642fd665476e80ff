"""The loneliness analysis end to end on the R reference data: key figures against R, the
protected tables (roles, nothing about fewer than min_cel), focus on one gemeente, parameters."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from support import assert_lmm_matches_lme4, raw_strings

from werkplaats import eenzaamheid
from werkplaats.disclosure import small
from werkplaats.eenzaamheid.analysis import Results, analyse, key_figures, tables
from werkplaats.eenzaamheid.preparation import prepare
from werkplaats.errors import ParameterError
from werkplaats.lines import ResearchLine, load_line
from werkplaats.results import write_results
from werkplaats.roles import Role, roles_of

REL = 1e-6


@pytest.fixture(scope="module")
def loaded(reference_dir):
    return load_line("eenzaamheid", reference_dir)


@pytest.fixture(scope="module")
def prepared(loaded):
    return prepare(loaded)


@pytest.fixture(scope="module")
def results(prepared):
    return analyse(prepared, min_cel=10, covariates=["leeftijd", "geslacht"])


@pytest.fixture(scope="module")
def small_results(prepared):
    return analyse(prepared, gemeente="Utrecht", min_cel=80)  # Utrecht has 74 participants at T0


def test_the_package_implements_the_contract():
    assert isinstance(eenzaamheid, ResearchLine)
    assert sorted(eenzaamheid.__all__) == [
        "ANALYSIS", "DATASETS", "analyse", "key_figures", "prepare", "tables", "write_prepared"]


def test_key_figures_match_r(results, r_results):
    kf = key_figures(results)
    p, r = kf["prevalence_T0"], r_results["prevalence_T0"]
    assert p["n"] == r["n"]
    for key in ("eenzaam", "ernstig"):
        assert p[key] == pytest.approx(r[key], rel=REL)
        assert p[f"{key}_ci"] == pytest.approx(r[f"{key}_ci"], rel=REL)
    a, r = kf["ancova_T1"], r_results["ancova_T1"]
    assert a["n"] == r["n"]
    for key in ("effect", "se", "ci", "p"):
        assert a[key] == pytest.approx(r[key], rel=REL), key
    h, r = kf["hedges_g_change_T1"], r_results["hedges_g_change_T1"]
    for key in ("did", "cohen_d", "hedges_g", "ci_d"):
        assert h[key] == pytest.approx(r[key], rel=REL), key


def test_mixed_model_key_figures_match_lme4(results, r_results):
    lmm, r = key_figures(results)["lmm"], r_results["lmm"]
    assert_lmm_matches_lme4(lmm, r)
    assert lmm["n_groups"] == r["n_groups"]


def test_key_figures_have_the_contract_keys(results):
    kf = key_figures(results)
    assert set(kf) == {"prevalence_T0", "ancova_T1", "lmm", "hedges_g_change_T1", "ancova_T1_overlap",
                       "ancova_T1_imputed"}
    assert {"n", "eenzaam", "eenzaam_ci", "ernstig", "ernstig_ci"} <= set(kf["prevalence_T0"])
    assert {"n", "effect", "se", "ci", "p"} <= set(kf["ancova_T1"])
    assert {"interaction_T1", "interaction_T2", "var_participant", "var_residual"} <= set(kf["lmm"])
    assert {"did", "cohen_d", "hedges_g", "ci_d"} <= set(kf["hedges_g_change_T1"])
    assert {"n", "effect", "se", "ci", "ess"} <= set(kf["ancova_T1_overlap"])
    assert not any(block["suppressed"] for block in kf.values())


def test_results_carry_their_parameters(results):
    assert results.parameters == {"gemeente": "alle", "min_cel": 10, "covariaten": ["leeftijd", "geslacht"],
                                  "ontbrekende_antwoorden": {"total": 1, "subscale": 0},
                                  "propensity_model": "logistic", "weging": "overlap", "imputaties": 20}


def _published_counts(table: pd.DataFrame) -> np.ndarray:
    roles = roles_of(table)
    values = table[roles.counts].apply(pd.to_numeric, errors="coerce").to_numpy(float, na_value=np.nan)
    return values[~np.isnan(values)]


@pytest.mark.parametrize("which", ["results", "small_results"])
def test_every_table_has_roles_and_no_small_published_count(which, request):
    res: Results = request.getfixturevalue(which)
    shown = tables(res)
    assert {"controle", "omvang", "uitval", "uitvallers", "balans", "effecten", "gemengd_model"} <= set(shown)
    for name, table in shown.items():
        roles = roles_of(table)
        assert all(c in roles.columns and roles.columns[c].header is not None for c in table.columns), name
        assert roles.counts, name
        assert not any(small(v, res.min_cel) for v in _published_counts(table)), name
        for column in roles.statistics:  # no statistic on a blanked or small count
            on = table[list(roles.columns[column].on)].apply(pd.to_numeric, errors="coerce")
            bad = on.isna().any(axis=1) | on.lt(res.min_cel).any(axis=1)
            assert table.loc[bad.to_numpy(), column].isna().all(), (name, column)


def test_tables_do_not_change_the_unprotected_results(small_results):
    before = small_results.effects.copy()
    tables(small_results)
    pd.testing.assert_frame_equal(small_results.effects, before)
    assert small_results.effects["effect"].notna().any()  # computed, only the publication hides it


def test_small_groups_are_blanked_everywhere(small_results, tmp_path, loaded):
    kf = key_figures(small_results)
    for block in kf.values():
        assert block["suppressed"] is True
    assert kf["prevalence_T0"]["eenzaam"] is None and kf["lmm"]["interaction_T1"] is None
    effects = tables(small_results)["effecten"]
    assert effects["effect"].isna().all()
    assert effects["lezing"].str.startswith("afgeschermd").all()
    path = write_results(tmp_path, "eenzaamheid", kf, parameters=small_results.parameters,
                         inputs=[loaded["eenzaamheid_metingen"].path])
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["ancova_T1"] == {"n": None, "effect": None, "se": None, "ci": None, "p": None,
                                    "suppressed": True}


def test_gemeente_focus_against_the_rest(prepared, r_results):
    raw = raw_strings("eenzaamheid_metingen")
    r_long = pd.DataFrame(r_results["djg_scores"]).assign(gemeente=raw["gemeente"])
    r_long["score"] = pd.to_numeric(r_long["score"], errors="coerce")
    res = analyse(prepared, gemeente="utrecht", min_cel=10)
    assert res.gemeente == "Utrecht" and res.parameters["gemeente"] == "Utrecht"
    t0 = r_long[(r_long["meting"] == "T0") & (r_long["gemeente"] == "Utrecht")].dropna(subset=["score"])
    assert key_figures(res)["prevalence_T0"]["n"] == len(t0)
    shown = tables(res)
    assert set(shown["prevalentie_gebied"]["gebied"]) == {"Utrecht", "overige gemeenten"}
    assert set(shown["subgroep_gebied"]["gebied"]) == {"Utrecht", "overige gemeenten"}
    assert roles_of(shown["subgroep_gebied"]).partition == "gebied"


def test_unknown_gemeente_and_covariate_are_parameter_errors(prepared):
    with pytest.raises(ParameterError, match="Zeist.*Amersfoort, Nieuwegein, Utrecht en Veenendaal"):
        analyse(prepared, gemeente="Zeist")
    with pytest.raises(ParameterError, match="'inkomen'"):
        analyse(prepared, covariates=["inkomen"])


def test_results_serialise_to_json(results, tmp_path, loaded):
    figures = {**key_figures(results), **tables(results)}
    path = write_results(tmp_path, "eenzaamheid", figures, parameters=results.parameters,
                         inputs=[loaded["eenzaamheid_metingen"].path])
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["effecten"][0]["methode"] == "ANCOVA"
    assert written["effecten"][0]["lezing"] == "geen aantoonbaar effect"
    assert written["provenance"]["inputs"]["eenzaamheid_metingen.csv"] == loaded["eenzaamheid_metingen"].sha256


def test_removed_columns_are_carried_to_the_results(copy_reference):
    folder = copy_reference("eenzaamheid_metingen", lambda t: t.assign(naam="x"))
    res = analyse(prepare(load_line("eenzaamheid", folder)))
    assert "naam" in res.removed


def test_reading_role_is_a_label(results):
    roles = roles_of(tables(results)["effecten"])
    assert roles.columns["lezing"].role is Role.LABEL
