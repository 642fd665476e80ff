"""Synthetic early-debt signals (``vroegsignalering_signalen``) with a planted training effect.

The data-generating model, vectorised (a million signals in a few seconds):

- households live in one of six gemeenten (share by population) and are served by one of
  its outreach teams; team A of every gemeente is trained during the period, the last team
  never, the others with probability ``p_team_trained`` (training dates between 6 months
  after the start and 6 months before the end);
- every signal belongs to a household (about 1.7 signals per household); a share
  ``p_clustered`` arrives within 14 days of the household's first arrears (several
  creditors at once, so signals bundle into meldingen), the rest at any time;
- source mix 45 / 25 / 19 / 11% (health insurer, energy, landlord, water), arrears
  log-normal with a median per source;
- a contact attempt follows for ``p_attempt`` of the signals, 1–7 days after the signal;
- the household is reached with log-odds ``REACH_LOG_ODDS + source + team offset +
  training_log_odds · trained`` (trained = signal on or after the team's training date;
  source and training independent, so leaving the source out of the training model
  attenuates its log-odds by well under 1%); the contact follows
  the attempt after a gamma-distributed delay, shorter for some sources and for trained
  teams;
- reached households accept help with log-odds by source and log arrears (about 35%);
  of the others ``p_known`` are already known to debt counselling;
- whatever would happen after ``end`` (the extraction date) has not happened yet: the
  contact (and the outcome) is empty, an attempt within ``open_days`` before ``end``
  without contact is still open.

``PLANTED`` documents the default effects.

>>> tables = generate(np.random.default_rng(1), n_signals=500)
>>> data = tables["vroegsignalering_signalen"]
>>> len(data), data["bron"].isin(BRONNEN).all()
(500, np.True_)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["BRONNEN", "DEFAULTS", "GEMEENTEN", "NAME", "PLANTED", "generate"]

NAME = "vroegsignalering_signalen"
GEMEENTEN = {  # CBS code, share of signals (about the population), number of teams
    "Utrecht": ("GM0344", 0.46, 4),
    "Amersfoort": ("GM0307", 0.20, 3),
    "Nieuwegein": ("GM0356", 0.09, 2),
    "Veenendaal": ("GM0345", 0.09, 2),
    "Woerden": ("GM0632", 0.09, 2),
    "Leusden": ("GM0327", 0.07, 2),
}
BRONNEN = ("zorgverzekeraar", "energieleverancier", "woningcorporatie", "drinkwaterbedrijf")
SOURCE_SHARES = (0.45, 0.25, 0.19, 0.11)
MEDIAN_EURO = (280.0, 420.0, 950.0, 120.0)
SIGMA_LOG_EURO = 0.6
REACH_LOG_ODDS = -0.85
REACH_SOURCE = (0.0, 0.15, 0.2, -0.2)  # log-odds of being reached, per source
DELAY_SHAPE, DELAY_SCALE = 1.5, 9.0
DELAY_FACTOR = (1.0, 0.85, 0.8, 1.25)  # per source: < 1 is faster contact
ACCEPT_LOG_ODDS = -0.72
ACCEPT_SOURCE = (0.0, 0.1, 0.3, -0.25)
ACCEPT_LOG_EURO = 0.15
OUTCOMES = ("hulp geaccepteerd", "hulp geweigerd", "al bekend bij schuldhulp", "niet bereikt")
DEFAULTS = {"n_signals": 6000, "start": "2024-07-01", "end": "2026-06-30", "signals_per_household": 1.7,
            "p_clustered": 0.75, "p_attempt": 0.9, "training_log_odds": 0.5, "training_delay_factor": 0.8,
            "sd_team": 0.25, "p_team_trained": 0.5, "p_known": 0.15, "open_days": 14}

PLANTED = {
    "training_log_odds_reach": DEFAULTS["training_log_odds"],
    "training_reach": "among signals with a contact attempt, reached has log-odds +0.5 (odds ratio 1.65) "
                      "once the team is trained, within every team (team offsets N(0, 0.25²))",
    "training_delay_factor": "trained teams reach households after 0.8 times the delay",
    "reach_log_odds_by_source": dict(zip(BRONNEN, REACH_SOURCE, strict=True)),
    "source_shares": dict(zip(BRONNEN, SOURCE_SHARES, strict=True)),
    "median_arrears_euro": dict(zip(BRONNEN, MEDIAN_EURO, strict=True)),
    "contact_delay_factor": dict(zip(BRONNEN, DELAY_FACTOR, strict=True)),
    "accept_log_odds": {"(Intercept) at 280 euro": ACCEPT_LOG_ODDS,
                        **dict(zip(BRONNEN[1:], ACCEPT_SOURCE[1:], strict=True)),
                        "log_achterstand": ACCEPT_LOG_EURO},
    "accept_share_of_reached": "about 35%",
    "censoring": "nothing happens after `end`: recent signals are less often reached (right-censoring)",
}


def _dates(days: np.ndarray, start: np.datetime64, span: int) -> np.ndarray:
    """Day offsets (NaN = missing) to ISO date strings ('' = missing), via a table of all days."""
    labels = np.append((start + np.arange(span + 1)).astype(str).astype(object), "")
    return labels[np.where(np.isnan(days), span + 1, np.nan_to_num(days)).astype(int)]


def _codes(prefix: str, n: int, width: int) -> np.ndarray:
    """``prefix`` + zero-padded 1..n as an object array."""
    return np.array([f"{prefix}{i:0{width}d}" for i in range(1, n + 1)], dtype=object)


def _teams(rng: np.random.Generator, p_trained: float, span: int) -> pd.DataFrame:
    """One row per team: gemeente, name, training day (NaN = never)."""
    rows = []
    for gemeente, (_code, _share, n_teams) in GEMEENTEN.items():
        for k in range(n_teams):
            trained = k == 0 or (k < n_teams - 1 and rng.random() < p_trained)
            day = rng.integers(182, span - 182) if trained else np.nan
            rows.append({"gemeente": gemeente, "team": f"{gemeente} team {chr(65 + k)}", "dag": day})
    return pd.DataFrame(rows)


def _households(rng: np.random.Generator, n: int, teams: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per household: gemeente index and team row (a team of its own gemeente)."""
    names = list(GEMEENTEN)
    shares = np.array([v[1] for v in GEMEENTEN.values()])
    gemeente = rng.choice(len(names), size=n, p=shares / shares.sum())
    first = teams.groupby("gemeente", sort=False).cumcount().eq(0).to_numpy().nonzero()[0]
    counts = np.array([v[2] for v in GEMEENTEN.values()])
    team = first[gemeente] + (rng.random(n) * counts[gemeente]).astype(int)
    return gemeente, team


def _signal_days(rng: np.random.Generator, household: np.ndarray, n_households: int, last: int,
                 p_clustered: float) -> np.ndarray:
    anchor = rng.integers(0, last + 1, size=n_households)
    clustered = rng.random(len(household)) < p_clustered
    near = np.minimum(anchor[household] + rng.integers(0, 15, size=len(household)), last)
    return np.where(clustered, near, rng.integers(0, last + 1, size=len(household)))


def _outreach(rng: np.random.Generator, sig: pd.DataFrame, o: dict[str, Any]) -> pd.DataFrame:
    """Attempt and contact day offsets and the outcome (before censoring)."""
    n = len(sig)
    attempt = np.where(rng.random(n) < o["p_attempt"], sig["dag"] + rng.integers(1, 8, size=n), np.nan)
    logit = REACH_LOG_ODDS + np.array(REACH_SOURCE)[sig["bron"]] + sig["team_effect"] \
        + o["training_log_odds"] * sig["trained"]
    reached = ~np.isnan(attempt) & (rng.random(n) < 1 / (1 + np.exp(-logit)))
    factor = np.array(DELAY_FACTOR)[sig["bron"]] * np.where(sig["trained"], o["training_delay_factor"], 1.0)
    delay = np.ceil(rng.gamma(DELAY_SHAPE, DELAY_SCALE, size=n) * factor)
    contact = np.where(reached, attempt + delay, np.nan)
    accept_logit = ACCEPT_LOG_ODDS + np.array(ACCEPT_SOURCE)[sig["bron"]] \
        + ACCEPT_LOG_EURO * np.log(sig["euro"] / MEDIAN_EURO[0])
    accept = rng.random(n) < 1 / (1 + np.exp(-accept_logit))
    known = rng.random(n) < o["p_known"]
    outcome = np.where(~reached, 3, np.where(accept, 0, np.where(known, 2, 1)))
    return pd.DataFrame({"poging": attempt, "contact": contact, "uitkomst": outcome})


def _censor(out: pd.DataFrame, span: int, open_days: int) -> pd.DataFrame:
    """Nothing after the extraction date; recent attempts without contact are still open."""
    out = out.copy()
    late_contact = out["contact"] > span
    out.loc[late_contact, "contact"] = np.nan
    out.loc[out["poging"] > span, "poging"] = np.nan
    recent = out["contact"].isna() & (out["poging"] > span - open_days)
    still_open = late_contact | out["poging"].isna() | recent
    out["uitkomst"] = out["uitkomst"].where(~still_open, len(OUTCOMES))  # index of "" (open)
    return out


def generate(rng: np.random.Generator, **options: Any) -> dict[str, pd.DataFrame]:
    """Synthetic ``vroegsignalering_signalen`` (raw strings and numbers as in a CSV).

    Options (see ``DEFAULTS``): n_signals, start, end (extraction date), signals_per_household,
    p_clustered, p_attempt, training_log_odds, training_delay_factor, sd_team, p_team_trained,
    p_known, open_days.
    """
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    o = {**DEFAULTS, **options}
    n = int(o["n_signals"])
    start, end = np.datetime64(o["start"], "D"), np.datetime64(o["end"], "D")
    span = int((end - start) / np.timedelta64(1, "D"))
    teams = _teams(rng, o["p_team_trained"], span)
    teams["effect"] = rng.normal(0, o["sd_team"], size=len(teams))
    n_households = max(1, round(n / o["signals_per_household"]))
    hh_gemeente, hh_team = _households(rng, n_households, teams)
    household = rng.integers(0, n_households, size=n)
    day = _signal_days(rng, household, n_households, span - 21, o["p_clustered"])
    order = np.argsort(day, kind="stable")  # signal ids in order of arrival
    household, day = household[order], day[order]
    team = hh_team[household]
    bron = rng.choice(4, size=n, p=SOURCE_SHARES)
    euro = np.array(MEDIAN_EURO)[bron] * np.exp(rng.normal(0, SIGMA_LOG_EURO, n))
    euro = np.maximum(np.round(euro, 2), 1.0)
    training = teams["dag"].to_numpy(float)[team]
    sig = pd.DataFrame({"dag": day, "bron": bron, "euro": euro,
                        "team_effect": teams["effect"].to_numpy()[team],
                        "trained": day >= np.nan_to_num(training, nan=np.inf)})
    out = _censor(_outreach(rng, sig, o), span, o["open_days"])
    width = max(6, len(str(n)))
    names = np.array(list(GEMEENTEN), dtype=object)
    codes = np.array([v[0] for v in GEMEENTEN.values()], dtype=object)
    table = pd.DataFrame({
        "signaal_id": _codes("S", n, width), "huishouden_id": _codes("H", n_households, width)[household],
        "gemeente": names[hh_gemeente[household]], "gemeente_code": codes[hh_gemeente[household]],
        "bron": np.array(BRONNEN, dtype=object)[bron],
        "signaal_datum": _dates(day.astype(float), start, span),
        "achterstand_euro": euro, "team": teams["team"].to_numpy(dtype=object)[team],
        "team_getraind_op": _dates(training, start, span),
        "contactpoging_datum": _dates(out["poging"].to_numpy(), start, span),
        "contact_datum": _dates(out["contact"].to_numpy(), start, span),
        "uitkomst": np.array([*OUTCOMES, ""], dtype=object)[out["uitkomst"].to_numpy()],
    })
    return {NAME: table}
