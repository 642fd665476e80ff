"""Prepare the signals: as on the peildatum, with the reached flag, days to contact, the
trained flag and the meldingen; pure (writing ``data/processed`` is :func:`write_prepared`).

A melding is the signals of one household in one calendar month; a melding within
``REPEAT_MONTHS`` months of the household's previous one is a repeat.

>>> from werkplaats.lines import load_line
>>> prepared = prepare(load_line("vroegsignalering", "tests/fixtures/reference"), peildatum="2026-06-30")
>>> prepared.peildatum, len(prepared.signals), int(prepared.signals["huishouden"].nunique())
('2026-06-30', 6000, 3506)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from werkplaats.errors import ParameterError

if TYPE_CHECKING:
    from werkplaats.validate import LoadedData

__all__ = ["DATASET", "KNOWN_OUTCOMES", "PROCESSED_FILE", "REPEAT_MONTHS", "Prepared", "as_of", "check_no_dates_after",
           "check_peildatum", "meldingen", "prepare", "prepare_signals", "write_prepared"]

DATASET = "vroegsignalering_signalen"
PROCESSED_FILE = "vroegsignalering_signalen.parquet"
DATE_COLUMNS = ("signaal_datum", "contactpoging_datum", "contact_datum")
KNOWN_OUTCOMES = ("hulp geaccepteerd", "hulp geweigerd", "al bekend bij schuldhulp")
REPEAT_MONTHS = 6


@dataclass(frozen=True)
class Prepared:
    """The prepared signals (one row per signal, without identifiers) and what the data check
    needs: the peildatum used, the rows in the file and the columns removed on loading."""

    signals: pd.DataFrame
    peildatum: str
    rows_in_file: int
    removed: Mapping[str, str] = field(default_factory=dict)


def check_peildatum(peildatum: object, data: pd.DataFrame) -> pd.Timestamp:
    """The peildatum as a date: empty means the latest date in the data; ISO or Dutch
    (dd-mm-jjjj) text is accepted, anything else is a Dutch ParameterError.

    >>> check_peildatum("30-06-2026", pd.DataFrame()).date().isoformat()
    '2026-06-30'
    """
    if peildatum is None or str(peildatum).strip() == "":
        latest = max(data[c].max() for c in DATE_COLUMNS)
        return pd.Timestamp(latest).normalize()
    text = str(peildatum).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            date = pd.Timestamp(pd.to_datetime(text, format=fmt))
        except (ValueError, TypeError):
            continue
        return _plausible(date, peildatum)
    raise ParameterError(f"peildatum '{peildatum}' is geen datum (gebruik bijvoorbeeld 2026-06-30, "
                         "of laat hem leeg voor de laatste datum in de data)")


def _plausible(date: pd.Timestamp, given: object) -> pd.Timestamp:
    """A peildatum more than a year ahead is a typing error (the data's dates are checked the
    same way on loading: :func:`werkplaats.validate.latest_allowed_date`)."""
    from werkplaats.validate import latest_allowed_date

    if date > latest_allowed_date():
        raise ParameterError(f"peildatum '{given}' ligt meer dan een jaar in de toekomst; is het jaartal goed "
                             "getypt? (laat hem leeg voor de laatste datum in de data)")
    return date


def as_of(data: pd.DataFrame, peildatum: pd.Timestamp) -> pd.DataFrame:
    """The signals as known on ``peildatum``: later signals are left out, later attempts and
    contacts have not happened yet (and the outcome of a later contact is still open).

    >>> data = pd.DataFrame({"signaal_datum": pd.to_datetime(["2025-01-01", "2025-03-01"]),
    ...                      "contactpoging_datum": pd.to_datetime(["2025-01-05", None]),
    ...                      "contact_datum": pd.to_datetime(["2025-02-10", None]),
    ...                      "uitkomst": ["hulp geweigerd", None]})
    >>> as_of(data, pd.Timestamp("2025-02-01"))[["contact_datum", "uitkomst"]].isna().values.tolist()
    [[True, True]]
    """
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


def _outcome_columns(data: pd.DataFrame, peil: pd.Timestamp) -> dict[str, object]:
    reached = data["contact_datum"].notna().to_numpy()
    end = data["contact_datum"].where(reached, peil)
    outcome = data["uitkomst"].astype(object)
    return {"contactpoging_datum": data["contactpoging_datum"], "contact_datum": data["contact_datum"],
            "contactpoging": data["contactpoging_datum"].notna(), "bereikt": reached,
            "dagen": (end - data["signaal_datum"]).dt.days.astype(float),
            "volgtijd": (peil - data["signaal_datum"]).dt.days.astype(int),
            "uitkomst": data["uitkomst"], "uitkomst_bekend": reached & outcome.isin(KNOWN_OUTCOMES).to_numpy(),
            "geaccepteerd": (outcome == "hulp geaccepteerd").to_numpy() & reached}


def prepare_signals(data: pd.DataFrame, *, peildatum: object = None) -> pd.DataFrame:
    """The typed signals table as on the peildatum, one row per signal, without identifiers
    (``signaal_id`` dropped, ``huishouden_id`` replaced by a number valid only within this
    table); ``attrs["peildatum"]`` is the date used."""
    peil = check_peildatum(peildatum, data)
    data = as_of(data, peil)
    household = pd.factorize(data["huishouden_id"])[0]
    melding, repeat = meldingen(household, data["signaal_datum"])
    out = pd.DataFrame({
        "gemeente": data["gemeente"].astype(object), "gemeente_code": data["gemeente_code"].astype(object),
        "team": data["team"].astype(object), "bron": data["bron"],
        "signaal_datum": data["signaal_datum"],
        "maand": data["signaal_datum"].dt.to_period("M").dt.start_time,
        "achterstand_euro": data["achterstand_euro"].astype(float),
        "log_achterstand": np.log(data["achterstand_euro"].astype(float)),
        "team_getraind_op": data["team_getraind_op"],
        "getraind": (data["signaal_datum"] >= data["team_getraind_op"]).fillna(False).astype(bool),
        **_outcome_columns(data, peil),
        "huishouden": household, "melding": melding, "herhaalmelding": repeat,
    }).reset_index(drop=True)
    out.attrs["peildatum"] = peil.date().isoformat()
    return out


def check_no_dates_after(source: LoadedData, peildatum: pd.Timestamp) -> None:
    """The peildatum is the date the data were extracted: a date after it is an error (a Dutch
    DataError naming the file, the column, the rows and the date)."""
    from werkplaats.errors import DataError

    first_row = 2 if Path(source.path).suffix.lower() in (".csv", ".xlsx") else 1
    for column in DATE_COLUMNS:
        late = source.data[column] > peildatum
        if late.any():
            index = source.data.index[late.fillna(False).to_numpy()][:5]
            raise DataError.for_values(
                Path(source.path).name, column, rows=[int(i) + first_row for i in index],
                values=[source.data.at[i, column].date().isoformat() for i in index],
                problem="datum na de peildatum", allowed=f"uiterlijk {peildatum.date().isoformat()} (de peildatum is "
                f"de datum waarop de gegevens zijn getrokken; laat hem leeg voor de laatste datum in de data)")


def prepare(loaded: Mapping[str, LoadedData], *, peildatum: object = None) -> Prepared:
    """The line's ``prepare`` (pure): ``loaded`` as :func:`werkplaats.lines.load_line` gives it.
    A date in the data after a given ``peildatum`` is a DataError (DATA_CONTRACT: the peildatum
    is the extraction date)."""
    source = loaded[DATASET]
    if peildatum is not None and str(peildatum).strip():
        check_no_dates_after(source, check_peildatum(peildatum, source.data))
    signals = prepare_signals(source.data, peildatum=peildatum)
    return Prepared(signals=signals, peildatum=signals.attrs["peildatum"], rows_in_file=len(source.data),
                    removed=dict(getattr(source, "removed", {}) or {}))


def write_prepared(prepared: Prepared, path: str | os.PathLike[str] | None = None) -> Path:
    """Write the prepared signals to ``data/processed/vroegsignalering_signalen.parquet``, or to
    ``path`` (a file, or a folder to write that file name into); returns the path written."""
    from werkplaats.io import write_parquet
    from werkplaats.paths import processed_dir

    target = Path(path) if path else processed_dir()
    target = target / PROCESSED_FILE if target.is_dir() or not target.suffix else target
    write_parquet(prepared.signals, target)
    return target
