"""Wmo client-experience survey (cliëntervaringsonderzoek): analyse, tables, key figures.

How do clients judge access, quality and effect, per statement and gemeente; how certain
is that; is the response representative; and does a gemeente really differ from the
region once chance (funnel plot) and case-mix (logistic model) are accounted for?

:func:`analyse` gives unprotected tables with declared roles; :func:`tables` protects every
table a report shows with :func:`werkplaats.disclosure.protect`, and :func:`key_figures`
builds results.json from those protected tables. Nothing here suppresses by hand.

>>> from werkplaats.lines import load_line
>>> from werkplaats.clientervaring.preparation import prepare
>>> results = analyse(prepare(load_line("clientervaring", "tests/fixtures/reference")), min_cel=10)
>>> round(key_figures(results)["percent_agree"]["Leusden"]["v03"]["agree"], 4)
0.7786
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from werkplaats.checks import check_gemeente
from werkplaats.clientervaring import comparison, response, statements, weighting
from werkplaats.clientervaring.comparison import CasemixResult
from werkplaats.clientervaring.preparation import Prepared, check_item, latest_year
from werkplaats.disclosure import protect, protect_linked, published_once
from werkplaats.errors import ParameterError
from werkplaats.privacy import MIN_CEL

REGION_ROW = "regio"  # the region as a row label when it is protected with the gemeenten

__all__ = ["ANALYSIS", "Results", "analyse", "key_figures", "tables"]

ANALYSIS = "clientervaring"


@dataclass
class Results:
    """Everything a report shows, UNPROTECTED: publish only through :func:`tables`."""

    parameters: dict
    year: int
    years: list[int]
    percent_agree: pd.DataFrame
    percent_agree_region: pd.DataFrame
    distribution: pd.DataFrame
    distribution_region: pd.DataFrame
    response: pd.DataFrame
    response_overview: pd.DataFrame
    weighted: pd.DataFrame
    alpha: pd.DataFrame
    funnel_target: float
    funnel: pd.DataFrame
    casemix: CasemixResult
    data_check: pd.DataFrame
    trend: pd.DataFrame | None = None
    comparison: pd.DataFrame | None = None

    @property
    def gemeente(self) -> str:
        """The report's gemeente as resolved (or ``alle``)."""
        return self.parameters["gemeente"]

    @property
    def min_cel(self) -> int:
        """The smallest group that may be published."""
        return self.parameters["min_cel"]


def _check_min_cel(min_cel: object) -> int:
    if isinstance(min_cel, bool) or not isinstance(min_cel, int) or min_cel < 1:
        raise ParameterError(f"min_cel moet een geheel getal van minstens 1 zijn (gekregen: {min_cel!r}).")
    return min_cel


def analyse(prepared: Prepared, *, gemeente: str = "alle", min_cel: int = MIN_CEL, funnel_item: str = "v03",
            weighted_item: str = "v06") -> Results:
    """All analyses of the report on the latest year (the trend on all years); unprotected."""
    if not isinstance(prepared, Prepared):
        raise TypeError("analyse takes what clientervaring.prepare returns")
    min_cel = _check_min_cel(min_cel)
    gemeente = check_gemeente(prepared.answers, gemeente)
    parameters = {"gemeente": gemeente, "min_cel": min_cel, "funnel_item": check_item(funnel_item),
                  "weighted_item": check_item(weighted_item)}
    current, population = latest_year(prepared.answers), prepared.population
    target, funnel_table = comparison.funnel(current, item=funnel_item)
    per_gemeente, region = statements.agree_table(current), statements.agree_table(current, by=None)
    return Results(
        parameters=parameters, year=int(current["jaar"].max()),
        years=sorted(int(y) for y in prepared.answers["jaar"].unique()),
        percent_agree=per_gemeente, percent_agree_region=region,
        distribution=statements.distribution_table(current),
        distribution_region=statements.distribution_table(current, by=None),
        response=response.response_table(current, population),
        response_overview=response.response_overview(current, population),
        weighted=weighting.weighted_agree(current, population, item=weighted_item),
        alpha=statements.alpha_table(current), funnel_target=target, funnel=funnel_table,
        casemix=comparison.casemix(current, item=weighted_item, min_respondents=min_cel),
        data_check=statements.data_check(prepared.answers), trend=statements.trend_table(prepared.answers),
        comparison=None if gemeente == "alle" else statements.region_comparison(per_gemeente, region, gemeente),
    )


@published_once
def tables(results: Results) -> dict[str, pd.DataFrame]:
    """Every table a report shows, each protected once with ``min_cel`` (Dutch keys); the shares
    per gemeente together with those of the region."""
    shown = {
        "respons": results.response_overview, "respons_kenmerken": results.response,
        "stellingen": results.percent_agree, "stellingen_regio": results.percent_agree_region,
        "verdeling": results.distribution, "verdeling_regio": results.distribution_region,
        "vergelijking_regio": results.comparison, "trechter": results.funnel, "gewogen": results.weighted,
        "casemix": results.casemix.adjusted, "casemix_model": results.casemix.coefficients,
        "alfa": results.alpha, "trend": results.trend, "datacontrole": results.data_check,
    }
    protected = {name: protect(table, min_cel=results.min_cel) for name, table in shown.items() if table is not None}
    for parts, whole in (("stellingen", "stellingen_regio"), ("verdeling", "verdeling_regio")):
        # the region minus the other gemeenten may not give a gemeente's hidden count back
        protected[parts], protected[whole] = protect_linked(shown[parts], shown[whole], by="gemeente",
                                                            total=REGION_ROW, min_cel=results.min_cel)
    return protected


def key_figures(results: Results) -> dict:
    """Key figures for results.json (DATA_CONTRACT §6, clientervaring), built from :func:`tables`."""
    from werkplaats.clientervaring.results_json import key_figures_from

    return key_figures_from(tables(results), results)
