"""Wmo client-experience survey (cliëntervaringsonderzoek): prepare, analyse, key figures.

How do clients judge access, quality and effect, per statement and gemeente; how certain
is that; is the response representative; and does a gemeente really differ from the
region once chance (funnel plot) and case-mix (logistic model) are accounted for?

The cross-sectional figures use the latest survey year; with more than one year a trend
table is added. Every figure on fewer than ``min_cel`` valid answers is suppressed. The
free text (``toelichting``) and the respondent code never leave :func:`prepare`.

>>> from werkplaats.paths import resolve
>>> data = load(resolve("tests/fixtures/reference"))
>>> results = analyse(data, min_cel=10)
>>> round(key_figures(results)["percent_agree"]["Leusden"]["v03"]["agree"], 4)
0.7786
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from werkplaats.checks import check_gemeente
from werkplaats.clientervaring.scoring import (
    ITEMS,
    ITEMS_NINE,
    ITEMS_OUTCOME,
    AlphaResult,
    agree_flags,
    answer_distribution,
    cronbach_alpha,
    percent_agree,
    score_items,
)
from werkplaats.errors import DataError, ParameterError, dutch_list
from werkplaats.privacy import MIN_CEL, is_suppressed

ANALYSIS = "clientervaring"
ANSWERS = "clientervaring_antwoorden"
POPULATION = "clientervaring_populatie"
BACKGROUND = [
    "gemeente", "gemeente_code", "jaar", "leeftijdsklasse", "geslacht", "voorziening", "ingevuld_door",
]
MARGINS = ["leeftijdsklasse", "geslacht"]
CASEMIX_TERMS = "gemeente + leeftijdsklasse + geslacht + ingevuld_door"
MIN_WEIGHTED = 30  # respondents a gemeente needs before its shares are raked
Z95 = 1.959963984540054


@dataclass
class ExperienceData:
    """Prepared answers (no free text, no respondent code), population, and provenance."""

    answers: pd.DataFrame
    population: pd.DataFrame
    inputs: list[Path]
    summaries: list[str]


def load(data_dir: str | os.PathLike[str] | None = None) -> ExperienceData:
    """Load and validate both datasets from ``data_dir`` (default data/raw) and prepare them."""
    from werkplaats.validate import load_dataset

    answers = load_dataset(ANSWERS, data_dir)
    population = load_dataset(POPULATION, data_dir)
    return ExperienceData(answers=prepare(answers.data), population=population.data,
                          inputs=[answers.path, population.path],
                          summaries=[answers.summary(), population.summary()])


def prepare(answers: pd.DataFrame) -> pd.DataFrame:
    """Background columns, the answers and their scores (``v01_score``...); nothing else.

    Drops ``respondent_id``, ``toelichting`` and any column outside the contract.

    >>> raw = pd.DataFrame({c: ["x"] for c in BACKGROUND} | {i: ["mee eens"] for i in ITEMS}
    ...                    | {"toelichting": ["bel 06-12345678"]})
    >>> prepare(raw).filter(like="v03").columns.tolist()
    ['v03', 'v03_score']
    """
    scores = score_items(answers, ITEMS).add_suffix("_score")
    kept = answers[BACKGROUND + ITEMS].reset_index(drop=True)
    return pd.concat([kept, scores.reset_index(drop=True)], axis=1)


def write_processed(prepared: pd.DataFrame, folder: str | os.PathLike[str] | None = None) -> Path:
    """Write the prepared answers to ``data/processed/clientervaring_antwoorden.parquet``."""
    from werkplaats.io import write_parquet
    from werkplaats.paths import processed_dir

    forbidden = {"respondent_id", "toelichting"} & set(prepared.columns)
    if forbidden:
        raise ValueError(f"refusing to write {sorted(forbidden)} to data/processed")
    return write_parquet(prepared, Path(folder or processed_dir()) / f"{ANSWERS}.parquet")


def check_item(item: str) -> str:
    """A statement code v01...v10, else ParameterError."""
    if item not in ITEMS:
        raise ParameterError(f"onbekende stelling '{item}' (kies uit {dutch_list(ITEMS, limit=10)}).")
    return item


def latest_year(answers: pd.DataFrame) -> pd.DataFrame:
    """Only the answers of the latest survey year."""
    return answers[answers["jaar"] == answers["jaar"].max()].reset_index(drop=True)


def response_table(answers: pd.DataFrame, population: pd.DataFrame, *,
                   min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Response against population per gemeente, margin (leeftijdsklasse, geslacht) and category.

    Columns ``respondenten``, ``aandeel_respons``, ``populatie``, ``aandeel_populatie``,
    ``responspercentage``; counts under ``min_cel`` are suppressed with their shares.
    """
    rows = []
    for margin in MARGINS:
        resp = answers.groupby(["gemeente", margin], observed=False).size().rename("respondenten")
        pop = population.groupby(["gemeente", margin], observed=False)["aantal_clienten"].sum()
        pop = pop.rename("populatie")
        both = pd.concat([resp, pop], axis=1).fillna(0).reset_index().rename(columns={margin: "categorie"})
        both = both[both["gemeente"].isin(answers["gemeente"].unique())]
        both.insert(1, "kenmerk", margin)
        rows.append(both)
    table = pd.concat(rows, ignore_index=True)
    table["categorie"] = table["categorie"].astype(str)
    totals = table.groupby(["gemeente", "kenmerk"])[["respondenten", "populatie"]].transform("sum")
    table["aandeel_respons"] = table["respondenten"] / totals["respondenten"]
    table["aandeel_populatie"] = table["populatie"] / totals["populatie"]
    table["responspercentage"] = table["respondenten"] / table["populatie"].where(table["populatie"] > 0)
    small_resp = table["respondenten"].map(lambda n: is_suppressed(n, min_cel)) | \
        totals["respondenten"].map(lambda n: is_suppressed(n, min_cel))
    small_pop = table["populatie"].map(lambda n: is_suppressed(n, min_cel))
    small_resp = _hide_complement(small_resp, table["respondenten"], table[["gemeente", "kenmerk"]])
    small_pop = _hide_complement(small_pop, table["populatie"], table[["gemeente", "kenmerk"]])
    table = table.astype({"respondenten": float, "populatie": float})
    table.loc[small_resp, ["respondenten", "aandeel_respons", "responspercentage"]] = np.nan
    table.loc[small_pop, ["populatie", "aandeel_populatie", "responspercentage"]] = np.nan
    table["suppressed"] = small_resp | small_pop
    return table


def _hide_complement(small: pd.Series, counts: pd.Series, groups: pd.DataFrame) -> pd.Series:
    """Where exactly one category of a gemeente and kenmerk is hidden, hide the next smallest
    too: the gemeente's total (shown in the overview) minus the others would give it back.

    >>> groups = pd.DataFrame({"gemeente": ["A"] * 3, "kenmerk": ["geslacht"] * 3})
    >>> _hide_complement(pd.Series([True, False, False]), pd.Series([3, 40, 50]), groups).tolist()
    [True, True, False]
    """
    small = small.astype(bool).copy()
    for _, rows in groups.groupby(list(groups.columns), sort=False).groups.items():
        if small[rows].sum() == 1 and (~small[rows]).any():
            shown = counts[rows][~small[rows]]
            small[shown.idxmin()] = True
    return small


def response_overview(answers: pd.DataFrame, population: pd.DataFrame, *,
                      min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Per gemeente respondents, clients in the population and the response rate (small: NaN)."""
    resp = answers.groupby("gemeente").size().rename("respondenten")
    pop = population.groupby("gemeente")["aantal_clienten"].sum().rename("populatie")
    table = pd.concat([resp, pop], axis=1).loc[resp.index].reset_index().astype({"respondenten": float})
    table["responspercentage"] = table["respondenten"] / table["populatie"]
    small = table["respondenten"].map(lambda n: is_suppressed(n, min_cel)).astype(bool)
    table.loc[small, ["respondenten", "responspercentage"]] = np.nan
    return table.assign(suppressed=small)


def weighted_agree(answers: pd.DataFrame, population: pd.DataFrame, *, item: str = "v06",
                   min_cel: int = MIN_CEL, min_respondents: int = MIN_WEIGHTED) -> pd.DataFrame:
    """Raked share agreeing with ``item`` per gemeente with at least ``min_respondents``.

    Weights are raked to the population margins of leeftijdsklasse and geslacht; the SE
    is linearised through the raking (as R's survey package). Columns: gemeente, n,
    n_valid, unweighted, weighted, se, ci_low, ci_high, kish_deff, effective_n.
    """
    from werkplaats.stats.survey import margins_from_population, raked_share

    rows = []
    for g, part in answers.groupby("gemeente", sort=True):
        pop = population[population["gemeente"] == g]
        if len(part) < min_respondents or pop.empty:
            continue
        margins = margins_from_population(pop, MARGINS)
        try:
            res = raked_share(agree_flags(part, [item])[item], part.reset_index(drop=True), margins)
        except ValueError as exc:
            raise DataError(f"{POPULATION}: gemeente {g}: respondenten in een groep zonder "
                            f"populatieaantal ({exc}).", file=POPULATION) from None
        if is_suppressed(res.n_valid, min_cel):
            continue
        rows.append({"gemeente": g, "item": item, "n": res.n, "n_valid": res.n_valid,
                     "unweighted": res.unweighted, "weighted": res.share, "se": res.se,
                     "ci_low": res.share - Z95 * res.se, "ci_high": res.share + Z95 * res.se,
                     "kish_deff": res.kish_deff,
                     "effective_n": res.effective_n})
    columns = ["gemeente", "item", "n", "n_valid", "unweighted", "weighted", "se", "ci_low", "ci_high",
               "kish_deff", "effective_n"]
    return pd.DataFrame(rows, columns=columns)


def funnel(answers: pd.DataFrame, *, item: str = "v03", min_cel: int = MIN_CEL) -> tuple[float, pd.DataFrame]:
    """Pooled target and per gemeente n, share, control limits and position (small: NaN)."""
    from werkplaats.stats.funnel import funnel_table

    counts = percent_agree(answers, items=[item], min_cel=0)
    target, table = funnel_table(counts["gemeente"].tolist(), counts["x"], counts["n"])
    table = table.rename(columns={"unit": "gemeente"})
    small = table["n"].map(lambda n: is_suppressed(n, min_cel) or n == 0).astype(bool)
    values = [c for c in table.columns if c not in ("gemeente", "position")]
    table = table.astype({c: float for c in values})
    table.loc[small, values] = np.nan
    table.loc[small, "position"] = None
    table["suppressed"] = small
    return target, table


@dataclass
class CasemixResult:
    """The case-mix model (coefficients as R names them) and the standardised shares."""

    item: str
    n: int
    coefficients: pd.DataFrame
    adjusted: pd.DataFrame
    excluded: list[str] = field(default_factory=list)


def casemix(answers: pd.DataFrame, *, item: str = "v06", min_cel: int = MIN_CEL) -> CasemixResult:
    """Logistic model agree ~ gemeente + leeftijdsklasse + geslacht + ingevuld_door, and
    per gemeente the share adjusted to the region's case-mix (marginal standardisation).

    Gemeenten with fewer than ``min_cel`` valid answers are left out of the model.
    """
    from werkplaats.stats.glm import fit_logit, r_term_name
    from werkplaats.stats.standardise import standardised_shares

    data = answers.assign(agree=agree_flags(answers, [item])[item]).dropna(subset=["agree"])
    counts = data["gemeente"].value_counts()
    excluded = sorted(counts[counts.map(lambda n: is_suppressed(n, min_cel))].index)
    data = data[~data["gemeente"].isin(excluded)].copy()
    for col in ("leeftijdsklasse", "geslacht", "ingevuld_door"):
        if isinstance(data[col].dtype, pd.CategoricalDtype):
            data[col] = data[col].cat.remove_unused_categories()
    data["gemeente"] = data["gemeente"].astype(str)
    fit = fit_logit(data, f"agree ~ {CASEMIX_TERMS}")
    coefficients = fit.table.rename(index=lambda t: "(Intercept)" if t == "Intercept" else r_term_name(t))
    adjusted = standardised_shares(fit, data, "gemeente")
    return CasemixResult(item=item, n=fit.n, coefficients=coefficients, adjusted=adjusted, excluded=excluded)


def trend(answers: pd.DataFrame, *, min_cel: int = MIN_CEL) -> pd.DataFrame | None:
    """Share agreeing per year, per gemeente and for the region (``gemeente='regio'``); None for one year."""
    if answers["jaar"].nunique() < 2:
        return None
    per_gemeente = percent_agree(answers, by=["gemeente", "jaar"], min_cel=min_cel)
    region = percent_agree(answers, by="jaar", min_cel=min_cel).assign(gemeente="regio")
    table = pd.concat([per_gemeente, region], ignore_index=True)
    table["jaar"] = table["jaar"].astype(int)
    return table


@dataclass
class ExperienceResults:
    """Everything the report shows; every table is already suppressed for ``min_cel``."""

    gemeente: str
    min_cel: int
    year: int
    years: list[int]
    funnel_item: str
    weighted_item: str
    percent_agree: pd.DataFrame
    percent_agree_region: pd.DataFrame
    distribution: pd.DataFrame
    distribution_region: pd.DataFrame
    response: pd.DataFrame
    response_overview: pd.DataFrame
    weighted: pd.DataFrame
    alpha: dict[str, AlphaResult]
    funnel_target: float
    funnel: pd.DataFrame
    casemix: CasemixResult
    trend: pd.DataFrame | None


def analyse(data: ExperienceData, *, gemeente: str = "alle", min_cel: int = MIN_CEL, funnel_item: str = "v03",
            weighted_item: str = "v06") -> ExperienceResults:
    """All analyses of the report on the latest year (trend on all years)."""
    if not isinstance(min_cel, int) or min_cel < 1:
        raise ParameterError(f"min_cel moet een geheel getal van minstens 1 zijn (gekregen: {min_cel!r}).")
    gemeente = check_gemeente(data.answers, gemeente)
    current = latest_year(data.answers)
    target, funnel_table = funnel(current, item=check_item(funnel_item), min_cel=min_cel)
    return ExperienceResults(
        gemeente=gemeente, min_cel=min_cel, year=int(current["jaar"].max()),
        years=sorted(int(y) for y in data.answers["jaar"].unique()), funnel_item=funnel_item,
        weighted_item=check_item(weighted_item),
        percent_agree=percent_agree(current, min_cel=min_cel),
        percent_agree_region=percent_agree(current, by=None, min_cel=min_cel),
        distribution=answer_distribution(current, min_cel=min_cel),
        distribution_region=answer_distribution(current, by=None, min_cel=min_cel),
        response=response_table(current, data.population, min_cel=min_cel),
        response_overview=response_overview(current, data.population, min_cel=min_cel),
        weighted=weighted_agree(current, data.population, item=weighted_item, min_cel=min_cel),
        alpha={"items9": cronbach_alpha(current[[f"{i}_score" for i in ITEMS_NINE]]),
               "outcome": cronbach_alpha(current[[f"{i}_score" for i in ITEMS_OUTCOME]])},
        funnel_target=target, funnel=funnel_table,
        casemix=casemix(current, item=weighted_item, min_cel=min_cel),
        trend=trend(data.answers, min_cel=min_cel),
    )


def focus_publishable(results: ExperienceResults, gemeente: str | None = None) -> bool:
    """True when something may be published about ``gemeente`` (default: the report's focus)."""
    gemeente = gemeente or results.gemeente
    rows = results.percent_agree[results.percent_agree["gemeente"] == gemeente]
    return bool(len(rows)) and not rows["suppressed"].all()


def compare_with_region(results: ExperienceResults, gemeente: str | None = None) -> pd.DataFrame:
    """Per statement the gemeente's share and interval next to the region's (suppressed stays NaN)."""
    gemeente = gemeente or results.gemeente
    mine = results.percent_agree[results.percent_agree["gemeente"] == gemeente].set_index("item")
    region = results.percent_agree_region.set_index("item")
    table = pd.DataFrame({"n": mine["n"], "gemeente": mine["agree"], "gemeente_low": mine["ci_low"],
                          "gemeente_high": mine["ci_high"], "regio": region["agree"],
                          "regio_low": region["ci_low"], "regio_high": region["ci_high"],
                          "suppressed": mine["suppressed"]})
    table["verschil"] = table["gemeente"] - table["regio"]
    return table.reset_index()


def _cell(row) -> dict:
    """One percent-agree cell for results.json."""
    if row.suppressed:
        return {"n": None, "agree": None, "ci": None, "suppressed": True}
    return {"n": int(row.n), "agree": float(row.agree), "ci": [float(row.ci_low), float(row.ci_high)],
            "suppressed": False}


def _alpha_figure(a: AlphaResult, min_cel: int) -> dict:
    if is_suppressed(a.n, min_cel):
        return {"n": None, "alpha": None, "ci": None, "suppressed": True}
    return {"n": a.n, "alpha": a.alpha, "ci": list(a.ci), "suppressed": False}


def _funnel_figures(results: ExperienceResults) -> dict:
    limits = {}
    for row in results.funnel.itertuples():
        if row.suppressed:
            limits[row.gemeente] = {"n": None, "share": None, "lo95": None, "hi95": None, "lo998": None,
                                    "hi998": None, "suppressed": True}
        else:
            limits[row.gemeente] = {"n": int(row.n), "share": row.share, "lo95": row.lo95, "hi95": row.hi95,
                                    "lo998": row.lo998, "hi998": row.hi998, "position": row.position,
                                    "suppressed": False}
    return {"item": results.funnel_item, "target": results.funnel_target, "limits": limits}


def _casemix_figures(cm: CasemixResult) -> dict:
    adjusted = {row.gemeente: {"n": row.n, "crude": row.crude, "adjusted": row.adjusted,
                               "ci": [row.ci_low, row.ci_high], "difference": row.difference,
                               "difference_ci": [row.difference_low, row.difference_high], "p": row.p}
                for row in cm.adjusted.itertuples()}
    coef = {term: {"estimate": row.estimate, "se": row.se} for term, row in cm.coefficients.iterrows()}
    return {"item": cm.item, "n": cm.n, "coef": coef, "adjusted": adjusted, "excluded": cm.excluded}


def key_figures(results: ExperienceResults) -> dict:
    """Key figures for results.json (DATA_CONTRACT.md section 6, clientervaring) plus extras."""
    pct: dict[str, dict] = {}
    for row in results.percent_agree.itertuples():
        pct.setdefault(row.gemeente, {})[row.item] = _cell(row)
    item = results.weighted_item
    weighted = {row.gemeente: {item: {"agree": row.weighted, "se": row.se, "kish_deff": row.kish_deff,
                                      "unweighted": row.unweighted, "n": row.n_valid}}
                for row in results.weighted.itertuples()}
    figures = {
        "gemeente": results.gemeente, "jaar": results.year,
        "percent_agree": pct,
        "percent_agree_regio": {row.item: _cell(row) for row in results.percent_agree_region.itertuples()},
        "cronbach_alpha": {k: _alpha_figure(a, results.min_cel) for k, a in results.alpha.items()},
        "weighted": weighted,
        "funnel": _funnel_figures(results),
        "casemix": _casemix_figures(results.casemix),
    }
    if results.trend is not None:
        region = results.trend[results.trend["gemeente"] == "regio"]
        figures["trend_regio"] = {int(y): {row.item: _cell(row) for row in part.itertuples()}
                                  for y, part in region.groupby("jaar")}
    return figures
