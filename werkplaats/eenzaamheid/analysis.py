"""Analyse the loneliness study, then give what a report may publish.

:func:`analyse` answers how lonely the participants are, whether the intervention reduced
loneliness more than in the comparison group and how much, whether it lasts (T2) and for
whom (subscales, gemeente, age group, sex). Its :class:`Results` hold UNPROTECTED,
role-declared tables. :func:`tables` protects every table a report shows
(:func:`werkplaats.disclosure.protect`), and :func:`key_figures` builds section 6 of
DATA_CONTRACT.md from those protected tables.

>>> from werkplaats.lines import load_line
>>> from werkplaats.eenzaamheid.preparation import prepare
>>> results = analyse(prepare(load_line("eenzaamheid", "tests/fixtures/reference")), min_cel=10)
>>> figures = key_figures(results)
>>> figures["prevalence_T0"]["n"], figures["ancova_T1"]["n"]
(293, 253)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import pandas as pd

from werkplaats.checks import check_gemeente
from werkplaats.disclosure import protect_report, published_once, release_versions
from werkplaats.eenzaamheid import describe, effects, imputation, propensity
from werkplaats.eenzaamheid.preparation import Prepared
from werkplaats.eenzaamheid.text import reading
from werkplaats.errors import ParameterError, dutch_list
from werkplaats.privacy import MIN_CEL
from werkplaats.roles import label, roles_of, with_roles

__all__ = ["ANALYSIS", "COVARIATES", "SUBSCALES", "Results", "analyse", "check_covariates", "key_figures",
           "tables"]

ANALYSIS = "eenzaamheid"
COVARIATES = ("leeftijd", "geslacht")
SUBSCALES = {"djg_emotioneel": "emotionele eenzaamheid", "djg_sociaal": "sociale eenzaamheid"}
READ = ("effecten", "overlap", "gevoeligheid_imputatie", "subschalen", "subgroep_gebied",
        "subgroep_leeftijdsgroep", "subgroep_geslacht")


@dataclass
class Results:
    """Everything :func:`analyse` computed for one gemeente (or ``alle``): unprotected tables
    with declared roles, the ``parameters`` that shaped them and the columns removed on loading."""

    gemeente: str
    min_cel: int
    covariates: list[str]
    parameters: dict
    data_check: pd.DataFrame
    participant_check: pd.DataFrame
    size: pd.DataFrame
    prevalence_T0: pd.DataFrame
    prevalence: pd.DataFrame
    prevalence_area: pd.DataFrame
    trajectories: pd.DataFrame
    attrition: pd.DataFrame
    dropout: pd.DataFrame
    balance: pd.DataFrame
    effects: pd.DataFrame
    effect_sizes: pd.DataFrame
    change: pd.DataFrame
    subscales: pd.DataFrame
    mixed: pd.DataFrame
    overlap: pd.DataFrame
    overlap_balance: pd.DataFrame
    imputation: pd.DataFrame
    subgroups: dict[str, pd.DataFrame] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)
    release: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)  # per report of the release


def check_covariates(covariates: Sequence[str]) -> list[str]:
    """Only ``leeftijd`` and ``geslacht`` may be added to the ANCOVA (ParameterError otherwise).

    >>> check_covariates([" leeftijd"])
    ['leeftijd']
    """
    covariates = [str(c).strip() for c in (covariates or [])]
    unknown = [c for c in covariates if c not in COVARIATES]
    if unknown:
        raise ParameterError(f"onbekende covariaat {dutch_list(unknown, quote=True)} "
                             f"(toegestaan: {', '.join(COVARIATES)})")
    return covariates


def _check_propensity(model: str, weighting: str) -> tuple[Any, Any]:
    """The propensity model and weighting, or a ParameterError naming the choices."""
    if model not in ("logistic", "boosting"):
        raise ParameterError(f"onbekend propensity-model '{model}' (toegestaan: logistic, boosting)")
    if weighting not in ("overlap", "ipw"):
        raise ParameterError(f"onbekende weging '{weighting}' (toegestaan: overlap, ipw)")
    return model, weighting


def _subscales(focus: pd.DataFrame) -> pd.DataFrame:
    parts = [effects.effect_table(focus, value=v, mixed=False) for v in SUBSCALES]
    return with_roles(pd.concat(parts, ignore_index=True), roles_of(parts[0]))


def analyse(prepared: Prepared, *, gemeente: str = "alle", min_cel: int = MIN_CEL,
            covariates: Sequence[str] = (), propensity_model: str = "logistic",
            weighting: str = "overlap", imputations: int = imputation.IMPUTATIONS) -> Results:
    """All analyses of the loneliness study, on ``gemeente`` (or all) with the rest for comparison.

    ``propensity_model`` (``logistic`` or ``boosting``) and ``weighting`` (``overlap`` or
    ``ipw``, trimmed at 0.1) choose the propensity-score weighting of :mod:`.propensity`.

    >>> from werkplaats.eenzaamheid import prepare
    >>> from werkplaats.lines import load_line
    >>> results = analyse(prepare(load_line("eenzaamheid", "tests/fixtures/reference")), gemeente="Utrecht")
    >>> results.gemeente, results.min_cel
    ('Utrecht', 10)
    """
    scores = prepared.scores
    gemeente = check_gemeente(scores, gemeente)
    covariates = check_covariates(covariates)
    area = describe.with_area(scores, gemeente)
    focus = scores if gemeente == "alle" else scores[scores["gemeente"] == gemeente]
    t0 = focus[focus["meting"].astype(object) == "T0"]
    fit = effects.mixed_model(focus)
    learner, weights = _check_propensity(propensity_model, weighting)
    if int(imputations) < 20:
        raise ParameterError(f"imputaties moet minstens 20 zijn (nu {imputations})")
    overlap, overlap_balance = propensity.overlap_tables(focus, learner=learner, weighting=weights)
    parameters = {"gemeente": gemeente, "min_cel": min_cel, "covariaten": covariates,
                  "ontbrekende_antwoorden": asdict(prepared.rule),
                  "propensity_model": learner, "weging": weights, "imputaties": int(imputations)}
    return Results(
        gemeente=gemeente, min_cel=min_cel, covariates=covariates, parameters=parameters,
        data_check=describe.data_check(scores), participant_check=describe.participant_check(scores),
        removed=dict(prepared.removed), size=describe.study_size(focus, gemeente),
        prevalence_T0=describe.prevalence(t0.assign(meting="T0"), by=("meting",)),
        prevalence=describe.prevalence(focus),
        prevalence_area=describe.prevalence(area, by=("gebied", "meting", "groep"), partition="gebied"),
        trajectories=describe.mean_trajectories(focus), attrition=describe.attrition(focus),
        dropout=describe.dropout_comparison(focus), balance=describe.baseline_balance(focus),
        effects=effects.effect_table(focus, covariates=covariates, fit=fit),
        effect_sizes=effects.effect_size_table(focus), change=effects.did_table(focus),
        subscales=_subscales(focus), mixed=effects.mixed_table(focus, fit),
        overlap=overlap, overlap_balance=overlap_balance,
        imputation=imputation.imputation_table(focus, m=int(imputations)),
        subgroups={"gebied": effects.subgroup_effects(area, "gebied"),
                   "leeftijdsgroep": effects.subgroup_effects(focus, "leeftijdsgroep"),
                   "geslacht": effects.subgroup_effects(focus, "geslacht")},
        release={name: release_versions(scores, make) for name, make in RELEASE_TABLES.items()})


def _prevalence_T0_of(scores: pd.DataFrame) -> pd.DataFrame:
    return describe.prevalence(scores[scores["meting"].astype(object) == "T0"].assign(meting="T0"), by=("meting",))


#: descriptive tables every report of a release shows for its own gemeente: protected together,
#: so that the alle report minus the other gemeenten gives no hidden count back
RELEASE_TABLES = {"prevalentie_T0": _prevalence_T0_of, "prevalentie": describe.prevalence,
                  "gemiddelden": describe.mean_trajectories, "uitval": describe.attrition,
                  "uitvallers": describe.dropout_comparison, "balans": describe.baseline_balance}


def _with_reading(table: pd.DataFrame) -> pd.DataFrame:
    """A protected effect table with the plain-language reading of every (published) estimate."""
    roles = roles_of(table)
    out = table.copy()
    out["lezing"] = [reading(r.effect, r.ci_low, r.ci_high) for r in table.itertuples()]
    return with_roles(out, replace(roles, columns={**roles.columns, "lezing": label("lezing")}))


@published_once
def tables(results: Results) -> dict[str, pd.DataFrame]:
    """Every table a report shows, each protected once with ``results.min_cel``; the descriptive
    tables together with those of every other report of the release.

    >>> from werkplaats.eenzaamheid import prepare
    >>> from werkplaats.lines import load_line
    >>> shown = tables(analyse(prepare(load_line("eenzaamheid", "tests/fixtures/reference"))))
    >>> shown["prevalentie"].columns[:3].tolist()
    ['meting', 'groep', 'n']
    """
    unprotected = {
        "controle": results.data_check, "controle_deelnemers": results.participant_check, "omvang": results.size,
        "prevalentie_T0": results.prevalence_T0,
        "prevalentie": results.prevalence, "prevalentie_gebied": results.prevalence_area,
        "gemiddelden": results.trajectories, "uitval": results.attrition, "uitvallers": results.dropout,
        "balans": results.balance, "effecten": results.effects, "effectgrootte": results.effect_sizes,
        "verandering": results.change, "subschalen": results.subscales, "gemengd_model": results.mixed,
        "overlap": results.overlap, "balans_gewogen": results.overlap_balance,
        "gevoeligheid_imputatie": results.imputation,
        **{f"subgroep_{k}": v for k, v in results.subgroups.items()}}
    out = protect_report(unprotected, report=results.gemeente, min_cel=results.min_cel, release=results.release)
    return {name: _with_reading(t) if name in READ else t for name, t in out.items()}


def _value(v: Any) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _count(v: Any) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def _prevalence_T0(table: pd.DataFrame) -> dict:
    if table.empty:
        return {"n": 0, "eenzaam": None, "eenzaam_ci": None, "ernstig": None, "ernstig_ci": None,
                "suppressed": False}
    r = table.iloc[0]
    if bool(r["suppressed"]):
        return {"n": None, "eenzaam": None, "eenzaam_ci": None, "ernstig": None, "ernstig_ci": None,
                "suppressed": True}
    out: dict = {"n": _count(r["n"]), "suppressed": False}
    for flag in ("eenzaam", "ernstig"):
        out[flag] = _value(r[flag])
        out[f"{flag}_ci"] = [_value(r[f"{flag}_ci_low"]), _value(r[f"{flag}_ci_high"])]
    return out


def _ancova_T1(table: pd.DataFrame) -> dict:
    r = table[(table["methode"] == "ANCOVA") & (table["meting"] == "T1")].iloc[0]
    if bool(r["suppressed"]) or pd.isna(r["effect"]):
        return {"n": None, "effect": None, "se": None, "ci": None, "p": None, "suppressed": True}
    return {"n": _count(r["n"]), "effect": _value(r["effect"]), "se": _value(r["se"]),
            "ci": [_value(r["ci_low"]), _value(r["ci_high"])], "p": _value(r["p"]), "suppressed": False}


def _lmm(table: pd.DataFrame) -> dict:
    r = table.iloc[0]
    if bool(r["suppressed"]) or pd.isna(r["interaction_T1"]):
        return {"interaction_T1": None, "interaction_T2": None, "var_participant": None,
                "var_residual": None, "suppressed": True}
    terms = {f"interaction_{at}": {"estimate": _value(r[f"interaction_{at}"]), "se": _value(r[f"se_{at}"])}
             for at in ("T1", "T2")}
    return {**terms, "var_participant": _value(r["var_participant"]), "var_residual": _value(r["var_residual"]),
            "n_obs": _count(r["n_metingen"]), "n_groups": _count(r["n_deelnemers"]), "suppressed": False}


def _hedges(table: pd.DataFrame) -> dict:
    r = table[table["meting"] == "T1"].iloc[0]
    if bool(r["suppressed"]) or pd.isna(r["hedges_g"]):
        return {"did": None, "cohen_d": None, "hedges_g": None, "ci_d": None, "suppressed": True}
    return {"did": _value(r["verschil"]), "cohen_d": _value(r["cohen_d"]), "hedges_g": _value(r["hedges_g"]),
            "ci_d": [_value(r["ci_low"]), _value(r["ci_high"])], "se_g": _value(r["se_g"]),
            "ci_g": [_value(r["ci_g_low"]), _value(r["ci_g_high"])], "n_interventie": _count(r["n_interventie"]),
            "n_controle": _count(r["n_controle"]), "suppressed": False}


def _overlap(table: pd.DataFrame) -> dict:
    r = table.iloc[0]
    if bool(r["suppressed"]) or pd.isna(r["effect"]):
        return {"n": None, "effect": None, "se": None, "ci": None, "ess": None, "suppressed": True}
    return {"n": _count(r["n"]), "effect": _value(r["effect"]), "se": _value(r["se"]),
            "ci": [_value(r["ci_low"]), _value(r["ci_high"])], "ess": _value(r["ess"]), "p": _value(r["p"]),
            "methode": str(r["methode"]), "suppressed": False}


def _imputed(table: pd.DataFrame) -> dict:
    r = table[table["methode"] == "meervoudige imputatie"].iloc[0]
    if bool(r["suppressed"]) or pd.isna(r["effect"]):
        return {"n": None, "effect": None, "se": None, "ci": None, "m": None, "fmi": None, "suppressed": True}
    return {"n": _count(r["n"]), "effect": _value(r["effect"]), "se": _value(r["se"]),
            "ci": [_value(r["ci_low"]), _value(r["ci_high"])], "p": _value(r["p"]), "m": int(r["imputaties"]),
            "fmi": _value(r["fmi"]), "suppressed": False}


def key_figures(results: Results) -> dict:
    """The eenzaamheid key figures of DATA_CONTRACT.md section 6, read from the protected
    tables (``null`` + ``"suppressed": true`` where protection blanked them)."""
    shown = tables(results)
    return {"prevalence_T0": _prevalence_T0(shown["prevalentie_T0"]), "ancova_T1": _ancova_T1(shown["effecten"]),
            "lmm": _lmm(shown["gemengd_model"]), "hedges_g_change_T1": _hedges(shown["effectgrootte"]),
            "ancova_T1_overlap": _overlap(shown["overlap"]),
            "ancova_T1_imputed": _imputed(shown["gevoeligheid_imputatie"])}
