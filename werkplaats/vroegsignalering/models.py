"""Models of the debt-signalling line: time to contact, acceptance of help, the training.

Every function takes the prepared signals (``prepare(...).signals``, one row per signal).
A model that cannot be fitted (no data, one outcome only, no reference bron) is None; what
may be published is decided by :mod:`werkplaats.disclosure` on the tables of
:mod:`werkplaats.vroegsignalering.model_tables`, not here.

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

>>> from werkplaats.lines import load_line
>>> from werkplaats.vroegsignalering.preparation import prepare
>>> signals = prepare(load_line("vroegsignalering", "tests/fixtures/reference"), peildatum="2026-06-30").signals
>>> round(contact_cox(signals).table.loc["log_achterstand", "estimate"], 4)
np.float64(-0.0581)
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from werkplaats.stats.glm import LogitFit
    from werkplaats.stats.its import ITSFit
    from werkplaats.stats.survival import CoxFit

__all__ = ["BRONNEN", "COX_TERMS", "DAYS", "REFERENCE_BRON", "acceptance_model", "bron_dummies", "contact_cox",
           "households", "monthly_reach", "time_to_contact", "training_its", "training_model"]

BRONNEN = ("zorgverzekeraar", "energieleverancier", "woningcorporatie", "drinkwaterbedrijf")
REFERENCE_BRON = BRONNEN[0]
DAYS = (14, 30, 60)
COX_TERMS = (*BRONNEN[1:], "log_achterstand")


def households(signals: pd.DataFrame) -> int:
    """Number of distinct households among ``signals``."""
    return int(signals["huishouden"].nunique())


def _bron(signals: pd.DataFrame) -> pd.Series:
    return signals["bron"].astype(object)


# ---- time to contact ----------------------------------------------------------------------

def time_to_contact(signals: pd.DataFrame, by: str = "bron", *,
                    days: Sequence[int] = DAYS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Kaplan–Meier per group of ``by``: the curves and the share reached by each of ``days``.

    Returns ``(curves, table)``: ``curves`` has per group ``time``, ``n_risk``, ``share``
    (reached) and ``share_ci_low/high`` at every distinct day; ``table`` has per group
    ``signalen``, ``huishoudens``, and ``day_<t>`` with ``day_<t>_ci_low/high``.
    """
    from werkplaats.stats.survival import kaplan_meier, share_by_time

    curves, rows = [], []
    for group, part in signals.groupby(signals[by].astype(object), sort=False):
        row = {by: group, "signalen": len(part), "huishoudens": households(part)}
        km = kaplan_meier(part["dagen"], part["bereikt"])
        at = share_by_time(km, days)
        for t, share, lo, hi in zip(days, at["share"], at["ci_low"], at["ci_high"], strict=True):
            row |= {f"day_{t}": share, f"day_{t}_ci_low": lo, f"day_{t}_ci_high": hi}
        curves.append(pd.DataFrame({by: group, "time": km["time"], "n_risk": km["n_risk"],
                                    "share": 1 - km["survival"], "share_ci_low": 1 - km["ci_high"],
                                    "share_ci_high": 1 - km["ci_low"]}))
        rows.append(row)
    table = pd.DataFrame(rows, columns=[by, "signalen", "huishoudens"] if not rows else None)
    if by == "bron" and rows:
        table = table.set_index(by).reindex([b for b in BRONNEN if b in set(table[by])]).reset_index()
    columns = [by, "time", "n_risk", "share", "share_ci_low", "share_ci_high"]
    curves = pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(columns=columns)
    return curves, table


# ---- Cox model ----------------------------------------------------------------------------

def bron_dummies(signals: pd.DataFrame) -> pd.DataFrame:
    """0/1 columns for the brons present (reference zorgverzekeraar left out) and ``log_achterstand``."""
    bron = _bron(signals)
    present = [b for b in BRONNEN[1:] if (bron == b).any()]
    columns = {b: (bron == b).to_numpy(float) for b in present}
    columns["log_achterstand"] = signals["log_achterstand"].to_numpy(float)
    return pd.DataFrame(columns, index=signals.index)


def contact_cox(signals: pd.DataFrame) -> CoxFit | None:
    """Cox model of days to contact on bron + log(achterstand_euro) (Efron ties), or None
    when it cannot be fitted (no contacts, or no signals of the reference bron)."""
    from werkplaats.stats.survival import cox_efron

    if len(signals) == 0 or not signals["bereikt"].any() or not (_bron(signals) == REFERENCE_BRON).any():
        return None
    return cox_efron(signals["dagen"], signals["bereikt"], bron_dummies(signals))


# ---- logistic models ----------------------------------------------------------------------

def _bron_formula(data: pd.DataFrame) -> str:
    present = set(_bron(data))
    return f"C(bron, Treatment('{REFERENCE_BRON}'))" if len(present) > 1 else ""


def acceptance_model(signals: pd.DataFrame) -> LogitFit | None:
    """Logistic regression of ``hulp geaccepteerd`` on bron + log(achterstand_euro) among
    reached signals with a known outcome, or None when it cannot be fitted."""
    from werkplaats.stats.glm import fit_logit

    data = signals[signals["uitkomst_bekend"]]
    if len(data) == 0 or data["geaccepteerd"].nunique() < 2 or not (_bron(data) == REFERENCE_BRON).any():
        return None
    data = pd.DataFrame({"geaccepteerd": data["geaccepteerd"].astype(int), "bron": _bron(data),
                         "log_achterstand": data["log_achterstand"]})
    terms = " + ".join(filter(None, [_bron_formula(data), "log_achterstand"]))
    return fit_logit(data, f"geaccepteerd ~ {terms}")


def training_model(signals: pd.DataFrame, *, calendar: bool = False) -> LogitFit | None:
    """Among signals with a contact attempt: logistic regression of reached on trained
    (signaal_datum ≥ team_getraind_op) with a fixed effect per team; None without trained
    and untrained signals or with one outcome only.

    ``calendar=True`` adds a fixed effect per calendar quarter, so that a change over time
    shared by all teams (the never-trained teams show it) is not taken for the training.
    """
    from werkplaats.stats.glm import fit_logit

    data = signals[signals["contactpoging"]]
    trained = data["getraind"].astype(bool)
    if trained.nunique() < 2 or data["bereikt"].nunique() < 2:
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
    attempt and at least ``window`` days of follow-up (``n``), reached within ``window``
    days, households, and the share reached. The training month itself (0) is left out: it
    mixes signals from before and after the training."""
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
    table["bereikt"] = table["bereikt"].astype("int64")
    table["aandeel"] = table["bereikt"] / table["n"]
    return table


def training_its(monthly: pd.DataFrame) -> ITSFit | None:
    """Segmented regression of the monthly share reached (``monthly`` of
    :func:`monthly_reach`), pooled over the trained teams (one intercept per team, weighted
    by the number of signals); None without months on both sides or with fewer than 5 months."""
    from werkplaats.stats.its import segmented_regression

    before, after = monthly[monthly["maand"] < 0], monthly[monthly["maand"] > 0]
    if before.empty or after.empty or monthly["maand"].nunique() < 5:
        return None
    return segmented_regression(monthly, outcome="aandeel", time="maand", interruption=1, weights="n",
                                series="team")
