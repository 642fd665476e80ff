"""Descriptive tables of the loneliness study: prevalence, mean scores, attrition, drop-out,
baseline balance, the data check and the size of the study.

Every function takes the long scored table (:func:`werkplaats.eenzaamheid.preparation.prepare`)
and returns a tidy, role-declared DataFrame (:mod:`werkplaats.roles`), UNPROTECTED: the line's
``tables`` passes it through :func:`werkplaats.disclosure.protect` before anyone sees it.

>>> from werkplaats.lines import load_line
>>> from werkplaats.eenzaamheid.preparation import prepare
>>> scores = prepare(load_line("eenzaamheid", "tests/fixtures/reference")).scores
>>> int(prevalence(scores[scores["meting"] == "T0"], by=()).loc[0, "n"])
293
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from werkplaats.roles import ci_high, ci_low, count, declare, estimate, label, mean, sd, share
from werkplaats.stats.effects import balance_table

__all__ = ["METINGEN", "REST", "attrition", "baseline_balance", "data_check", "dropout_comparison",
           "mean_trajectories", "participant_check", "prevalence", "study_size", "with_area"]

REST = "overige gemeenten"
METINGEN = ("T0", "T1", "T2")
HEADERS = {"meting": "meting", "groep": "groep", "gebied": "gebied", "status": "status"}
FLAGS = {"eenzaam": "eenzaam", "ernstig": "(zeer) ernstig eenzaam"}


def _meting(scores: pd.DataFrame) -> pd.Series:
    return scores["meting"].astype(object)


def _labels(by: Sequence[str]) -> dict:
    return {c: label(HEADERS.get(c, c)) for c in by}


def with_area(scores: pd.DataFrame, gemeente: str) -> pd.DataFrame:
    """Add ``gebied``: the gemeente itself (``alle``) or the focus gemeente versus the rest.

    >>> with_area(pd.DataFrame({"gemeente": ["Utrecht", "Zeist"]}), "Utrecht")["gebied"].tolist()
    ['Utrecht', 'overige gemeenten']
    """
    area = scores["gemeente"]
    if gemeente != "alle":
        area = area.where(area == gemeente, REST)
    return scores.assign(gebied=area.astype(object))


def prevalence(scores: pd.DataFrame, by: Sequence[str] = ("meting", "groep"), *,
               partition: str | None = "groep") -> pd.DataFrame:
    """Share ``eenzaam`` (total >= 3) and ``ernstig`` (total >= 9) with Wilson 95% intervals per
    group of ``by``, among measurements with a known total. ``partition``: the label of ``by``
    whose categories add up (for disclosure protection).
    """
    from werkplaats.stats.proportions import proportion_table

    by = list(by)
    valid = scores[scores["djg_totaal"].notna()]
    keys = [valid[c].astype(object) for c in by] if by else None
    parts = {}
    for flag in ("eenzaam", "ernstig"):
        t = proportion_table(valid[flag].astype(bool), keys).drop(columns="x")
        parts[flag] = t.rename(columns={"share": flag, "ci_low": f"{flag}_ci_low", "ci_high": f"{flag}_ci_high"})
    table = parts["eenzaam"].join(parts["ernstig"].drop(columns=["n", *by]))
    if by:
        table.columns = [*by, *table.columns[len(by):]]
    columns = {**_labels(by), "n": count("deelnemers met totaalscore")}
    for flag, text in FLAGS.items():
        columns |= {flag: share(text, on="n"),
                    f"{flag}_ci_low": ci_low(f"{text}, 95%-interval van", on="n", percent=True, of=flag),
                    f"{flag}_ci_high": ci_high("tot", on="n", percent=True, of=flag)}
    return declare(table.reset_index(drop=True), unit="deelnemers", title="Aandeel eenzamen", columns=columns,
                   partition=partition if partition in by else None)


def mean_trajectories(scores: pd.DataFrame, value: str = "djg_totaal",
                      by: Sequence[str] = ("meting", "groep")) -> pd.DataFrame:
    """Mean score per group with a t-based 95% interval.

    >>> t = mean_trajectories(pd.DataFrame({"meting": ["T0"] * 3, "groep": ["controle"] * 3,
    ...                                     "djg_totaal": [1.0, 2.0, 3.0]}))
    >>> float(t.loc[0, "gemiddelde"]), float(t.loc[0, "sd"])
    (2.0, 1.0)
    """
    from scipy.stats import t

    valid = scores[scores[value].notna()]
    grouped = valid.groupby([valid[c].astype(object) for c in by])[value]
    table = grouped.agg(n="size", gemiddelde="mean", sd="std")
    half = t.ppf(0.975, (table["n"] - 1).clip(lower=1)) * table["sd"] / np.sqrt(table["n"])
    table["ci_low"], table["ci_high"] = table["gemiddelde"] - half, table["gemiddelde"] + half
    columns = {**_labels(by), "n": count("deelnemers"), "gemiddelde": mean("gemiddelde score", on="n"),
               "sd": sd("standaarddeviatie", on="n"), "ci_low": ci_low("95%-interval van", on="n"),
               "ci_high": ci_high("tot", on="n")}
    return declare(table.reset_index(), unit="deelnemers", title="Gemiddelde score per meting en groep",
                   columns=columns, partition="groep" if "groep" in by else None)


def attrition(scores: pd.DataFrame) -> pd.DataFrame:
    """Per groep and later meting (T1, T2): participants measured at T0; of them, how many were
    still measured at that meting (nog mee), how many not (uitgevallen; the two add up to the T0
    count, declared as a total) and the share still measured (bijgebleven). The number measured
    at the later meting is left out: it would give ``uitgevallen`` back by subtraction.

    >>> t = attrition(pd.DataFrame({"deelnemer_id": ["a", "a", "b"], "groep": ["controle"] * 3,
    ...                             "meting": ["T0", "T1", "T0"]}))
    >>> t.loc[0, ["gemeten_T0", "nog_mee", "uitgevallen"]].astype(int).tolist(), float(t.loc[0, "bijgebleven"])
    ([2, 1, 1], 0.5)
    """
    meting, groep = _meting(scores), scores["groep"].astype(object)
    rows = []
    for at in ("T1", "T2"):
        for name in sorted(groep.dropna().unique()):
            start = set(scores.loc[(groep == name) & (meting == "T0"), "deelnemer_id"])
            later = set(scores.loc[(groep == name) & (meting == at), "deelnemer_id"])
            stayed = len(later & start)
            rows.append({"meting": at, "groep": name, "gemeten_T0": len(start),
                         "nog_mee": stayed, "uitgevallen": len(start) - stayed,
                         "bijgebleven": stayed / len(start) if start else np.nan})
    columns = {"meting": label("meting"), "groep": label("groep"), "gemeten_T0": count("gemeten T0"),
               "nog_mee": count("van T0 nog mee"),
               "uitgevallen": count("van T0 uitgevallen"),
               "bijgebleven": share("aandeel nog mee", on=["gemeten_T0", "nog_mee"])}
    return declare(pd.DataFrame(rows, columns=list(columns)), unit="deelnemers", title="Deelname per meting",
                   columns=columns, totals={"gemeten_T0": ("nog_mee", "uitgevallen")}, partition="groep")


def _share_women(geslacht: pd.Series) -> float:
    """Share ``vrouw`` among participants with a known sex (unknown is not counted as 'not a woman')."""
    known = geslacht.astype(object).dropna()
    return float((known == "vrouw").mean()) if len(known) else float("nan")


def dropout_comparison(scores: pd.DataFrame) -> pd.DataFrame:
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
    columns = {"meting": label("tot meting"), "groep": label("groep"), "status": label("status"),
               "n": count("deelnemers"), "leeftijd": mean("leeftijd", on="n", decimals=1),
               "aandeel_vrouw": share("vrouw", on="n"), "djg_totaal_T0": mean("score T0", on="n"),
               "eenzaam_T0": share("eenzaam T0", on="n")}
    return declare(pd.DataFrame(rows, columns=list(columns)), unit="deelnemers", columns=columns,
                   title="Blijvers en uitvallers bij de start", partition="status")


def baseline_balance(scores: pd.DataFrame) -> pd.DataFrame:
    """Interventie versus controle at T0: age, share women, DJG total and share eenzaam, with
    standardised differences (|d| > 0.1 is usually read as an imbalance)."""
    t0 = scores[_meting(scores) == "T0"].reset_index(drop=True)
    woman = (t0["geslacht"].astype(object) == "vrouw").astype(float).where(t0["geslacht"].notna())
    variables = {"leeftijd": t0["leeftijd"].astype(float), "aandeel vrouw": woman,
                 "DJG-totaal T0": t0["djg_totaal"], "aandeel eenzaam T0": t0["eenzaam"].astype(float)}
    table = balance_table(t0, variables, t0["groep"].astype(object))
    columns = {"variabele": label("kenmerk"), "n_interventie": count("n interventie"),
               "n_controle": count("n controle"), "interventie": mean("interventie", on="n_interventie"),
               "controle": mean("controle", on="n_controle"),
               "gestandaardiseerd_verschil": estimate("gestandaardiseerd verschil",
                                                      on=["n_interventie", "n_controle"])}
    return declare(table, unit="deelnemers", title="De groepen bij de start", columns=columns)


def data_check(scores: pd.DataFrame) -> pd.DataFrame:
    """Per meting and in total: the measurements loaded, those without a total score (left out
    of the analysis) and those with exactly one empty question (counted as 0). The metingen
    add up to the total (declared as a partition).

    >>> t = data_check(pd.DataFrame({"meting": ["T0", "T1"], "djg_totaal": [3.0, None],
    ...                              "djg_ontbrekend": [1, 2]}))
    >>> t["metingen"].tolist(), t["zonder_totaalscore"].tolist()
    ([1, 1, 0, 2], [0, 1, 0, 1])
    """
    meting = _meting(scores)
    rows = []
    for m in (*METINGEN, "totaal"):
        part = scores if m == "totaal" else scores[meting == m]
        rows.append({"meting": m, "metingen": len(part), "zonder_totaalscore": int(part["djg_totaal"].isna().sum()),
                     "een_lege_vraag": int((part["djg_ontbrekend"] == 1).sum())})
    columns = {"meting": label("meting"), "metingen": count("metingen"),
               "zonder_totaalscore": count("zonder totaalscore (meer dan 1 vraag leeg): niet in de analyse"),
               "een_lege_vraag": count("precies 1 lege vraag (telt als 0)")}
    return declare(pd.DataFrame(rows, columns=list(columns)), unit="metingen", title="Controle van de metingen",
                   columns=columns, partition="meting", partition_total="totaal")


def participant_check(scores: pd.DataFrame) -> pd.DataFrame:
    """One row: the participants in the file and how many of them have no T0 measurement.

    >>> t = participant_check(pd.DataFrame({"deelnemer_id": ["a", "a", "b"], "meting": ["T0", "T1", "T1"]}))
    >>> int(t.loc[0, "deelnemers"]), int(t.loc[0, "zonder_T0"])
    (2, 1)
    """
    people = scores["deelnemer_id"].nunique()
    no_t0 = people - scores.loc[_meting(scores) == "T0", "deelnemer_id"].nunique()
    table = pd.DataFrame({"deelnemers": [int(people)], "zonder_T0": [int(no_t0)]})
    return declare(table, unit="deelnemers", title="Controle van de deelnemers",
                   columns={"deelnemers": count("deelnemers"), "zonder_T0": count("deelnemers zonder T0-meting")})


def study_size(scores: pd.DataFrame, gemeente: str) -> pd.DataFrame:
    """One row: the area the report is about, its participants and measurements.

    >>> t = study_size(pd.DataFrame({"deelnemer_id": ["a", "a", "b"]}), "alle")
    >>> int(t.loc[0, "deelnemers"]), int(t.loc[0, "metingen"])
    (2, 3)
    """
    where = "alle gemeenten samen" if gemeente == "alle" else gemeente
    table = pd.DataFrame({"gebied": [where], "deelnemers": [int(scores["deelnemer_id"].nunique())],
                          "metingen": [len(scores)]})
    return declare(table, unit="deelnemers", title="Omvang van het onderzoek",
                   columns={"gebied": label("gebied"), "deelnemers": count("deelnemers"),
                            "metingen": count("metingen", unit="metingen")})
