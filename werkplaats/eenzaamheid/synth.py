"""Synthetic loneliness-intervention study (``eenzaamheid_metingen``) with a planted effect.

The data-generating model (a probit item-response model, so every expected score has a
closed form, see :func:`planted_effects`):

- participant level ``θ_i ~ N(MU + gemeente offset + baseline_difference · interventie, SD_PERSON²)``,
  plus a subscale-specific participant part ``N(0, SD_SUBSCALE²)`` for the emotional and
  the social items;
- per measurement an occasion part ``N(0, SD_OCCASION²)``, a common time trend ``TREND``
  and, in the intervention group, the latent effect ``effect[meting]``;
- item k is answered on the lonely side with probability ``Φ(η − THRESHOLDS[k])``; of those
  answers a share ``MIN_OF_MEER`` is ``min of meer``;
- every item is missing with probability ``p_missing_item`` (completely at random);
- drop-out before T1 and before T2 (logistic, lonelier participants drop out somewhat
  more when ``dropout_loneliness`` > 0), and a few participants skip T1 only.

``PLANTED`` documents the default effects, on the latent scale and on the DJG total and
subscales (expected score difference, interventie − controle at equal baseline loneliness).

>>> tables = generate(np.random.default_rng(1), n_participants=40)
>>> sorted(tables), tables["eenzaamheid_metingen"]["meting"].iloc[0]
(['eenzaamheid_metingen'], 'T0')
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from werkplaats.eenzaamheid.scoring import NEGATIVE, item_name

__all__ = ["DEFAULTS", "PLANTED", "expected_scores", "generate", "planted_effects"]

GEMEENTEN = {  # share of participants, latent offset, wijken
    "Amersfoort": (0.25, 0.0, ("Vathorst", "Schothorst", "Liendert", "Kattenbroek")),
    "Nieuwegein": (0.20, -0.05, ("Batau", "Galecop", "Zuilenstein", "Fokkesteeg")),
    "Utrecht": (0.35, 0.10, ("Overvecht", "Kanaleneiland", "Zuilen", "Leidsche Rijn")),
    "Veenendaal": (0.20, -0.10, ("Dragonder", "Petenbos", "Franse Gat", "Centrum")),
}
MU = 0.0
SD_PERSON, SD_SUBSCALE, SD_OCCASION = 0.9, 0.35, 0.55
THRESHOLDS = {1: 0.55, 2: 0.25, 3: 0.35, 4: 0.45, 5: -0.15, 6: 0.15, 7: -0.05, 8: 0.25, 9: 0.0, 10: 1.0,
              11: 0.5}
TREND = {"T0": 0.0, "T1": -0.05, "T2": -0.05}
EFFECT = {"T0": 0.0, "T1": -0.45, "T2": -0.25}
MIN_OF_MEER = 0.4
DEFAULTS = {"n_participants": 400, "effect": EFFECT, "baseline_difference": 0.25, "p_missing_item": 0.02,
            "dropout": (0.12, 0.15), "dropout_loneliness": 0.4, "skip_T1": 0.03}


def _phi(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def expected_scores(latent_shift: float, *, p_missing_item: float = 0.02) -> dict[str, float]:
    """Expected DJG total and subscales (11-item version, project missing rule) when every
    participant's latent level is shifted by ``latent_shift``, averaged over the gemeenten.

    The total counts a missing item as 0 when at most one item is missing, so its
    expectation given that it is known is ``(1 + 9p) / (1 + 10p)`` times the item sum.

    >>> round(expected_scores(0.0, p_missing_item=0.0)["djg_totaal"], 2)
    4.66
    """
    spread = math.sqrt(1 + SD_PERSON**2 + SD_SUBSCALE**2 + SD_OCCASION**2)
    p = p_missing_item
    known_share = (1 + 9 * p) / (1 + 10 * p)
    out = {"djg_totaal": 0.0, "djg_emotioneel": 0.0, "djg_sociaal": 0.0}
    for share, offset, _wijken in GEMEENTEN.values():
        for k, tau in THRESHOLDS.items():
            prob = share * _phi((MU + offset + latent_shift - tau) / spread)
            out["djg_totaal"] += known_share * prob
            out["djg_emotioneel" if k in NEGATIVE else "djg_sociaal"] += prob
    return out


def planted_effects(*, effect: dict[str, float] = EFFECT, baseline_difference: float = 0.25,
                    p_missing_item: float = 0.02, **_ignored) -> dict[str, dict[str, float]]:
    """The planted effect on the expected scores per meting: interventie − controle for
    intervention participants (their own baseline level, with versus without the effect).

    With ``baseline_difference=0`` (randomised groups) and drop-out unrelated to loneliness
    this is also the difference in expected score between the groups, the quantity ANCOVA,
    the change-score DiD and the mixed-model interaction estimate.

    >>> round(planted_effects(baseline_difference=0.0)["T1"]["djg_totaal"], 2)
    -1.18
    """
    out = {}
    for meting in ("T1", "T2"):
        base = baseline_difference + TREND[meting]
        with_effect = expected_scores(base + effect[meting], p_missing_item=p_missing_item)
        without = expected_scores(base, p_missing_item=p_missing_item)
        out[meting] = {k: with_effect[k] - without[k] for k in with_effect}
    return out


PLANTED = {
    "latent_effect": {k: v for k, v in EFFECT.items() if k != "T0"},
    "djg_effect": planted_effects(),
    "baseline_difference": "interventie 0.25 latent units (about 0.2 SD of the T0 total) lonelier at T0 "
                           "(non-randomised recruitment)",
    "trend": "both groups 0.05 latent units less lonely at T1 and T2",
    "dropout": "12% before T1 and 15% of the rest before T2; lonelier participants drop out more",
    "missing_items": "each item missing with probability 0.02 (completely at random)",
    "subgroups": "the latent effect is the same in every gemeente, age group and sex",
}


def _participants(rng: np.random.Generator, n: int, baseline_difference: float) -> pd.DataFrame:
    names = list(GEMEENTEN)
    gemeente = rng.choice(names, size=n, p=[GEMEENTEN[g][0] for g in names])
    wijk = np.empty(n, dtype=object)
    for name in names:
        here = gemeente == name
        wijk[here] = rng.choice(GEMEENTEN[name][2], size=int(here.sum()))
    interventie = rng.permutation(n) % 2 == 0  # two groups of (nearly) equal size
    z = rng.normal(size=n)
    offset = np.array([GEMEENTEN[g][1] for g in gemeente])
    theta = MU + offset + baseline_difference * interventie + SD_PERSON * z
    age = np.clip(np.round(76 + 7 * (0.25 * z + math.sqrt(1 - 0.25**2) * rng.normal(size=n))), 60, 98)
    sex = rng.choice(["vrouw", "man", "anders"], size=n, p=[0.6, 0.39, 0.01])
    width = max(4, len(str(n)))
    return pd.DataFrame({
        "deelnemer_id": [f"D{i + 1:0{width}d}" for i in range(n)], "gemeente": gemeente, "wijk": wijk,
        "groep": np.where(interventie, "interventie", "controle"), "leeftijd": age.astype(int),
        "geslacht": sex,
        "theta": theta, "u_emo": rng.normal(0, SD_SUBSCALE, n), "u_soc": rng.normal(0, SD_SUBSCALE, n),
        "start": pd.Timestamp("2025-01-13") + pd.to_timedelta(rng.integers(0, 108, n), unit="D"),
    })


def _present(rng: np.random.Generator, people: pd.DataFrame, dropout: tuple[float, float],
             loneliness: float, skip_t1: float) -> dict[str, np.ndarray]:
    """Which participants are measured at T0, T1 and T2."""
    centred = (people["theta"] - MU).to_numpy()
    def leaves(p: float) -> np.ndarray:
        chance = 1 / (1 + np.exp(-(math.log(p / (1 - p)) + loneliness * centred)))
        return rng.random(len(people)) < chance

    stays_1 = ~leaves(dropout[0])
    stays_2 = stays_1 & ~leaves(dropout[1])
    skips = rng.random(len(people)) < skip_t1
    return {"T0": np.ones(len(people), bool), "T1": stays_1 & ~(skips & stays_2), "T2": stays_2}


def _answers(rng: np.random.Generator, eta_emo: np.ndarray, eta_soc: np.ndarray,
             p_missing: float) -> dict[str, np.ndarray]:
    from scipy.special import ndtr

    out = {}
    for k, tau in THRESHOLDS.items():
        eta = eta_emo if k in NEGATIVE else eta_soc
        lonely = rng.random(len(eta)) < ndtr(eta - tau)
        soft = rng.random(len(eta)) < MIN_OF_MEER
        firm, calm = ("ja", "nee") if k in NEGATIVE else ("nee", "ja")
        answer = np.where(lonely, np.where(soft, "min of meer", firm), calm).astype(object)
        answer[rng.random(len(eta)) < p_missing] = ""
        out[item_name(k)] = answer
    return out


def _measurements(rng: np.random.Generator, people: pd.DataFrame, meting: str, effect: float,
                  p_missing: float) -> pd.DataFrame:
    n = len(people)
    treated = (people["groep"] == "interventie").to_numpy()
    eta = people["theta"].to_numpy() + TREND[meting] + effect * treated + rng.normal(0, SD_OCCASION, n)
    days = {"T0": 0, "T1": 91, "T2": 365}[meting] + (rng.integers(-14, 15, n) if meting != "T0" else 0)
    columns = {c: people[c].to_numpy() for c in ("deelnemer_id", "gemeente", "wijk", "groep")}
    columns["meting"] = np.full(n, meting, dtype=object)
    dates = people["start"] + pd.to_timedelta(days, unit="D")
    columns["meetdatum"] = dates.dt.strftime("%Y-%m-%d").to_numpy()
    columns["leeftijd"] = people["leeftijd"].to_numpy()
    columns["geslacht"] = people["geslacht"].to_numpy()
    emotional, social = eta + people["u_emo"].to_numpy(), eta + people["u_soc"].to_numpy()
    columns.update(_answers(rng, emotional, social, p_missing))
    return pd.DataFrame(columns, index=people.index)


def generate(rng: np.random.Generator, **options) -> dict[str, pd.DataFrame]:
    """``{"eenzaamheid_metingen": DataFrame}`` in the raw-data contract (strings and numbers).

    Options (defaults in ``DEFAULTS``): ``n_participants``, ``effect`` (latent effect per
    meting), ``baseline_difference``, ``p_missing_item``, ``dropout`` (before T1, before T2),
    ``dropout_loneliness`` (log-odds per latent unit), ``skip_T1``.
    """
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"unknown option(s) {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    opt = {**DEFAULTS, **options}
    effect = {**EFFECT, **opt["effect"]}
    people = _participants(rng, opt["n_participants"], opt["baseline_difference"])
    present = _present(rng, people, opt["dropout"], opt["dropout_loneliness"], opt["skip_T1"])
    parts = [_measurements(rng, people, m, effect[m], opt["p_missing_item"])[present[m]]
             for m in ("T0", "T1", "T2")]
    table = pd.concat(parts).sort_values(["deelnemer_id", "meting"], kind="stable").reset_index(drop=True)
    return {"eenzaamheid_metingen": table}
