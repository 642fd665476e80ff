"""Every Dutch sentence of the loneliness report, written from PROTECTED tables and key figures.

Sentences shown as Markdown escape every value from the data (:func:`werkplaats.safe_html.escape_text`).

A blanked cell (``<NA>``/NaN) never becomes a number in a sentence: the sentence then says
that there are too few participants.

>>> reading(-0.5, -1.0, 0.1), reading(-0.7, -1.2, -0.1)
('geen aantoonbaar effect', 'aantoonbaar minder eenzaam dan de controlegroep')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from werkplaats.errors import dutch_list
from werkplaats.safe_html import escape_text

__all__ = ["METING_TEXT", "balance_sentence", "effect_sentences", "effect_size_sentence", "focus_sentence",
           "prevalence_sentence", "reading", "removed_sentence"]

METING_TEXT = {"T1": "na ongeveer 3 maanden (T1)", "T2": "na ongeveer een jaar (T2)"}
TOO_FEW = "te weinig deelnemers"


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%".replace(".", ",")


def _number(x: float, decimals: int = 2) -> str:
    return f"{x:.{decimals}f}".replace(".", ",").replace("-", "−")


def _blank(*values: object) -> bool:
    return any(v is None or pd.isna(v) for v in values)


def reading(effect: float, ci_low: float, ci_high: float) -> str:
    """Plain-language reading of an effect on a loneliness score (negative = less lonely); an
    interval that includes 0 is "geen aantoonbaar effect", a blank one is not read.

    >>> reading(float("nan"), float("nan"), float("nan"))
    'afgeschermd of niet berekend: te weinig deelnemers'
    """
    if _blank(effect, ci_low, ci_high):
        return f"afgeschermd of niet berekend: {TOO_FEW}"
    if ci_low <= 0 <= ci_high:
        return "geen aantoonbaar effect"
    return "aantoonbaar " + ("minder" if ci_high < 0 else "meer") + " eenzaam dan de controlegroep"


def removed_sentence(removed: Mapping[str, str]) -> str:
    """Which columns were removed on loading (direct identifiers), and why.

    >>> removed_sentence({"naam": "direct identificerend"})
    "Bij het inlezen verwijderd: kolom 'naam' (direct identificerend)."
    >>> removed_sentence({})
    'Bij het inlezen is geen kolom verwijderd.'
    """
    if not removed:
        return "Bij het inlezen is geen kolom verwijderd."
    columns = [f"kolom '{escape_text(c)}' ({why})" for c, why in removed.items()]
    return "Bij het inlezen verwijderd: " + dutch_list(columns) + "."


def focus_sentence(size: pd.DataFrame, min_cel: int) -> str:
    """What the report is about, from the protected ``omvang`` table.

    >>> t = pd.DataFrame({"gebied": ["Zeist"], "deelnemers": [pd.NA], "metingen": [25]})
    >>> focus_sentence(t, 10)
    'Dit rapport gaat over: Zeist (minder dan 10 deelnemers, 25 metingen).'
    """
    row = size.iloc[0]

    def shown(value: Any, what: str) -> str:
        return f"minder dan {min_cel} {what}" if _blank(value) else f"{int(value)} {what}"

    return (f"Dit rapport gaat over: {row['gebied']} ({shown(row['deelnemers'], 'deelnemers')}, "
            f"{shown(row['metingen'], 'metingen')}).")


def prevalence_sentence(prev: Mapping, where: str = "de deelnemers") -> str:
    """Dutch sentence on the T0 prevalence (key figure ``prevalence_T0``) with the national
    reference (INSTRUMENTS.md).

    >>> prevalence_sentence({"n": None, "suppressed": True})
    'Over de beginmeting van de deelnemers is niets te publiceren: te weinig deelnemers.'
    """
    if prev.get("suppressed") or not prev.get("n"):
        return f"Over de beginmeting van {where} is niets te publiceren: {TOO_FEW}."
    lo, hi = prev["eenzaam_ci"]
    slo, shi = prev["ernstig_ci"]
    return (f"Bij de start (T0, {prev['n']} deelnemers met een totaalscore) was {_pct(prev['eenzaam'])} "
            f"van {where} eenzaam (95%-interval {_pct(lo)} tot {_pct(hi)}) en {_pct(prev['ernstig'])} "
            f"(zeer) ernstig eenzaam ({_pct(slo)} tot {_pct(shi)}). Ter vergelijking: in de "
            "Gezondheidsmonitor was in 2022 ongeveer 49% van de volwassenen eenzaam en 14% (zeer) ernstig "
            "eenzaam; onder 75-plussers in 2020 56% en 12%.")


def balance_sentence(balance: pd.DataFrame, threshold: float = 0.1) -> str:
    """Dutch sentence naming the baseline characteristics on which the groups differ (|d| > threshold).

    >>> balance_sentence(pd.DataFrame({"variabele": ["leeftijd"], "gestandaardiseerd_verschil": [0.05]}))
    'Bij de start verschillen de groepen op geen van deze kenmerken meer dan 0,1 standaarddeviatie.'
    """
    shown = balance.dropna(subset=["gestandaardiseerd_verschil"])
    if shown.empty:
        return "De groepen zijn te klein om te vergelijken."
    off = shown[shown["gestandaardiseerd_verschil"].astype(float).abs() > threshold]
    limit = f"{threshold}".replace(".", ",")
    if off.empty:
        return ("Bij de start verschillen de groepen op geen van deze kenmerken meer dan "
                f"{limit} standaarddeviatie.")
    names = dutch_list([f"{escape_text(r.variabele)} ({r.gestandaardiseerd_verschil:+.2f})".replace(".", ",")
                        for r in off.itertuples()])
    return (f"Bij de start verschillen de groepen op {names}: meer dan {limit} standaarddeviatie. "
            "De groepen zijn dus niet helemaal vergelijkbaar; daarom staan hieronder verschillende "
            "schattingen naast elkaar.")


def effect_sentences(effects: pd.DataFrame) -> list[str]:
    """One Dutch sentence per estimate of a protected effect table: value, 95% interval, reading.

    >>> t = pd.DataFrame([{"methode": "ANCOVA", "meting": "T1", "effect": -0.47, "ci_low": -1.03,
    ...     "ci_high": 0.10}])
    >>> print(effect_sentences(t)[0])
    ANCOVA, na ongeveer 3 maanden (T1): −0,47 punt (95%-interval −1,03 tot 0,10): geen aantoonbaar effect.
    """
    out = []
    for r in effects.itertuples():
        where = f"{escape_text(r.methode)}, {METING_TEXT.get(r.meting, escape_text(r.meting))}"
        if _blank(r.effect, r.ci_low, r.ci_high):
            out.append(f"{where}: niet te publiceren, {TOO_FEW}.")
        else:
            out.append(f"{where}: {_number(r.effect)} punt (95%-interval {_number(r.ci_low)} tot "
                       f"{_number(r.ci_high)}): {reading(r.effect, r.ci_low, r.ci_high)}.")
    return out


def effect_size_sentence(size: Mapping) -> str:
    """Dutch reading of Hedges' g of the change (key figure ``hedges_g_change_T1``; |g| about
    0.2 small, 0.5 medium, 0.8 large).

    >>> effect_size_sentence({"hedges_g": None, "suppressed": True})
    'De gestandaardiseerde effectgrootte is niet te publiceren: te weinig deelnemers.'
    """
    if size.get("suppressed") or _blank(size.get("hedges_g")):
        return f"De gestandaardiseerde effectgrootte is niet te publiceren: {TOO_FEW}."
    g = abs(size["hedges_g"])
    word = "verwaarloosbaar" if g < 0.2 else "klein" if g < 0.5 else "middelgroot" if g < 0.8 else "groot"
    low, high = size["ci_d"]
    certain = ("het interval bevat 0, dus ook geen effect past bij de data" if low <= 0 <= high
               else "het interval bevat 0 niet")
    return (f"Hedges' g van de verandering T0→T1 is {_number(size['hedges_g'])} "
            f"(Cohen's d {_number(size['cohen_d'])}, 95%-interval {_number(low)} tot {_number(high)}): "
            f"een {word} effect volgens de gangbare vuistregels (0,2 klein, 0,5 middel, 0,8 groot); "
            f"{certain}.")
