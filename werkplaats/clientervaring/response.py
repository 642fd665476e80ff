"""Response and representativeness: respondents against the client population.

The tables are unprotected and declare their roles (:mod:`werkplaats.roles`), so that
:func:`werkplaats.disclosure.protect` can protect them: the categories of a kenmerk add up
within a gemeente, the gemeenten add up to the region.

>>> from werkplaats.lines import load_line
>>> from werkplaats.clientervaring.preparation import prepare
>>> prepared = prepare(load_line("clientervaring", "tests/fixtures/reference"))
>>> overview = response_overview(prepared.answers, prepared.population)
>>> overview.set_index("gemeente").loc["Utrecht", "respondenten"]
np.int64(610)
"""

from __future__ import annotations

import pandas as pd

from werkplaats.clientervaring.preparation import MARGINS
from werkplaats.roles import count, declare, label, share

__all__ = ["REGION", "response_overview", "response_table"]

REGION = "regio"


def response_table(answers: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Response against population per gemeente, kenmerk (leeftijdsklasse, geslacht) and category.

    Columns ``respondenten``, ``aandeel_respons``, ``populatie``, ``aandeel_populatie``,
    ``responspercentage``; the categories of a kenmerk partition the gemeente.

    >>> a = pd.DataFrame({"gemeente": "A", "leeftijdsklasse": ["18-64"] * 3, "geslacht": ["man", "man", "vrouw"]})
    >>> p = pd.DataFrame({"gemeente": "A", "leeftijdsklasse": ["18-64"] * 2, "geslacht": ["man", "vrouw"],
    ...                   "aantal_clienten": [10, 30]})
    >>> response_table(a, p).query("kenmerk == 'geslacht'")["responspercentage"].round(3).tolist()
    [0.2, 0.033]
    """
    rows = []
    for margin in MARGINS:
        resp = answers.groupby(["gemeente", margin], observed=False).size().rename("respondenten")
        pop = population.groupby(["gemeente", margin], observed=False)["aantal_clienten"].sum().rename("populatie")
        both = pd.concat([resp, pop], axis=1).fillna(0).reset_index().rename(columns={margin: "categorie"})
        both = both[both["gemeente"].isin(answers["gemeente"].unique())]
        both.insert(1, "kenmerk", margin)
        rows.append(both)
    table = pd.concat(rows, ignore_index=True).astype({"respondenten": int, "populatie": int})
    table["categorie"] = table["categorie"].astype(str)
    totals = table.groupby(["gemeente", "kenmerk"])[["respondenten", "populatie"]].transform("sum")
    table["aandeel_respons"] = table["respondenten"] / totals["respondenten"]
    table["aandeel_populatie"] = table["populatie"] / totals["populatie"]
    rate = table["respondenten"] / table["populatie"].where(table["populatie"] > 0)
    # more respondents than clients in a group (population counts of another date, or a wrong
    # count): no response rate above 100% is published; the gemeente as a whole is checked on loading
    table["responspercentage"] = rate.where(rate <= 1)
    table = table[["gemeente", "kenmerk", "categorie", "respondenten", "aandeel_respons", "populatie",
                   "aandeel_populatie", "responspercentage"]]
    return declare(table, unit="respondenten", title="Respons naar leeftijd en geslacht", partition="categorie",
                   columns={"gemeente": label("gemeente"), "kenmerk": label("kenmerk"),
                            "categorie": label("groep"), "respondenten": count("respondenten"),
                            "aandeel_respons": share("aandeel respons", on="respondenten"),
                            "populatie": count("cliënten", unit="cliënten"),
                            "aandeel_populatie": share("aandeel populatie", on="populatie"),
                            "responspercentage": share("responspercentage", on=("respondenten", "populatie"))})


def response_overview(answers: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Per gemeente and for the region (``regio``): respondents, clients and the response rate."""
    resp = answers.groupby("gemeente").size().rename("respondenten")
    pop = population.groupby("gemeente")["aantal_clienten"].sum().rename("populatie")
    table = pd.concat([resp, pop], axis=1).loc[resp.index].fillna(0).reset_index()
    region = pd.DataFrame({"gemeente": [REGION], "respondenten": [table["respondenten"].sum()],
                           "populatie": [table["populatie"].sum()]})
    # the region's rate counts only gemeenten with population counts (the report names the others)
    counted = table.loc[table["populatie"] > 0, "respondenten"].sum()
    table = pd.concat([table, region], ignore_index=True).astype({"respondenten": int, "populatie": int})
    table["responspercentage"] = table["respondenten"] / table["populatie"].where(table["populatie"] > 0)
    table.loc[table["gemeente"] == REGION, "responspercentage"] = counted / table["populatie"].iloc[-1] if int(
        table["populatie"].iloc[-1]) > 0 else float("nan")
    return declare(table, unit="respondenten", title="Respons per gemeente", partition="gemeente",
                   partition_total=REGION,
                   columns={"gemeente": label("gemeente"), "respondenten": count("respondenten"),
                            "populatie": count("cliënten", unit="cliënten"),
                            "responspercentage": share("responspercentage", on=("respondenten", "populatie"))})
