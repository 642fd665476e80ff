"""Exercises on the Wmo client-experience survey: share agreeing, funnel plot, weighting.

Every answer is computed from the student's own data with :mod:`werkplaats.clientervaring`
(latest survey year, as in the report); the typical mistakes with plain pandas. Why the
weighted share is higher comes from the survey's planted response pattern
(:mod:`werkplaats.clientervaring.synth`: younger clients respond more, older clients agree more).

>>> [task.code for task in TASKS]
['clientervaring.1', 'clientervaring.2', 'clientervaring.3', 'clientervaring.4']
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from werkplaats.opdrachten.check import CHOICE, NAMES, NUMBER, Mistake, Task

__all__ = ["FUNNEL_ITEM", "GEMEENTE_AGREE", "GEMEENTE_WEIGHTED", "ITEM_AGREE", "ITEM_WEIGHTED", "TASKS",
           "FunnelResults", "funnel_results", "plot_funnel_results"]

GEMEENTE_AGREE = "Woerden"  # task 1
ITEM_AGREE = "v03"
FUNNEL_ITEM = "v02"  # task 2 (the report's default funnel item is v03)
GEMEENTE_WEIGHTED = "Amersfoort"  # task 3
ITEM_WEIGHTED = "v06"
AGREE = ("mee eens", "helemaal mee eens")
DONT_KNOW = "weet niet / n.v.t."


def survey(s):
    """The prepared answers and population (:class:`werkplaats.clientervaring.Prepared`)."""
    from werkplaats.clientervaring import prepare
    from werkplaats.lines import load_line

    return s.cached("clientervaring.data", lambda: prepare(load_line("clientervaring", s.folder)))


def current(s) -> pd.DataFrame:
    """The answers of the latest survey year."""
    from werkplaats.clientervaring.preparation import latest_year

    return s.cached("clientervaring.current", lambda: latest_year(survey(s).answers))


# ---- task 1: share agreeing -----------------------------------------------------------------

def share_agree(s) -> float:
    """Share (helemaal) mee eens with :data:`ITEM_AGREE` in :data:`GEMEENTE_AGREE`, latest year."""
    from werkplaats.clientervaring.scoring import percent_agree

    rows = current(s)[current(s)["gemeente"] == GEMEENTE_AGREE]
    return float(percent_agree(rows, by=None, items=[ITEM_AGREE])["agree"].iloc[0])


def _agree_share(rows: pd.DataFrame, agree=AGREE, exclude=(DONT_KNOW,), empty_counts: bool = False) -> float:
    answers = rows[ITEM_AGREE].astype(object)
    counted = ~answers.isin(exclude)
    if not empty_counts:
        counted &= answers.notna() & (answers.astype(str).str.strip() != "")
    return float(answers[counted].isin(agree).sum() / counted.sum())


def share_agree_mistakes(s) -> list[Mistake]:
    now = current(s)
    own = now[now["gemeente"] == GEMEENTE_AGREE]
    every_year = survey(s).answers
    out = [
        Mistake(_agree_share(own, exclude=()),
                "let op de noemer: 'weet niet / n.v.t.' is geen geldig antwoord en telt niet mee."),
        Mistake(_agree_share(own, empty_counts=True), "let op de noemer: lege antwoorden tellen niet mee."),
        Mistake(_agree_share(own, exclude=(), empty_counts=True),
                "let op de noemer: tel alleen geldige antwoorden (zonder 'weet niet / n.v.t.' en zonder "
                "lege)."),
        Mistake(_agree_share(own, agree=("helemaal mee eens",)), "'mee eens' telt ook als eens."),
        Mistake(_agree_share(own, agree=("mee eens",)), "'helemaal mee eens' telt ook als eens."),
        Mistake(_agree_share(own, agree=(*AGREE, "niet mee eens, niet mee oneens")),
                "het neutrale antwoord ('niet mee eens, niet mee oneens') telt niet als eens."),
        Mistake(_agree_share(every_year[every_year["gemeente"] == GEMEENTE_AGREE]),
                f"je nam alle jaren samen; neem alleen het laatste jaar ({int(now['jaar'].max())})."),
        Mistake(_agree_share(now),
                f"dit is het aandeel in alle gemeenten samen; neem alleen {GEMEENTE_AGREE}."),
        Mistake(1 - share_agree(s), "dit is het aandeel dat het er níet mee eens is (of neutraal)."),
        Mistake(float(own[ITEM_AGREE].astype(object).isin(AGREE).sum()),
                "dit is een aantal; deel door het aantal geldige antwoorden."),
    ]
    for other in sorted(set(now["gemeente"]) - {GEMEENTE_AGREE}):
        out.append(Mistake(_agree_share(now[now["gemeente"] == other]),
                           f"dit is het aandeel in {other}; gevraagd is {GEMEENTE_AGREE}."))
    return out


# ---- task 2: who is outside the funnel for v02 ----------------------------------------------

def funnel_table(s, item: str = FUNNEL_ITEM, every_year: bool = False) -> pd.DataFrame:
    """The funnel table (n, share, limits, position) of ``item``, latest year or every year."""
    from werkplaats.clientervaring.comparison import funnel

    rows = survey(s).answers if every_year else current(s)
    return s.cached(f"clientervaring.funnel.{item}.{every_year}", lambda: funnel(rows, item=item)[1])


@dataclass
class FunnelResults:
    """The funnel of one statement without the full (slower) analysis: the PROTECTED table and
    its target, what :func:`werkplaats.clientervaring.figures.plot_funnel` draws."""

    funnel_item: str
    funnel_target: float
    funnel: pd.DataFrame
    gemeente: str = "alle"


def funnel_results(answers: pd.DataFrame, funnel_item: str = "v03", *, min_cel: int = 10) -> FunnelResults:
    """The funnel of one statement, protected with ``min_cel``, ready for ``plot``.

    >>> from werkplaats.clientervaring import prepare
    >>> from werkplaats.lines import load_line
    >>> answers = prepare(load_line("clientervaring", "tests/fixtures/reference")).answers
    >>> funnel_results(answers, "v03").funnel["position"].tolist()
    ['binnen', 'binnen', 'binnen', 'binnen', 'binnen']
    """
    from werkplaats.clientervaring.comparison import funnel
    from werkplaats.clientervaring.preparation import check_item
    from werkplaats.disclosure import protect

    target, table = funnel(answers, item=check_item(funnel_item))
    return FunnelResults(funnel_item=funnel_item, funnel_target=target, funnel=protect(table, min_cel=min_cel))


def plot_funnel_results(results: FunnelResults):
    """The funnel plot of :func:`funnel_results` (:func:`werkplaats.clientervaring.figures.plot_funnel`)."""
    from werkplaats.clientervaring.figures import plot_funnel

    return plot_funnel(results.funnel, target=results.funnel_target, item=results.funnel_item,
                       gemeente=results.gemeente)


def _outside(table: pd.DataFrame, positions=("onder", "boven")) -> frozenset[str]:
    return frozenset(table.loc[table["position"].isin(positions), "gemeente"])


def funnel_outliers(s) -> frozenset[str]:
    """The gemeenten outside the 99.8% limits of the funnel plot of :data:`FUNNEL_ITEM`."""
    return _outside(funnel_table(s))


def funnel_names(s) -> list[str]:
    return sorted(current(s)["gemeente"].unique())


def funnel_mistakes(s) -> list[Mistake]:
    table = funnel_table(s)
    return [
        Mistake(_outside(funnel_table(s, "v03")),
                "dit zijn de gemeenten die bij v03 buiten de grenzen liggen; maak het trechterdiagram voor "
                "v02 (funnel_item=\"v02\")."),
        Mistake(_outside(table, ("onder", "boven", "opvallend laag", "opvallend hoog")),
                "je nam ook gemeenten mee die alleen buiten de 95%-grenzen liggen; gevraagd zijn de "
                "99,8%-grenzen."),
        Mistake(_outside(funnel_table(s, every_year=True)),
                "je gebruikte alle jaren; neem alleen het laatste jaar."),
    ]


def funnel_extra(s, name: str) -> str:
    position = funnel_table(s).set_index("gemeente")["position"].get(name)
    if position in ("opvallend laag", "opvallend hoog"):
        return (f"{name} ligt wel buiten de 95%-grenzen, maar binnen de 99,8%-grenzen: opvallend, maar dat "
                f"kan nog toeval zijn.")
    return f"{name} ligt binnen de grenzen."


# ---- task 3 and 4: weighted versus unweighted -----------------------------------------------

def weighted_table(s, every_year: bool = False) -> pd.DataFrame:
    """Raked share agreeing with :data:`ITEM_WEIGHTED` per gemeente (latest year or every year)."""
    from werkplaats.clientervaring.weighting import weighted_agree

    rows = survey(s).answers if every_year else current(s)
    return s.cached(f"clientervaring.weighted.{every_year}", lambda: weighted_agree(
        rows, survey(s).population, item=ITEM_WEIGHTED).set_index("gemeente"))


def weighted_share(s) -> float:
    """The raked share agreeing with v06 in :data:`GEMEENTE_WEIGHTED`, latest year."""
    return float(weighted_table(s).loc[GEMEENTE_WEIGHTED, "weighted"])


def weighted_mistakes(s) -> list[Mistake]:
    table = weighted_table(s)
    own = table.loc[GEMEENTE_WEIGHTED]
    out = [
        Mistake(own["unweighted"], "dit is het ongewogen aandeel; gevraagd is het gewogen aandeel."),
        Mistake(own["se"], "dit is de standaardfout; gevraagd is het gewogen aandeel zelf."),
        Mistake(weighted_table(s, every_year=True).loc[GEMEENTE_WEIGHTED, "weighted"],
                "je nam alle jaren samen; neem alleen het laatste jaar."),
    ]
    for other in table.index.drop(GEMEENTE_WEIGHTED):
        out.append(Mistake(table.loc[other, "weighted"],
                           f"dit is het gewogen aandeel in {other}; gevraagd is {GEMEENTE_WEIGHTED}."))
        out.append(Mistake(table.loc[other, "unweighted"], f"dit is het ongewogen aandeel in {other}."))
    return out


WHY_HIGHER = {
    "ouderen": "Jongere cliënten vulden de vragenlijst vaker in dan oudere, terwijl oudere cliënten vaker "
               "tevreden zijn. Weging geeft de ondervertegenwoordigde ouderen meer gewicht.",
    "weet_niet": "Bij de weging vallen de antwoorden 'weet niet / n.v.t.' weg, terwijl ze in het ongewogen "
                 "aandeel nog meetellen. Met die kleinere noemer wordt het aandeel dan hoger.",
    "altijd_hoger": "Weging corrigeert voor cliënten die niet reageerden, en wie niet reageert is meestal "
                    "ontevreden. Daarom komt een gewogen aandeel bijna altijd hoger uit dan een ongewogen.",
    "vrouwen": "Vrouwen vulden de vragenlijst vaker in dan mannen, terwijl vrouwen minder vaak tevreden zijn. "
               "De weging geeft de ondervertegenwoordigde mannen dus meer gewicht.",
}
WHY_NOT_HIGHER = {
    "ouderen": "vergelijk in de responstabel per leeftijdsklasse het aandeel in de respons met het aandeel in "
               "de populatie.",
    "weet_niet": "'weet niet / n.v.t.' telt in het gewogen én het ongewogen aandeel niet mee.",
    "altijd_hoger": "weging kan een aandeel ook verlagen; het hangt af van wie te veel of te weinig antwoordde.",
    "vrouwen": "kijk in de responstabel (kenmerk geslacht): zijn vrouwen over- of ondervertegenwoordigd?",
}


def why_higher(s) -> str:
    """``ouderen`` when the planted response falls with age while agreement rises with age,
    else ``altijd_hoger``."""
    from werkplaats.clientervaring.synth import AGE_EFFECT, RESPONSE_BY_AGE

    falls = all(a > b for a, b in zip(RESPONSE_BY_AGE, RESPONSE_BY_AGE[1:], strict=False))
    rises = all(a < b for a, b in zip(AGE_EFFECT, AGE_EFFECT[1:], strict=False))
    return "ouderen" if falls and rises else "altijd_hoger"


TASKS = [
    Task("clientervaring.1", f"Aandeel (helemaal) mee eens met {ITEM_AGREE} in {GEMEENTE_AGREE}", NUMBER,
         solve=share_agree, mistakes=share_agree_mistakes,
         hint="Alleen het laatste jaar; 'mee eens' en 'helemaal mee eens' tellen als eens, gedeeld door de "
              "geldige antwoorden."),
    Task("clientervaring.2", f"Gemeenten buiten de 99,8%-grenzen bij {FUNNEL_ITEM}", NAMES,
         solve=funnel_outliers, mistakes=funnel_mistakes, names=funnel_names, explain_extra=funnel_extra),
    Task("clientervaring.3", f"Gewogen aandeel eens met {ITEM_WEIGHTED} in {GEMEENTE_WEIGHTED}", NUMBER,
         solve=weighted_share, mistakes=weighted_mistakes,
         hint="Gebruik weighted_agree en de kolom 'weighted' (laatste jaar)."),
    Task("clientervaring.4", "Waarom is het gewogen aandeel meestal hoger?", CHOICE, solve=why_higher,
         choices=WHY_HIGHER, why_not=WHY_NOT_HIGHER),
]
