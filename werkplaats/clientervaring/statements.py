"""Per statement: shares agreeing, answer distributions, the comparison with the region, the
trend over years, reliability and the data check, as unprotected tables with declared roles.

>>> from werkplaats.lines import load_line
>>> from werkplaats.clientervaring.preparation import latest_year, prepare
>>> answers = latest_year(prepare(load_line("clientervaring", "tests/fixtures/reference")).answers)
>>> table = agree_table(answers).set_index(["gemeente", "item"])
>>> round(float(table.loc[("Leusden", "v03"), "agree"]), 4)
0.7786
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from werkplaats.clientervaring.scoring import (
    ITEMS,
    ITEMS_NINE,
    ITEMS_OUTCOME,
    STATEMENTS,
    answer_distribution,
    cronbach_alpha,
    percent_agree,
)
from werkplaats.roles import ci_high, ci_low, count, declare, estimate, label, share

__all__ = ["agree_table", "alpha_table", "data_check", "distribution_table", "region_comparison", "trend_table"]

REGION = "regio"


def _agree_roles(keys: list[str]) -> dict:
    return {**{k: label(k) for k in keys}, "item": label("stelling"), "n": count("geldige antwoorden"),
            "agree": share("aandeel eens", on="n"),
            "ci_low": ci_low("interval van", on="n", percent=True, of="agree"),
            "ci_high": ci_high("interval tot", on="n", percent=True, of="agree")}


def agree_table(answers: pd.DataFrame, *, by: str | list[str] | None = "gemeente") -> pd.DataFrame:
    """Share agreeing per group (``by=None``: the region) and item, with the Wilson interval."""
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    table = percent_agree(answers, by=by).drop(columns="x")
    title = "Aandeel eens per stelling" + (f" per {', '.join(keys)}" if keys else " in de regio")
    return declare(table, unit="geldige antwoorden", title=title, columns=_agree_roles(keys))


def trend_table(answers: pd.DataFrame) -> pd.DataFrame | None:
    """Share agreeing per year, per gemeente and for the region (``gemeente='regio'``); None for one year."""
    if answers["jaar"].nunique() < 2:
        return None
    per_gemeente = percent_agree(answers, by=["gemeente", "jaar"])
    region = percent_agree(answers, by="jaar").assign(gemeente=REGION)
    table = pd.concat([per_gemeente, region], ignore_index=True).drop(columns="x")
    table["jaar"] = table["jaar"].astype(int)
    return declare(table, unit="geldige antwoorden", title="Aandeel eens per jaar", partition="gemeente",
                   partition_total=REGION, columns=_agree_roles(["gemeente", "jaar"]))


def distribution_table(answers: pd.DataFrame, *, by: str | None = "gemeente") -> pd.DataFrame:
    """Share of every answer among the valid answers, per group and statement."""
    table = answer_distribution(answers, by=by)
    keys = [] if by is None else [by]
    table = table[[*keys, "item", "answer", "n", "share", "dont_know", "missing"]]
    return declare(table, unit="geldige antwoorden", title="Verdeling van de antwoorden", partition="answer",
                   columns={**{k: label(k) for k in keys}, "item": label("stelling"), "answer": label("antwoord"),
                            "n": count("geldige antwoorden"), "share": share("aandeel", on="n"),
                            "dont_know": count("weet niet / n.v.t.", unit="respondenten"),
                            "missing": count("leeg", unit="respondenten")})


def region_comparison(per_gemeente: pd.DataFrame, region: pd.DataFrame, gemeente: str) -> pd.DataFrame:
    """Per statement the gemeente's share and interval next to the region's, and the difference."""
    mine = per_gemeente[per_gemeente["gemeente"] == gemeente].set_index("item")
    whole = region.set_index("item").reindex(mine.index)
    table = pd.DataFrame({"stelling": mine.index.map(STATEMENTS), "n": mine["n"], "gemeente": mine["agree"],
                          "gemeente_low": mine["ci_low"], "gemeente_high": mine["ci_high"],
                          "n_regio": whole["n"], "regio": whole["agree"], "regio_low": whole["ci_low"],
                          "regio_high": whole["ci_high"]}).rename_axis("item").reset_index()
    table["verschil"] = table["gemeente"] - table["regio"]
    pct: dict[str, Any] = {"percent": True}
    return declare(table, unit="geldige antwoorden", title=f"{gemeente} vergeleken met de regio",
                   columns={"item": label("stelling"), "stelling": label("tekst"), "n": count(gemeente),
                            "gemeente": share(f"aandeel eens {gemeente}", on="n"),
                            "gemeente_low": ci_low("interval van", on="n", **pct),
                            "gemeente_high": ci_high("interval tot", on="n", **pct),
                            "n_regio": count("regio"), "regio": share("aandeel eens regio", on="n_regio"),
                            "regio_low": ci_low("interval regio van", on="n_regio", **pct),
                            "regio_high": ci_high("interval regio tot", on="n_regio", **pct),
                            "verschil": estimate("verschil (%-punt)", on=("n", "n_regio"), **pct)})


def alpha_table(answers: pd.DataFrame) -> pd.DataFrame:
    """Cronbach's alpha with its Feldt interval for the nine statements and the outcome scale."""
    rows = []
    for scale, items, title in (("items9", ITEMS_NINE, "negen stellingen (v01–v04, v06–v10)"),
                                ("outcome", ITEMS_OUTCOME, "effect (v08–v10)")):
        a = cronbach_alpha(answers[[f"{i}_score" for i in items]])
        rows.append({"schaal": scale, "omschrijving": title, "n": a.n, "alpha": a.alpha, "ci_low": a.ci[0],
                     "ci_high": a.ci[1]})
    return declare(pd.DataFrame(rows), unit="respondenten", title="Betrouwbaarheid (Cronbachs alfa)",
                   columns={"schaal": label("schaal"), "omschrijving": label("stellingen"),
                            "n": count("respondenten (volledig)"), "alpha": estimate("alfa", on="n", decimals=3),
                            "ci_low": ci_low("95%-interval van", on="n", decimals=3),
                            "ci_high": ci_high("95%-interval tot", on="n", decimals=3)})


def data_check(answers: pd.DataFrame) -> pd.DataFrame:
    """Respondents per gemeente and year, with the valid, 'weet niet' and empty answers over all items."""
    rows = []
    for (g, year), part in answers.groupby(["gemeente", "jaar"], sort=True):
        scores = part[[f"{i}_score" for i in ITEMS]]
        answered = part[ITEMS].astype(object).notna().to_numpy() & (part[ITEMS].astype(str) != "").to_numpy()
        rows.append({"gemeente": str(g), "jaar": int(year), "respondenten": len(part),
                     "geldig": int(scores.notna().to_numpy().sum()),
                     "weet_niet": int((answered & scores.isna().to_numpy()).sum()),
                     "leeg": int((~answered).sum())})
    return declare(pd.DataFrame(rows), unit="respondenten", title="Datacontrole", partition="gemeente",
                   columns={"gemeente": label("gemeente"), "jaar": label("jaar"), "respondenten": count("respondenten"),
                            "geldig": count("geldige antwoorden", unit="antwoorden"),
                            "weet_niet": count("weet niet / n.v.t.", unit="antwoorden"),
                            "leeg": count("leeg", unit="antwoorden")})
