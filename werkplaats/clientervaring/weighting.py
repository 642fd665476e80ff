"""Weighting: the share agreeing raked to the population margins of age and sex.

>>> from werkplaats.lines import load_line
>>> from werkplaats.clientervaring.preparation import latest_year, prepare
>>> prepared = prepare(load_line("clientervaring", "tests/fixtures/reference"))
>>> table = weighted_agree(latest_year(prepared.answers), prepared.population)
>>> round(float(table.set_index("gemeente").loc["Utrecht", "weighted"]), 4)
0.8517
"""

from __future__ import annotations

import pandas as pd

from werkplaats.clientervaring.preparation import MARGINS, POPULATION
from werkplaats.clientervaring.scoring import agree_flags
from werkplaats.errors import DataError
from werkplaats.roles import ci_high, ci_low, count, declare, estimate, label, se, share

__all__ = ["MIN_WEIGHTED", "Z95", "weighted_agree"]

MIN_WEIGHTED = 30  # respondents a gemeente needs before its shares can be raked
Z95 = 1.959963984540054
COLUMNS = ["gemeente", "item", "n", "n_valid", "unweighted", "weighted", "se", "ci_low", "ci_high", "kish_deff",
           "effective_n"]


def _raked_row(part: pd.DataFrame, pop: pd.DataFrame, gemeente: str, item: str) -> dict:
    from werkplaats.stats.survey import margins_from_population, raked_share

    margins = margins_from_population(pop, MARGINS)
    try:
        res = raked_share(agree_flags(part, [item])[item], part.reset_index(drop=True), margins)
    except ValueError as exc:
        raise DataError(f"{POPULATION}: gemeente {gemeente}: respondenten in een groep zonder "
                        f"populatieaantal ({exc}).", file=POPULATION) from None
    return {"gemeente": gemeente, "item": item, "n": res.n, "n_valid": res.n_valid, "unweighted": res.unweighted,
            "weighted": res.share, "se": res.se, "ci_low": res.share - Z95 * res.se,
            "ci_high": res.share + Z95 * res.se, "kish_deff": res.kish_deff, "effective_n": res.effective_n}


def weighted_agree(answers: pd.DataFrame, population: pd.DataFrame, *, item: str = "v06",
                   min_respondents: int = MIN_WEIGHTED) -> pd.DataFrame:
    """Raked share agreeing with ``item`` per gemeente with at least ``min_respondents`` (unprotected).

    Weights are raked to the population margins of leeftijdsklasse and geslacht; the SE is
    linearised through the raking (as R's survey package). Raking needs enough respondents,
    so smaller gemeenten get no row (a method limit, not disclosure protection).
    """
    rows = []
    for g, part in answers.groupby("gemeente", sort=True):
        pop = population[population["gemeente"] == g]
        if len(part) >= min_respondents and not pop.empty:
            rows.append(_raked_row(part, pop, str(g), item))
    table = pd.DataFrame(rows, columns=COLUMNS).astype({"n": int, "n_valid": int})
    on = "n_valid"
    return declare(table, unit="respondenten", title=f"Gewogen en ongewogen aandeel eens ({item})",
                   columns={"gemeente": label("gemeente"), "item": label("stelling"), "n": count("respondenten"),
                            "n_valid": count("geldige antwoorden"), "unweighted": share("ongewogen", on=on),
                            "weighted": estimate("gewogen", on=on, percent=True),
                            "se": se("standaardfout", on=on, percent=True),
                            "ci_low": ci_low("interval van", on=on, percent=True),
                            "ci_high": ci_high("interval tot", on=on, percent=True),
                            "kish_deff": estimate("design-effect (Kish)", on=on),
                            "effective_n": estimate("effectieve n", on=on, decimals=0)})
