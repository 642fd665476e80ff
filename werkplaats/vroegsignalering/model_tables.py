"""The models of :mod:`werkplaats.vroegsignalering.models` as tidy, role-declared tables
(not yet protected): every estimate names the households it rests on, so that
:mod:`werkplaats.disclosure` decides what may be published.

>>> from werkplaats.lines import load_line
>>> from werkplaats.vroegsignalering import models
>>> from werkplaats.vroegsignalering.preparation import prepare
>>> signals = prepare(load_line("vroegsignalering", "tests/fixtures/reference"), peildatum="2026-06-30").signals
>>> table = coefficient_table(models.contact_cox(signals), signals, ratio="hazard_ratio")
>>> table["term"].tolist()
['energieleverancier', 'woningcorporatie', 'drinkwaterbedrijf', 'log_achterstand']
>>> round(float(table.loc[1, "hazard_ratio"]), 2)
1.36
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from werkplaats.roles import ci_high, ci_low, count, declare, estimate, label, p_value, se, share
from werkplaats.vroegsignalering.models import BRONNEN, COX_TERMS, DAYS, REFERENCE_BRON

__all__ = ["ITS_LABELS", "MODEL_LABELS", "TRAINING_LABELS", "coefficient_table", "contact_table", "curves_table",
           "its_month_table", "its_model_table", "its_team_table", "model_table", "training_table"]

MODEL_LABELS = {"cox": "tijd tot contact (Cox)", "logit_accept": "hulp geaccepteerd (logistisch)"}
TRAINING_LABELS = {False: "binnen team", True: "binnen team en kwartaal"}
ITS_LABELS = {"pre_slope": "trend vóór de training (per maand)", "level_change": "sprong na de training",
              "slope_change": "verandering van de trend (per maand)"}
RATIO_HEADERS = {"hazard_ratio": "hazard ratio", "odds_ratio": "odds ratio"}


def _interval(name: str, on: tuple[str, ...], *, percent: bool = False, decimals: int = 2) -> dict:
    return {f"{name}_ci_low": ci_low("95%-interval van", on=on, percent=percent, decimals=decimals),
            f"{name}_ci_high": ci_high("tot", on=on, percent=percent, decimals=decimals)}


def contact_table(table: pd.DataFrame, days: tuple[int, ...] = DAYS) -> pd.DataFrame:
    """Share reached by day t per bron (the ``table`` of ``models.time_to_contact``), declared."""
    on = ("signalen", "huishoudens")
    columns: dict[str, Any] = {"bron": label("bron"), "signalen": count("signalen", unit="signalen", on="huishoudens"),
                               "huishoudens": count("huishoudens")}
    for t in days:
        columns |= {f"day_{t}": share(f"bereikt binnen {t} dagen", on=on)}
        columns |= {f"day_{t}_ci_low": ci_low(f"{t} dagen: 95%-interval van", on=on, percent=True),
                    f"day_{t}_ci_high": ci_high(f"{t} dagen: tot", on=on, percent=True)}
    table = table.reindex(columns=list(columns))
    return declare(table, unit="huishoudens", title="Aandeel bereikt na 14, 30 en 60 dagen (Kaplan–Meier)",
                   columns=columns, partition="bron")


def curves_table(curves: pd.DataFrame) -> pd.DataFrame:
    """The Kaplan–Meier curves (``time``, ``n_risk``, ``share`` and interval per bron), declared:
    a point on fewer than ``min_cel`` signals at risk is not published."""
    on = ("n_risk",)
    columns = {"bron": label("bron"), "time": label("dagen"), "n_risk": count("nog gevolgd", unit="signalen"),
               "share": share("bereikt", on=on),
               "share_ci_low": ci_low("95%-interval van", on=on, percent=True, of="share"),
               "share_ci_high": ci_high("tot", on=on, percent=True, of="share")}
    return declare(curves.reindex(columns=list(columns)), unit="signalen", title="Tijd tot contact per bron",
                   columns=columns)


def _bron_households(data: pd.DataFrame) -> pd.Series:
    return data.groupby(data["bron"].astype(object))["huishouden"].nunique()


def coefficient_table(fit: Any, data: pd.DataFrame, *, ratio: str = "odds_ratio") -> pd.DataFrame:
    """A model's bron and log-amount terms: ``term``, the households of the term's bron and of
    the reference bron (every bron coefficient is a contrast with zorgverzekeraar; for
    ``log_achterstand`` both are the model's households), estimate,
    se, the ratio (``odds_ratio`` or ``hazard_ratio``) with its 95% interval, and p. ``data``
    are the signals the model was fitted on; estimates are NaN when ``fit`` is None."""
    from werkplaats.stats.glm import r_term_name

    hh = _bron_households(data)
    rows = pd.DataFrame({"term": list(COX_TERMS)})
    everyone = int(data["huishouden"].nunique())
    rows["huishoudens"] = [int(hh.get(t, 0)) if t in BRONNEN else everyone for t in COX_TERMS]
    rows["huishoudens_referentie"] = [int(hh.get(REFERENCE_BRON, 0)) if t in BRONNEN else everyone for t in COX_TERMS]
    values = pd.DataFrame(columns=["estimate", "se", "ci_low", "ci_high", "p"], dtype=float)
    if fit is not None:
        values = fit.table.rename(index=lambda t: r_term_name(str(t)).removeprefix("bron"))
    values = values.reindex(list(COX_TERMS))
    rows["estimate"], rows["se"] = values["estimate"].to_numpy(float), values["se"].to_numpy(float)
    with np.errstate(over="ignore"):  # an unbounded interval of a model on few households: inf
        rows[ratio] = np.exp(rows["estimate"])
        rows[f"{ratio}_ci_low"] = np.exp(values["ci_low"].to_numpy(float))
        rows[f"{ratio}_ci_high"] = np.exp(values["ci_high"].to_numpy(float))
    rows["p"] = values["p"].to_numpy(float)
    on = ("huishoudens", "huishoudens_referentie")
    columns = {"term": label("term"), "huishoudens": count("huishoudens"),
               "huishoudens_referentie": count("huishoudens referentie"),
               "estimate": estimate("coëfficiënt", on=on, decimals=3), "se": se("standaardfout", on=on, decimals=3),
               ratio: estimate(RATIO_HEADERS[ratio], on=on), **_interval(ratio, on), "p": p_value(on=on)}
    return declare(rows, unit="huishoudens", columns=columns)


def model_table(signals: pd.DataFrame) -> pd.DataFrame:
    """Per model (Cox, acceptance) the signals and households it uses and its outcome count
    (contacts; accepted help)."""
    known = signals[signals["uitkomst_bekend"]]
    rows = [(MODEL_LABELS["cox"], len(signals), signals["huishouden"].nunique(), int(signals["bereikt"].sum())),
            (MODEL_LABELS["logit_accept"], len(known), known["huishouden"].nunique(), int(known["geaccepteerd"].sum()))]
    table = pd.DataFrame(rows, columns=["model", "signalen", "huishoudens", "uitkomst"])
    return declare(table, unit="huishoudens", title="Gegevens van de modellen",
                   columns={"model": label("model"), "signalen": count("signalen", unit="signalen", on="huishoudens"),
                            "huishoudens": count("huishoudens"),
                            "uitkomst": count("contact / hulp geaccepteerd", unit="signalen", on="huishoudens")})


def _training_row(model: str, fit: Any, data: pd.DataFrame, trained: pd.Series) -> dict[str, Any]:
    empty = pd.Series(np.nan, index=["estimate", "se", "ci_low", "ci_high", "p"])
    row = fit.table.loc["getraind"] if fit is not None else empty
    return {"model": model, "signalen": len(data), "getraind": int(trained.sum()),
            "niet_getraind": int((~trained).sum()),
            "huishoudens_getraind": data.loc[trained, "huishouden"].nunique(),
            "huishoudens_niet_getraind": data.loc[~trained, "huishouden"].nunique(),
            "log_odds": row["estimate"], "se": row["se"], "odds_ratio": np.exp(row["estimate"]),
            "odds_ratio_ci_low": np.exp(row["ci_low"]), "odds_ratio_ci_high": np.exp(row["ci_high"]), "p": row["p"]}


def training_table(fits: dict[bool, Any], signals: pd.DataFrame) -> pd.DataFrame:
    """The training effect (log-odds of reached, trained vs untrained) per model
    (``fits[calendar]``), with the signals and households on either side."""
    data = signals[signals["contactpoging"]]
    trained = data["getraind"].astype(bool)
    rows = []
    for calendar, fit in fits.items():  # exp of an unbounded interval is inf, not a warning
        with np.errstate(over="ignore"):
            rows.append(_training_row(TRAINING_LABELS[calendar], fit, data, trained))
    on = ("huishoudens_getraind", "huishoudens_niet_getraind")
    columns = {"model": label("model"), "signalen": count("signalen met contactpoging", unit="signalen", on=on),
               "getraind": count("na de training", unit="signalen", on=on[0]),
               "niet_getraind": count("zonder training", unit="signalen", on=on[1]),
               "huishoudens_getraind": count("huishoudens na de training"),
               "huishoudens_niet_getraind": count("huishoudens zonder training"),
               "log_odds": estimate("log-odds", on=on, decimals=3), "se": se("standaardfout", on=on, decimals=3),
               "odds_ratio": estimate("odds ratio", on=on), **_interval("odds_ratio", on), "p": p_value(on=on)}
    return declare(pd.DataFrame(rows), unit="huishoudens", title="Kans op contact na de training",
                   columns=columns, totals={"signalen": ("getraind", "niet_getraind")})


def _reach_columns(first: dict) -> dict:
    on = ("n", "bereikt", "niet_bereikt", "huishoudens")
    return first | {"n": count("signalen", unit="signalen", on="huishoudens"),
                    "bereikt": count("bereikt", unit="signalen", on="huishoudens"),
                    "niet_bereikt": count("niet bereikt", unit="signalen", on="huishoudens"),
                    "huishoudens": count("huishoudens"), "aandeel": share("aandeel bereikt", on=on)}


def its_team_table(monthly: pd.DataFrame) -> pd.DataFrame:
    """The monthly reach per trained team (``models.monthly_reach``), declared."""
    table = monthly.assign(niet_bereikt=monthly["n"] - monthly["bereikt"])
    columns = _reach_columns({"team": label("team"), "maand": label("maanden sinds de training")})
    return declare(table.reindex(columns=list(columns)), unit="huishoudens", title="Bereik per team en maand",
                   columns=columns, totals={"n": ("bereikt", "niet_bereikt")}, partition="team")


def _weighted_by_month(data: pd.DataFrame, column: str) -> pd.Series:
    return data.groupby("maand").apply(lambda g: np.average(g[column], weights=g["n"]), include_groups=False)


def its_month_table(monthly: pd.DataFrame, fit: Any) -> pd.DataFrame:
    """The monthly reach pooled over the trained teams, with the fitted trend and (after the
    training) the pre-training trend carried forward (``verwacht``), declared."""
    from werkplaats.stats.its import counterfactual

    table = monthly.groupby("maand").agg(n=("n", "sum"), bereikt=("bereikt", "sum"),
                                         huishoudens=("huishoudens", "sum")).reset_index()
    table["niet_bereikt"] = table["n"] - table["bereikt"]
    table["aandeel"] = table["bereikt"] / table["n"]
    table["trend"], table["verwacht"] = np.nan, np.nan
    if fit is not None:
        data = fit.data.assign(cf=counterfactual(fit))
        table["trend"] = table["maand"].map(_weighted_by_month(data, "fitted"))
        table["verwacht"] = table["maand"].map(_weighted_by_month(data[data["maand"] > 0], "cf"))
    on = ("n", "huishoudens")
    columns = _reach_columns({"maand": label("maanden sinds de training")}) | {
        "trend": estimate("trend (model)", on=on, percent=True), "verwacht": estimate("verwacht zonder training",
                                                                                      on=on, percent=True)}
    return declare(table.reindex(columns=list(columns)), unit="huishoudens", columns=columns,
                   title="Bereik rond de training, alle getrainde teams", totals={"n": ("bereikt", "niet_bereikt")})


def its_model_table(fit: Any, monthly: pd.DataFrame) -> pd.DataFrame:
    """The segmented regression's terms (share reached, per month relative to the training)."""
    values = (fit.table if fit is not None else pd.DataFrame(columns=["estimate", "se", "ci_low", "ci_high", "p"],
                                                             dtype=float)).reindex(list(ITS_LABELS))
    table = pd.DataFrame({"term": list(ITS_LABELS.values()), "signalen": int(monthly["n"].sum()),
                          "huishoudens": int(monthly["huishoudens"].sum()),
                          "teams": fit.n_series if fit is not None else monthly["team"].nunique(),
                          **{c: values[c].to_numpy(float) for c in ("estimate", "se", "ci_low", "ci_high", "p")}})
    on = ("signalen", "huishoudens")
    columns = {"term": label("term"), "signalen": count("signalen", unit="signalen", on="huishoudens"),
               "huishoudens": count("huishoudens"), "teams": label("teams"),
               "estimate": estimate("schatting", on=on, percent=True), "se": se("standaardfout", on=on, percent=True),
               "ci_low": ci_low("95%-interval van", on=on, percent=True),
               "ci_high": ci_high("tot", on=on, percent=True),
               "p": p_value(on=on)}
    return declare(table, unit="huishoudens", title="Onderbroken tijdreeks rond de training", columns=columns)
