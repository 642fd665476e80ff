"""Multiple imputation of item non-response, as a sensitivity analysis of the shares that agree.

The reporting convention leaves out empty answers (and ``weet niet / n.v.t.``). If the
clients who skip a statement judge differently from those who answer it, in a way their
other answers show (missing at random), the complete-case share is biased. Here the empty
answers of the nine Likert statements are imputed ``m`` times from the other statements,
leeftijdsklasse, geslacht, ingevuld_door and gemeente
(:func:`werkplaats.stats.imputation.impute_datasets`, scores bounded to 1–5; an imputed
score of 3.5 or more counts as agreeing, as an observed 4 or 5 does). ``weet niet / n.v.t.``
is a real answer and stays out, as in the convention. Each share is pooled with Rubin's
rules (binomial variance per imputation).

Not (yet) part of the report: on the 1,660 respondents of the reference data one run takes
about 45 s of CPU (nine statements, m = 20), too slow for every report run. Use it from a
notebook cell, e.g. ``imputed_agree_table(latest_year(prepared.answers), gemeente="Leusden")``.

>>> IMPUTATIONS, BACKGROUND
(20, ['leeftijdsklasse', 'geslacht', 'ingevuld_door', 'gemeente'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkplaats.clientervaring.scoring import DONT_KNOW, LIKERT_ITEMS, score_items
from werkplaats.roles import ci_high, ci_low, count, declare, estimate, label, share
from werkplaats.stats.imputation import impute_datasets, pool
from werkplaats.stats.propensity import design_matrix

__all__ = ["IMPUTATIONS", "imputed_agree_table"]

IMPUTATIONS = 20
BACKGROUND = ["leeftijdsklasse", "geslacht", "ingevuld_door", "gemeente"]


def _dont_know(answers: pd.DataFrame, item: str) -> np.ndarray:
    text = answers[item].astype(object)
    return np.asarray(text.where(text.isna(), text.astype(str).str.strip().str.lower()) == DONT_KNOW, dtype=bool)


def imputed_agree_table(answers: pd.DataFrame, *, gemeente: str = "alle", m: int = IMPUTATIONS,
                        seed: int = 2026) -> pd.DataFrame:
    """Per Likert statement, for ``gemeente`` (or everyone): the complete-case share that
    agrees beside the pooled share after imputing the empty answers (the imputation model is
    fitted on every respondent of ``answers``)."""
    scores = score_items(answers, LIKERT_ITEMS)
    frame = pd.concat([design_matrix(answers[BACKGROUND]), scores], axis=1)
    copies = impute_datasets(frame, m=m, seed=seed, bounds={i: (1.0, 5.0) for i in LIKERT_ITEMS})
    focus = np.ones(len(answers), dtype=bool) if gemeente == "alle" else \
        np.asarray(answers["gemeente"].astype(object) == gemeente, dtype=bool)
    rows = []
    for item in LIKERT_ITEMS:
        valid = focus & ~_dont_know(answers, item)
        observed = valid & scores[item].notna().to_numpy()
        n_obs, n_all = int(observed.sum()), int(valid.sum())
        row = {"item": item, "n_beantwoord": n_obs, "aandeel_beantwoord": np.nan, "n_met_imputatie": n_all,
               "aandeel_met_imputatie": np.nan, "ci_low": np.nan, "ci_high": np.nan, "fmi": np.nan}
        if n_obs >= 2:
            row["aandeel_beantwoord"] = float((scores[item].to_numpy()[observed] >= 4).mean())
            shares = [float((c[item].to_numpy()[valid] >= 3.5).mean()) for c in copies]
            pooled = pool(shares, [s * (1 - s) / n_all for s in shares], df_complete=n_all - 1)
            row.update(aandeel_met_imputatie=pooled.estimate, ci_low=pooled.ci[0], ci_high=pooled.ci[1],
                       fmi=pooled.fmi)
        rows.append(row)
    columns = {"item": label("stelling"), "n_beantwoord": count("beantwoord"),
               "aandeel_beantwoord": share("eens (alleen beantwoord)", on="n_beantwoord"),
               "n_met_imputatie": count("met aangevulde lege antwoorden"),
               "aandeel_met_imputatie": share("eens (lege antwoorden aangevuld)", on="n_met_imputatie"),
               "ci_low": ci_low("95%-interval van", on="n_met_imputatie", percent=True),
               "ci_high": ci_high("tot", on="n_met_imputatie", percent=True),
               "fmi": estimate("aandeel ontbrekende informatie", on="n_met_imputatie", percent=True, decimals=0)}
    return declare(pd.DataFrame(rows, columns=list(columns)), unit="respondenten", columns=columns,
                   title="Gevoeligheidsanalyse: lege antwoorden aangevuld (meervoudige imputatie)")
