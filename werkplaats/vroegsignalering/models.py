"""Models of the debt-signalling line: time to contact, acceptance of help, the training.

Every function takes the prepared signals of :func:`werkplaats.vroegsignalering.analysis.prepare` (one row per
signal) and refuses to publish on fewer than ``min_cel`` households: it returns ``None``
(or a suppressed row) instead.

- :func:`time_to_contact`: Kaplan–Meier share reached by day t per bron (censored at the
  peildatum), with 95% intervals;
- :func:`contact_cox`: Cox model of the time to contact on bron (reference
  zorgverzekeraar) and log(achterstand_euro), Efron ties, as R's ``coxph``;
- :func:`acceptance_model`: logistic regression of ``hulp geaccepteerd`` among reached
  households with a known outcome;
- :func:`training_model`: among signals with a contact attempt, logistic regression of
  reached on trained with team fixed effects;
- :func:`training_its`: interrupted time series of the monthly reach rate around each
  team's training date.

>>> from werkplaats.validate import load_dataset
>>> from werkplaats.vroegsignalering.analysis import prepare
>>> signals = prepare(load_dataset("vroegsignalering_signalen", "tests/fixtures/reference").data,
...                   peildatum="2026-06-30", write=False)
>>> round(contact_cox(signals).table.loc["log_achterstand", "estimate"], 4)
np.float64(-0.0581)
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from werkplaats.privacy import MIN_CEL, is_suppressed

BRONNEN = ("zorgverzekeraar", "energieleverancier", "woningcorporatie", "drinkwaterbedrijf")
REFERENCE_BRON = BRONNEN[0]
DAYS = (14, 30, 60)
COX_TERMS = (*BRONNEN[1:], "log_achterstand")


def households(signals: pd.DataFrame) -> int:
    """Number of distinct households among ``signals``."""
    return int(signals["huishouden"].nunique())


def _too_small(signals: pd.DataFrame, min_cel: int) -> bool:
    return len(signals) == 0 or is_suppressed(households(signals), min_cel)


def _bron(signals: pd.DataFrame) -> pd.Series:
    return signals["bron"].astype(object)


# ---- time to contact ----------------------------------------------------------------------

def time_to_contact(signals: pd.DataFrame, by: str = "bron", *, days: Sequence[int] = DAYS,
                    min_cel: int = MIN_CEL) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Kaplan–Meier per group of ``by``: the curves and the share reached by each of ``days``.

    Returns ``(curves, table)``. ``curves`` has per group the estimate at every distinct
    day, cut off where fewer than ``min_cel`` signals are still at risk; ``table`` has per
    group ``signalen``, ``huishoudens``, and ``day_<t>`` with ``day_<t>_ci_low/high``.
    Groups with fewer than ``min_cel`` households are suppressed (no curve, empty row).
    """
    from werkplaats.stats.survival import kaplan_meier, share_by_time

    curves, rows = [], []
    for group, part in signals.groupby(signals[by].astype(object), sort=False):
        row = {by: group, "signalen": len(part), "huishoudens": households(part)}
        hide = is_suppressed(row["huishoudens"], min_cel)
        row["suppressed"] = hide
        if not hide:
            km = kaplan_meier(part["dagen"], part["bereikt"])
            at = share_by_time(km, days)
            for t, share, lo, hi in zip(days, at["share"], at["ci_low"], at["ci_high"], strict=True):
                row |= {f"day_{t}": share, f"day_{t}_ci_low": lo, f"day_{t}_ci_high": hi}
            km = km[km["n_risk"] >= min_cel].assign(share=lambda k: 1 - k["survival"],
                                                    share_ci_low=lambda k: 1 - k["ci_high"],
                                                    share_ci_high=lambda k: 1 - k["ci_low"])
            curves.append(km.assign(**{by: group}))
        rows.append(row)
    table = pd.DataFrame(rows)
    if by == "bron":
        table = table.set_index(by).reindex([b for b in BRONNEN if b in set(table[by])]).reset_index()
    curves = pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(columns=[by, "time", "share"])
    return curves, table


def contacted_by_day(table: pd.DataFrame, days: Sequence[int] = DAYS) -> dict:
    """The contract's ``contacted_by_day``: per bron ``day_14``, ``day_30``, ``day_60`` (+ suppressed)."""
    out = {}
    for row in table.to_dict("records"):
        hide = bool(row["suppressed"])
        out[row["bron"]] = {f"day_{t}": None if hide else float(row[f"day_{t}"]) for t in days}
        out[row["bron"]]["suppressed"] = hide
    return out


# ---- Cox model ----------------------------------------------------------------------------

def bron_dummies(signals: pd.DataFrame) -> pd.DataFrame:
    """0/1 columns for the brons present (reference zorgverzekeraar left out) and ``log_achterstand``."""
    bron = _bron(signals)
    present = [b for b in BRONNEN[1:] if (bron == b).any()]
    columns = {b: (bron == b).to_numpy(float) for b in present}
    columns["log_achterstand"] = signals["log_achterstand"].to_numpy(float)
    return pd.DataFrame(columns, index=signals.index)


def contact_cox(signals: pd.DataFrame, *, min_cel: int = MIN_CEL):
    """Cox model of days to contact on bron + log(achterstand_euro) (Efron ties), or None
    when there are fewer than ``min_cel`` households or no contacts."""
    from werkplaats.stats.survival import cox_efron

    if _too_small(signals, min_cel) or not signals["bereikt"].any() \
            or (_bron(signals) != REFERENCE_BRON).all():
        return None
    return cox_efron(signals["dagen"], signals["bereikt"], bron_dummies(signals))


# ---- logistic models ----------------------------------------------------------------------

def _bron_formula(data: pd.DataFrame) -> str:
    present = set(_bron(data))
    return f"C(bron, Treatment('{REFERENCE_BRON}'))" if len(present) > 1 else ""


def acceptance_model(signals: pd.DataFrame, *, min_cel: int = MIN_CEL):
    """Logistic regression of ``hulp geaccepteerd`` on bron + log(achterstand_euro) among
    reached signals with a known outcome (a :class:`~werkplaats.stats.glm.LogitFit`, or None)."""
    from werkplaats.stats.glm import fit_logit

    data = signals[signals["uitkomst_bekend"]]
    if _too_small(data, min_cel) or data["geaccepteerd"].nunique() < 2 \
            or not (_bron(data) == REFERENCE_BRON).any():
        return None
    data = pd.DataFrame({"geaccepteerd": data["geaccepteerd"].astype(int), "bron": _bron(data),
                         "log_achterstand": data["log_achterstand"]})
    terms = " + ".join(filter(None, [_bron_formula(data), "log_achterstand"]))
    return fit_logit(data, f"geaccepteerd ~ {terms}")


def training_model(signals: pd.DataFrame, *, min_cel: int = MIN_CEL, calendar: bool = False):
    """Among signals with a contact attempt: logistic regression of reached on trained
    (signaal_datum ≥ team_getraind_op) with a fixed effect per team (LogitFit, or None when
    the trained or the untrained signals come from fewer than ``min_cel`` households).

    ``calendar=True`` adds a fixed effect per calendar quarter, so that a change over time
    shared by all teams (the never-trained teams show it) is not taken for the training.
    """
    from werkplaats.stats.glm import fit_logit

    data = signals[signals["contactpoging"]]
    trained = data["getraind"].astype(bool)
    if _too_small(data[trained], min_cel) or _too_small(data[~trained], min_cel) \
            or data["bereikt"].nunique() < 2:
        return None
    frame = pd.DataFrame({"bereikt": data["bereikt"].astype(int), "getraind": trained.astype(int),
                          "team": data["team"].astype(object),
                          "kwartaal": data["signaal_datum"].dt.to_period("Q").astype(str)})
    factors = ["team"] + (["kwartaal"] if calendar else [])
    # all covariates are categories: one binomial row per pattern gives the same likelihood,
    # estimates and standard errors as one row per signal, at a fraction of the cost
    counts = frame.groupby(["getraind", *factors])["bereikt"].agg(["sum", "size"]).reset_index()
    counts = counts.rename(columns={"sum": "bereikt"}).assign(niet_bereikt=lambda c: c["size"] - c["bereikt"])
    terms = ["getraind"] + [f"C({c})" for c in factors if counts[c].nunique() > 1]
    with warnings.catch_warnings():
        # a saturated pattern model reproduces the observed shares exactly: statsmodels then
        # warns about "perfect prediction" (and a zero residual df), which is not separation
        warnings.filterwarnings("ignore", message="Perfect separation")
        warnings.filterwarnings("ignore", message="divide by zero", category=RuntimeWarning)
        fit = fit_logit(counts, "bereikt + niet_bereikt ~ " + " + ".join(terms))
    return dataclasses.replace(fit, n=len(frame))


# ---- interrupted time series --------------------------------------------------------------

def monthly_reach(signals: pd.DataFrame, *, window: int = 60) -> pd.DataFrame:
    """Per trained team and month relative to its training month: signals with a contact
    attempt and at least ``window`` days of follow-up (``n``), households, and the share
    reached within ``window`` days. The training month itself (0) is left out: it mixes
    signals from before and after the training."""
    followed = signals["volgtijd"] >= window
    eligible = signals["contactpoging"] & signals["team_getraind_op"].notna() & followed
    data = signals[eligible]
    month = data["signaal_datum"].dt.year * 12 + data["signaal_datum"].dt.month
    trained_month = data["team_getraind_op"].dt.year * 12 + data["team_getraind_op"].dt.month
    frame = pd.DataFrame({"team": data["team"].astype(object), "maand": (month - trained_month).astype(int),
                          "bereikt": data["bereikt"] & (data["dagen"] <= window),
                          "huishouden": data["huishouden"]})
    frame = frame[frame["maand"] != 0]
    table = frame.groupby(["team", "maand"]).agg(n=("bereikt", "size"), bereikt=("bereikt", "sum"),
                                                  huishoudens=("huishouden", "nunique")).reset_index()
    table["aandeel"] = table["bereikt"] / table["n"]
    return table


def training_its(signals: pd.DataFrame, *, window: int = 60, min_cel: int = MIN_CEL):
    """Segmented regression of the monthly share reached within ``window`` days, pooled over
    the trained teams (one intercept per team, weighted by the number of signals): returns
    ``(monthly, fit)``; ``fit`` is None without months on both sides or too few households."""
    from werkplaats.stats.its import segmented_regression

    monthly = monthly_reach(signals, window=window)
    before, after = monthly[monthly["maand"] < 0], monthly[monthly["maand"] > 0]
    if before.empty or after.empty or is_suppressed(monthly["huishoudens"].sum(), min_cel) \
            or monthly["maand"].nunique() < 5:
        return monthly, None
    fit = segmented_regression(monthly, outcome="aandeel", time="maand", interruption=1, weights="n",
                               series="team")
    return monthly, fit


def its_by_month(monthly: pd.DataFrame, *, min_cel: int = MIN_CEL) -> pd.DataFrame:
    """The monthly shares pooled over teams (for the figure); months on fewer than
    ``min_cel`` households suppressed."""
    table = monthly.groupby("maand").agg(n=("n", "sum"), bereikt=("bereikt", "sum"),
                                         huishoudens=("huishoudens", "sum")).reset_index()
    table["aandeel"] = (table["bereikt"] / table["n"]).where(
        ~table["huishoudens"].map(lambda n: is_suppressed(n, min_cel)))
    table["suppressed"] = table["aandeel"].isna()
    return table


def coefficient_dict(table: pd.DataFrame | None, terms: Sequence[str] = COX_TERMS) -> dict:
    """Model estimates keyed by bron / ``log_achterstand`` (statsmodels and R names mapped)."""
    from werkplaats.stats.glm import r_term_name

    out = {t: {"estimate": None, "se": None} for t in terms}
    if table is None:
        return out
    for name, row in table.iterrows():
        key = r_term_name(str(name)).removeprefix("bron")
        if key in out:
            out[key] = {"estimate": float(row["estimate"]), "se": float(row["se"])}
    return out


def small_bron_terms(signals: pd.DataFrame, min_cel: int) -> set[str]:
    """Bron levels whose coefficient rests on fewer than ``min_cel`` households: the level's own,
    or the reference's (every bron coefficient is a contrast with zorgverzekeraar)."""
    counts = signals.groupby(_bron(signals))["huishouden"].nunique()
    present = {b for b in BRONNEN[1:] if counts.get(b, 0) > 0}
    if is_suppressed(int(counts.get(REFERENCE_BRON, 0)), min_cel):
        return present
    return {b for b in present if is_suppressed(int(counts[b]), min_cel)}



def ratio_table(fit, hidden: set | frozenset = frozenset(), *, ratio: str = "odds_ratio") -> pd.DataFrame:
    """A model's bron and log-amount terms for display: ``term``, estimate, se, the ratio
    (``odds_ratio`` or ``hazard_ratio``) with its 95% interval, and p; rows of ``hidden``
    terms (too few households) blanked. Empty when ``fit`` is None."""
    from werkplaats.stats.glm import r_term_name

    columns = ["term", "estimate", "se", ratio, "ci_low", "ci_high", "p", "suppressed"]
    if fit is None:
        return pd.DataFrame(columns=columns)
    table = fit.table.copy()
    table.index = [r_term_name(str(t)).removeprefix("bron") for t in table.index]
    table = table.loc[[t for t in COX_TERMS if t in table.index]]
    out = pd.DataFrame({"term": table.index, "estimate": table["estimate"].to_numpy(),
                        "se": table["se"].to_numpy(), ratio: np.exp(table["estimate"]).to_numpy(),
                        "ci_low": np.exp(table["ci_low"]).to_numpy(),
                        "ci_high": np.exp(table["ci_high"]).to_numpy(), "p": table["p"].to_numpy()})
    out["suppressed"] = out["term"].isin(hidden)
    out.loc[out["suppressed"], columns[1:-1]] = np.nan
    return out
