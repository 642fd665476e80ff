"""Likert statements of the Wmo client-experience survey: recoding, shares agreeing, alpha.

Answers are scored 1 (``helemaal niet mee eens``) to 5 (``helemaal mee eens``);
``weet niet / n.v.t.`` and empty cells are missing. ``v05`` is a yes/no question
(``ja`` = 1, ``nee`` = 0). "Agree" is ``mee eens`` or ``helemaal mee eens`` among the valid
answers (for v05: ``ja``), the national reporting convention.

>>> answers = pd.DataFrame({"gemeente": ["A"] * 4,
...     "v03": ["mee eens", "helemaal mee eens", "niet mee eens", "weet niet / n.v.t."]})
>>> percent_agree(answers, items=["v03"])[["n", "x", "agree"]].iloc[0].tolist()
[3.0, 2.0, 0.6666666666666666]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from werkplaats.stats.proportions import wilson_ci

__all__ = [
    "DONT_KNOW", "ITEMS", "ITEMS_NINE", "ITEMS_OUTCOME", "LIKERT_ITEMS", "LIKERT_LABELS", "STATEMENTS", "THEMES",
    "YES_NO", "YES_NO_ITEMS", "AlphaResult", "agree_flags", "answer_distribution", "cronbach_alpha", "percent_agree",
    "recode_likert", "recode_yes_no", "score_items",
]

LIKERT_LABELS = [
    "helemaal niet mee eens",
    "niet mee eens",
    "niet mee eens, niet mee oneens",
    "mee eens",
    "helemaal mee eens",
]
DONT_KNOW = "weet niet / n.v.t."
YES_NO = ["ja", "nee"]
ITEMS = [f"v{i:02d}" for i in range(1, 11)]
LIKERT_ITEMS = [i for i in ITEMS if i != "v05"]
YES_NO_ITEMS = ["v05"]
ITEMS_NINE = LIKERT_ITEMS
ITEMS_OUTCOME = ["v08", "v09", "v10"]

STATEMENTS = {
    "v01": "Ik wist waar ik moest zijn met mijn hulpvraag.",
    "v02": "Ik werd snel geholpen.",
    "v03": "De medewerker nam mij serieus.",
    "v04": "De medewerker en ik hebben in het gesprek samen naar oplossingen gezocht.",
    "v05": "Wist u dat u gebruik kon maken van een onafhankelijke cliëntondersteuner? (ja/nee)",
    "v06": "Ik vind de kwaliteit van de ondersteuning die ik krijg goed.",
    "v07": "De ondersteuning die ik krijg past bij mijn hulpvraag.",
    "v08": "Door de ondersteuning die ik krijg kan ik beter de dingen doen die ik wil.",
    "v09": "Door de ondersteuning die ik krijg kan ik mij beter redden.",
    "v10": "Door de ondersteuning die ik krijg heb ik een betere kwaliteit van leven.",
}
THEMES = {"v01": "toegang", "v02": "toegang", "v03": "toegang", "v04": "toegang", "v05": "toegang",
          "v06": "kwaliteit", "v07": "kwaliteit", "v08": "effect", "v09": "effect", "v10": "effect"}


def _as_text(answers: pd.Series) -> pd.Series:
    """Answers as trimmed lower-case strings (missing stays missing)."""
    text = answers.astype(object)
    return text.where(text.isna(), text.astype(str).str.strip().str.lower())


def recode_likert(answers: pd.Series) -> pd.Series:
    """Score a Likert item 1-5; ``weet niet / n.v.t.``, empty and unknown become NaN.

    >>> recode_likert(pd.Series(["mee eens", "weet niet / n.v.t.", None])).tolist()
    [4.0, nan, nan]
    """
    codes = {label: float(k) for k, label in enumerate(LIKERT_LABELS, start=1)}
    return _as_text(answers).map(codes).astype(float)


def recode_yes_no(answers: pd.Series) -> pd.Series:
    """Score a yes/no item: ``ja`` 1, ``nee`` 0, anything else NaN.

    >>> recode_yes_no(pd.Series(["ja", "nee", ""])).tolist()
    [1.0, 0.0, nan]
    """
    return _as_text(answers).map({"ja": 1.0, "nee": 0.0}).astype(float)


def score_items(data: pd.DataFrame, items: Sequence[str] = ITEMS) -> pd.DataFrame:
    """Scores of ``items`` (Likert 1-5, v05 0/1), one column per item, NaN = missing.

    >>> score_items(pd.DataFrame({"v05": ["ja"], "v06": ["niet mee eens"]}), ["v05", "v06"]).iloc[0].tolist()
    [1.0, 2.0]
    """
    return pd.DataFrame({i: recode_yes_no(data[i]) if i in YES_NO_ITEMS else recode_likert(data[i])
                         for i in items}, index=data.index)


def agree_flags(data: pd.DataFrame, items: Sequence[str] = ITEMS) -> pd.DataFrame:
    """1.0 for agreement (score 4-5, or ``ja``), 0.0 for another valid answer, NaN otherwise.

    >>> agree_flags(pd.DataFrame({"v01": ["mee eens", "niet mee eens", None]}), ["v01"])["v01"].tolist()
    [1.0, 0.0, nan]
    """
    scores = score_items(data, items)
    flags = {}
    for item in items:
        s = scores[item]
        flags[item] = s if item in YES_NO_ITEMS else (s >= 4).astype(float).where(s.notna())
    return pd.DataFrame(flags, index=data.index)


def percent_agree(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "gemeente",
    items: Sequence[str] = ITEMS,
    level: float = 0.95,
) -> pd.DataFrame:
    """Share agreeing per group and item with its Wilson interval (unprotected).

    Returns one row per group and item: ``n`` (valid answers), ``x`` (agreeing),
    ``agree``, ``ci_low`` and ``ci_high``. ``by=None`` pools everybody.
    """
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    flags = agree_flags(data, items)
    long = flags.assign(**{k: data[k].astype(object) for k in keys}).melt(
        id_vars=keys, value_vars=list(items), var_name="item", value_name="flag")
    long = long.dropna(subset=["flag"])
    groups = keys + ["item"]
    table = long.groupby(groups, sort=True).agg(n=("flag", "size"), x=("flag", "sum")).reset_index()
    table = _complete(table, data, keys, items)
    lo, hi = wilson_ci(table["x"].to_numpy(), table["n"].to_numpy(), level)
    share = table["x"] / table["n"].where(table["n"] > 0)
    return table.assign(agree=share, ci_low=lo, ci_high=hi)


def _complete(table: pd.DataFrame, data: pd.DataFrame, keys: list[str], items: Sequence[str]) -> pd.DataFrame:
    """Add rows with n = 0 for items nobody in a group answered validly."""
    groups = data[keys].astype(object).drop_duplicates() if keys else pd.DataFrame(index=[0])
    full = groups.merge(pd.DataFrame({"item": list(items)}), how="cross")
    out = full.merge(table, on=keys + ["item"], how="left").fillna({"n": 0, "x": 0})
    out[["n", "x"]] = out[["n", "x"]].astype(int)
    return out.sort_values(keys + ["item"]).reset_index(drop=True)


def answer_distribution(
    data: pd.DataFrame,
    *,
    by: str | None = "gemeente",
    items: Sequence[str] = LIKERT_ITEMS,
) -> pd.DataFrame:
    """Share of every answer among the valid answers, per group and item (unprotected).

    Columns: group, ``item``, ``answer`` (the label, in scale order), ``n`` (valid answers),
    ``share``; plus ``dont_know`` and ``missing`` counts per group and item.

    >>> d = pd.DataFrame({"gemeente": ["A"] * 3, "v01": ["mee eens", "mee eens", "niet mee eens"]})
    >>> answer_distribution(d, items=["v01"])["share"].round(3).tolist()
    [0.0, 0.333, 0.0, 0.667, 0.0]
    """
    keys = [] if by is None else [by]
    rows = []
    grouped = data.groupby(keys, sort=True, observed=True) if keys else [((), data)]
    for key, part in grouped:
        group = dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=False))
        for item in items:
            rows.extend(_distribution_rows(part[item], item, group))
    table = pd.DataFrame(rows)
    table["answer"] = pd.Categorical(table["answer"], categories=LIKERT_LABELS + YES_NO)
    return table


def _distribution_rows(answers: pd.Series, item: str, group: dict) -> list[dict]:
    text = _as_text(answers)
    labels = YES_NO if item in YES_NO_ITEMS else LIKERT_LABELS
    counts = text.value_counts()
    n = int(sum(counts.get(label, 0) for label in labels))
    common = {**group, "item": item, "n": n, "dont_know": int(counts.get(DONT_KNOW, 0)),
              "missing": int(text.isna().sum() + counts.get("", 0))}
    return [{**common, "answer": label, "share": np.nan if n == 0 else counts.get(label, 0) / n}
            for label in labels]


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha on ``n`` complete cases of ``k`` items, with a Feldt interval."""

    n: int
    k: int
    alpha: float
    ci: tuple[float, float]


def cronbach_alpha(scores: pd.DataFrame, *, level: float = 0.95) -> AlphaResult:
    """Cronbach's alpha (psych::alpha ``raw_alpha``) on complete cases, Feldt (1965) interval.

    alpha = k / (k - 1) * (1 - sum of item variances / variance of the total). The
    interval uses alpha's F distribution, (1 - alpha) / (1 - a) ~ F(n - 1, (n - 1)(k - 1)),
    as psych::alpha.ci does.

    >>> s = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 5], "c": [1, 3, 3, 4, 4]})
    >>> round(cronbach_alpha(s).alpha, 4)
    0.9538
    """
    from scipy.stats import f

    complete = scores.dropna().astype(float)
    n, k = complete.shape
    if k < 2 or n < 2:
        return AlphaResult(n=n, k=k, alpha=float("nan"), ci=(float("nan"), float("nan")))
    cov = np.cov(complete.to_numpy(), rowvar=False, ddof=1)
    alpha = k / (k - 1) * (1 - np.trace(cov) / cov.sum())
    df1, df2 = n - 1, (n - 1) * (k - 1)
    tail = (1 - level) / 2
    low = 1 - (1 - alpha) * f.ppf(1 - tail, df1, df2)
    high = 1 - (1 - alpha) * f.ppf(tail, df1, df2)
    return AlphaResult(n=int(n), k=int(k), alpha=float(alpha), ci=(float(low), float(high)))
