"""Multiple imputation as a sensitivity analysis of the loneliness effect (missing items, dropout).

The complete-case ANCOVA leaves out everyone without a T0 and a T1 total score: people who
dropped out, and people with more than one empty DJG question. If those people differ in
ways the observed data show (missing at random), the complete-case estimate can be biased.
Here the missing total scores (T0, T1, T2) are imputed ``m`` times within each group, from
leeftijd, geslacht, gemeente and the other measurements
(:func:`werkplaats.stats.imputation.impute_datasets`), the ANCOVA of T1 on T0 and group is
fitted on every completed dataset and the results are pooled with Rubin's rules.

>>> from werkplaats.lines import load_line
>>> from werkplaats.eenzaamheid.preparation import prepare
>>> scores = prepare(load_line("eenzaamheid", "tests/fixtures/reference")).scores
>>> row = imputation_table(scores, m=20).set_index("methode").loc["meervoudige imputatie"]
>>> int(row["n"]), bool(-1.5 < row["effect"] < 0.5)
(300, True)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkplaats.eenzaamheid.effects import BOTH, COLUMNS, EFFECT_ROLES, MIN_FIT, wide_scores
from werkplaats.roles import declare, estimate, label
from werkplaats.stats.effects import ancova
from werkplaats.stats.imputation import Pooled, impute_datasets, pool
from werkplaats.stats.propensity import design_matrix

__all__ = ["IMPUTATIONS", "imputation_table", "imputed_ancova"]

IMPUTATIONS = 20  # m: the number of completed datasets (at least 20)
SCORE_RANGE = (0.0, 11.0)
MEASUREMENTS = ("T0", "T1", "T2")


def _completed(wide: pd.DataFrame, m: int, seed: int) -> list[pd.DataFrame]:
    """``m`` copies of ``wide`` with T0, T1 and T2 imputed, each group imputed on its own."""
    parts: list[list[pd.DataFrame]] = []
    for k, (_, group) in enumerate(wide.groupby(wide["groep"].astype(object), sort=True)):
        predictors = design_matrix(group[["leeftijd", "geslacht", "gemeente"]])
        frame = pd.concat([predictors, group[list(MEASUREMENTS)].astype(float)], axis=1)
        frame = frame.loc[:, frame.notna().any()]
        bounds = {c: SCORE_RANGE for c in MEASUREMENTS}
        copies = impute_datasets(frame, m=m, seed=seed + 1000 * k, bounds=bounds)
        parts.append([group.assign(**{c: copy[c] for c in MEASUREMENTS if c in copy}) for copy in copies])
    return [pd.concat([p[i] for p in parts]).sort_index() for i in range(m)]


def imputed_ancova(scores: pd.DataFrame, *, at: str = "T1", m: int = IMPUTATIONS,
                   seed: int = 2026) -> tuple[pd.DataFrame, Pooled | None]:
    """Every participant (wide) and the pooled ANCOVA of ``at`` on T0 and group; None when a
    group has fewer than :data:`MIN_FIT` observed T0 or ``at`` scores."""
    wide = wide_scores(scores)
    groups = wide["groep"].astype(object)
    observed = [int(wide.loc[groups == g, c].notna().sum()) for g in ("interventie", "controle") for c in ("T0", at)]
    if min(observed) < MIN_FIT:  # a group without (enough) measurements has nothing to impute from
        return wide, None
    fits = [ancova(copy, outcome=at, baseline="T0") for copy in _completed(wide, m, seed)]
    pooled = pool([f.effect for f in fits], [f.se**2 for f in fits], df_complete=fits[0].df)
    return wide, pooled


def imputation_table(scores: pd.DataFrame, *, m: int = IMPUTATIONS, seed: int = 2026) -> pd.DataFrame:
    """The complete-case ANCOVA at T1 beside the pooled ANCOVA after multiple imputation, with
    the number of imputations and the fraction of missing information."""
    wide, pooled = imputed_ancova(scores, m=m, seed=seed)
    both = wide.dropna(subset=["T0", "T1"])
    rows = []
    for name, frame, est in (("volledige gevallen", both, None), ("meervoudige imputatie", wide, pooled)):
        groups = frame["groep"].astype(object)
        n = (int((groups == "interventie").sum()), int((groups == "controle").sum()))
        row = {"methode": name, "meting": "T1", "uitkomst": "djg_totaal", "n": sum(n), "n_interventie": n[0],
               "n_controle": n[1], "effect": np.nan, "se": np.nan, "ci_low": np.nan, "ci_high": np.nan,
               "p": np.nan, "imputaties": "geen" if est is None and name.startswith("volledige") else str(m),
               "fmi": np.nan}
        if name.startswith("volledige") and min(n) >= MIN_FIT:
            fit = ancova(both, outcome="T1", baseline="T0")
            row.update(effect=fit.effect, se=fit.se, ci_low=fit.ci[0], ci_high=fit.ci[1], p=fit.p)
        elif est is not None:
            row.update(effect=est.estimate, se=est.se, ci_low=est.ci[0], ci_high=est.ci[1], p=est.p, fmi=est.fmi)
        rows.append(row)
    columns = {**{c: EFFECT_ROLES[c] for c in COLUMNS}, "imputaties": label("aantal imputaties"),
               "fmi": estimate("aandeel ontbrekende informatie", on=BOTH, percent=True, decimals=0)}
    return declare(pd.DataFrame(rows, columns=list(columns)), unit="deelnemers", columns=columns,
                   title="Gevoeligheidsanalyse: ontbrekende metingen aangevuld", totals={"n": BOTH})
