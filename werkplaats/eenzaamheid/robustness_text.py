"""Dutch sentences on the robustness analyses (propensity-score weighting, multiple imputation),
written from PROTECTED tables only.

A blanked cell never becomes a number: the sentence then says there are too few participants.

>>> t = pd.DataFrame([{"methode": "ANCOVA met overlapgewichten", "n": 253, "ess": 242.6, "effect": -0.48,
...                    "ci_low": -1.06, "ci_high": 0.11}])
>>> print(overlap_sentence(t))  # doctest: +ELLIPSIS
Na weging met de propensity-score (ANCOVA met overlapgewichten, 253 deelnemers, ...): −0,48 punt ...
"""

from __future__ import annotations

import pandas as pd

from werkplaats.eenzaamheid.text import TOO_FEW, reading
from werkplaats.errors import dutch_list
from werkplaats.safe_html import escape_text

__all__ = ["imputation_sentence", "overlap_sentence", "weighted_balance_sentence"]


def _number(x: float, decimals: int = 2) -> str:
    return f"{x:.{decimals}f}".replace(".", ",").replace("-", "−")


def _blank(*values: object) -> bool:
    return any(v is None or pd.isna(v) for v in values)


def overlap_sentence(overlap: pd.DataFrame) -> str:
    """The weighted effect at T1 in words, with the effective sample size.

    >>> overlap_sentence(pd.DataFrame([{"methode": "x", "n": None, "ess": None, "effect": None,
    ...                                  "ci_low": None, "ci_high": None}]))
    'Het effect na weging met de propensity-score is niet te publiceren: te weinig deelnemers.'
    """
    r = overlap.iloc[0]
    if _blank(r["n"], r["effect"], r["ci_low"], r["ci_high"], r["ess"]):
        return f"Het effect na weging met de propensity-score is niet te publiceren: {TOO_FEW}."
    return (f"Na weging met de propensity-score ({escape_text(r['methode'])}, {int(r['n'])} deelnemers, "
            f"even veel informatie als {_number(r['ess'], 0)} ongewogen deelnemers): {_number(r['effect'])} punt "
            f"op T1 (95%-interval {_number(r['ci_low'])} tot {_number(r['ci_high'])}): "
            f"{reading(r['effect'], r['ci_low'], r['ci_high'])}.")


def weighted_balance_sentence(balance: pd.DataFrame, threshold: float = 0.1) -> str:
    """Which characteristics differed by more than ``threshold`` SD before weighting, and
    whether any still does after weighting (the usual 0.1 rule).

    >>> b = pd.DataFrame({"variabele": ["leeftijd", "DJG-totaal T0"], "smd_voor": [0.05, 0.3], "smd_na": [0.0, 0.0]})
    >>> weighted_balance_sentence(b).split(". ")[0]
    'Voor de weging verschilden de groepen op DJG-totaal T0 (+0,30)'
    >>> weighted_balance_sentence(b).split(". ")[1]
    'Na de weging verschillen ze op geen enkel kenmerk meer dan 0,1 standaarddeviatie.'
    """
    shown = balance.dropna(subset=["smd_voor", "smd_na"])
    if shown.empty:
        return f"De balans na weging is niet te publiceren: {TOO_FEW}."
    limit = f"{threshold}".replace(".", ",")

    def names(column: str) -> str:
        off = shown[shown[column].astype(float).abs() > threshold]
        return dutch_list([f"{escape_text(v)} ({s:+.2f})".replace(".", ",") for v, s in zip(off["variabele"],
                                                                                            off[column], strict=True)])

    before, after = names("smd_voor"), names("smd_na")
    first = (f"Voor de weging verschilden de groepen op {before}." if before else
             f"Ook voor de weging verschilden de groepen op geen kenmerk meer dan {limit} standaarddeviatie.")
    second = (f"Na de weging verschillen ze nog op {after}: de weging heeft de groepen niet goed vergelijkbaar "
              "gemaakt, lees het gewogen effect met extra voorzichtigheid." if after else
              f"Na de weging verschillen ze op geen enkel kenmerk meer dan {limit} standaarddeviatie.")
    return f"{first} {second}"


def imputation_sentence(table: pd.DataFrame) -> str:
    """The complete-case and the multiply imputed effect at T1 side by side, with what the
    comparison means.

    >>> t = pd.DataFrame({"methode": ["volledige gevallen", "meervoudige imputatie"], "n": [253, 300],
    ...     "effect": [-0.47, -0.50], "se": [0.29, 0.28], "ci_low": [-1.03, -1.06], "ci_high": [0.10, 0.05],
    ...     "imputaties": ["geen", "20"], "fmi": [None, 0.13]})
    >>> imputation_sentence(t).split(": ")[0]
    'Met alleen de deelnemers met beide metingen (253)'
    """
    rows = table.set_index("methode")
    cc, mi = rows.loc["volledige gevallen"], rows.loc["meervoudige imputatie"]
    if _blank(cc["n"], cc["effect"], mi["n"], mi["effect"], mi["ci_low"], mi["ci_high"], mi["fmi"]):
        return f"De gevoeligheidsanalyse is niet te publiceren: {TOO_FEW}."
    se = mi.get("se")
    close = not _blank(se) and abs(float(mi["effect"]) - float(cc["effect"])) < 0.5 * float(se)
    verdict = ("De twee schattingen liggen dicht bij elkaar (minder dan een halve standaardfout): de "
               "ontbrekende metingen veranderen de conclusie waarschijnlijk niet." if close else
               "De twee schattingen verschillen merkbaar: wie uitviel of vragen oversloeg, verschilt kennelijk "
               "van wie bleef; lees het effect met voorzichtigheid.")
    return (f"Met alleen de deelnemers met beide metingen ({int(cc['n'])}): {_number(cc['effect'])} punt. "
            f"Met de ontbrekende metingen {mi['imputaties']} keer aangevuld ({int(mi['n'])} deelnemers): "
            f"{_number(mi['effect'])} punt (95%-interval {_number(mi['ci_low'])} tot {_number(mi['ci_high'])}: "
            f"{reading(mi['effect'], mi['ci_low'], mi['ci_high'])}); ongeveer {100 * float(mi['fmi']):.0f}% van de "
            f"informatie ontbrak. {verdict}")
