"""Analyse the prepared signals (:class:`Results`: declared, unprotected tables), protect
every table a report shows (:func:`tables`) and give the results.json key figures from the
protected tables (:func:`key_figures`, DATA_CONTRACT section 6).

>>> from werkplaats.lines import load_line
>>> from werkplaats.vroegsignalering.preparation import prepare
>>> results = analyse(prepare(load_line("vroegsignalering", "tests/fixtures/reference"), peildatum="2026-06-30"))
>>> results.parameters
{'gemeente': 'alle', 'min_cel': 10, 'peildatum': '2026-06-30'}
>>> key_figures(results)["funnel"]["Amersfoort"]["huishoudens"]
606
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import pandas as pd

from werkplaats.checks import check_gemeente
from werkplaats.disclosure import protect_report, published_once, release_versions
from werkplaats.privacy import MIN_CEL
from werkplaats.vroegsignalering import funnel as funnels
from werkplaats.vroegsignalering import model_tables, models
from werkplaats.vroegsignalering.preparation import Prepared

__all__ = ["ANALYSIS", "CONTRACT_FUNNEL", "Results", "analyse", "key_figures", "tables"]

ANALYSIS = "vroegsignalering"
CONTRACT_FUNNEL = ("signalen", "huishoudens", "contactpoging", "bereikt", "geaccepteerd")
COEFFICIENT_TERMS = model_tables.COX_TERMS


@dataclass
class Results:
    """Everything :func:`analyse` computed. Every table is declared with roles and NOT
    protected: publish only what :func:`tables` gives. ``fits`` holds the fitted models
    (None where a model cannot be fitted), for further work, not for publication."""

    gemeente: str
    min_cel: int
    peildatum: str
    parameters: dict[str, Any]
    gegevens: pd.DataFrame
    trechter_gemeente: pd.DataFrame
    trechter_bron: pd.DataFrame
    trechter_maand: pd.DataFrame
    signalen_per_maand: pd.DataFrame
    tijd_tot_contact: pd.DataFrame
    tijd_tot_contact_curven: pd.DataFrame
    modellen: pd.DataFrame
    cox: pd.DataFrame
    accepteren: pd.DataFrame
    training: pd.DataFrame
    tijdreeks_team: pd.DataFrame
    tijdreeks_maand: pd.DataFrame
    tijdreeks_model: pd.DataFrame
    fits: dict[str, Any] = field(default_factory=dict)
    teams: tuple[int, int] = (0, 0)  # teams in the focus, of which trained (teams are not people)
    release: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)  # per report of the release


TABLES = tuple(f.name for f in fields(Results) if f.type == "pd.DataFrame")
#: count tables every report of a release shows for its own gemeente: protected together
RELEASE_TABLES = {"trechter_bron": lambda s: funnels.funnel(s, "bron"),
                  "trechter_maand": lambda s: funnels.funnel(s, "maand"),
                  "signalen_per_maand": funnels.signals_per_month}


def _model_tables(focus: pd.DataFrame) -> dict[str, Any]:
    known = focus[focus["uitkomst_bekend"]]
    monthly = models.monthly_reach(focus)
    fits = {"cox": models.contact_cox(focus), "logit_accept": models.acceptance_model(focus),
            "training": models.training_model(focus), "training_calendar": models.training_model(focus, calendar=True),
            "its": models.training_its(monthly)}
    curves, contact = models.time_to_contact(focus)
    tables = {"tijd_tot_contact": model_tables.contact_table(contact),
              "tijd_tot_contact_curven": model_tables.curves_table(curves),
              "modellen": model_tables.model_table(focus),
              "cox": model_tables.coefficient_table(fits["cox"], focus, ratio="hazard_ratio"),
              "accepteren": model_tables.coefficient_table(fits["logit_accept"], known),
              "training": model_tables.training_table({False: fits["training"], True: fits["training_calendar"]},
                                                      focus),
              "tijdreeks_team": model_tables.its_team_table(monthly),
              "tijdreeks_maand": model_tables.its_month_table(monthly, fits["its"]),
              "tijdreeks_model": model_tables.its_model_table(fits["its"], monthly)}
    return tables | {"fits": fits}


def analyse(prepared: Prepared, *, gemeente: str = "alle", min_cel: int = MIN_CEL) -> Results:
    """The funnel per gemeente (all gemeenten, for comparison), and for ``gemeente`` (or all):
    the funnel per bron and month, time to contact, the Cox, acceptance and training models
    and the interrupted time series of the reach rate around the training."""
    signals = prepared.signals
    gemeente = check_gemeente(signals, gemeente)
    focus = signals if gemeente == "alle" else signals[signals["gemeente"] == gemeente]
    teams = focus.groupby("team")["team_getraind_op"].first()
    return Results(
        gemeente=gemeente, min_cel=min_cel, peildatum=prepared.peildatum,
        parameters={"gemeente": gemeente, "min_cel": min_cel, "peildatum": prepared.peildatum},
        gegevens=funnels.data_check(prepared), trechter_gemeente=funnels.funnel(signals, "gemeente"),
        trechter_bron=funnels.funnel(focus, "bron"), trechter_maand=funnels.funnel(focus, "maand"),
        signalen_per_maand=funnels.signals_per_month(focus), teams=(len(teams), int(teams.notna().sum())),
        release={name: release_versions(signals, make) for name, make in RELEASE_TABLES.items()},
        **_model_tables(focus))


@published_once
def tables(results: Results) -> dict[str, pd.DataFrame]:
    """Every table a report shows, each protected once with ``results.min_cel``; the count
    tables per bron and month together with those of every other report of the release."""
    return protect_report({name: getattr(results, name) for name in TABLES}, report=results.gemeente,
                          min_cel=results.min_cel, release=results.release)


def _number(value: object, kind: type = float) -> Any:
    return None if value is None or pd.isna(value) else kind(value)


def _rows(table: pd.DataFrame, key: str) -> dict[str, dict]:
    return {str(row[key]): row for row in table.to_dict("records")}


def _funnel_figures(table: pd.DataFrame) -> dict:
    return {name: {c: _number(row[c], int) for c in CONTRACT_FUNNEL} | {"suppressed": bool(row["suppressed"])}
            for name, row in _rows(table, table.columns[0]).items()}


def _contacted_by_day(table: pd.DataFrame) -> dict:
    return {bron: {f"day_{t}": _number(row[f"day_{t}"]) for t in models.DAYS} | {"suppressed": bool(row["suppressed"])}
            for bron, row in _rows(table, "bron").items()}


def _coefficients(table: pd.DataFrame) -> tuple[dict, list[str]]:
    coefs = {term: {"estimate": _number(row["estimate"]), "se": _number(row["se"])}
             for term, row in _rows(table, "term").items()}
    return coefs, sorted(t for t, v in coefs.items() if v["estimate"] is None)


def _cox_figures(protected: dict[str, pd.DataFrame]) -> dict:
    coefs, hidden = _coefficients(protected["cox"])
    model = _rows(protected["modellen"], "model")[model_tables.MODEL_LABELS["cox"]]
    return {"n": _number(model["signalen"], int), "events": _number(model["uitkomst"], int),
            "coef": {t: v["estimate"] for t, v in coefs.items()}, "se": {t: v["se"] for t, v in coefs.items()},
            "suppressed": len(hidden) == len(coefs), "suppressed_terms": hidden}


def _accept_figures(protected: dict[str, pd.DataFrame]) -> dict:
    coefs, hidden = _coefficients(protected["accepteren"])
    model = _rows(protected["modellen"], "model")[model_tables.MODEL_LABELS["logit_accept"]]
    return {"n": _number(model["signalen"], int), "coef": coefs, "suppressed": len(hidden) == len(coefs),
            "suppressed_terms": hidden}


def _training_figures(protected: dict[str, pd.DataFrame]) -> dict:
    row = _rows(protected["training"], "model")[model_tables.TRAINING_LABELS[False]]
    log_odds = _number(row["log_odds"])
    ci = [_number(row["odds_ratio_ci_low"]), _number(row["odds_ratio_ci_high"])]
    return {"n": _number(row["signalen"], int), "log_odds": log_odds, "se": _number(row["se"]),
            "odds_ratio": _number(row["odds_ratio"]), "ci": None if None in ci else ci,
            "suppressed": log_odds is None or bool(row["suppressed"])}


def key_figures(results: Results) -> dict:
    """Section 6 of DATA_CONTRACT.md for vroegsignalering, from the protected tables:
    ``funnel``, ``contacted_by_day``, ``cox``, ``logit_accept`` and ``training_effect``
    (blanked figures are null; a row that lost a figure says ``"suppressed": true``)."""
    protected = tables(results)
    return {"funnel": _funnel_figures(protected["trechter_gemeente"]),
            "contacted_by_day": _contacted_by_day(protected["tijd_tot_contact"]),
            "cox": _cox_figures(protected), "logit_accept": _accept_figures(protected),
            "training_effect": _training_figures(protected)}
