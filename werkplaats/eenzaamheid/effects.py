"""Effect of the loneliness intervention: ANCOVA, change scores (DiD) and a mixed model side by side.

All functions take the long scored table (one row per participant per meting, from
:func:`werkplaats.eenzaamheid.preparation.prepare`) and return role-declared, UNPROTECTED
tables (:mod:`werkplaats.roles`); protection is the line's ``tables`` step. A model that
cannot be fitted (fewer than :data:`MIN_FIT` participants in a group) gives an empty row.

>>> from werkplaats.lines import load_line
>>> from werkplaats.eenzaamheid.preparation import prepare
>>> scores = prepare(load_line("eenzaamheid", "tests/fixtures/reference")).scores
>>> row = effect_table(scores, mixed=False).iloc[0]
>>> row["methode"], row["meting"], int(row["n"])
('ANCOVA', 'T1', 253)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from werkplaats.roles import ci_high, ci_low, count, declare, estimate, label, mean, p_value, se
from werkplaats.stats.effects import StandardisedEffect, ancova, cohens_d, difference_in_differences
from werkplaats.stats.mixed import MixedFit, fit_random_intercept

__all__ = ["COLUMNS", "MIN_FIT", "did_table", "effect_size_change", "effect_size_table", "effect_table",
           "mixed_model", "mixed_table", "subgroup_effects", "wide_scores"]

MIN_FIT = 3  # fewest participants per group for which a model is fitted (not a privacy rule)
PARTICIPANT = ["groep", "gemeente", "gebied", "wijk", "leeftijd", "geslacht", "leeftijdsgroep"]
COLUMNS = ["methode", "meting", "uitkomst", "n", "n_interventie", "n_controle", "effect", "se",
           "ci_low", "ci_high", "p"]
BOTH = ("n_interventie", "n_controle")
GROUP_COUNTS = {"n": count("deelnemers"), "n_interventie": count("n interventie"),
                "n_controle": count("n controle")}
EFFECT_ROLES = {"methode": label("methode"), "meting": label("meting"), "uitkomst": label("uitkomst"),
                **GROUP_COUNTS, "effect": estimate("effect", on=BOTH), "se": se("standaardfout", on=BOTH),
                "ci_low": ci_low("95%-interval van", on=BOTH), "ci_high": ci_high("tot", on=BOTH),
                "p": p_value("p", on=BOTH)}


def wide_scores(scores: pd.DataFrame, value: str = "djg_totaal") -> pd.DataFrame:
    """One row per participant: its baseline characteristics and ``value`` at T0, T1 and T2.

    >>> long = pd.DataFrame({"deelnemer_id": ["a", "a"], "groep": ["controle"] * 2, "gemeente": ["X"] * 2,
    ...     "leeftijd": [70, 70], "geslacht": ["man"] * 2, "leeftijdsgroep": ["tot 75"] * 2,
    ...     "meting": ["T0", "T2"], "djg_totaal": [4.0, 2.0]})
    >>> wide_scores(long)[["T0", "T1", "T2"]].iloc[0].tolist()
    [4.0, nan, 2.0]
    """
    people = scores.sort_values("meting").groupby("deelnemer_id", sort=True, observed=True)[
        [c for c in PARTICIPANT if c in scores]].first()
    values = scores.pivot_table(index="deelnemer_id", columns="meting", values=value, aggfunc="first",
                                observed=False, dropna=False)
    values = values.reindex(columns=["T0", "T1", "T2"])
    values.columns = [str(c) for c in values.columns]
    return people.join(values).reset_index()


def _counts(frame: pd.DataFrame) -> tuple[int, int]:
    groep = frame["groep"].astype(object)
    return int((groep == "interventie").sum()), int((groep == "controle").sum())


def _fittable(n: tuple[int, int]) -> bool:
    return min(n) >= MIN_FIT


def _row(methode: str, meting: str, value: str, n: tuple[int, int], est: dict | None) -> dict:
    row = {"methode": methode, "meting": meting, "uitkomst": value, "n": n[0] + n[1],
           "n_interventie": n[0], "n_controle": n[1], "effect": np.nan, "se": np.nan,
           "ci_low": np.nan, "ci_high": np.nan, "p": np.nan}
    if est is not None:
        row.update(effect=est["effect"], se=est["se"], ci_low=est["ci"][0], ci_high=est["ci"][1], p=est["p"])
    return row


def _pair_rows(wide: pd.DataFrame, value: str, covariates: Sequence[str]) -> list[dict]:
    rows = []
    for at in ("T1", "T2"):
        both = wide.dropna(subset=["T0", at])
        fits = [("ANCOVA", ())] + ([("ANCOVA met covariaten", tuple(covariates))] if covariates else [])
        for name, cov in fits:
            frame = both.dropna(subset=list(cov)) if cov else both
            n = _counts(frame)
            est = vars(ancova(frame, outcome=at, baseline="T0", covariates=cov)) if _fittable(n) else None
            rows.append(_row(name, at, value, n, est))
        n = _counts(both)
        est = vars(difference_in_differences(both, pre="T0", post=at)) if _fittable(n) else None
        rows.append(_row("verschil-in-verschillen", at, value, n, est))
    return rows


def mixed_model(scores: pd.DataFrame, value: str = "djg_totaal") -> MixedFit | None:
    """``value ~ meting * groep + (1 | deelnemer_id)`` by REML on every scored measurement
    (reference levels T0 and controle, as R); None when it cannot be fitted (a group with
    fewer than :data:`MIN_FIT` participants).
    """
    data = scores.dropna(subset=[value]).copy()
    if not _fittable(_counts(data.drop_duplicates("deelnemer_id"))):
        return None
    data["meting"] = pd.Categorical(data["meting"].astype(object), categories=["T0", "T1", "T2"])
    data["groep"] = pd.Categorical(data["groep"].astype(object), categories=["controle", "interventie"])
    data = data.rename(columns={value: "score"})
    return fit_random_intercept(data, "score ~ meting * groep", group="deelnemer_id")


def _mixed_rows(scores: pd.DataFrame, value: str, fit: MixedFit | None) -> list[dict]:
    from scipy.stats import norm

    people = scores.dropna(subset=[value]).drop_duplicates("deelnemer_id")
    rows = []
    for at in ("T1", "T2"):
        est = None
        if fit is not None:
            term = fit.table.loc[f"meting{at}:groepinterventie"]
            est = {"effect": term["estimate"], "se": term["se"], "ci": (term["ci_low"], term["ci_high"]),
                   "p": float(2 * norm.sf(abs(term["z"])))}
        rows.append(_row("gemengd model", at, value, _counts(people), est))
    return rows


def _declare_effects(rows: list[dict], by: str | None = None, title: str = "Effectschattingen") -> pd.DataFrame:
    columns = ([by] if by else []) + COLUMNS
    roles = ({by: label(by)} if by else {}) | EFFECT_ROLES
    return declare(pd.DataFrame(rows, columns=columns), unit="deelnemers", title=title, columns=roles,
                   totals={"n": BOTH}, partition=by)


def effect_table(scores: pd.DataFrame, *, value: str = "djg_totaal", covariates: Sequence[str] = (),
                 mixed: bool = True, fit: MixedFit | None = None) -> pd.DataFrame:
    """The effect estimates side by side (interventie − controle, in score points) per meting:
    ANCOVA on T0 (and optionally on ``covariates`` too), the difference in mean change
    (verschil-in-verschillen) and the mixed-model interaction meting × groep.

    ``fit`` reuses an already fitted mixed model of ``value``.
    """
    rows = _pair_rows(wide_scores(scores, value), value, covariates)
    if mixed:
        fit = fit if fit is not None else mixed_model(scores, value)
        rows += _mixed_rows(scores, value, fit)
    rows.sort(key=lambda r: {"T1": 0, "T2": 1}[r["meting"]])
    return _declare_effects(rows)


def subgroup_effects(scores: pd.DataFrame, by: str, *, value: str = "djg_totaal") -> pd.DataFrame:
    """ANCOVA effect at T1 and T2 within each level of ``by`` (for whom does it work?).

    Columns: ``by``, then as :func:`effect_table` (methode ANCOVA only); the levels of ``by``
    are declared as a partition (they add up).
    """
    wide = wide_scores(scores, value)
    rows = []
    for level, part in wide.groupby(wide[by].astype(object), sort=True):
        rows += [{by: level, **r} for r in _pair_rows(part, value, ()) if r["methode"] == "ANCOVA"]
    return _declare_effects(rows, by, title=f"Effect per {by}")


def did_table(scores: pd.DataFrame, value: str = "djg_totaal") -> pd.DataFrame:
    """Mean change from T0 per group (participants measured at both), for T1 and T2."""
    wide = wide_scores(scores, value)
    rows = []
    for at in ("T1", "T2"):
        both = wide.dropna(subset=["T0", at])
        for groep in ("interventie", "controle"):
            part = both[both["groep"].astype(object) == groep]
            rows.append({"meting": at, "groep": groep, "n": len(part), "gemiddelde_T0": part["T0"].mean(),
                         "gemiddelde": part[at].mean(), "verandering": (part[at] - part["T0"]).mean()})
    columns = {"meting": label("meting"), "groep": label("groep"), "n": count("deelnemers"),
               "gemiddelde_T0": mean("gemiddelde T0", on="n"), "gemiddelde": mean("gemiddelde op meting", on="n"),
               "verandering": mean("verandering", on="n")}
    return declare(pd.DataFrame(rows, columns=list(columns)), unit="deelnemers", columns=columns,
                   title="Verandering sinds de start", partition="groep")


def effect_size_change(scores: pd.DataFrame, at: str = "T1",
                       value: str = "djg_totaal") -> StandardisedEffect | None:
    """Cohen's d and Hedges' g of the change T0 -> ``at`` (interventie − controle); None when
    it cannot be computed (a group with fewer than :data:`MIN_FIT` participants)."""
    both = wide_scores(scores, value).dropna(subset=["T0", at])
    if not _fittable(_counts(both)):
        return None
    return cohens_d(both[at] - both["T0"], both["groep"].astype(object))


def effect_size_table(scores: pd.DataFrame, value: str = "djg_totaal") -> pd.DataFrame:
    """Cohen's d and Hedges' g of the change T0 -> T1 and T0 -> T2, one row per meting, with the
    interval of d (reference.R) and the SE and interval of g (as R's effsize)."""
    rows = []
    for at in ("T1", "T2"):
        both = wide_scores(scores, value).dropna(subset=["T0", at])
        size = effect_size_change(scores, at, value)
        row = {"meting": at, **dict(zip(BOTH, _counts(both), strict=True)), "verschil": np.nan,
               "cohen_d": np.nan, "hedges_g": np.nan, "ci_low": np.nan, "ci_high": np.nan,
               "se_g": np.nan, "ci_g_low": np.nan, "ci_g_high": np.nan}
        if size is not None:
            row.update(verschil=size.difference, cohen_d=size.cohen_d, hedges_g=size.hedges_g,
                       ci_low=size.ci_d[0], ci_high=size.ci_d[1], se_g=size.se_g, ci_g_low=size.ci_g[0],
                       ci_g_high=size.ci_g[1])
        rows.append(row)
    columns = {"meting": label("meting"), **{k: GROUP_COUNTS[k] for k in BOTH},
               "verschil": estimate("verschil in verandering", on=BOTH), "cohen_d": estimate("Cohen's d", on=BOTH),
               "hedges_g": estimate("Hedges' g", on=BOTH), "ci_low": ci_low("95%-interval d van", on=BOTH),
               "ci_high": ci_high("tot", on=BOTH), "se_g": se("standaardfout g", on=BOTH),
               "ci_g_low": ci_low("95%-interval g van", on=BOTH), "ci_g_high": ci_high("g tot", on=BOTH)}
    return declare(pd.DataFrame(rows, columns=list(columns)), unit="deelnemers", columns=columns,
                   title="Gestandaardiseerde effectgrootte van de verandering")


def mixed_table(scores: pd.DataFrame, fit: MixedFit | None, value: str = "djg_totaal") -> pd.DataFrame:
    """One row: the mixed model's interactions meting × groep, variance components and the
    participants (per groep) and measurements it was fitted on; estimates empty without a fit."""
    data = scores.dropna(subset=[value])
    n = _counts(data.drop_duplicates("deelnemer_id"))
    row: dict = {"n_metingen": len(data), "n_deelnemers": n[0] + n[1], "n_interventie": n[0], "n_controle": n[1]}
    for at in ("T1", "T2"):
        term = fit.term(f"meting{at}:groepinterventie") if fit is not None else {"estimate": np.nan, "se": np.nan}
        row |= {f"interaction_{at}": term["estimate"], f"se_{at}": term["se"]}
    row |= {"var_participant": fit.var_participant if fit else np.nan,
            "var_residual": fit.var_residual if fit else np.nan}
    columns = {"n_metingen": count("metingen", unit="metingen"), "n_deelnemers": count("deelnemers"),
               "n_interventie": count("n interventie"), "n_controle": count("n controle"),
               "interaction_T1": estimate("interactie T1", on=BOTH), "se_T1": se("standaardfout T1", on=BOTH),
               "interaction_T2": estimate("interactie T2", on=BOTH), "se_T2": se("standaardfout T2", on=BOTH),
               "var_participant": estimate("variantie deelnemer", on=BOTH),
               "var_residual": estimate("variantie residu", on=BOTH)}
    return declare(pd.DataFrame([row], columns=list(columns)), unit="deelnemers", columns=columns,
                   title="Gemengd model", totals={"n_deelnemers": BOTH})
