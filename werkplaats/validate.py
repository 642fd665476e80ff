"""Load a raw dataset: read, protect privacy, type by its codebook, validate with pandera.

Bad input raises one :class:`~werkplaats.errors.DataError` in Dutch that names the file,
the column, the first rows (as counted in the file) and the values, and says what is
allowed. Nothing is written here.

>>> from werkplaats.paths import resolve
>>> loaded = load_dataset("eenzaamheid_metingen", resolve("tests/fixtures/reference"))
>>> loaded.data["meting"].cat.categories.tolist()
['T0', 'T1', 'T2']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from werkplaats.codebook import Codebook, ColumnSpec, get_codebook
from werkplaats.errors import DataError, WerkplaatsError, dutch_list, shorten
from werkplaats.io import RawTable, find_dataset, read_raw, sha256_file
from werkplaats.paths import raw_dir, resolve
from werkplaats.privacy import bsn_hits, identifier_kind, is_identifier_name

__all__ = ["check_folder", "FUTURE_DAYS", "latest_allowed_date", "load_dataset", "load_file", "LoadedData",
           "per_unique", "RESERVED_WHY", "TEXT_DTYPE"]

TEXT_DTYPE = pd.StringDtype("pyarrow")  # fast trimming, matching and missing checks on 10^6 rows


@dataclass
class LoadedData:
    """A validated dataset with where it came from and what privacy removed."""

    name: str
    data: pd.DataFrame
    path: Path
    sha256: str
    removed: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        """Short Dutch summary: rows, gemeenten, period, removed columns."""
        cb = get_codebook(self.name)
        parts = [f"{self.path.name}: {len(self.data):,} rijen".replace(",", ".")]
        if "gemeente" in self.data:
            gem = sorted(self.data["gemeente"].dropna().unique())
            parts.append(f"{len(gem)} gemeente(n) ({dutch_list(gem, limit=8)})")
        if cb.period and cb.period in self.data:
            col = self.data[cb.period].dropna()
            if len(col):
                lo, hi = col.min(), col.max()
                fmt = (lambda d: d.strftime("%d-%m-%Y")) if hasattr(lo, "strftime") else str
                parts.append(f"periode {fmt(lo)} t/m {fmt(hi)}")
        if self.removed:
            parts.append("verwijderd: " + "; ".join(f"{c} ({why})" for c, why in self.removed.items()))
        return ", ".join(parts)


def load_dataset(name: str, data_dir: str | os.PathLike[str] | None = None) -> LoadedData:
    """Find ``name`` in ``data_dir`` (default data/raw), read, protect, type and validate it."""
    folder = resolve(data_dir) if data_dir else raw_dir()
    return load_file(find_dataset(folder, name), name)


def load_file(path: str | os.PathLike[str], name: str | None = None) -> LoadedData:
    """Load one file; ``name`` (the codebook) defaults to the file's base name."""
    path = Path(path)
    name = name or path.stem
    cb = get_codebook(name)
    raw = read_raw(path)
    _check_columns(raw, cb)
    removed = _removed_columns(raw.table, cb)
    _check_no_bsn_in_ids(raw, cb)
    typed = pd.DataFrame({col: _parse(raw, cb.columns[col]) for col in cb.analysed}, index=raw.table.index)
    _check_reserved(typed, raw, cb)
    _validate(typed, raw, cb)
    for col in cb.analysed:
        spec = cb.columns[col]
        if spec.type == "category":
            typed[col] = typed[col].cat.set_categories(spec.values)
    return LoadedData(name=name, data=typed.reset_index(drop=True), path=path,
                      sha256=sha256_file(path), removed=removed)


def check_folder(folder: str | os.PathLike[str], analyses: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """Check a raw-data folder the way the notebooks read it: ``(status, Dutch line)`` per
    dataset and per problem, status ``OK``, ``FOUT`` or ``LET OP``.

    Every dataset the analyses need (all registered lines, or ``analyses``) must be there exactly
    once (names compared without regard to case: the file used is named); each is loaded and
    validated, and each analysis's ``prepare`` runs on its datasets (the checks across datasets).
    """
    from werkplaats.lines import line_named, registered

    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"{folder}: map bestaat niet (verwacht een map met de ruwe data).")
    lines = [line_named(a) for a in analyses] if analyses else list(registered())
    out: list[tuple[str, str]] = []
    loaded: dict[str, LoadedData] = {}
    needed = {dataset: line.name for line in reversed(lines) for dataset in line.datasets}  # first line wins
    for dataset in dict.fromkeys(d for line in lines for d in line.datasets):
        out.append(_check_dataset(folder, dataset, needed[dataset], loaded))
    for line in lines:
        if all(d in loaded for d in line.datasets):
            try:
                line.module().prepare({d: loaded[d] for d in line.datasets})
            except WerkplaatsError as exc:
                out.append(("FOUT", f"{line.name}: {exc}"))
    return out + _unknown_files(folder)


def _check_dataset(folder: Path, dataset: str, line: str, loaded: dict[str, LoadedData]) -> tuple[str, str]:
    """Find, load and validate one dataset of ``folder`` (into ``loaded``); one status line."""
    from werkplaats.io import dataset_files

    files = dataset_files(folder, dataset)
    if not files:
        return ("FOUT", f"{folder}: dataset {dataset} ontbreekt (nodig voor {line}; "
                        f"verwacht {dataset}.csv, .xlsx, .sav of .parquet).")
    if len(files) > 1:
        return ("FOUT", f"{folder}: meer dan één bestand voor {dataset} "
                        f"({', '.join(p.name for p in files)}); laat er één staan.")
    try:
        loaded[dataset] = load_file(files[0], dataset)
    except DataError as exc:
        return ("FOUT", str(exc))
    used = "" if files[0].stem == dataset else f" (gebruikt voor {dataset}: de naam verschilt alleen in hoofdletters)"
    return ("OK", loaded[dataset].summary() + used)


def _unknown_files(folder: Path) -> list[tuple[str, str]]:
    """A ``LET OP`` line for every data file that is no known dataset (it is not checked)."""
    from werkplaats.io import SUFFIXES
    from werkplaats.lines import registered

    known = {d.lower() for line in registered() for d in line.datasets}
    return [("LET OP", f"{path.name}: geen bekende dataset, niet gecontroleerd (bekend: {', '.join(sorted(known))}).")
            for path in sorted(folder.iterdir())
            if path.suffix.lower() in SUFFIXES and not path.name.startswith(".") and path.stem.lower() not in known]


def _check_columns(raw: RawTable, cb: Codebook) -> None:
    missing = [c for c in cb.columns if c not in raw.table.columns]
    if missing:
        found = ", ".join(shorten(c, 40) for c in raw.table.columns[:12])
        raise DataError(
            f"{raw.path.name}: kolom {dutch_list(missing)} ontbreekt "
            f"(gevonden kolommen: {found}). Controleer de kopregel en het scheidingsteken.",
            file=raw.path.name, column=missing[0],
        )
    dupes = raw.table.columns[raw.table.columns.duplicated()].tolist()
    if dupes:
        raise DataError(f"{raw.path.name}: kolom {dutch_list(dupes)} staat meer dan één keer in de kopregel.",
                        file=raw.path.name, column=dupes[0])


def _removed_columns(table: pd.DataFrame, cb: Codebook) -> dict[str, str]:
    """Columns that never reach the analysis, with the Dutch reason."""
    removed = {}
    for col in table.columns:
        if col in cb.free_text:
            removed[col] = "vrije tekst, nooit gepubliceerd"
        elif col not in cb.columns:
            if is_identifier_name(col):
                removed[col] = "direct identificerend gegeven"
            else:
                kind = identifier_kind(table[col])
                removed[col] = f"bevat {kind}: direct identificerend" if kind else "extra kolom, niet in het codeboek"
    return removed


def _check_no_bsn_in_ids(raw: RawTable, cb: Codebook) -> None:
    """Refuse an id column holding BSNs (any notation, see :func:`werkplaats.privacy.bsn_hits`);
    the message names rows, never the value."""
    for col in dict.fromkeys(cb.key + [c for c in cb.columns if c.endswith("_id")]):
        spec = cb.columns.get(col)
        if spec is None or spec.type != "text":
            continue
        values = raw.table[col]
        candidates = values[values.str.contains(r"\d", regex=True)]
        hits = candidates[bsn_hits(candidates).to_numpy()] if len(candidates) else candidates
        if len(hits):
            raise DataError(
                f"{raw.path.name}: kolom {col}, rij {dutch_list(raw.row_numbers(hits.index[:5]))}: "
                "lijkt een BSN te bevatten (ook met punten, spaties of streepjes geschreven). "
                "Gebruik een studiecode of een sleutel-pseudoniem "
                "(werkplaats.privacy.pseudonymise), nooit het BSN zelf.",
                file=raw.path.name, column=col, rows=raw.row_numbers(hits.index[:5]),
            )


RESERVED_WHY = {"alle": "'alle' betekent in een rapport 'alle gemeenten samen' en kan dus geen gemeentenaam zijn"}


def _check_reserved(typed: pd.DataFrame, raw: RawTable, cb: Codebook) -> None:
    """Refuse values a column may not hold (``reserved`` in the codebook), such as a gemeente ``alle``."""
    for col in cb.analysed:
        spec = cb.columns[col]
        if not spec.reserved:
            continue
        text = typed[col].astype("string").str.strip().str.lower()
        bad = text.isin(spec.reserved).fillna(False).astype(bool)
        if bad.any():
            idx = bad[bad].index[:5]
            value = str(text[idx[0]])
            why = RESERVED_WHY.get(value, f"'{value}' is gereserveerd")
            raise DataError.for_values(raw.path.name, col, rows=raw.row_numbers(idx),
                                       values=raw.table.loc[idx, col].str.strip().tolist(),
                                       problem=f"niet toegestane waarde ({why}):")


def per_unique(values: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply ``func`` to the distinct values only and spread the result back (fast on 10^6 rows).

    >>> per_unique(pd.Series([" a", "b", " a"]), lambda u: u.str.strip()).tolist()
    ['a', 'b', 'a']
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    result = func(pd.Series(uniques, dtype=object))
    out = result.iloc[codes]
    out.index = values.index
    return out


def _parse(raw: RawTable, spec: ColumnSpec) -> pd.Series:
    s = raw.table[spec.name]
    if spec.type == "text":
        text = per_unique(s, lambda u: u.str.strip().replace("", None)).astype(TEXT_DTYPE)
        long = (text.str.len() > spec.max_length).fillna(False).astype(bool)
        if long.any():
            idx = long[long].index
            length = f"{len(str(text[idx[0]])):,}".replace(",", ".")
            raise DataError.for_values(
                raw.path.name, spec.name, rows=raw.row_numbers(idx[:5]),
                values=raw.table.loc[idx[:5], spec.name].tolist(),
                problem=f"tekst te lang ({length} tekens)", allowed=f"hoogstens {spec.max_length} tekens")
        return text
    if spec.type == "category":
        canonical = {v.lower(): v for v in spec.values}

        def to_label(u: pd.Series) -> pd.Series:
            trimmed = u.str.strip()
            mapped = trimmed.str.lower().map(canonical)
            # unknown labels stay visible (as typed) for the allowed-values check
            return mapped.where(mapped.notna(), trimmed).replace("", None)

        labels = per_unique(s, to_label)
        extra = [v for v in labels.dropna().unique() if v not in spec.values]
        return pd.Series(pd.Categorical(labels, categories=spec.values + extra), index=s.index)
    if spec.type == "date":
        return _parse_dates(s, raw, spec)
    comma = raw.decimal_comma or spec.type == "decimal"
    integer, grouped = spec.type == "integer", raw.decimal_comma
    numbers = per_unique(s, lambda u: _to_number(u, comma, integer, grouped))
    if numbers.isna().any():
        bad = per_unique(s, lambda u: _to_number(u, comma, integer, grouped).isna() & (u.str.strip() != ""))
        if bad.any():
            _raise_bad(raw, spec, bad, "geen geldig getal" if spec.type == "decimal" else "geen geheel getal")
    return numbers.astype("Int64") if spec.type == "integer" else numbers.astype(float)


def _to_number(u: pd.Series, comma: bool, integer: bool, grouped: bool = False) -> pd.Series:
    """Parse distinct texts to numbers; NaN for empty (allowed) and for bad values (checked later).

    ``grouped`` (a decimal-comma file): a dot between groups of three digits is the Dutch
    thousands separator (``1.234,56`` is 1234.56, ``1.234`` is 1234).

    >>> _to_number(pd.Series(["1.234,56", "12.345", "1,5"]), True, False, True).tolist()
    [1234.56, 12345.0, 1.5]
    """
    text = u.str.strip()
    if grouped:
        thousands = text.str.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+(,\d*)?")
        text = text.where(~thousands, text.str.replace(".", "", regex=False))
    if comma:
        text = text.str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(text.replace("", None), errors="coerce")
    if integer:
        numbers = numbers.where(numbers == np.floor(numbers))
    return numbers.astype(float)


def _to_dates(u: pd.Series) -> pd.Series:
    """Distinct texts to dates: ISO ``2025-02-13`` or Dutch ``13-02-2025``; NaT otherwise."""
    text = u.str.strip().replace("", None)
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    dutch = pd.to_datetime(text, format="%d-%m-%Y", errors="coerce")
    return iso.fillna(dutch)


FUTURE_DAYS = 365  # a date further ahead than this is a typing error (2099), never data


def latest_allowed_date() -> pd.Timestamp:
    """The latest date a dataset may hold: today plus :data:`FUTURE_DAYS`."""
    return pd.Timestamp.today().normalize() + pd.Timedelta(days=FUTURE_DAYS)


def _parse_dates(s: pd.Series, raw: RawTable, spec: ColumnSpec) -> pd.Series:
    dates = per_unique(s, _to_dates)
    if dates.isna().any():
        bad = per_unique(s, lambda u: _to_dates(u).isna() & (u.str.strip() != ""))
        if bad.any():
            _raise_bad(raw, spec, bad, "geen geldige datum")
    limit = latest_allowed_date()
    future = (dates > limit).fillna(False).astype(bool)
    if future.any():
        idx = future[future].index
        raise DataError.for_values(
            raw.path.name, spec.name, rows=raw.row_numbers(idx[:5]),
            values=raw.table.loc[idx[:5], spec.name].tolist(),
            problem="datum ligt meer dan een jaar in de toekomst",
            allowed=f"uiterlijk {limit:%d-%m-%Y}; is het jaartal goed getypt?",
        )
    return dates.astype("datetime64[ns]")


def _raise_bad(raw: RawTable, spec: ColumnSpec, bad: pd.Series, problem: str) -> None:
    idx = bad[bad].index
    raise DataError.for_values(
        raw.path.name, spec.name, rows=raw.row_numbers(idx[:5]),
        values=raw.table.loc[idx[:5], spec.name].tolist(), problem=problem, allowed=spec.allowed_text(),
    )


def _validate(typed: pd.DataFrame, raw: RawTable, cb: Codebook) -> None:
    """Run the pandera schema built from the codebook; translate the first failure."""
    import pandera.errors

    from werkplaats.schema import schema_for

    try:
        schema_for(cb.name).validate(typed, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        from werkplaats.schema import translate_failures

        raise translate_failures(exc.failure_cases, raw, cb) from None
