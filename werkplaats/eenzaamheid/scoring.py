"""De Jong Gierveld loneliness scale (DJG): item scoring, totals, subscales and bands.

The rules follow shared/domain/INSTRUMENTS.md:

- an item scores 1 on the lonely side; ``min of meer`` always counts as lonely
  (negative items: ``ja`` or ``min of meer``; positive items: ``nee`` or ``min of meer``);
- 11-item version: total 0-11, emotional (items 2, 3, 5, 6, 9, 10) 0-6, social
  (items 1, 4, 7, 8, 11) 0-5; bands 0-2 niet, 3-8 matig, 9-10 ernstig, 11 zeer ernstig eenzaam;
- 6-item short version: emotional items 3, 9, 10 and social items 4, 7, 8; total 0-6,
  bands 0-1 niet, 2-4 matig, 5-6 ernstig eenzaam.

Missing answers (project default, overridable with :class:`MissingRule`): the total is
missing when more than one item is missing, a missing item otherwise counts 0; a subscale
is missing when any of its items is missing. This is the published rule of the 6-item
version; for the 11-item total no published rule was found, so it is a documented choice.

>>> answers = pd.DataFrame({f"djg_{k:02d}": ["nee"] for k in range(1, 12)})
>>> score_djg(answers)[["djg_totaal", "djg_emotioneel", "djg_sociaal"]].iloc[0].tolist()
[5.0, 0.0, 5.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from werkplaats.errors import DataError, dutch_list

__all__ = ["ANSWERS", "BANDS", "ITEMS", "LONELY", "NEGATIVE", "POSITIVE", "SEVERE", "MissingRule", "check_items",
           "djg_band", "item_name", "item_scores", "lonely_flags", "score_djg"]

ANSWERS = ("ja", "min of meer", "nee")
NEGATIVE = (2, 3, 5, 6, 9, 10)  # emotional loneliness, lonely on "ja"
POSITIVE = (1, 4, 7, 8, 11)  # social loneliness, lonely on "nee"
SHORT_EMOTIONAL = (3, 9, 10)
SHORT_SOCIAL = (4, 7, 8)
LONELY = 3  # "eenzaam": total >= 3 (11-item version)
SEVERE = 9  # "(zeer) ernstig eenzaam": total >= 9
BANDS = ("niet eenzaam", "matig eenzaam", "ernstig eenzaam", "zeer ernstig eenzaam")
# upper bounds (inclusive) of each band, per version
BAND_EDGES = {11: (2, 8, 10, 11), 6: (1, 4, 6)}
VERSIONS = {11: (NEGATIVE, POSITIVE), 6: (SHORT_EMOTIONAL, SHORT_SOCIAL)}


def item_name(k: int) -> str:
    """Column name of item ``k``: ``djg_03``.

    >>> item_name(3)
    'djg_03'
    """
    return f"djg_{k:02d}"


ITEMS = tuple(item_name(k) for k in range(1, 12))


@dataclass(frozen=True)
class MissingRule:
    """When a score is missing: more than ``total`` missing items (total) or more than
    ``subscale`` missing items in a subscale. Missing items that are allowed count 0.

    The project default ``MissingRule(total=1, subscale=0)`` mirrors R's reference script.

    >>> MissingRule().total, MissingRule(total=2).subscale
    (1, 0)
    """

    total: int = 1
    subscale: int = 0


def item_scores(answers: pd.DataFrame, items: tuple[int, ...] = tuple(range(1, 12))) -> pd.DataFrame:
    """Per item 1 (lonely side), 0 (not lonely) or NaN (missing), columns ``djg_01`` ...

    Answers are compared after trimming and lower-casing; an unknown answer raises a
    :class:`DataError` naming the column, the rows (1-based positions) and the values.

    >>> item_scores(pd.DataFrame({"djg_01": ["nee", "JA", None]}), items=(1,))["djg_01"].tolist()
    [1.0, 0.0, nan]
    """
    out = {}
    for k in items:
        col = item_name(k)
        codes, labels = pd.factorize(answers[col].to_numpy(dtype=object), use_na_sentinel=True)
        clean = [str(v).strip().lower() for v in labels]
        unknown = [i for i, v in enumerate(clean) if v not in ANSWERS and v != ""]
        if unknown:
            pos = np.flatnonzero(np.isin(codes, unknown))[:5]
            raise DataError.for_values(
                "DJG-scoring", col, rows=[int(p) + 1 for p in pos], values=[clean[codes[p]] for p in pos],
                problem="onbekend antwoord", allowed=ANSWERS)
        lonely = ("ja", "min of meer") if k in NEGATIVE else ("nee", "min of meer")
        value = np.array([np.nan if v == "" else float(v in lonely) for v in clean] + [np.nan])
        out[col] = value[codes]  # code -1 (None/NaN) picks the trailing NaN
    return pd.DataFrame(out, index=answers.index)


def _sum_with_rule(hits: pd.DataFrame, max_missing: int) -> pd.Series:
    missing = hits.isna().sum(axis=1)
    return hits.fillna(0).sum(axis=1).where(missing <= max_missing)


def score_djg(answers: pd.DataFrame, *, version: int = 11, rule: MissingRule = MissingRule()) -> pd.DataFrame:
    """Score the DJG scale: total, emotional and social subscale, missing count and band.

    Parameters
    ----------
    answers : DataFrame with columns ``djg_01`` ... ``djg_11`` (labels ``ja``/``min of meer``/``nee``,
        empty or NaN = missing); the 6-item version only needs items 3, 4, 7, 8, 9, 10.
    version : 11 (full scale) or 6 (short version).
    rule : the missing-answer rule (see :class:`MissingRule`).

    Returns a DataFrame (same index) with ``djg_totaal``, ``djg_emotioneel``, ``djg_sociaal``
    (floats, NaN = missing), ``djg_ontbrekend`` (missing items) and ``djg_band``.

    >>> row = {f"djg_{k:02d}": "ja" for k in range(1, 12)}
    >>> short = score_djg(pd.DataFrame([row]), version=6)
    >>> float(short.loc[0, "djg_totaal"]), short.loc[0, "djg_band"]
    (3.0, 'matig eenzaam')
    """
    if version not in VERSIONS:
        raise ValueError(f"onbekende versie {version} van de DJG-schaal (toegestaan: 11 of 6)")
    check_items(answers, version=version)
    emotional, social = VERSIONS[version]
    hits = item_scores(answers, tuple(sorted(emotional + social)))
    emo = hits[[item_name(k) for k in emotional]]
    soc = hits[[item_name(k) for k in social]]
    total = _sum_with_rule(hits, rule.total)
    return pd.DataFrame({
        "djg_totaal": total,
        "djg_emotioneel": _sum_with_rule(emo, rule.subscale),
        "djg_sociaal": _sum_with_rule(soc, rule.subscale),
        "djg_ontbrekend": hits.isna().sum(axis=1).astype(int),
        "djg_band": djg_band(total, version=version),
    }, index=answers.index)


def djg_band(total: pd.Series, *, version: int = 11) -> pd.Series:
    """The health-monitor band of a total score, as an ordered Categorical.

    >>> djg_band(pd.Series([0, 3, 9, 11, np.nan])).tolist()
    ['niet eenzaam', 'matig eenzaam', 'ernstig eenzaam', 'zeer ernstig eenzaam', nan]
    """
    edges = BAND_EDGES[version]
    labels = list(BANDS[: len(edges)])
    bins = [-0.5] + [e + 0.5 for e in edges]
    return pd.cut(pd.Series(total, dtype=float), bins=bins, labels=labels, ordered=True).astype(
        pd.CategoricalDtype(labels, ordered=True))


def lonely_flags(total: pd.Series) -> pd.DataFrame:
    """``eenzaam`` (total >= 3) and ``ernstig`` (total >= 9) as nullable booleans (11-item scale).

    >>> lonely_flags(pd.Series([2, 3, 9, None])).astype(str).values.tolist()
    [['False', 'False'], ['True', 'False'], ['True', 'True'], ['<NA>', '<NA>']]
    """
    total = pd.Series(total, dtype=float)
    known = total.notna()
    return pd.DataFrame({
        "eenzaam": (total >= LONELY).astype("boolean").where(known, pd.NA),
        "ernstig": (total >= SEVERE).astype("boolean").where(known, pd.NA),
    }, index=total.index)


def check_items(answers: pd.DataFrame, *, version: int = 11) -> None:
    """Raise a Dutch :class:`DataError` when an item column the version needs is absent.

    >>> check_items(pd.DataFrame({"djg_01": []}))
    Traceback (most recent call last):
    ...
    werkplaats.errors.DataError: DJG-scoring: kolom djg_02, djg_03, djg_04, djg_05 en nog 6 ontbreekt
    """
    emotional, social = VERSIONS[version]
    missing = [item_name(k) for k in sorted(emotional + social) if item_name(k) not in answers]
    if missing:
        raise DataError(f"DJG-scoring: kolom {dutch_list(missing, limit=4)} ontbreekt", column=missing[0])
