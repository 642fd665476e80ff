"""Early debt signalling (vroegsignalering): prepare the signals, the funnel, the key figures.

``prepare`` looks at the signals as they were on the peildatum (default: the latest date in
the data), adds the reached flag, the days from signal to contact (censored at the
peildatum), the trained flag and the meldingen (signals of one household in one calendar
month; a melding within ``REPEAT_MONTHS`` months of the household's previous one is a
repeat), and writes ``data/processed/vroegsignalering_signalen.parquet`` without
identifiers. ``funnel`` counts signalen → huishoudens → meldingen → contactpoging →
bereikt → geaccepteerd; ``analyse`` runs the models of :mod:`werkplaats.vroegsignalering.models`;
:func:`key_figures` gives section 6 of DATA_CONTRACT.md. Nothing on fewer than
``min_cel`` households is published.

>>> from werkplaats.validate import load_dataset
>>> data = load_dataset("vroegsignalering_signalen", "tests/fixtures/reference").data
>>> signals = prepare(data, peildatum="2026-06-30", write=False)
>>> key_figures(analyse(signals))["funnel"]["Amersfoort"]["huishoudens"]
606
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from werkplaats.checks import check_gemeente  # noqa: F401 (part of this module's API)
from werkplaats.errors import ParameterError
from werkplaats.privacy import MIN_CEL, is_suppressed, publishable_count
from werkplaats.vroegsignalering import models

ANALYSIS = "vroegsignalering"
DATASET = "vroegsignalering_signalen"
PROCESSED_FILE = "vroegsignalering_signalen.parquet"
DATE_COLUMNS = ("signaal_datum", "contactpoging_datum", "contact_datum")
KNOWN_OUTCOMES = ("hulp geaccepteerd", "hulp geweigerd", "al bekend bij schuldhulp")
REPEAT_MONTHS = 6
COUNTS = ("signalen", "huishoudens", "meldingen", "contactpoging", "bereikt", "geaccepteerd")
RATES = {"aandeel_contactpoging": ("contactpoging", "signalen"),
         "aandeel_bereikt": ("bereikt", "contactpoging"),
         "aandeel_geaccepteerd": ("geaccepteerd", "bereikt")}
CONTRACT_FUNNEL = ("signalen", "huishoudens", "contactpoging", "bereikt", "geaccepteerd")
TOTAL = "totaal"


# ---- prepare ------------------------------------------------------------------------------

def check_peildatum(peildatum: object, data: pd.DataFrame) -> pd.Timestamp:
    """The peildatum as a date: empty means the latest date in the data; ISO or Dutch
    (dd-mm-jjjj) text is accepted, anything else is a Dutch ParameterError."""
    if peildatum is None or str(peildatum).strip() == "":
        latest = max(data[c].max() for c in DATE_COLUMNS)
        return pd.Timestamp(latest).normalize()
    text = str(peildatum).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return pd.Timestamp(pd.to_datetime(text, format=fmt))
        except (ValueError, TypeError):
            continue
    raise ParameterError(f"peildatum '{peildatum}' is geen datum (gebruik bijvoorbeeld 2026-06-30, "
                         "of laat hem leeg voor de laatste datum in de data)")


def as_of(data: pd.DataFrame, peildatum: pd.Timestamp) -> pd.DataFrame:
    """The signals as known on ``peildatum``: later signals are left out, later attempts and
    contacts have not happened yet (and the outcome of a later contact is still open)."""
    data = data[data["signaal_datum"] <= peildatum].copy()
    late_contact = data["contact_datum"] > peildatum
    late_attempt = data["contactpoging_datum"] > peildatum
    data.loc[late_contact, "contact_datum"] = pd.NaT
    data.loc[late_attempt, "contactpoging_datum"] = pd.NaT
    data.loc[late_contact | late_attempt, "uitkomst"] = np.nan
    return data


def meldingen(household: np.ndarray, signal_date: pd.Series,
              repeat_months: int = REPEAT_MONTHS) -> tuple[np.ndarray, np.ndarray]:
    """Per signal: the number of its melding (one per household per calendar month) and
    whether that melding is a repeat (the household's previous melding at most
    ``repeat_months`` months earlier).

    >>> dates = pd.to_datetime(pd.Series(["2025-01-05", "2025-01-20", "2025-05-02", "2026-03-01"]))
    >>> ids, repeat = meldingen(np.array([0, 0, 0, 0]), dates)
    >>> ids.tolist(), repeat.tolist()
    ([0, 0, 1, 2], [False, False, True, False])
    """
    month = (signal_date.dt.year * 12 + signal_date.dt.month - 1).to_numpy(np.int64)
    key = np.asarray(household, dtype=np.int64) * (month.max() + 1) + month
    unique, melding = np.unique(key, return_inverse=True)  # sorted: household, then month
    owner, unique_month = unique // (month.max() + 1), unique % (month.max() + 1)
    gap = np.diff(unique_month, prepend=-10**6)
    same = np.concatenate([[False], owner[1:] == owner[:-1]])
    repeat = same & (gap <= repeat_months)
    return melding.ravel(), repeat[melding.ravel()]


def prepare(data, *, peildatum: object = None, write: bool = True,
            path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """One row per signal, as on the peildatum, without identifiers (``signaal_id`` dropped,
    ``huishouden_id`` replaced by a number valid only within this file). Written to
    ``data/processed/vroegsignalering_signalen.parquet`` (or ``path``) unless ``write=False``.

    ``data`` is the loaded table (or the :class:`~werkplaats.validate.LoadedData`).
    """
    data = getattr(data, "data", data)
    peil = check_peildatum(peildatum, data)
    data = as_of(data, peil)
    household = pd.factorize(data["huishouden_id"])[0]
    melding, repeat = meldingen(household, data["signaal_datum"])
    reached = data["contact_datum"].notna().to_numpy()
    end = data["contact_datum"].where(reached, peil)
    outcome = data["uitkomst"].astype(object)
    known = reached & outcome.isin(KNOWN_OUTCOMES).to_numpy()
    out = pd.DataFrame({
        "gemeente": data["gemeente"].astype(object), "gemeente_code": data["gemeente_code"].astype(object),
        "team": data["team"].astype(object), "bron": data["bron"],
        "signaal_datum": data["signaal_datum"],
        "maand": data["signaal_datum"].dt.to_period("M").dt.start_time,
        "achterstand_euro": data["achterstand_euro"].astype(float),
        "log_achterstand": np.log(data["achterstand_euro"].astype(float)),
        "team_getraind_op": data["team_getraind_op"],
        "getraind": (data["signaal_datum"] >= data["team_getraind_op"]).fillna(False).astype(bool),
        "contactpoging_datum": data["contactpoging_datum"], "contact_datum": data["contact_datum"],
        "contactpoging": data["contactpoging_datum"].notna(), "bereikt": reached,
        "dagen": (end - data["signaal_datum"]).dt.days.astype(float),
        "volgtijd": (peil - data["signaal_datum"]).dt.days.astype(int),
        "uitkomst": data["uitkomst"], "uitkomst_bekend": known,
        "geaccepteerd": (outcome == "hulp geaccepteerd").to_numpy() & reached,
        "huishouden": household, "melding": melding, "herhaalmelding": repeat,
    }).reset_index(drop=True)
    out.attrs["peildatum"] = peil.date().isoformat()
    if write:
        from werkplaats.io import write_parquet
        from werkplaats.paths import processed_dir

        write_parquet(out, Path(path) if path else processed_dir() / PROCESSED_FILE)
    return out


# ---- funnel -------------------------------------------------------------------------------

def _counts(signals: pd.DataFrame, keys) -> pd.DataFrame:
    grouped = signals.groupby(keys, observed=True, sort=True)
    return grouped.agg(signalen=("huishouden", "size"), huishoudens=("huishouden", "nunique"),
                       meldingen=("melding", "nunique"), contactpoging=("contactpoging", "sum"),
                       bereikt=("bereikt", "sum"), geaccepteerd=("geaccepteerd", "sum"))


def funnel(signals: pd.DataFrame, by: str | None = "gemeente", *, min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Funnel counts per group of ``by`` (``gemeente``, ``bron``, ``maand``, ...) plus a
    ``totaal`` row: signalen, huishoudens, meldingen, contactpoging, bereikt, geaccepteerd,
    and each step's share of the previous one with a Wilson 95% interval
    (``aandeel_contactpoging`` of signalen, ``aandeel_bereikt`` of attempts,
    ``aandeel_geaccepteerd`` of reached). Groups with fewer than ``min_cel`` households are
    blanked; when exactly one group is, the next smallest is too (else the total gives it away).
    In the other rows a step count of 1 to ``min_cel`` - 1 is blanked, with the shares built on it.
    """
    from werkplaats.stats.proportions import wilson_ci

    total = _counts(signals, np.zeros(len(signals), dtype=int)).set_axis([TOTAL])
    table = total if by is None else pd.concat([_counts(signals, signals[by]), total])
    table.index.name = by or "groep"
    table = table.reset_index()
    for name, (x, n) in RATES.items():
        table[name] = table[x] / table[n].where(table[n] > 0)
        table[f"{name}_ci_low"], table[f"{name}_ci_high"] = wilson_ci(table[x], table[n])
    small = table["huishoudens"].map(lambda n: is_suppressed(n, min_cel)).to_numpy()
    groups = np.arange(len(table)) < len(table) - 1
    if by is not None and (small & groups).sum() == 1 and groups.sum() > 2:
        others = np.where(groups & ~small, table["huishoudens"], np.inf)
        small[int(np.argmin(others))] = True
    values = [c for c in table.columns if c != table.columns[0]]
    table[values] = table[values].astype(float)
    _blank_small_steps(table, min_cel)
    table.loc[small, values] = np.nan
    table["suppressed"] = small
    return table


def _blank_small_steps(table: pd.DataFrame, min_cel: int) -> None:
    """In a shown row, blank a step count of 1 to ``min_cel`` - 1 signals, and every share (with
    its interval) whose numerator or denominator is blanked: 2 of 3 reached is a figure on 3."""
    hidden = {c: table[c].map(lambda n: is_suppressed(n, min_cel)).to_numpy(bool) for c in COUNTS}
    for name, (x, n) in RATES.items():
        table.loc[hidden[x] | hidden[n], [name, f"{name}_ci_low", f"{name}_ci_high"]] = np.nan
    for c, mask in hidden.items():
        table.loc[mask, c] = np.nan


def funnel_figures(table: pd.DataFrame) -> dict:
    """The contract's ``funnel``: per group (and ``totaal``) the five counts (+ suppressed)."""
    out = {}
    for row in table.to_dict("records"):
        hide = bool(row["suppressed"])
        key = row[table.columns[0]]
        key = key.strftime("%Y-%m") if isinstance(key, pd.Timestamp) else str(key)
        out[key] = {c: None if hide or pd.isna(row[c]) else int(row[c]) for c in CONTRACT_FUNNEL} \
            | {"suppressed": hide}
    return out


def signals_per_month(signals: pd.DataFrame, *, min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Signals per month and bron (for the figure); cells on fewer than ``min_cel`` households blanked."""
    table = signals.groupby(["maand", signals["bron"].astype(object)]).agg(
        signalen=("huishouden", "size"), huishoudens=("huishouden", "nunique")).reset_index()
    small = table["huishoudens"].map(lambda n: is_suppressed(n, min_cel))
    table["signalen"] = table["signalen"].astype(float).mask(small)
    return table.assign(suppressed=small)


def data_check(loaded, signals: pd.DataFrame, *, min_cel: int = MIN_CEL) -> pd.DataFrame:
    """Dutch overview of what was loaded, what was left out (and why) and what is still open;
    a count of 1 to ``min_cel`` - 1 reads ``minder dan <min_cel>``."""
    def count(n: int) -> int | str:
        return publishable_count(n, min_cel)

    rows_in_file = len(getattr(loaded, "data", loaded))
    teams = signals.groupby("team")["team_getraind_op"].first()
    open_attempts = signals["contactpoging"] & ~signals["bereikt"] & signals["uitkomst"].isna()
    rows = [("rijen (signalen) in het bestand", count(rows_in_file)),
            (f"signalen na de peildatum ({signals.attrs.get('peildatum', '?')}): niet meegeteld",
             count(rows_in_file - len(signals))),
            ("signalen in de analyse", count(len(signals))),
            ("huishoudens", count(signals["huishouden"].nunique())),
            ("meldingen (signalen van één huishouden in één kalendermaand)", count(signals["melding"].nunique())),
            (f"signalen in een herhaalmelding (binnen {REPEAT_MONTHS} maanden na de vorige)",
             count(int(signals["herhaalmelding"].sum()))),
            ("teams / waarvan getraind", f"{len(teams)} / {int(teams.notna().sum())}"),
            ("signalen zonder contactpoging", count(int((~signals["contactpoging"]).sum()))),
            ("contactpoging zonder contact en zonder uitkomst (nog open)", count(int(open_attempts.sum()))),
            ("signalen met een achterstand onder 75 euro", count(int((signals["achterstand_euro"] < 75).sum())))]
    rows += [(f"kolom '{col}' verwijderd", why) for col, why in getattr(loaded, "removed", {}).items()]
    return pd.DataFrame(rows, columns=["onderdeel", "waarde"]).astype({"waarde": object})


# ---- analyse and key figures --------------------------------------------------------------

@dataclass
class DebtResults:
    """Everything :func:`analyse` computed; tables are already suppressed."""

    gemeente: str
    min_cel: int
    peildatum: str | None
    funnel_gemeente: pd.DataFrame
    funnel_bron: pd.DataFrame
    funnel_maand: pd.DataFrame
    per_month: pd.DataFrame
    curves: pd.DataFrame
    contact_table: pd.DataFrame
    cox: object | None
    accept: object | None
    training: object | None
    training_calendar: object | None
    its_monthly: pd.DataFrame
    its_fit: object | None
    small_terms: dict[str, set] = field(default_factory=dict)
    n_signals: int = 0
    n_households: int = 0


def analyse(signals: pd.DataFrame, *, gemeente: str = "alle", min_cel: int = MIN_CEL) -> DebtResults:
    """The funnel per gemeente (all gemeenten, for comparison), and for ``gemeente`` (or all):
    the funnel per bron and month, time to contact, the Cox, acceptance and training models
    and the interrupted time series of the reach rate around the training."""
    gemeente = check_gemeente(signals, gemeente)
    focus = signals if gemeente == "alle" else signals[signals["gemeente"] == gemeente]
    curves, contact_table = models.time_to_contact(focus, min_cel=min_cel)
    its_monthly, its_fit = models.training_its(focus, min_cel=min_cel)
    accepted = focus[focus["uitkomst_bekend"]]
    return DebtResults(
        gemeente=gemeente, min_cel=min_cel, peildatum=signals.attrs.get("peildatum"),
        funnel_gemeente=funnel(signals, "gemeente", min_cel=min_cel),
        funnel_bron=funnel(focus, "bron", min_cel=min_cel),
        funnel_maand=funnel(focus, "maand", min_cel=min_cel),
        per_month=signals_per_month(focus, min_cel=min_cel), curves=curves, contact_table=contact_table,
        cox=models.contact_cox(focus, min_cel=min_cel),
        accept=models.acceptance_model(focus, min_cel=min_cel),
        training=models.training_model(focus, min_cel=min_cel),
        training_calendar=models.training_model(focus, min_cel=min_cel, calendar=True),
        its_monthly=its_monthly, its_fit=its_fit,
        small_terms={"cox": models.small_bron_terms(focus, min_cel),
                     "logit_accept": models.small_bron_terms(accepted, min_cel)},
        n_signals=len(focus), n_households=int(focus["huishouden"].nunique()))


def _cox_figures(results: DebtResults) -> dict:
    fit, hidden = results.cox, results.small_terms.get("cox", set())
    coefs = models.coefficient_dict(None if fit is None else fit.table)
    coefs = {t: ({"estimate": None, "se": None} if t in hidden else v) for t, v in coefs.items()}
    return {"n": None if fit is None else fit.n, "events": None if fit is None else fit.events,
            "coef": {t: v["estimate"] for t, v in coefs.items()},
            "se": {t: v["se"] for t, v in coefs.items()},
            "suppressed": fit is None, "suppressed_terms": sorted(hidden)}


def _accept_figures(results: DebtResults) -> dict:
    fit, hidden = results.accept, results.small_terms.get("logit_accept", set())
    coefs = models.coefficient_dict(None if fit is None else fit.table)
    coefs = {t: ({"estimate": None, "se": None} if t in hidden else v) for t, v in coefs.items()}
    return {"n": None if fit is None else fit.n, "coef": coefs, "suppressed": fit is None,
            "suppressed_terms": sorted(hidden)}


def _training_figures(results: DebtResults) -> dict:
    fit = results.training
    if fit is None:
        return {"n": None, "log_odds": None, "se": None, "odds_ratio": None, "ci": None, "suppressed": True}
    row = fit.table.loc["getraind"]
    return {"n": fit.n, "log_odds": float(row["estimate"]), "se": float(row["se"]),
            **fit.odds_ratio("getraind"), "suppressed": False}


def key_figures(results: DebtResults | pd.DataFrame, *, min_cel: int = MIN_CEL) -> dict:
    """Section 6 of DATA_CONTRACT.md for vroegsignalering: ``funnel``, ``contacted_by_day``,
    ``cox``, ``logit_accept`` and ``training_effect`` (suppressed parts are null with
    ``"suppressed": true``). Takes the results of :func:`analyse`, or prepared signals."""
    if isinstance(results, pd.DataFrame):
        results = analyse(results, min_cel=min_cel)
    return {"funnel": funnel_figures(results.funnel_gemeente),
            "contacted_by_day": models.contacted_by_day(results.contact_table),
            "cox": _cox_figures(results), "logit_accept": _accept_figures(results),
            "training_effect": _training_figures(results)}


def result_tables(results: DebtResults) -> dict[str, pd.DataFrame]:
    """The (suppressed) tables that go into results.json next to the key figures."""
    its = results.its_fit.table.reset_index() if results.its_fit is not None else pd.DataFrame()
    return {"trechter_gemeente": results.funnel_gemeente, "trechter_bron": results.funnel_bron,
            "trechter_maand": results.funnel_maand, "tijd_tot_contact": results.contact_table,
            "cox_tabel": models.ratio_table(results.cox, results.small_terms.get("cox", set()),
                                            ratio="hazard_ratio"),
            "accepteren_tabel": models.ratio_table(results.accept,
                                                   results.small_terms.get("logit_accept", set())),
            "tijdreeks_training": its}
