"""Exercises on the loneliness study (eenzaamheid): prevalence, ANCOVA versus change scores, covariates.

Every answer is computed from the student's own data with the package :mod:`werkplaats.eenzaamheid`
(unprotected: exercise data are synthetic);
the typical mistakes with plain pandas on the same scored data. Why ANCOVA and the change
score differ comes from the synthetic study's planted design (``baseline_difference`` of
:mod:`werkplaats.eenzaamheid.synth`: the groups were not randomised).

>>> [task.code for task in TASKS]
['eenzaamheid.1', 'eenzaamheid.2', 'eenzaamheid.3', 'eenzaamheid.4', 'eenzaamheid.5']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from werkplaats.opdrachten.check import CHOICE, NUMBER, Mistake, Task

if TYPE_CHECKING:
    from werkplaats.opdrachten.data import ExerciseSet

__all__ = ["COVARIATES", "GEMEENTE", "TASKS"]

GEMEENTE = "Utrecht"  # the gemeente of task 1
COVARIATES = ("leeftijd", "geslacht")  # task 4


def scores(s: ExerciseSet) -> pd.DataFrame:
    """The scored measurements of the exercise data (one row per participant per meting)."""
    from werkplaats.eenzaamheid.preparation import score_measurements
    from werkplaats.validate import load_dataset

    return s.cached("eenzaamheid.scores", lambda: score_measurements(
        load_dataset("eenzaamheid_metingen", s.folder).data))


def effects(s: ExerciseSet, covariates: tuple[str, ...] = ()) -> pd.DataFrame:
    """ANCOVA and change-score estimates (no mixed model), optionally with covariates."""
    from werkplaats.eenzaamheid.effects import effect_table

    return s.cached(f"eenzaamheid.effects.{covariates}", lambda: effect_table(
        scores(s), covariates=list(covariates), mixed=False))


def estimate(s: ExerciseSet, method: str, meting: str = "T1", column: str = "effect",
             covariates: tuple[str, ...] = ()) -> float:
    """One number of the effect table: ``method`` at ``meting``."""
    table = effects(s, covariates)
    row = table[(table["methode"] == method) & (table["meting"] == meting)]
    return float(row[column].iloc[0])


def mixed_interaction(s: ExerciseSet, meting: str = "T1") -> float:
    """The mixed model's meting x groep interaction at ``meting``."""
    from werkplaats.eenzaamheid.effects import mixed_model

    fit = s.cached("eenzaamheid.mixed", lambda: mixed_model(scores(s)))
    return float(fit.table.loc[f"meting{meting}:groepinterventie", "estimate"])


# ---- task 1: share lonely at T0 in one gemeente ---------------------------------------------

def share_lonely(s: ExerciseSet) -> float:
    """Share ``eenzaam`` (DJG total >= 3) at T0 in :data:`GEMEENTE`, among known totals."""
    from werkplaats.eenzaamheid.describe import prevalence

    data = scores(s)
    t0 = data[(data["gemeente"] == GEMEENTE) & (data["meting"].astype(object) == "T0")]
    return float(prevalence(t0, by=())["eenzaam"].iloc[0])


def _share(rows: pd.DataFrame, flag: pd.Series) -> float:
    known = rows["djg_totaal"].notna()
    return float(flag[known].astype(float).mean())


def share_lonely_mistakes(s: ExerciseSet) -> list[Mistake]:
    data = scores(s)
    t0 = data[data["meting"].astype(object) == "T0"]
    own = t0[t0["gemeente"] == GEMEENTE]
    lonely = own["djg_totaal"] >= 3
    out = [Mistake(_share(t0, t0["djg_totaal"] >= 3), f"dit is het aandeel in alle gemeenten samen; neem "
                                                        f"alleen {GEMEENTE}.")]
    for other in sorted(set(t0["gemeente"]) - {GEMEENTE}):
        part = t0[t0["gemeente"] == other]
        out.append(Mistake(_share(part, part["djg_totaal"] >= 3), f"dit is het aandeel in {other}; "
                                                                   f"gevraagd is {GEMEENTE}."))
    everyone = data[data["gemeente"] == GEMEENTE]
    known = own["djg_totaal"].notna()
    out += [
        Mistake(_share(everyone, everyone["djg_totaal"] >= 3),
                "je telde alle metingen (T0, T1 en T2) mee; neem alleen de beginmeting T0."),
        Mistake(_share(own, own["djg_totaal"] >= 9),
                "dit is het aandeel (zeer) ernstig eenzamen (score 9 of meer); eenzaam is een score van 3 "
                "of meer."),
        Mistake(_share(own, own["djg_totaal"] >= 4),
                "let op de grens: eenzaam is een score van 3 of méér (>= 3), niet meer dan 3."),
        Mistake(float(lonely.sum() / len(own)),
                "let op de noemer: deelnemers zonder totaalscore (meer dan één vraag leeg) tellen niet mee."),
        Mistake(1 - _share(own, lonely), "dit is het aandeel níet-eenzamen."),
        Mistake(float(lonely.sum()), "dit is een aantal. Een aandeel is het aantal eenzamen gedeeld door het "
                                     "aantal deelnemers met een totaalscore."),
        Mistake(float(own.loc[known, "djg_totaal"].mean()),
                "dit is de gemiddelde score; gevraagd is het aandeel met een score van 3 of meer."),
    ]
    return out


# ---- task 2 and 4: the ANCOVA effect at T1, without and with covariates ---------------------

def ancova_effect(s: ExerciseSet) -> float:
    """ANCOVA effect at T1 (interventie − controle, in DJG points), adjusted for T0 only."""
    return estimate(s, "ANCOVA")


def _common_effect_mistakes(s: ExerciseSet, right: float) -> list[Mistake]:
    from werkplaats.eenzaamheid.effects import effect_size_change

    data = scores(s)
    t1 = data[(data["meting"].astype(object) == "T1") & data["djg_totaal"].notna()]
    means = t1.groupby(t1["groep"].astype(object))["djg_totaal"].mean()
    size = s.cached("eenzaamheid.hedges", lambda: effect_size_change(data, "T1"))
    return [
        Mistake(-right, "het teken is omgedraaid: het effect is interventie − controle (negatief = de "
                        "interventiegroep werd minder eenzaam)."),
        Mistake(estimate(s, "verschil-in-verschillen"),
                "dit is de verschil-in-verschillen-schatting (verschil in gemiddelde verandering); "
                "gevraagd is ANCOVA."),
        Mistake(mixed_interaction(s), "dit is de interactie van het gemengde model; gevraagd is ANCOVA."),
        Mistake(float(means["interventie"] - means["controle"]),
                "je vergeleek alleen de T1-scores; ANCOVA corrigeert voor de score bij T0."),
        Mistake(size.hedges_g, "dit is een gestandaardiseerd effect (Hedges' g); gevraagd is het effect in "
                               "scorepunten."),
        Mistake(size.cohen_d, "dit is een gestandaardiseerd effect (Cohen's d); gevraagd is het effect in "
                              "scorepunten."),
    ]


def ancova_mistakes(s: ExerciseSet) -> list[Mistake]:
    return [
        Mistake(estimate(s, "ANCOVA", "T2"), "dit is het effect op T2 (na een jaar); gevraagd is T1."),
        Mistake(estimate(s, "ANCOVA met covariaten", covariates=COVARIATES),
                "dit is ANCOVA met leeftijd en geslacht; gevraagd is ANCOVA met alleen de T0-score (dat "
                "komt in opdracht 4)."),
        Mistake(estimate(s, "ANCOVA", column="se"), "dit is de standaardfout; gevraagd is het effect zelf."),
        Mistake(estimate(s, "ANCOVA", column="p"), "dit is de p-waarde; gevraagd is het effect zelf."),
        *_common_effect_mistakes(s, ancova_effect(s)),
    ]


def covariate_effect(s: ExerciseSet) -> float:
    """ANCOVA effect at T1 adjusted for T0, leeftijd and geslacht."""
    return estimate(s, "ANCOVA met covariaten", covariates=COVARIATES)


def covariate_mistakes(s: ExerciseSet) -> list[Mistake]:
    out = [Mistake(ancova_effect(s), "dit is ANCOVA zonder covariaten: voeg leeftijd en geslacht toe "
                                     "(covariates=[\"leeftijd\", \"geslacht\"]).")]
    for only in COVARIATES:
        other = next(c for c in COVARIATES if c != only)
        out.append(Mistake(estimate(s, "ANCOVA met covariaten", covariates=(only,)),
                           f"je voegde alleen {only} toe; voeg ook {other} toe."))
    out.append(Mistake(estimate(s, "ANCOVA met covariaten", "T2", covariates=COVARIATES),
                       "dit is het effect op T2 (na een jaar); gevraagd is T1."))
    return out + _common_effect_mistakes(s, covariate_effect(s))


# ---- task 3 and 5: multiple choice ----------------------------------------------------------

WHY_DIFFERENT = {
    "anders_gecorrigeerd": "Ze gebruiken dezelfde deelnemers, maar corrigeren anders voor de T0-score: de "
                           "verschilscore trekt die helemaal af, ANCOVA maar voor een deel. De groepen verschilden "
                           "bij T0, dus dat maakt uit.",
    "meer_deelnemers": "ANCOVA gebruikt ook de deelnemers die bij T0 ontbraken, want het model schat hun T0-score "
                       "erbij. Verschil-in-verschillen kan dat niet, dus de twee methoden rekenen met andere "
                       "groepen mensen.",
    "covariaten": "Verschil-in-verschillen neemt leeftijd en geslacht als covariaten mee en ANCOVA alleen de "
                  "T0-score. Daardoor vergelijken de twee methoden eigenlijk deelnemers die op andere "
                  "kenmerken gelijk zijn.",
    "toeval": "De groepen waren bij T0 gelijk, want de deelnemers zijn willekeurig over de groepen verdeeld. Het "
              "verschil tussen de twee schattingen is dan alleen toeval en past ruim binnen de "
              "betrouwbaarheidsintervallen.",
}
WHY_NOT_DIFFERENT = {
    "anders_gecorrigeerd": "de groepen waren bij T0 gelijk verdeeld; kijk nog eens naar de balanstabel.",
    "meer_deelnemers": "kijk naar kolom n in de effectentabel: beide methoden gebruiken dezelfde deelnemers, "
                       "met T0 én T1.",
    "covariaten": "geen van beide gebruikt hier leeftijd of geslacht; dat doet pas 'ANCOVA met covariaten'.",
    "toeval": "kijk naar de balanstabel bij T0 (baseline_balance): waren de groepen bij de start gelijk? En is "
              "er geloot?",
}


def why_different(s: ExerciseSet) -> str:
    """``anders_gecorrigeerd`` when the synthetic study planted a baseline difference (not
    randomised), else ``toeval``."""
    from werkplaats.eenzaamheid.synth import DEFAULTS

    return "anders_gecorrigeerd" if DEFAULTS["baseline_difference"] != 0 else "toeval"


COVARIATE_READING = {
    "nauwelijks": "De schatting verandert nauwelijks: het verschil met opdracht 2 is klein vergeleken met de "
                  "standaardfout: leeftijd en geslacht verklaren het verschil tussen de groepen niet.",
    "sterk": "De schatting verandert duidelijk: het verschil met opdracht 2 is groot vergeleken met de "
             "standaardfout, dus leeftijd en geslacht verklaren een flink deel van het effect.",
    "altijd_groter": "De schatting wordt groter, en dat gebeurt altijd: covariaten halen ruis uit het model, "
                     "dus een effect met covariaten is steeds groter en daarom ook betrouwbaarder dan zonder.",
    "t0_overbodig": "Met leeftijd en geslacht in het model is de T0-score niet meer nodig: die twee kenmerken "
                    "bepalen samen al grotendeels hoe eenzaam iemand bij de start was, dus T0 kan eruit.",
}
COVARIATE_NOT = {
    "nauwelijks": "vergelijk het verschil tussen de twee schattingen met de standaardfout (se): is het klein?",
    "sterk": "vergelijk het verschil tussen de twee schattingen met de standaardfout (se): is het groot?",
    "altijd_groter": "een covariaat kan een schatting groter of kleiner maken; kijk wat hier gebeurt.",
    "t0_overbodig": "de T0-score blijft de belangrijkste correctie; ANCOVA met covariaten gebruikt T0 én "
                    "leeftijd en geslacht.",
}


def covariate_reading(s: ExerciseSet) -> str:
    """``nauwelijks`` when adding leeftijd and geslacht moves the estimate by less than half a
    standard error, else ``sterk``."""
    shift = abs(covariate_effect(s) - ancova_effect(s))
    return "nauwelijks" if shift < 0.5 * estimate(s, "ANCOVA", column="se") else "sterk"


TASKS = [
    Task("eenzaamheid.1", f"Aandeel eenzamen bij T0 in {GEMEENTE}", NUMBER, solve=share_lonely,
         mistakes=share_lonely_mistakes,
         hint="Eenzaam = totaalscore 3 of meer, alleen T0, alleen deelnemers met een totaalscore."),
    Task("eenzaamheid.2", "Effect op T1 volgens ANCOVA (scorepunten)", NUMBER, solve=ancova_effect,
         mistakes=ancova_mistakes, unit="punten",
         hint="Zoek in de effectentabel de rij methode 'ANCOVA', meting 'T1', kolom effect."),
    Task("eenzaamheid.3", "Waarom verschillen ANCOVA en verschil-in-verschillen?", CHOICE,
         solve=why_different, choices=WHY_DIFFERENT, why_not=WHY_NOT_DIFFERENT),
    Task("eenzaamheid.4", "Effect op T1 met leeftijd en geslacht als covariaten", NUMBER,
         solve=covariate_effect, mistakes=covariate_mistakes, unit="punten",
         hint="Gebruik effect_table met covariates=[\"leeftijd\", \"geslacht\"] en de rij 'ANCOVA met "
              "covariaten'."),
    Task("eenzaamheid.5", "Wat doen de covariaten met de schatting?", CHOICE, solve=covariate_reading,
         choices=COVARIATE_READING, why_not=COVARIATE_NOT),
]
