"""Effect of the loneliness intervention: ANCOVA, change scores (DiD) and a mixed model side by side.

All functions take the long scored table of :func:`werkplaats.eenzaamheid.analysis.score_measurements`
(one row per participant per meting) and return tidy DataFrames with Dutch column values.
An estimate whose groups hold fewer than ``min_cel`` participants is not computed but
marked ``suppressed``. The plain-language reading (:func:`reading`) calls an interval that
includes 0 "geen aantoonbaar effect".

>>> from werkplaats.validate import load_dataset
>>> from werkplaats.eenzaamheid.analysis import score_measurements
>>> scores = score_measurements(load_dataset("eenzaamheid_metingen", "tests/fixtures/reference").data)
>>> table = effect_table(scores, mixed=False)
>>> row = table.iloc[0]; row["methode"], row["meting"], int(row["n"])
('ANCOVA', 'T1', 253)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from werkplaats.privacy import MIN_CEL, is_suppressed
from werkplaats.stats.effects import StandardisedEffect, ancova, cohens_d, difference_in_differences
from werkplaats.stats.mixed import MixedFit, fit_random_intercept

PARTICIPANT = ["groep", "gemeente", "gebied", "wijk", "leeftijd", "geslacht", "leeftijdsgroep"]
COLUMNS = ["methode", "meting", "uitkomst", "n", "n_interventie", "n_controle", "effect", "se",
           "ci_low", "ci_high", "p", "suppressed", "lezing"]


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


def _too_small(n_i: int, n_c: int, min_cel: int) -> bool:
    return min(n_i, n_c) < max(min_cel, 2) or is_suppressed(n_i, min_cel) or is_suppressed(n_c, min_cel)


def reading(effect: float, ci_low: float, ci_high: float, suppressed: bool = False) -> str:
    """Dutch plain-language reading of an effect on a loneliness score (negative = less lonely).

    >>> reading(-0.5, -1.0, 0.1), reading(-0.7, -1.2, -0.1)
    ('geen aantoonbaar effect', 'aantoonbaar minder eenzaam dan de controlegroep')
    """
    if suppressed or not np.isfinite([effect, ci_low, ci_high]).all():
        return "onderdrukt: te weinig deelnemers"
    if ci_low <= 0 <= ci_high:
        return "geen aantoonbaar effect"
    return "aantoonbaar " + ("minder" if ci_high < 0 else "meer") + " eenzaam dan de controlegroep"


def _row(methode: str, meting: str, value: str, n: tuple[int, int], est=None, min_cel: int = MIN_CEL) -> dict:
    row = {"methode": methode, "meting": meting, "uitkomst": value, "n": n[0] + n[1],
           "n_interventie": n[0], "n_controle": n[1], "effect": np.nan, "se": np.nan,
           "ci_low": np.nan, "ci_high": np.nan, "p": np.nan, "suppressed": est is None}
    if est is not None:
        row.update(effect=est["effect"], se=est["se"], ci_low=est["ci"][0], ci_high=est["ci"][1], p=est["p"])
    else:  # counts of fewer than min_cel people are not shown either
        counts = ("n", "n_interventie", "n_controle")
        row.update({k: np.nan for k in counts if is_suppressed(row[k], min_cel)})
    row["lezing"] = reading(row["effect"], row["ci_low"], row["ci_high"], row["suppressed"])
    return row


def _pair_rows(wide: pd.DataFrame, value: str, covariates: Sequence[str], min_cel: int) -> list[dict]:
    rows = []
    for at in ("T1", "T2"):
        both = wide.dropna(subset=["T0", at])
        n = _counts(both)
        small = _too_small(*n, min_cel)
        fits = [("ANCOVA", ())] + ([("ANCOVA met covariaten", tuple(covariates))] if covariates else [])
        for name, cov in fits:
            frame = both.dropna(subset=list(cov)) if cov else both
            n_cov = _counts(frame)
            est = None if _too_small(*n_cov, min_cel) else vars(
                ancova(frame, outcome=at, baseline="T0", covariates=cov))
            rows.append(_row(name, at, value, n_cov, est, min_cel))
        est = None if small else vars(difference_in_differences(both, pre="T0", post=at))
        rows.append(_row("verschil-in-verschillen", at, value, n, est, min_cel))
    return rows


def mixed_model(scores: pd.DataFrame, value: str = "djg_totaal", *,
                min_cel: int = MIN_CEL) -> MixedFit | None:
    """``value ~ meting * groep + (1 | deelnemer_id)`` by REML on every scored measurement
    (reference levels T0 and controle, as R); None when a group has fewer than ``min_cel``.
    """
    data = scores.dropna(subset=[value]).copy()
    if _too_small(*_counts(data.drop_duplicates("deelnemer_id")), min_cel):
        return None
    data["meting"] = pd.Categorical(data["meting"].astype(object), categories=["T0", "T1", "T2"])
    data["groep"] = pd.Categorical(data["groep"].astype(object), categories=["controle", "interventie"])
    data = data.rename(columns={value: "score"})
    return fit_random_intercept(data, "score ~ meting * groep", group="deelnemer_id")


def _mixed_rows(scores: pd.DataFrame, value: str, fit: MixedFit | None, min_cel: int) -> list[dict]:
    from scipy.stats import norm

    people = scores.dropna(subset=[value]).drop_duplicates("deelnemer_id")
    rows = []
    for at in ("T1", "T2"):
        est = None
        if fit is not None:
            term = fit.table.loc[f"meting{at}:groepinterventie"]
            est = {"effect": term["estimate"], "se": term["se"], "ci": (term["ci_low"], term["ci_high"]),
                   "p": float(2 * norm.sf(abs(term["z"])))}
        rows.append(_row("gemengd model", at, value, _counts(people), est, min_cel))
    return rows


def effect_table(scores: pd.DataFrame, *, value: str = "djg_totaal", covariates: Sequence[str] = (),
                 mixed: bool = True, fit: MixedFit | None = None, min_cel: int = MIN_CEL) -> pd.DataFrame:
    """The effect estimates side by side (interventie − controle, in score points) per meting:
    ANCOVA on T0 (and optionally on ``covariates`` too), the difference in mean change
    (verschil-in-verschillen) and the mixed-model interaction meting × groep.

    ``fit`` reuses an already fitted mixed model of ``value``.
    """
    rows = _pair_rows(wide_scores(scores, value), value, covariates, min_cel)
    if mixed:
        fit = fit if fit is not None else mixed_model(scores, value, min_cel=min_cel)
        rows += _mixed_rows(scores, value, fit, min_cel)
    order = {"T1": 0, "T2": 1}
    return pd.DataFrame(rows, columns=COLUMNS).sort_values("meting", key=lambda s: s.map(order),
                                                           kind="stable").reset_index(drop=True)


def did_table(scores: pd.DataFrame, value: str = "djg_totaal", *, min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Mean change from T0 per group (participants measured at both), for T1 and T2.

    Columns meting, groep, n, gemiddelde_T0, gemiddelde, verandering, suppressed.
    """
    wide = wide_scores(scores, value)
    rows = []
    for at in ("T1", "T2"):
        both = wide.dropna(subset=["T0", at])
        for groep in ("interventie", "controle"):
            part = both[both["groep"].astype(object) == groep]
            hide = is_suppressed(len(part), min_cel)
            rows.append({"meting": at, "groep": groep, "n": np.nan if hide else len(part),
                         "gemiddelde_T0": np.nan if hide else part["T0"].mean(),
                         "gemiddelde": np.nan if hide else part[at].mean(),
                         "verandering": np.nan if hide else (part[at] - part["T0"]).mean(),
                         "suppressed": hide})
    return pd.DataFrame(rows)


def effect_size_change(scores: pd.DataFrame, at: str = "T1", value: str = "djg_totaal", *,
                       min_cel: int = MIN_CEL) -> StandardisedEffect | None:
    """Cohen's d and Hedges' g of the change T0 -> ``at`` (interventie − controle); None if too small."""
    both = wide_scores(scores, value).dropna(subset=["T0", at])
    if _too_small(*_counts(both), min_cel):
        return None
    return cohens_d(both[at] - both["T0"], both["groep"].astype(object))


def effect_size_table(scores: pd.DataFrame, value: str = "djg_totaal", *,
                      min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Cohen's d and Hedges' g of the change T0 -> T1 and T0 -> T2, one row per meting."""
    rows = []
    for at in ("T1", "T2"):
        size = effect_size_change(scores, at, value, min_cel=min_cel)
        row = {"meting": at, "verschil": np.nan, "cohen_d": np.nan, "hedges_g": np.nan,
               "ci_low": np.nan, "ci_high": np.nan, "suppressed": size is None}
        if size is not None:
            row.update(verschil=size.difference, cohen_d=size.cohen_d, hedges_g=size.hedges_g,
                       ci_low=size.ci_d[0], ci_high=size.ci_d[1])
        rows.append(row)
    return pd.DataFrame(rows)


def subgroup_effects(scores: pd.DataFrame, by: str, *, value: str = "djg_totaal",
                     min_cel: int = MIN_CEL) -> pd.DataFrame:
    """ANCOVA effect at T1 and T2 within each level of ``by`` (for whom does it work?).

    Columns: ``by``, then as :func:`effect_table` (methode ANCOVA only).
    """
    wide = wide_scores(scores, value)
    parts = []
    for level, part in wide.groupby(wide[by].astype(object), sort=True):
        rows = [r for r in _pair_rows(part, value, (), min_cel) if r["methode"] == "ANCOVA"]
        parts.append(pd.DataFrame(rows, columns=COLUMNS).assign(**{by: level}))
    if not parts:
        return pd.DataFrame(columns=[by] + COLUMNS)
    table = pd.concat(parts, ignore_index=True)
    return table[[by] + COLUMNS]


METING_TEXT = {"T1": "na ongeveer 3 maanden (T1)", "T2": "na ongeveer een jaar (T2)"}


def _number(x: float, decimals: int = 2) -> str:
    return f"{x:.{decimals}f}".replace(".", ",").replace("-", "−")


def effect_sentences(effects: pd.DataFrame) -> list[str]:
    """One Dutch sentence per estimate: value, 95% interval and the plain-language reading.

    >>> t = pd.DataFrame([{"methode": "ANCOVA", "meting": "T1", "effect": -0.47, "ci_low": -1.03,
    ...     "ci_high": 0.10, "suppressed": False, "lezing": "geen aantoonbaar effect"}])
    >>> print(effect_sentences(t)[0])
    ANCOVA, na ongeveer 3 maanden (T1): −0,47 punt (95%-interval −1,03 tot 0,10): geen aantoonbaar effect.
    """
    out = []
    for r in effects.itertuples():
        where = f"{r.methode}, {METING_TEXT.get(r.meting, r.meting)}"
        if r.suppressed:
            out.append(f"{where}: niet berekend, te weinig deelnemers.")
        else:
            out.append(f"{where}: {_number(r.effect)} punt (95%-interval {_number(r.ci_low)} tot "
                       f"{_number(r.ci_high)}): {r.lezing}.")
    return out


def effect_size_sentence(size: StandardisedEffect | None) -> str:
    """Dutch reading of Hedges' g of the change (|g| about 0.2 small, 0.5 medium, 0.8 large).

    >>> effect_size_sentence(None)
    'De gestandaardiseerde effectgrootte is niet berekend: te weinig deelnemers.'
    """
    if size is None:
        return "De gestandaardiseerde effectgrootte is niet berekend: te weinig deelnemers."
    g = abs(size.hedges_g)
    word = "verwaarloosbaar" if g < 0.2 else "klein" if g < 0.5 else "middelgroot" if g < 0.8 else "groot"
    low, high = size.ci_d
    certain = ("het interval bevat 0, dus ook geen effect past bij de data" if low <= 0 <= high
               else "het interval bevat 0 niet")
    return (f"Hedges' g van de verandering T0→T1 is {_number(size.hedges_g)} "
            f"(Cohen's d {_number(size.cohen_d)}, 95%-interval {_number(low)} tot {_number(high)}): "
            f"een {word} effect volgens de gangbare vuistregels (0,2 klein, 0,5 middel, 0,8 groot); "
            f"{certain}.")
