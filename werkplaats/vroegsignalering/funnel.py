"""The funnel from signal to accepted help, signals per month and the data check: tidy,
role-declared tables (:mod:`werkplaats.roles`), not yet protected.

Every step has its complement (signals without an attempt, attempts not reached, reached
without accepted help) so that protection sees each step as a whole and its two parts; the
signal counts are declared on the households of their row, so nothing is shown about fewer
than ``min_cel`` households.

>>> from werkplaats.lines import load_line
>>> from werkplaats.vroegsignalering.preparation import prepare
>>> signals = prepare(load_line("vroegsignalering", "tests/fixtures/reference"), peildatum="2026-06-30").signals
>>> table = funnel(signals, "gemeente")
>>> table.loc[table["gemeente"] == "totaal", ["signalen", "huishoudens", "bereikt"]].values.tolist()
[[6000, 3506, 1827]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkplaats.roles import ci_high, ci_low, count, declare, label, share
from werkplaats.vroegsignalering.preparation import REPEAT_MONTHS, Prepared

__all__ = ["COUNTS", "RATES", "STEPS", "TOTAL", "data_check", "funnel", "signals_per_month"]

TOTAL = "totaal"
COUNTS = ("signalen", "huishoudens", "meldingen", "contactpoging", "bereikt", "geaccepteerd")
STEPS = {"contactpoging": ("signalen", "zonder_contactpoging"), "bereikt": ("contactpoging", "niet_bereikt"),
         "geaccepteerd": ("bereikt", "niet_geaccepteerd")}  # step: (the step before, its complement)
RATES = {"aandeel_contactpoging": "contactpoging", "aandeel_bereikt": "bereikt",
         "aandeel_geaccepteerd": "geaccepteerd"}
HEADERS = {"signalen": "signalen", "huishoudens": "huishoudens", "meldingen": "meldingen",
           "contactpoging": "contactpoging", "zonder_contactpoging": "zonder contactpoging",
           "bereikt": "bereikt", "niet_bereikt": "niet bereikt", "geaccepteerd": "hulp geaccepteerd",
           "niet_geaccepteerd": "bereikt, geen hulp geaccepteerd"}
RATE_HEADERS = {"aandeel_contactpoging": "contactpoging (% signalen)", "aandeel_bereikt": "bereikt (% pogingen)",
                "aandeel_geaccepteerd": "geaccepteerd (% bereikt)"}
LABELS = {"gemeente": "gemeente", "bron": "bron", "maand": "maand", "groep": "groep"}


def _counts(signals: pd.DataFrame, keys: object) -> pd.DataFrame:
    grouped = signals.groupby(keys, observed=True, sort=True)
    table = grouped.agg(signalen=("huishouden", "size"), huishoudens=("huishouden", "nunique"),
                        meldingen=("melding", "nunique"), contactpoging=("contactpoging", "sum"),
                        bereikt=("bereikt", "sum"), geaccepteerd=("geaccepteerd", "sum"))
    for step, (before, complement) in STEPS.items():
        table[complement] = table[before] - table[step]
    return table.astype("int64")


def _funnel_roles(by: str) -> dict:
    columns = {by: label(LABELS.get(by, by)), "huishoudens": count(HEADERS["huishoudens"])}
    columns |= {c: count(h, unit="signalen", on="huishoudens") for c, h in HEADERS.items() if c != "huishoudens"}
    columns["meldingen"] = count(HEADERS["meldingen"], unit="meldingen", on="huishoudens")
    for name, step in RATES.items():
        on = (step, STEPS[step][0])
        columns |= {name: share(RATE_HEADERS[name], on=on),
                    f"{name}_ci_low": ci_low(f"{step}: 95%-interval van", on=on, percent=True, of=name),
                    f"{name}_ci_high": ci_high(f"{step}: tot", on=on, percent=True, of=name)}
    return columns


def funnel(signals: pd.DataFrame, by: str | None = "gemeente") -> pd.DataFrame:
    """Funnel counts per group of ``by`` (``gemeente``, ``bron``, ``maand``; None: only the
    total) plus a ``totaal`` row: signalen, huishoudens, meldingen, contactpoging, bereikt,
    geaccepteerd and their complements, and each step's share of the previous one with a
    Wilson 95% interval. Declared with roles; not protected."""
    from werkplaats.stats.proportions import wilson_ci

    total = _counts(signals, np.zeros(len(signals), dtype=int)).set_axis([TOTAL])
    table = total if by is None else pd.concat([_counts(signals, signals[by]), total])
    name = by or "groep"
    table.index.name = name
    table = table.reset_index()
    if by == "maand":
        table[name] = [m if m == TOTAL else pd.Timestamp(m).strftime("%Y-%m") for m in table[name]]
    table[name] = table[name].astype(object).astype(str)
    for rate, step in RATES.items():
        n = table[STEPS[step][0]]
        table[rate] = table[step] / n.where(n > 0)
        table[f"{rate}_ci_low"], table[f"{rate}_ci_high"] = wilson_ci(table[step], n)
    steps = {"signalen": ("contactpoging", "zonder_contactpoging"), "contactpoging": ("bereikt", "niet_bereikt"),
             "bereikt": ("geaccepteerd", "niet_geaccepteerd")}
    return declare(table, unit="huishoudens", title=f"Van signaal tot hulp, per {LABELS.get(by or '', 'groep')}",
                   columns=_funnel_roles(name), totals=steps, partition=name, partition_total=TOTAL)


def signals_per_month(signals: pd.DataFrame) -> pd.DataFrame:
    """Signals and households per month and bron (for the figure); declared, not protected."""
    table = signals.groupby(["maand", signals["bron"].astype(object)]).agg(
        signalen=("huishouden", "size"), huishoudens=("huishouden", "nunique")).reset_index()
    table["maand"] = table["maand"].dt.strftime("%Y-%m")
    return declare(table, unit="huishoudens", title="Signalen per maand, naar bron", partition="bron",
                   columns={"maand": label("maand"), "bron": label("bron"), "huishoudens": count("huishoudens"),
                            "signalen": count("signalen", unit="signalen", on="huishoudens")})


def data_check(prepared: Prepared) -> pd.DataFrame:
    """What was loaded, what was left out (and why) and what is still open, as a declared
    table (``groep``, ``onderdeel``, ``aantal``); the file's rows are the signals before and
    after the peildatum, so protection sees that total and its parts."""
    s = prepared.signals
    open_attempts = s["contactpoging"] & ~s["bereikt"] & s["uitkomst"].isna()
    in_file = "signalen in het bestand"
    rows = [(in_file, f"na de peildatum ({prepared.peildatum}), niet meegeteld", prepared.rows_in_file - len(s)),
            (in_file, "in de analyse", len(s)), (in_file, TOTAL, prepared.rows_in_file),
            ("huishoudens", "in de analyse", s["huishouden"].nunique()),
            ("meldingen", "signalen van één huishouden in één kalendermaand", s["melding"].nunique()),
            ("herhaalmelding", f"signalen binnen {REPEAT_MONTHS} maanden na de vorige melding",
             int(s["herhaalmelding"].sum())),
            ("signalen zonder contactpoging", "", int((~s["contactpoging"]).sum())),
            ("contactpoging zonder contact en zonder uitkomst", "nog open", int(open_attempts.sum())),
            ("signalen met een achterstand onder 75 euro", "", int((s["achterstand_euro"] < 75).sum()))]
    rows += [(f"kolom '{col}' verwijderd", str(why), pd.NA) for col, why in prepared.removed.items()]
    table = pd.DataFrame(rows, columns=["groep", "onderdeel", "aantal"]).astype({"aantal": "Int64"})
    return declare(table, unit="signalen", title="De gegevens", partition="onderdeel", partition_total=TOTAL,
                   columns={"groep": label("onderwerp"), "onderdeel": label("onderdeel"), "aantal": count("aantal")})
