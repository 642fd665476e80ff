"""Plain-language Dutch readings of the debt-signalling results, for the report.

Each function takes a result of :mod:`werkplaats.vroegsignalering.analysis` / :mod:`werkplaats.vroegsignalering.models`
and returns one short Dutch paragraph; suppressed or missing results get a sentence that
says so instead of a number.

>>> pct(0.3456)
'34,6%'
>>> training_sentence(None).split(":")[0]
'Het effect van de training is niet te schatten'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BRON_LABELS = {"zorgverzekeraar": "zorgverzekeraars", "energieleverancier": "energieleveranciers",
               "woningcorporatie": "woningcorporaties", "drinkwaterbedrijf": "drinkwaterbedrijven"}
NATIONAL = ("Landelijk (2023) accepteert ongeveer 35% van de bereikte huishoudens hulp; dat is zo'n 7% "
            "van alle meldingen.")


def pct(x: float, decimals: int = 1) -> str:
    """A share as a Dutch percentage (decimal comma); a blanked (NaN) share says so.

    >>> pct(float("nan"))
    'een niet te publiceren deel (te weinig signalen)'
    """
    if x is None or not np.isfinite(x):
        return "een niet te publiceren deel (te weinig signalen)"
    return f"{100 * x:.{decimals}f}%".replace(".", ",")


def num(x: float, decimals: int = 2) -> str:
    """A number with a decimal comma."""
    return f"{x:.{decimals}f}".replace(".", ",")


def funnel_sentence(row: pd.Series | dict, where: str = "alle gemeenten samen") -> str:
    """How far the signals get through the funnel (one row of :func:`werkplaats.vroegsignalering.analysis.funnel`)."""
    row = dict(row)
    if row.get("suppressed"):
        return f"Over de trechter van {where} is niets te publiceren: te weinig huishoudens."
    return (f"In {where} kwamen {int(row['signalen'])} signalen binnen over {int(row['huishoudens'])} "
            f"huishoudens ({int(row['meldingen'])} meldingen). Bij {pct(row['aandeel_contactpoging'])} van "
            f"de signalen is contact gezocht; {pct(row['aandeel_bereikt'])} van die contactpogingen leidde "
            f"tot contact, en van de bereikte signalen werd bij {pct(row['aandeel_geaccepteerd'])} hulp "
            f"geaccepteerd. {NATIONAL}")


def contact_sentence(table: pd.DataFrame, day: int = 30) -> str:
    """Share reached by ``day`` per bron (the table of :func:`~werkplaats.vroegsignalering.models.time_to_contact`)."""
    shown = table[~table["suppressed"].astype(bool)] if "suppressed" in table else table
    if shown.empty or f"day_{day}" not in shown:
        return "Over de tijd tot contact is niets te publiceren: te weinig huishoudens."
    parts = [f"{BRON_LABELS.get(r['bron'], r['bron'])} {pct(r[f'day_{day}'])}" for _, r in shown.iterrows()]
    best = shown.loc[shown[f"day_{day}"].idxmax(), "bron"]
    return (f"Binnen {day} dagen na het signaal was bereikt: " + ", ".join(parts) + ". Signalen van "
            f"{BRON_LABELS.get(best, best)} leiden het vaakst snel tot contact. Signalen die nog maar kort "
            "binnen zijn, tellen mee zolang we ze volgen (Kaplan–Meier).")


def _ratio_phrase(term: str, row: pd.Series, what: str, reference: str = "zorgverzekeraars") -> str:
    ratio, lo, hi = np.exp(row["estimate"]), np.exp(row["ci_low"]), np.exp(row["ci_high"])
    if lo > 1:
        verdict = f"{what} groter dan bij {reference}"
    elif hi < 1:
        verdict = f"{what} kleiner dan bij {reference}"
    else:
        verdict = f"geen aantoonbaar verschil met {reference}"
    name = BRON_LABELS.get(term, term)
    return f"{name}: {num(ratio)} (95%-interval {num(lo)} tot {num(hi)}; {verdict})"


def cox_sentence(fit, hidden: set | frozenset = frozenset()) -> str:
    """Hazard ratios of the Cox model per bron, in words."""
    if fit is None:
        return "Het model voor de tijd tot contact is niet te schatten: te weinig huishoudens."
    rows = [_ratio_phrase(t, r, "kans op snel contact") for t, r in fit.table.iterrows()
            if t in BRON_LABELS and t not in hidden]
    return ("Kans op contact per dag, vergeleken met signalen van zorgverzekeraars en bij een gelijke "
            "achterstand (hazard ratio; boven 1 = sneller contact): " + "; ".join(rows) + ".")


def accept_sentence(fit, hidden: set | frozenset = frozenset()) -> str:
    """Odds ratios of accepting help per bron among reached households, in words."""
    if fit is None:
        return "Het model voor het accepteren van hulp is niet te schatten: te weinig huishoudens."
    from werkplaats.stats.glm import r_term_name

    named = {r_term_name(str(term)).removeprefix("bron"): r for term, r in fit.table.iterrows()}
    rows = [_ratio_phrase(name, named[name], "kans op accepteren") for name in BRON_LABELS
            if name in named and name not in hidden]
    return ("Kans dat een bereikt huishouden hulp accepteert, vergeleken met signalen van zorgverzekeraars "
            "bij een gelijke achterstand (odds ratio; boven 1 = vaker geaccepteerd): "
            + "; ".join(rows) + ".")


def training_sentence(fit, *, calendar: bool = False) -> str:
    """The training effect (odds ratio of reached, within team) in words; ``calendar`` for
    the model that also corrects for the calendar quarter."""
    if fit is None:
        return ("Het effect van de training is niet te schatten: te weinig huishoudens, of geen signalen "
                "van vóór én na een training.")
    est = fit.odds_ratio("getraind")
    lo, hi = est["ci"]
    if lo > 1:
        verdict = "Na de training leidden contactpogingen vaker tot contact."
    elif hi < 1:
        verdict = "Na de training leidden contactpogingen juist minder vaak tot contact."
    else:
        verdict = "Een effect van de training is niet aangetoond."
    also = (" en in hetzelfde kwartaal (vergeleken met teams die toen (nog) niet getraind waren)"
            if calendar else "")
    return (f"{verdict} Binnen hetzelfde team{also} waren de odds op contact na de training "
            f"{num(est['odds_ratio'])} keer zo groot als ervoor (95%-interval {num(lo)} tot {num(hi)}; "
            f"{fit.n} "
            "signalen met een contactpoging).")


def its_sentence(fit, window: int = 60) -> str:
    """Level and slope change of the monthly reach rate around the training, in words."""
    if fit is None:
        return ("De tijdreeks rond de training is niet te schatten: te weinig maanden vóór of na de "
                "training, "
                "of te weinig huishoudens.")
    level, slope = fit.table.loc["level_change"], fit.table.loc["slope_change"]
    pp = lambda x: num(100 * x, 1)  # noqa: E731
    direction = "hoger" if level["estimate"] >= 0 else "lager"
    return (f"In de eerste hele maand na de training lag het aandeel dat binnen {window} dagen werd bereikt "
            f"{pp(abs(level['estimate']))} procentpunt {direction} dan de trend van vóór de training "
            "voorspelde "
            f"(95%-interval {pp(level['ci_low'])} tot {pp(level['ci_high'])}); de trend daarna veranderde "
            f"met {pp(slope['estimate'])} procentpunt per maand ({pp(slope['ci_low'])} tot "
            f"{pp(slope['ci_high'])}). Dit vergelijkt elk getraind team met zichzelf ({fit.n_series} teams).")
