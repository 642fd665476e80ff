"""Loneliness interventions (eenzaamheid): prepare the scored data, then analyse them.

``prepare`` scores every measurement with the De Jong Gierveld scale (:mod:`werkplaats.eenzaamheid.scoring`)
and writes ``data/processed/eenzaamheid_scores.parquet``; ``analyse`` answers how lonely the
participants are, whether the intervention reduced loneliness more than in the comparison
group and how much (:mod:`werkplaats.eenzaamheid.effects`), whether it lasts (T2) and for
whom (subscales, gemeente, age group, sex). Every figure on fewer than ``min_cel``
participants is suppressed; :func:`key_figures` gives section 6 of DATA_CONTRACT.md.

>>> from werkplaats.validate import load_dataset
>>> scores = score_measurements(load_dataset("eenzaamheid_metingen", "tests/fixtures/reference").data)
>>> figures = key_figures(analyse(scores, min_cel=10))
>>> figures["prevalence_T0"]["n"], figures["ancova_T1"]["n"]
(293, 253)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from werkplaats.checks import check_gemeente  # noqa: F401 (part of this module's API)
from werkplaats.eenzaamheid.effects import (
    did_table,
    effect_size_change,
    effect_size_table,
    effect_table,
    mixed_model,
    subgroup_effects,
)
from werkplaats.eenzaamheid.scoring import MissingRule, lonely_flags, score_djg
from werkplaats.errors import DataError, ParameterError, dutch_list
from werkplaats.privacy import MIN_CEL, is_suppressed, publishable_count, suppress
from werkplaats.stats.effects import StandardisedEffect, balance_table
from werkplaats.stats.mixed import MixedFit

ANALYSIS = "eenzaamheid"
SCORES_FILE = "eenzaamheid_scores.parquet"
KEPT = ["deelnemer_id", "gemeente", "wijk", "groep", "meting", "meetdatum", "leeftijd", "geslacht"]
COVARIATES = ("leeftijd", "geslacht")
SUBSCALES = {"djg_emotioneel": "emotionele eenzaamheid", "djg_sociaal": "sociale eenzaamheid"}
REST = "overige gemeenten"
AGE_SPLIT = 75
METINGEN = ("T0", "T1", "T2")
DEFAULT_RULE = MissingRule()


def _meting(scores: pd.DataFrame) -> pd.Series:
    return scores["meting"].astype(object)


def _hidden(counts: pd.Series, min_cel: int) -> pd.Series:
    return counts.map(lambda n: is_suppressed(n, min_cel))


# ---- prepare ------------------------------------------------------------------------------

def score_measurements(data: pd.DataFrame, *, rule: MissingRule = DEFAULT_RULE) -> pd.DataFrame:
    """The long scored table: study columns (no direct identifiers, no item answers), the DJG
    total and subscales, missing items, band, ``eenzaam`` / ``ernstig`` and ``leeftijdsgroep``.

    ``rule`` is the missing-answer rule (project default: total missing above 1 missing item).
    """
    out = data[KEPT].copy()
    scored = score_djg(data, rule=rule)
    out = out.join(scored).join(lonely_flags(scored["djg_totaal"]))
    age = pd.to_numeric(out["leeftijd"], errors="coerce").astype(float)
    groups = [f"tot {AGE_SPLIT}", f"{AGE_SPLIT} en ouder"]
    out["leeftijdsgroep"] = pd.Categorical(
        pd.Series(np.where(age < AGE_SPLIT, groups[0], groups[1]), index=out.index).where(age.notna()),
        categories=groups)
    return out


def check_participants(loaded) -> None:
    """A participant keeps one groep and one gemeente over all measurements, else a Dutch
    :class:`DataError` naming the column, the rows (as counted in the file) and the values."""
    data = loaded.data
    first_row = 2 if Path(loaded.path).suffix.lower() in (".csv", ".xlsx") else 1
    for col in ("groep", "gemeente"):
        spread = data.groupby("deelnemer_id")[col].nunique()
        if (spread > 1).any():
            who = spread.index[spread > 1][0]
            rows = data.index[data["deelnemer_id"] == who]
            values = list(dict.fromkeys(data.loc[rows, col].astype(object)))
            raise DataError.for_values(
                Path(loaded.path).name, col, rows=[int(i) + first_row for i in rows[:5]], values=values,
                problem=f"deelnemer '{who}' heeft verschillende waarden",
                allowed="één waarde per deelnemer")


def prepare(loaded, *, rule: MissingRule = DEFAULT_RULE,
            path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Check and score a loaded ``eenzaamheid_metingen`` dataset and write it (atomically) to
    ``data/processed/eenzaamheid_scores.parquet`` (or ``path``); returns the scored table."""
    from werkplaats.io import write_parquet
    from werkplaats.paths import processed_dir

    check_participants(loaded)
    scores = score_measurements(loaded.data, rule=rule)
    write_parquet(scores, Path(path) if path else processed_dir() / SCORES_FILE)
    return scores


def with_area(scores: pd.DataFrame, gemeente: str) -> pd.DataFrame:
    """Add ``gebied``: the gemeente itself (``alle``) or the focus gemeente versus the rest."""
    area = scores["gemeente"]
    if gemeente != "alle":
        area = area.where(area == gemeente, REST)
    return scores.assign(gebied=area.astype(object))


# ---- describe -----------------------------------------------------------------------------

def prevalence(scores: pd.DataFrame, by: Sequence[str] = ("meting", "groep"), *,
               min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Share ``eenzaam`` (total >= 3) and ``ernstig`` (total >= 9) with Wilson 95% intervals per
    group of ``by``, among measurements with a known total; small groups suppressed."""
    from werkplaats.stats.proportions import proportion_table

    valid = scores[scores["djg_totaal"].notna()]
    keys = [valid[c].astype(object) for c in by] if by else None
    tables = {}
    for flag in ("eenzaam", "ernstig"):
        t = proportion_table(valid[flag].astype(bool), keys).drop(columns="x")
        names = {"share": flag, "ci_low": f"{flag}_ci_low", "ci_high": f"{flag}_ci_high"}
        tables[flag] = t.rename(columns=names)
    table = tables["eenzaam"].join(tables["ernstig"].drop(columns=["n", *by]))
    if by:
        table.columns = [*by, *table.columns[len(by):]]
    values = [c for c in table.columns if c.startswith(("eenzaam", "ernstig"))]
    return suppress(table, n_col="n", value_cols=values, min_cel=min_cel)


def prevalence_T0(scores: pd.DataFrame, *, min_cel: int = MIN_CEL) -> dict:
    """The contract's ``prevalence_T0``: n, eenzaam, eenzaam_ci, ernstig, ernstig_ci (+ suppressed)."""
    row = prevalence(scores[_meting(scores) == "T0"], by=(), min_cel=min_cel)
    if row.empty:
        return {"n": 0, "eenzaam": None, "eenzaam_ci": None, "ernstig": None, "ernstig_ci": None,
                "suppressed": False}
    r = row.iloc[0]
    hide = bool(r["suppressed"])
    out = {"n": None if hide else int(r["n"]), "suppressed": hide}
    for flag in ("eenzaam", "ernstig"):
        out[flag] = None if hide else float(r[flag])
        out[f"{flag}_ci"] = None if hide else [float(r[f"{flag}_ci_low"]), float(r[f"{flag}_ci_high"])]
    return out


def mean_trajectories(scores: pd.DataFrame, value: str = "djg_totaal",
                      by: Sequence[str] = ("meting", "groep"), *, min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Mean score per group with a t-based 95% interval; small groups suppressed."""
    from scipy.stats import t

    valid = scores[scores[value].notna()]
    grouped = valid.groupby([valid[c].astype(object) for c in by])[value]
    table = grouped.agg(n="size", gemiddelde="mean", sd="std")
    half = t.ppf(0.975, (table["n"] - 1).clip(lower=1)) * table["sd"] / np.sqrt(table["n"])
    table["ci_low"], table["ci_high"] = table["gemiddelde"] - half, table["gemiddelde"] + half
    return suppress(table.reset_index(), n_col="n", value_cols=["gemiddelde", "sd", "ci_low", "ci_high"],
                    min_cel=min_cel)


def attrition(scores: pd.DataFrame, *, min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Per groep: participants measured at T0, T1 and T2 and the share of T0 participants
    still measured at T1 and T2 (bijgebleven); counts below ``min_cel`` suppressed."""
    meting, groep = _meting(scores), scores["groep"].astype(object)
    rows = []
    for name in sorted(groep.dropna().unique()):
        ids = {m: set(scores.loc[(groep == name) & (meting == m), "deelnemer_id"]) for m in METINGEN}
        row = {"groep": name, **{f"n_{m}": len(ids[m]) for m in METINGEN}}
        for m in ("T1", "T2"):
            stayed = len(ids[m] & ids["T0"])  # share x n_T0 gives this count back: hide it when small
            small = is_suppressed(stayed, min_cel)
            row[f"bijgebleven_{m}"] = stayed / len(ids["T0"]) if ids["T0"] and not small else np.nan
        rows.append(row)
    table = pd.DataFrame(rows)
    for m in METINGEN:
        table[f"n_{m}"] = table[f"n_{m}"].astype("Float64").mask(_hidden(table[f"n_{m}"], min_cel))
    table.loc[table["n_T0"].isna(), ["bijgebleven_T1", "bijgebleven_T2"]] = np.nan
    return table


def _share_women(geslacht: pd.Series) -> float:
    """Share ``vrouw`` among participants with a known sex (unknown is not counted as 'not a woman')."""
    known = geslacht.astype(object).dropna()
    return float((known == "vrouw").mean()) if len(known) else float("nan")


def dropout_comparison(scores: pd.DataFrame, *, min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Baseline (T0) characteristics of participants who stayed (score at T1 / T2) versus those
    who dropped out, per groep: n, mean age, share women, mean T0 score, share eenzaam at T0."""
    scored = scores[scores["djg_totaal"].notna()]
    t0 = scored[_meting(scored) == "T0"]
    rows = []
    for at in ("T1", "T2"):
        later = set(scored.loc[_meting(scored) == at, "deelnemer_id"])
        status = np.where(t0["deelnemer_id"].isin(later), "gebleven", "uitgevallen")
        for (groep, stat), part in t0.groupby([t0["groep"].astype(object), status]):
            rows.append({"meting": at, "groep": groep, "status": stat, "n": len(part),
                         "leeftijd": part["leeftijd"].astype(float).mean(),
                         "aandeel_vrouw": _share_women(part["geslacht"]),
                         "djg_totaal_T0": part["djg_totaal"].mean(),
                         "eenzaam_T0": part["eenzaam"].astype(float).mean()})
    values = ["leeftijd", "aandeel_vrouw", "djg_totaal_T0", "eenzaam_T0"]
    return suppress(pd.DataFrame(rows), n_col="n", value_cols=values, min_cel=min_cel)


def baseline_balance(scores: pd.DataFrame, *, min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Interventie versus controle at T0: age, share women, DJG total and share eenzaam, with
    standardised differences (|d| > 0.1 is usually read as an imbalance)."""
    t0 = scores[_meting(scores) == "T0"].reset_index(drop=True)
    woman = (t0["geslacht"].astype(object) == "vrouw").astype(float).where(t0["geslacht"].notna())
    variables = {"leeftijd": t0["leeftijd"].astype(float), "aandeel vrouw": woman,
                 "DJG-totaal T0": t0["djg_totaal"], "aandeel eenzaam T0": t0["eenzaam"].astype(float)}
    table = balance_table(t0, variables, t0["groep"].astype(object))
    small = _hidden(table["n_interventie"], min_cel) | _hidden(table["n_controle"], min_cel)
    table.loc[small, ["interventie", "controle", "gestandaardiseerd_verschil"]] = np.nan
    for col in ("n_interventie", "n_controle"):
        table[col] = table[col].astype("Float64").mask(_hidden(table[col], min_cel))
    return table.assign(suppressed=small)


def data_check(loaded, scores: pd.DataFrame, *, min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Dutch overview of what was loaded and what was removed or left out, and why."""
    def count(n: int) -> int | str:
        return publishable_count(n, min_cel)

    metingen = _meting(scores).value_counts()
    people = scores["deelnemer_id"].nunique()
    no_t0 = people - scores.loc[_meting(scores) == "T0", "deelnemer_id"].nunique()
    one_missing = int((scores["djg_ontbrekend"] == 1).sum())
    rows = [("rijen (metingen)", count(len(scores))), ("deelnemers", count(people))]
    rows += [(f"metingen {m}", count(int(metingen.get(m, 0)))) for m in METINGEN]
    rows += [("rijen zonder totaalscore (meer dan 1 vraag leeg): niet in de analyse",
              count(int(scores["djg_totaal"].isna().sum()))),
             ("rijen met precies 1 lege vraag (telt als 0)", count(one_missing)),
             ("deelnemers zonder T0-meting", count(int(no_t0)))]
    rows += [(f"kolom '{col}' verwijderd", why) for col, why in getattr(loaded, "removed", {}).items()]
    return pd.DataFrame(rows, columns=["onderdeel", "waarde"]).astype({"waarde": object})


# ---- analyse ------------------------------------------------------------------------------

@dataclass
class LonelinessResults:
    """Everything :func:`analyse` computed for one gemeente (or ``alle``); tables are suppressed."""

    gemeente: str
    min_cel: int
    covariates: list[str]
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
    subgroups: dict[str, pd.DataFrame]
    prevalence_T0: dict
    effect_size: StandardisedEffect | None
    mixed: MixedFit | None
    n_participants: int = 0
    n_rows: int = 0
    notes: list[str] = field(default_factory=list)


def check_covariates(covariates: Sequence[str]) -> list[str]:
    """Only ``leeftijd`` and ``geslacht`` may be added to the ANCOVA (ParameterError otherwise)."""
    covariates = [str(c).strip() for c in (covariates or [])]
    unknown = [c for c in covariates if c not in COVARIATES]
    if unknown:
        raise ParameterError(f"onbekende covariaat {dutch_list(unknown, quote=True)} "
                             f"(toegestaan: {', '.join(COVARIATES)})")
    return covariates


def analyse(scores: pd.DataFrame, *, gemeente: str = "alle", min_cel: int = MIN_CEL,
            covariates: Sequence[str] = ()) -> LonelinessResults:
    """All analyses of the loneliness study, on ``gemeente`` (or all) with the rest for comparison."""
    gemeente = check_gemeente(scores, gemeente)
    covariates = check_covariates(covariates)
    area = with_area(scores, gemeente)
    focus = scores if gemeente == "alle" else scores[scores["gemeente"] == gemeente]
    fit = mixed_model(focus, min_cel=min_cel)
    subscales = pd.concat([effect_table(focus, value=v, mixed=False, min_cel=min_cel) for v in SUBSCALES],
                          ignore_index=True)
    subgroups = {"gebied": subgroup_effects(area, "gebied", min_cel=min_cel),
                 "leeftijdsgroep": subgroup_effects(focus, "leeftijdsgroep", min_cel=min_cel),
                 "geslacht": subgroup_effects(focus, "geslacht", min_cel=min_cel)}
    return LonelinessResults(
        gemeente=gemeente, min_cel=min_cel, covariates=covariates,
        prevalence=prevalence(focus, min_cel=min_cel),
        prevalence_area=prevalence(area, by=("gebied", "meting", "groep"), min_cel=min_cel),
        trajectories=mean_trajectories(focus, min_cel=min_cel),
        attrition=attrition(focus, min_cel=min_cel), dropout=dropout_comparison(focus, min_cel=min_cel),
        balance=baseline_balance(focus, min_cel=min_cel),
        effects=effect_table(focus, covariates=covariates, fit=fit, min_cel=min_cel),
        effect_sizes=effect_size_table(focus, min_cel=min_cel), change=did_table(focus, min_cel=min_cel),
        subscales=subscales, subgroups=subgroups,
        prevalence_T0=prevalence_T0(focus, min_cel=min_cel),
        effect_size=effect_size_change(focus, "T1", min_cel=min_cel), mixed=fit,
        n_participants=int(focus["deelnemer_id"].nunique()), n_rows=len(focus))


def _ancova_T1(effects: pd.DataFrame) -> dict:
    row = effects[(effects["methode"] == "ANCOVA") & (effects["meting"] == "T1")].iloc[0]
    if row["suppressed"]:
        return {"n": None, "effect": None, "se": None, "ci": None, "p": None, "suppressed": True}
    return {"n": int(row["n"]), "effect": float(row["effect"]), "se": float(row["se"]),
            "ci": [float(row["ci_low"]), float(row["ci_high"])], "p": float(row["p"]), "suppressed": False}


def _lmm(fit: MixedFit | None) -> dict:
    if fit is None:
        return {"interaction_T1": None, "interaction_T2": None, "var_participant": None,
                "var_residual": None, "suppressed": True}
    return {"interaction_T1": fit.term("metingT1:groepinterventie"),
            "interaction_T2": fit.term("metingT2:groepinterventie"),
            "var_participant": fit.var_participant, "var_residual": fit.var_residual,
            "n_obs": fit.n_obs, "n_groups": fit.n_groups, "suppressed": False}


def _hedges(es: StandardisedEffect | None) -> dict:
    if es is None:
        return {"did": None, "cohen_d": None, "hedges_g": None, "ci_d": None, "suppressed": True}
    return {"did": es.difference, "cohen_d": es.cohen_d, "hedges_g": es.hedges_g, "ci_d": list(es.ci_d),
            "n_interventie": es.n_treatment, "n_controle": es.n_control, "suppressed": False}


def key_figures(results: LonelinessResults) -> dict:
    """The eenzaamheid key figures of DATA_CONTRACT.md section 6 (``null`` + ``suppressed`` when small)."""
    return {"prevalence_T0": results.prevalence_T0, "ancova_T1": _ancova_T1(results.effects),
            "lmm": _lmm(results.mixed), "hedges_g_change_T1": _hedges(results.effect_size)}


def result_tables(results: LonelinessResults) -> dict[str, pd.DataFrame]:
    """The (suppressed) tables that go into results.json next to the key figures."""
    return {"prevalentie": results.prevalence, "prevalentie_gebied": results.prevalence_area,
            "gemiddelden": results.trajectories, "uitval": results.attrition, "balans": results.balance,
            "effecten": results.effects, "effectgrootte": results.effect_sizes, "verandering": results.change,
            "subschalen": results.subscales,
            **{f"subgroep_{k}": v for k, v in results.subgroups.items()}}


# ---- plain-language text for the report ---------------------------------------------------

def _pct(x: float) -> str:
    return f"{100 * x:.1f}%".replace(".", ",")


def prevalence_sentence(prev: dict, where: str = "de deelnemers") -> str:
    """Dutch sentence on the T0 prevalence with the national reference (INSTRUMENTS.md).

    >>> prevalence_sentence({"n": None, "suppressed": True})
    'Over de beginmeting van de deelnemers is niets te publiceren: te weinig deelnemers.'
    """
    if prev.get("suppressed") or not prev.get("n"):
        return f"Over de beginmeting van {where} is niets te publiceren: te weinig deelnemers."
    lo, hi = prev["eenzaam_ci"]
    slo, shi = prev["ernstig_ci"]
    return (f"Bij de start (T0, {prev['n']} deelnemers met een totaalscore) was {_pct(prev['eenzaam'])} "
            f"van {where} eenzaam (95%-interval {_pct(lo)} tot {_pct(hi)}) en {_pct(prev['ernstig'])} "
            f"(zeer) ernstig eenzaam ({_pct(slo)} tot {_pct(shi)}). Ter vergelijking: in de "
            "Gezondheidsmonitor was in 2022 ongeveer 49% van de volwassenen eenzaam en 14% (zeer) ernstig "
            "eenzaam; onder 75-plussers in 2020 56% en 12%.")


def balance_sentence(balance: pd.DataFrame, threshold: float = 0.1) -> str:
    """Dutch sentence naming the baseline characteristics on which the groups differ (|d| > threshold).

    >>> balance_sentence(pd.DataFrame({"variabele": ["leeftijd"], "gestandaardiseerd_verschil": [0.05]}))
    'Bij de start verschillen de groepen op geen van deze kenmerken meer dan 0,1 standaarddeviatie.'
    """
    shown = balance.dropna(subset=["gestandaardiseerd_verschil"])
    if shown.empty:
        return "De groepen zijn te klein om te vergelijken."
    off = shown[shown["gestandaardiseerd_verschil"].abs() > threshold]
    limit = f"{threshold}".replace(".", ",")
    if off.empty:
        return ("Bij de start verschillen de groepen op geen van deze kenmerken meer dan "
                f"{limit} standaarddeviatie.")
    names = dutch_list([f"{r.variabele} ({r.gestandaardiseerd_verschil:+.2f})".replace(".", ",")
                        for r in off.itertuples()])
    return (f"Bij de start verschillen de groepen op {names}: meer dan {limit} standaarddeviatie. "
            "De groepen zijn dus niet helemaal vergelijkbaar; daarom staan hieronder verschillende "
            "schattingen naast elkaar.")
