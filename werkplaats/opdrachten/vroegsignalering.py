"""Exercises on early debt signalling: the funnel, time to contact, the training effect.

Every answer is computed from the student's own data with :mod:`werkplaats.vroegsignalering.funnel` and
:mod:`werkplaats.vroegsignalering.models` (peildatum: the latest date in the data, as in the report);
the typical mistakes with plain pandas. The synthetic signals plant a training effect on
being reached (odds ratio about 1.65, ``PLANTED`` of :mod:`werkplaats.vroegsignalering.synth`); the
source changes the chance of being reached a little, but the mix of sources is the same
before and after a training, so adding ``bron`` to the model changes the training effect little.

>>> [task.code for task in TASKS]
['vroegsignalering.1', 'vroegsignalering.2', 'vroegsignalering.3', 'vroegsignalering.4']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkplaats.opdrachten.check import CHOICE, NUMBER, Mistake, Task

__all__ = ["BRON", "DAY", "GEMEENTE", "TASKS"]

GEMEENTE = "Amersfoort"  # task 1
BRON = "energieleverancier"  # task 2
DAY = 30


def signals(s) -> pd.DataFrame:
    """The prepared signals (one row per signal, peildatum = latest date in the data)."""
    from werkplaats.lines import load_line
    from werkplaats.vroegsignalering import prepare

    return s.cached("vroegsignalering.signals", lambda: prepare(load_line("vroegsignalering", s.folder)).signals)


# ---- task 1: share reached among signals with a contact attempt -----------------------------

def funnel_table(s) -> pd.DataFrame:
    from werkplaats.vroegsignalering.funnel import funnel

    return s.cached("vroegsignalering.funnel", lambda: funnel(signals(s), "gemeente").set_index("gemeente"))


def share_reached(s) -> float:
    """``bereikt / contactpoging`` in :data:`GEMEENTE` (the funnel's ``aandeel_bereikt``)."""
    return float(funnel_table(s).loc[GEMEENTE, "aandeel_bereikt"])


def share_reached_mistakes(s) -> list[Mistake]:
    data = signals(s)
    own = data[data["gemeente"] == GEMEENTE]
    reached = own["bereikt"].sum()
    out = [
        Mistake(reached / len(own), "let op de noemer: gevraagd is het aandeel van de signalen mét een "
                                    "contactpoging, niet van alle signalen."),
        Mistake(reached / own["huishouden"].nunique(), "let op de noemer: tel signalen met een "
                                                       "contactpoging, geen huishoudens."),
        Mistake(own["geaccepteerd"].sum() / reached,
                "dit is het aandeel bereikten dat hulp accepteerde; gevraagd is het aandeel pogingen dat "
                "tot contact leidde."),
        Mistake(own["contactpoging"].mean(), "dit is het aandeel signalen met een contactpoging; gevraagd is "
                                             "welk deel daarvan bereikt werd."),
        Mistake(1 - share_reached(s), "dit is het aandeel dat níet bereikt werd."),
        Mistake(float(reached), "dit is een aantal; deel door het aantal signalen met een contactpoging."),
    ]
    attempts = data[data["contactpoging"]]
    out.append(Mistake(attempts["bereikt"].mean(), f"dit is het aandeel in alle gemeenten samen; neem "
                                                   f"alleen {GEMEENTE}."))
    for other in funnel_table(s).index.drop([GEMEENTE, "totaal"], errors="ignore"):
        out.append(Mistake(funnel_table(s).loc[other, "aandeel_bereikt"],
                           f"dit is het aandeel in {other}; gevraagd is {GEMEENTE}."))
    return out


# ---- task 2: Kaplan-Meier share reached by day 30 -------------------------------------------

def contact_table(s) -> pd.DataFrame:
    from werkplaats.vroegsignalering.models import time_to_contact

    return s.cached("vroegsignalering.km", lambda: time_to_contact(signals(s))[1].set_index("bron"))


def reached_by_day(s) -> float:
    """Kaplan–Meier share of :data:`BRON` signals reached by day :data:`DAY` (censored at the peildatum)."""
    return float(contact_table(s).loc[BRON, f"day_{DAY}"])


def reached_by_day_mistakes(s) -> list[Mistake]:
    from werkplaats.stats.survival import kaplan_meier, share_by_time

    data = signals(s)
    table = contact_table(s)
    everyone = share_by_time(kaplan_meier(data["dagen"], data["bereikt"]), [DAY])["share"].iloc[0]
    own = data[data["bron"].astype(object) == BRON]
    within = own["bereikt"] & (own["dagen"] <= DAY)
    out = [
        Mistake(table.loc[BRON, "day_14"], f"dit is het aandeel na 14 dagen; gevraagd is {DAY} dagen."),
        Mistake(table.loc[BRON, "day_60"], f"dit is het aandeel na 60 dagen; gevraagd is {DAY} dagen."),
        Mistake(everyone, f"dit is het aandeel voor alle bronnen samen; neem alleen signalen van {BRON}s."),
        Mistake(within[own["contactpoging"]].mean(), "let op de noemer: tel alle signalen van de bron mee, "
                                                     "ook die zonder contactpoging."),
        Mistake(1 - reached_by_day(s), f"dit is het aandeel dat na {DAY} dagen nog níet bereikt is."),
    ]
    for other in table.index.drop(BRON):
        out.append(Mistake(table.loc[other, f"day_{DAY}"],
                           f"dit is het aandeel voor {other}; gevraagd is {BRON}."))
    return out


# ---- task 3 and 4: the training ---------------------------------------------------------------

def training_frame(s) -> pd.DataFrame:
    """Signals with a contact attempt: bereikt (0/1), getraind (0/1), team, bron."""
    data = signals(s)
    data = data[data["contactpoging"]]
    return pd.DataFrame({"bereikt": data["bereikt"].astype(int), "getraind": data["getraind"].astype(int),
                         "team": data["team"].astype(object), "bron": data["bron"].astype(object)})


def training_fit(s, terms: str):
    """Logistic regression ``bereikt ~ terms`` among signals with a contact attempt."""
    from werkplaats.stats.glm import fit_logit

    return s.cached(f"vroegsignalering.training.{terms}",
                    lambda: fit_logit(training_frame(s), f"bereikt ~ {terms}"))


def training_odds_ratio(s) -> float:
    """Odds ratio of being reached, trained versus untrained, with team fixed effects."""
    from werkplaats.vroegsignalering.models import training_model

    fit = s.cached("vroegsignalering.training", lambda: training_model(signals(s)))
    return float(fit.odds_ratio("getraind")["odds_ratio"])


def training_mistakes(s) -> list[Mistake]:
    from werkplaats.vroegsignalering.models import training_model

    right = training_odds_ratio(s)
    calendar = s.cached("vroegsignalering.calendar",
                        lambda: training_model(signals(s), calendar=True))
    return [
        Mistake(np.log(right), "dit is de log-odds (de coëfficiënt); de odds-ratio is exp(coëfficiënt)."),
        Mistake(1 / right,
                "de verhouding is omgedraaid: gevraagd is getraind ten opzichte van niet getraind."),
        Mistake(training_fit(s, "getraind").odds_ratio("getraind")["odds_ratio"],
                "dit is de odds-ratio zonder de teams in het model; vergelijk binnen teams (team als "
                "factor)."),
        Mistake(calendar.odds_ratio("getraind")["odds_ratio"],
                "dit is het model met kwartalen; gevraagd is het model met alleen de teams."),
        Mistake(float(training_frame(s)["bereikt"].mean()),
                "dit is het aandeel bereikt; gevraagd is de odds-ratio."),
    ]


WITH_BRON = {
    "nauwelijks": "Het trainingseffect verandert nauwelijks: de bronnen komen vóór en na de training ongeveer "
                  "even vaak voor, dus bron verklaart niet waarom getrainde teams vaker iemand bereiken.",
    "veel_kleiner": "Het trainingseffect wordt duidelijk kleiner: na de training kwamen er meer signalen van "
                    "bronnen die makkelijk te bereiken zijn, dus een deel van het effect kwam door de bronnen.",
    "geen_effect": "Het trainingseffect verdwijnt: met bron in het model ligt de odds-ratio van getraind bij 1, "
                   "dus het verschil tussen getrainde en andere teams kwam helemaal door de mix van bronnen.",
    "tekstkolom": "Bron kan niet als covariaat in een logistisch model, want het is een tekstkolom en geen "
                  "getal; je moet de vier bronnen daarom eerst zelf omzetten in een getal van 1 tot en met 4.",
}
WITH_BRON_NOT = {
    "nauwelijks": "vergelijk de twee odds-ratio's (of hun coëfficiënten) met de standaardfout: is het verschil "
                  "klein?",
    "veel_kleiner": "vergelijk de twee odds-ratio's: is het verschil groot ten opzichte van de standaardfout?",
    "geen_effect": "kijk naar de odds-ratio van getraind in het model met bron: ligt die bij 1?",
    "tekstkolom": "een tekstkolom kan met C(bron) als factor in het model: elke bron krijgt een eigen "
                  "coëfficiënt.",
}


def with_bron_reading(s) -> str:
    """``nauwelijks`` when adding bron moves the training log-odds by less than half its
    standard error, else ``veel_kleiner``."""
    plain = training_fit(s, "getraind + C(team)").table.loc["getraind"]
    with_bron = training_fit(s, "getraind + C(team) + C(bron)").table.loc["getraind"]
    return "nauwelijks" if abs(with_bron["estimate"] - plain["estimate"]) < 0.5 * plain["se"] else "veel_kleiner"


TASKS = [
    Task("vroegsignalering.1", f"Aandeel bereikt van de signalen met een contactpoging in {GEMEENTE}", NUMBER,
         solve=share_reached, mistakes=share_reached_mistakes,
         hint="Deel het aantal bereikte signalen door het aantal signalen met een contactpoging."),
    Task("vroegsignalering.2", f"Aandeel {BRON}-signalen bereikt binnen {DAY} dagen (Kaplan-Meier)", NUMBER,
         solve=reached_by_day, mistakes=reached_by_day_mistakes,
         hint="Gebruik time_to_contact en de kolom day_30 (Kaplan-Meier, alle signalen van de bron)."),
    Task("vroegsignalering.3", "Odds-ratio van de training (binnen teams)", NUMBER, solve=training_odds_ratio,
         mistakes=training_mistakes, unit="verhouding",
         hint="Gebruik training_model en odds_ratio(\"getraind\")."),
    Task("vroegsignalering.4", "Wat doet bron als covariaat met het trainingseffect?", CHOICE,
         solve=with_bron_reading, choices=WITH_BRON, why_not=WITH_BRON_NOT),
]
