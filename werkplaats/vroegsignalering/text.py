"""Plain-language Dutch readings of the debt-signalling results, for the report.

Each function takes a PROTECTED table of :func:`werkplaats.vroegsignalering.tables` (or one
row of it) and returns one short Dutch paragraph; a blanked or missing figure gets words
that say so instead of a number. Every value from the data (gemeente, bron, team) is
escaped for Markdown (:func:`werkplaats.safe_html.escape_text`).

>>> pct(0.3456)
'34,6%'
>>> training_sentence(pd.DataFrame({"model": ["binnen team"], "odds_ratio": [float("nan")]})).split(":")[0]
'Het effect van de training is niet te schatten'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from werkplaats.safe_html import escape_text
from werkplaats.vroegsignalering.model_tables import ITS_LABELS, TRAINING_LABELS

__all__ = ["BRON_LABELS", "NATIONAL", "accept_sentence", "contact_sentence", "cox_sentence", "funnel_sentence",
           "its_sentence", "num", "pct", "teams_sentence", "training_sentence"]

BRON_LABELS = {"zorgverzekeraar": "zorgverzekeraars", "energieleverancier": "energieleveranciers",
               "woningcorporatie": "woningcorporaties", "drinkwaterbedrijf": "drinkwaterbedrijven"}
NATIONAL = ("Landelijk (2023) accepteert ongeveer 35% van de bereikte huishoudens hulp; dat is zo'n 7% "
            "van alle meldingen.")
HIDDEN_COUNT = "een niet te publiceren aantal"


def pct(x: float | None, decimals: int = 1) -> str:
    """A share as a Dutch percentage (decimal comma); a blanked (NaN) share says so.

    >>> pct(float("nan"))
    'een niet te publiceren deel (te weinig signalen)'
    """
    if x is None or pd.isna(x) or not np.isfinite(x):
        return "een niet te publiceren deel (te weinig signalen)"
    return f"{100 * x:.{decimals}f}%".replace(".", ",")


def num(x: float, decimals: int = 2) -> str:
    """A number with a decimal comma.

    >>> num(1.356)
    '1,36'
    """
    return f"{x:.{decimals}f}".replace(".", ",")


def _bron(value: Any) -> str:
    """A bron (or model term) in words, escaped when it is not one of the known ones."""
    return BRON_LABELS.get(value) or escape_text(value)


def _count(x: Any) -> str:
    return HIDDEN_COUNT if x is None or pd.isna(x) else str(int(x))


def teams_sentence(teams: tuple[int, int]) -> str:
    """How many outreach teams there are and how many were trained (``Results.teams``).

    >>> teams_sentence((4, 2))
    'De signalen zijn opgepakt door 4 teams; 2 daarvan kregen in deze periode de training.'
    """
    return f"De signalen zijn opgepakt door {teams[0]} teams; {teams[1]} daarvan kregen in deze periode de training."


def funnel_sentence(row: pd.Series | Mapping, where: str = "alle gemeenten samen") -> str:
    """How far the signals get through the funnel (one row of a protected funnel table).

    >>> funnel_sentence({"huishoudens": float("nan")}, "Leusden")
    'Over de trechter van Leusden is niets te publiceren: te weinig huishoudens.'
    """
    row, where = dict(row), escape_text(where)
    if pd.isna(row.get("huishoudens")):
        return f"Over de trechter van {where} is niets te publiceren: te weinig huishoudens."
    return (f"In {where} kwamen {_count(row['signalen'])} signalen binnen over {_count(row['huishoudens'])} "
            f"huishoudens ({_count(row['meldingen'])} meldingen). Bij {pct(row['aandeel_contactpoging'])} van "
            f"de signalen is contact gezocht; {pct(row['aandeel_bereikt'])} van die contactpogingen leidde "
            f"tot contact, en van de bereikte signalen werd bij {pct(row['aandeel_geaccepteerd'])} hulp "
            f"geaccepteerd. {NATIONAL}")


def contact_sentence(table: pd.DataFrame, day: int = 30) -> str:
    """Share reached by ``day`` per bron (the protected ``tijd_tot_contact`` table)."""
    shown = table[table[f"day_{day}"].notna()] if f"day_{day}" in table else table.iloc[:0]
    if shown.empty:
        return "Over de tijd tot contact is niets te publiceren: te weinig huishoudens."
    parts = [f"{_bron(r['bron'])} {pct(r[f'day_{day}'])}" for _, r in shown.iterrows()]
    best = shown.loc[shown[f"day_{day}"].astype(float).idxmax(), "bron"]
    return (f"Binnen {day} dagen na het signaal was bereikt: " + ", ".join(parts) + ". Signalen van "
            f"{_bron(best)} leiden het vaakst snel tot contact. Signalen die nog maar kort "
            "binnen zijn, tellen mee zolang we ze volgen (Kaplan–Meier).")


def _ratio_phrase(row: Mapping, ratio: str, what: str, reference: str = "zorgverzekeraars") -> str:
    value, lo, hi = (float(row[c]) for c in (ratio, f"{ratio}_ci_low", f"{ratio}_ci_high"))
    if lo > 1:
        verdict = f"{what} groter dan bij {reference}"
    elif hi < 1:
        verdict = f"{what} kleiner dan bij {reference}"
    else:
        verdict = f"geen aantoonbaar verschil met {reference}"
    name = _bron(row["term"])
    return f"{name}: {num(value)} (95%-interval {num(lo)} tot {num(hi)}; {verdict})"


def _bron_phrases(table: pd.DataFrame, ratio: str, what: str) -> list[str]:
    shown = table[table["term"].isin(list(BRON_LABELS)) & table[ratio].notna()]
    return [_ratio_phrase(row, ratio, what) for row in shown.to_dict("records")]


def cox_sentence(table: pd.DataFrame) -> str:
    """Hazard ratios of the Cox model per bron (the protected ``cox`` table), in words."""
    rows = _bron_phrases(table, "hazard_ratio", "kans op snel contact")
    if not rows:
        return "Het model voor de tijd tot contact is niet te schatten: te weinig huishoudens."
    return ("Kans op contact per dag, vergeleken met signalen van zorgverzekeraars en bij een gelijke "
            "achterstand (hazard ratio; boven 1 = sneller contact): " + "; ".join(rows) + ".")


def accept_sentence(table: pd.DataFrame) -> str:
    """Odds ratios of accepting help per bron (the protected ``accepteren`` table), in words."""
    rows = _bron_phrases(table, "odds_ratio", "kans op accepteren")
    if not rows:
        return "Het model voor het accepteren van hulp is niet te schatten: te weinig huishoudens."
    return ("Kans dat een bereikt huishouden hulp accepteert, vergeleken met signalen van zorgverzekeraars "
            "bij een gelijke achterstand (odds ratio; boven 1 = vaker geaccepteerd): "
            + "; ".join(rows) + ".")


def training_sentence(table: pd.DataFrame, *, calendar: bool = False) -> str:
    """The training effect (odds ratio of reached, within team) from the protected ``training``
    table; ``calendar`` for the model that also corrects for the calendar quarter."""
    rows = table[table["model"] == TRAINING_LABELS[calendar]].to_dict("records")
    if not rows or pd.isna(rows[0]["odds_ratio"]):
        return ("Het effect van de training is niet te schatten: te weinig huishoudens, of geen signalen "
                "van vóór én na een training.")
    row = rows[0]
    lo, hi = float(row["odds_ratio_ci_low"]), float(row["odds_ratio_ci_high"])
    if lo > 1:
        verdict = "Na de training leidden contactpogingen vaker tot contact."
    elif hi < 1:
        verdict = "Na de training leidden contactpogingen juist minder vaak tot contact."
    else:
        verdict = "Een effect van de training is niet aangetoond."
    also = (" en in hetzelfde kwartaal (vergeleken met teams die toen (nog) niet getraind waren)"
            if calendar else "")
    return (f"{verdict} Binnen hetzelfde team{also} waren de odds op contact na de training "
            f"{num(float(row['odds_ratio']))} keer zo groot als ervoor (95%-interval {num(lo)} tot {num(hi)}; "
            f"{_count(row['signalen'])} signalen met een contactpoging).")


def its_sentence(table: pd.DataFrame, window: int = 60) -> str:
    """Level and slope change of the monthly reach rate around the training (the protected
    ``tijdreeks_model`` table), in words."""
    terms = {row["term"]: row for row in table.to_dict("records")}
    level, slope = terms.get(ITS_LABELS["level_change"]), terms.get(ITS_LABELS["slope_change"])
    if level is None or slope is None or pd.isna(level["estimate"]) or pd.isna(slope["estimate"]):
        return ("De tijdreeks rond de training is niet te schatten: te weinig maanden vóór of na de "
                "training, of te weinig huishoudens.")
    pp = lambda x: num(100 * float(x), 1)  # noqa: E731
    direction = "hoger" if level["estimate"] >= 0 else "lager"
    return (f"In de eerste hele maand na de training lag het aandeel dat binnen {window} dagen werd bereikt "
            f"{pp(abs(level['estimate']))} procentpunt {direction} dan de trend van vóór de training "
            f"voorspelde (95%-interval {pp(level['ci_low'])} tot {pp(level['ci_high'])}); de trend daarna "
            f"veranderde met {pp(slope['estimate'])} procentpunt per maand ({pp(slope['ci_low'])} tot "
            f"{pp(slope['ci_high'])}). Dit vergelijkt elk getraind team met zichzelf "
            f"({escape_text(level['teams'])} teams).")
