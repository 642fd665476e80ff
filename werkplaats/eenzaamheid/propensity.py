"""Propensity-score weighting for the non-randomised loneliness comparison (DATA_CONTRACT §6
``ancova_T1_overlap``).

The intervention group started lonelier than the comparison group. The propensity score
e = P(interventie | DJG total at T0, leeftijd, geslacht, gemeente) is estimated on the
participants with a T0 and a T1 total score; overlap weights (interventie 1 − e, controle e)
then compare the people who could have been in either group, and the ANCOVA of T1 on T0 and
group is fitted with those weights, with the design-based (sandwich) SE of R's
``survey::svyglm``. :func:`overlap_table` holds the estimate, :func:`weighted_balance_table`
the balance before and after weighting; both are role-declared and UNPROTECTED.

>>> from werkplaats.lines import load_line
>>> from werkplaats.eenzaamheid.preparation import prepare
>>> scores = prepare(load_line("eenzaamheid", "tests/fixtures/reference")).scores
>>> row = overlap_table(scores).iloc[0]
>>> int(row["n"]), round(float(row["effect"]), 4), round(float(row["ess"]), 1)
(253, -0.4758, 242.6)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkplaats.eenzaamheid.effects import BOTH, GROUP_COUNTS, MIN_FIT, wide_scores
from werkplaats.roles import ci_high, ci_low, declare, estimate, label, mean, p_value, se
from werkplaats.stats.propensity import (
    Learner,
    WeightedAncova,
    Weighting,
    balancing_weights,
    design_matrix,
    propensity_scores,
    weighted_ancova,
    weighted_smd,
)

__all__ = ["PS_COVARIATES", "overlap_estimate", "overlap_sample", "overlap_table", "overlap_tables",
           "weighted_balance_table"]

PS_COVARIATES = {"T0": "DJG-totaal T0", "leeftijd": "leeftijd", "geslacht": "geslacht", "gemeente": "gemeente"}
METHOD = {"overlap": "ANCOVA met overlapgewichten", "ipw": "ANCOVA met IPW-gewichten (getrimd)"}


def overlap_sample(scores: pd.DataFrame) -> pd.DataFrame:
    """Participants with a T0 and a T1 total score and every propensity covariate (T0 values)."""
    wide = wide_scores(scores)
    return wide.dropna(subset=["T0", "T1", *PS_COVARIATES]).reset_index(drop=True)


def _treated(sample: pd.DataFrame) -> np.ndarray:
    return (sample["groep"].astype(object) == "interventie").to_numpy(int)


def _weights(sample: pd.DataFrame, learner: Learner, weighting: Weighting, trim: float) -> np.ndarray:
    covariates = sample[list(PS_COVARIATES)]
    scores = propensity_scores(covariates, _treated(sample), learner=learner)
    return balancing_weights(scores, _treated(sample), weighting=weighting, trim=trim)


def overlap_estimate(scores: pd.DataFrame, *, learner: Learner = "logistic", weighting: Weighting = "overlap",
                     trim: float = 0.1) -> tuple[pd.DataFrame, np.ndarray | None, WeightedAncova | None]:
    """The sample, its weights and the weighted ANCOVA; weights and estimate are None when a
    group has fewer than :data:`MIN_FIT` participants."""
    sample = overlap_sample(scores)
    z = _treated(sample)
    if min(int(z.sum()), int((1 - z).sum())) < MIN_FIT:
        return sample, None, None
    w = _weights(sample, learner, weighting, trim)
    return sample, w, weighted_ancova(sample["T1"], sample["T0"], z, w, method=METHOD[weighting])


def overlap_tables(scores: pd.DataFrame, *, learner: Learner = "logistic", weighting: Weighting = "overlap",
                   trim: float = 0.1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`overlap_table` and :func:`weighted_balance_table` from one propensity fit."""
    fitted = overlap_estimate(scores, learner=learner, weighting=weighting, trim=trim)
    return _effect_frame(*fitted, weighting=weighting), _balance_frame(*fitted[:2])


def overlap_table(scores: pd.DataFrame, *, learner: Learner = "logistic", weighting: Weighting = "overlap",
                  trim: float = 0.1) -> pd.DataFrame:
    """One row: the weighted ANCOVA at T1 (interventie − controle), with the participants per
    group it is fitted on and the effective sample size (Kish) of the weights."""
    return overlap_tables(scores, learner=learner, weighting=weighting, trim=trim)[0]


def _effect_frame(sample: pd.DataFrame, w: np.ndarray | None, est: WeightedAncova | None, *,
                  weighting: Weighting) -> pd.DataFrame:
    z = _treated(sample) if w is None else _treated(sample)[w > 0]
    row = {"methode": METHOD[weighting], "meting": "T1", "n": len(z), "n_interventie": int(z.sum()),
           "n_controle": int(len(z) - z.sum()), "ess": np.nan, "effect": np.nan, "se": np.nan,
           "ci_low": np.nan, "ci_high": np.nan, "p": np.nan}
    if est is not None:
        row.update(ess=est.ess, effect=est.effect, se=est.se, ci_low=est.ci[0], ci_high=est.ci[1], p=est.p)
    columns = {"methode": label("methode"), "meting": label("meting"), **GROUP_COUNTS,
               "ess": estimate("effectieve steekproefgrootte", on=BOTH, decimals=1),
               "effect": estimate("effect", on=BOTH), "se": se("standaardfout", on=BOTH),
               "ci_low": ci_low("95%-interval van", on=BOTH), "ci_high": ci_high("tot", on=BOTH),
               "p": p_value("p", on=BOTH)}
    return declare(pd.DataFrame([row], columns=list(columns)), unit="deelnemers", columns=columns,
                   title="Effect na weging met de propensity-score", totals={"n": BOTH})


def _balance_rows(sample: pd.DataFrame, w: np.ndarray) -> list[dict]:
    """A numeric covariate: means before and after and the SMDs; a category covariate: only the
    largest |SMD| over its levels (its shares per level could show small groups)."""
    z = _treated(sample) == 1
    rows = []
    for name, header in PS_COVARIATES.items():
        x = design_matrix(sample[[name]])
        if x.empty:
            continue
        if x.shape[1] == 1 and x.columns[0] == name:
            v = x[name].to_numpy(float)
            rows.append({"variabele": header, "interventie": v[z].mean(), "controle": v[~z].mean(),
                         "smd_voor": weighted_smd(v, z), "interventie_gewogen": np.average(v[z], weights=w[z]),
                         "controle_gewogen": np.average(v[~z], weights=w[~z]), "smd_na": weighted_smd(v, z, w)})
        else:
            before = [weighted_smd(c.to_numpy(float), z) for _, c in x.items()]
            after = [weighted_smd(c.to_numpy(float), z, w) for _, c in x.items()]
            rows.append({"variabele": f"{header} (grootste verschil over de categorieën)",
                         "smd_voor": float(np.nanmax(np.abs(before))), "smd_na": float(np.nanmax(np.abs(after)))})
    return rows


def weighted_balance_table(scores: pd.DataFrame, *, learner: Learner = "logistic",
                           weighting: Weighting = "overlap", trim: float = 0.1) -> pd.DataFrame:
    """Balance of the propensity covariates before and after weighting (standardised mean
    differences; |SMD| < 0.1 counts as balanced)."""
    return overlap_tables(scores, learner=learner, weighting=weighting, trim=trim)[1]


def _balance_frame(sample: pd.DataFrame, w: np.ndarray | None) -> pd.DataFrame:
    rows = _balance_rows(sample, w) if w is not None else []
    z = _treated(sample)
    counts = {"n_interventie": int(z.sum()), "n_controle": int(len(z) - z.sum())}
    columns = {"variabele": label("kenmerk"), **{k: GROUP_COUNTS[k] for k in BOTH},
               "interventie": mean("interventie", on="n_interventie"), "controle": mean("controle", on="n_controle"),
               "smd_voor": estimate("gestandaardiseerd verschil voor weging", on=BOTH),
               "interventie_gewogen": mean("interventie gewogen", on="n_interventie"),
               "controle_gewogen": mean("controle gewogen", on="n_controle"),
               "smd_na": estimate("gestandaardiseerd verschil na weging", on=BOTH)}
    frame = pd.DataFrame([{**counts, **r} for r in rows], columns=list(columns))
    return declare(frame, unit="deelnemers", columns=columns,
                   title="Balans voor en na weging met de propensity-score")
