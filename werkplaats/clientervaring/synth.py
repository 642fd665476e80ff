"""Synthetic Wmo client-experience survey (cliëntervaringsonderzoek) with planted effects.

Every respondent has a latent satisfaction; each statement is that satisfaction plus
item, gemeente, background and year effects plus noise, cut into the five Likert answers
(an ordered probit). The response over-represents younger clients and men relative to the
client population, and older clients agree more, so raking to the population matters.
The free-text ``toelichting`` sometimes holds fake names, phone numbers, e-mail addresses
and BSNs (elfproef-valid): the workbench must never let them reach an output.

>>> tables = generate(np.random.default_rng(1))
>>> sorted(tables), tables["clientervaring_antwoorden"]["gemeente"].nunique()
(['clientervaring_antwoorden', 'clientervaring_populatie'], 5)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from werkplaats.clientervaring.scoring import DONT_KNOW, LIKERT_LABELS

__all__ = [
    "AGE_EFFECT", "GEMEENTEN", "PLANTED", "RESPONDENTS", "RESPONSE_BY_AGE", "TINY_GEMEENTE", "fake_bsn",
    "fake_identifiers", "generate",
]

GEMEENTEN = {"Amersfoort": "GM0307", "Utrecht": "GM0344", "Nieuwegein": "GM0356",
             "Woerden": "GM0632", "Leusden": "GM0327"}
TINY_GEMEENTE = ("Veenendaal", "GM0345")
RESPONDENTS = {"Amersfoort": 420, "Utrecht": 600, "Nieuwegein": 260, "Woerden": 230, "Leusden": 140}
AGES = ["18-64", "65-74", "75-84", "85+"]
SEXES = ["man", "vrouw"]
FILLED_BY = ["cliënt zelf", "met hulp van een ander", "door een ander"]
SERVICES = ["hulp bij het huishouden", "hulpmiddelen", "woningaanpassing", "begeleiding", "vervoer"]

POPULATION_AGE = {"default": [0.12, 0.16, 0.30, 0.42], "Woerden": [0.06, 0.10, 0.30, 0.54]}
WOMEN_BY_AGE = [0.55, 0.58, 0.65, 0.72]
RESPONSE_BY_AGE = [1.8, 1.4, 0.9, 0.5]  # relative response propensity per age class
RESPONSE_BY_SEX = [1.0, 0.8]  # man, vrouw
RESPONSE_RATE = 0.30  # overall; earlier years respond 10% less
FILLED_BY_AGE = [[0.75, 0.17, 0.08], [0.70, 0.20, 0.10], [0.55, 0.30, 0.15], [0.35, 0.35, 0.30]]

# Ordered probit: share agreeing of the reference respondent (Amersfoort, 18-64, man, cliënt zelf).
BASE_AGREE = {"v01": 0.80, "v02": 0.70, "v03": 0.85, "v04": 0.78, "v06": 0.82,
              "v07": 0.80, "v08": 0.72, "v09": 0.76, "v10": 0.74}
CUTS = [-1.5, -0.8, 0.0, 1.28]  # latent cut points between the five answers (total SD 1)
LOADING = 0.7  # latent satisfaction shared by all statements (alpha of the nine about 0.9)
AGE_EFFECT = [0.0, 0.10, 0.25, 0.40]
WOMAN_EFFECT = 0.05
FILLED_BY_EFFECT = [0.0, 0.05, 0.10]
GEMEENTE_EFFECT = {"Amersfoort": 0.0, "Utrecht": 0.15, "Nieuwegein": 0.0, "Woerden": 0.0, "Leusden": -0.40}
ITEM_GEMEENTE_EFFECT = {("Nieuwegein", "v02"): -0.35}
YEAR_EFFECT_V02 = 0.25  # v02 in the last year versus earlier years, everywhere
DONT_KNOW_RATE = {"v01": 0.03, "v02": 0.04, "v03": 0.05, "v04": 0.08, "v06": 0.04,
                  "v07": 0.05, "v08": 0.07, "v09": 0.06, "v10": 0.06}
EMPTY_RATE = 0.025
YES_V05 = {"default": 0.38, "Utrecht": 0.48}
TOELICHTING_RATE = 0.35

PLANTED = {
    "agreement": "reference respondent agrees with v01-v10 in 70-85% (BASE_AGREE); typical shares 75-92%",
    "Leusden": "all Likert statements -0.40 probit: clearly lower, v03 below the funnel's lower limits",
    "Utrecht": "all Likert statements +0.15 probit; v05 'ja' 48% instead of 38%",
    "Nieuwegein": "only v02 (snel geholpen) -0.35 probit",
    "Woerden": "no own effect, but an older client population with more proxy answers: the crude "
               "shares are higher, the case-mix adjusted shares equal Amersfoort's",
    "case-mix": "older clients agree more (probit +0.10/+0.25/+0.40 for 65-74/75-84/85+), women +0.05, "
                "'met hulp' +0.05, 'door een ander' +0.10",
    "response": "respondents are a binomial sample of the population cells, overall rate 30%; younger "
                "clients and men respond more (propensity 1.8/1.4/0.9/0.5 by age, women 0.8): raked "
                "shares are higher than unweighted ones",
    "trend": "v02 +0.25 probit in the last year compared with earlier years, in every gemeente",
    "reliability": "one latent satisfaction with loading 0.7: Cronbach's alpha of the nine about 0.9",
    "missing": "weet niet / n.v.t. 3-8% per statement, 2.5% empty",
    "privacy": "toelichting sometimes holds fake names, 06-numbers, e-mail addresses and elfproef-valid "
               "BSNs; "
               "identifier_columns=True adds bsn, naam, telefoon, email and an extra column with BSNs",
    "tiny": "tiny=True adds Veenendaal with 6 respondents in the last year (below min_cel)",
}

FIRST_NAMES = ["Jantje", "Fenna", "Gerrit", "Sanne", "Mohamed", "Anouk", "Kees", "Fatima", "Wim", "Ilse"]
LAST_NAMES = ["Pietersma", "van Dijkhuizen", "el Amrani", "de Boerhaave", "Kuipersma", "Zwartveld"]
PLAIN_REMARKS = [
    "Heel tevreden over de hulp.", "De wachttijd was lang.", "Fijn dat er iemand meedacht.",
    "Het duurde weken voordat de scootmobiel er was.", "De huishoudelijke hulp wisselt te vaak.",
    "Ik weet niet goed bij wie ik terecht kan.", "Prima geregeld, dank u wel.",
]


def generate(rng: np.random.Generator, *, years: Sequence[int] = (2024, 2025), scale: float = 1.0,
             tiny: bool = False, identifier_columns: bool = False) -> dict[str, pd.DataFrame]:
    """Answers and population in the raw-data contract (strings as in a CSV), see ``PLANTED``.

    ``scale`` multiplies the population and so the number of respondents (about
    ``RESPONDENTS`` in the last year); ``tiny`` adds a gemeente below ``min_cel``.
    """
    gemeenten = dict(GEMEENTEN)
    if tiny:
        gemeenten[TINY_GEMEENTE[0]] = TINY_GEMEENTE[1]
    counts = {g: _population_counts(g, scale) for g in gemeenten}
    blocks = []
    last = max(years)
    for year in sorted(years):
        for g in gemeenten:
            cells = _responding_cells(rng, g, counts[g], 1.0 if year == last else 0.9)
            if len(cells) and (year == last or g != TINY_GEMEENTE[0]):
                blocks.append(_respondents(rng, g, year, cells, last))
    answers = pd.concat(blocks, ignore_index=True)
    answers.insert(0, "respondent_id", [f"R{i:06d}" for i in range(1, len(answers) + 1)])
    answers["toelichting"] = _toelichting(rng, len(answers))
    if identifier_columns:
        answers = _add_identifier_columns(rng, answers)
    population = _population(gemeenten, counts)
    return {"clientervaring_antwoorden": answers, "clientervaring_populatie": population}


def _age_shares(g: str) -> np.ndarray:
    return np.asarray(POPULATION_AGE.get(g, POPULATION_AGE["default"]))


def _population_counts(g: str, scale: float) -> np.ndarray:
    """Clients per (age, sex) cell, 4 x 2."""
    women = np.asarray(WOMEN_BY_AGE)
    shares = _age_shares(g)[:, None] * np.column_stack([1 - women, women])
    total = 60 if g == TINY_GEMEENTE[0] else RESPONDENTS[g] * scale / RESPONSE_RATE
    return np.maximum(np.round(shares * total).astype(int), 1)


def _responding_cells(rng: np.random.Generator, g: str, counts: np.ndarray, factor: float) -> np.ndarray:
    """Cell index (age * 2 + sex) of every respondent: a binomial sample of each population cell."""
    propensity = np.asarray(RESPONSE_BY_AGE)[:, None] * np.asarray(RESPONSE_BY_SEX)[None, :]
    rate = np.clip(RESPONSE_RATE * factor * propensity * counts.sum() / (counts * propensity).sum(), 0, 0.9)
    if g == TINY_GEMEENTE[0]:
        return rng.choice(8, size=6, replace=True, p=(counts * rate).ravel() / (counts * rate).sum())
    return np.repeat(np.arange(8), rng.binomial(counts.ravel(), rate.ravel()))


def _respondents(rng: np.random.Generator, g: str, year: int, cell: np.ndarray, last: int) -> pd.DataFrame:
    n = len(cell)
    age, sex = cell // 2, cell % 2
    filled = np.array([rng.choice(3, p=FILLED_BY_AGE[a]) for a in age])
    shift = (np.take(AGE_EFFECT, age) + WOMAN_EFFECT * sex + np.take(FILLED_BY_EFFECT, filled)
             + GEMEENTE_EFFECT.get(g, 0.0))
    latent = rng.normal(size=n)
    table = pd.DataFrame({
        "gemeente": g, "gemeente_code": GEMEENTEN.get(g, TINY_GEMEENTE[1]), "jaar": str(year),
        "leeftijdsklasse": np.take(AGES, age), "geslacht": np.take(SEXES, sex),
        "voorziening": rng.choice(SERVICES, size=n, p=[0.35, 0.25, 0.10, 0.20, 0.10]),
        "ingevuld_door": np.take(FILLED_BY, filled),
    })
    for item in [f"v{i:02d}" for i in range(1, 11)]:
        if item == "v05":
            yes = rng.random(n) < YES_V05.get(g, YES_V05["default"])
            table[item] = np.where(yes, "ja", "nee")
        else:
            mu = _item_mean(item, g, year == last) + shift
            table[item] = _likert_answers(rng, mu, latent, item)
        table.loc[rng.random(n) < EMPTY_RATE, item] = ""
    return table


def _item_mean(item: str, g: str, last_year: bool) -> float:
    from scipy.stats import norm

    mu = norm.ppf(BASE_AGREE[item]) + ITEM_GEMEENTE_EFFECT.get((g, item), 0.0)
    if item == "v02" and not last_year:
        mu -= YEAR_EFFECT_V02
    return float(mu)


def _likert_answers(rng: np.random.Generator, mu: np.ndarray, latent: np.ndarray, item: str) -> np.ndarray:
    noise = rng.normal(size=len(mu)) * np.sqrt(1 - LOADING**2)
    score = np.searchsorted(CUTS, mu + LOADING * latent + noise)
    answers = np.take(LIKERT_LABELS, score).astype(object)
    answers[rng.random(len(mu)) < DONT_KNOW_RATE[item]] = DONT_KNOW
    return answers


def _population(gemeenten: dict[str, str], counts: dict[str, np.ndarray]) -> pd.DataFrame:
    rows = []
    for g, code in gemeenten.items():
        for a, age in enumerate(AGES):
            for s, sex in enumerate(SEXES):
                rows.append({"gemeente": g, "gemeente_code": code, "leeftijdsklasse": age,
                             "geslacht": sex, "aantal_clienten": str(counts[g][a, s])})
    return pd.DataFrame(rows)


def fake_bsn(rng: np.random.Generator) -> str:
    """A random 9-digit number that passes the BSN eleven test (never a real person's on purpose).

    >>> from werkplaats.privacy import is_bsn
    >>> is_bsn(fake_bsn(np.random.default_rng(3)))
    True
    """
    while True:
        digits = [int(rng.integers(1, 10))] + [int(d) for d in rng.integers(0, 10, size=7)]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=False)) % 11
        if check < 10:
            return "".join(map(str, digits + [check]))


def fake_identifiers(rng: np.random.Generator) -> dict[str, str]:
    """A fake name, 06-number, e-mail address and BSN."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    mail = f"{first}.{last}".lower().replace(" ", "") + "@voorbeeldmail.nl"
    return {"naam": f"{first} {last}", "telefoon": "06-" + "".join(map(str, rng.integers(0, 10, 8))),
            "email": mail, "bsn": fake_bsn(rng)}


def _toelichting(rng: np.random.Generator, n: int) -> list[str]:
    templates = [
        "Mijn dochter {naam} heeft geholpen met invullen.", "Bel mij gerust terug op {telefoon}.",
        "Graag contact via {email} over de trapliftaanvraag.",
        "Mijn BSN is {bsn}, dat klopt niet in uw brief.",
        "Mevrouw {naam} van het wijkteam was erg behulpzaam, haar nummer is {telefoon}.",
    ]
    out = []
    for _ in range(n):
        draw = rng.random()
        if draw > TOELICHTING_RATE:
            out.append("")
        elif draw < 0.12:
            out.append(str(rng.choice(templates)).format(**fake_identifiers(rng)))
        else:
            out.append(str(rng.choice(PLAIN_REMARKS)))
    return out


def _add_identifier_columns(rng: np.random.Generator, answers: pd.DataFrame) -> pd.DataFrame:
    people = [fake_identifiers(rng) for _ in range(len(answers))]
    out = answers.copy()
    for col in ("bsn", "naam", "telefoon", "email"):
        out[col] = [p[col] for p in people]
    out["notitie_medewerker"] = [f"dossier {p['bsn']}" for p in people]
    return out
