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
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from werkplaats.codebook import Codebook, ColumnSpec, get_codebook
from werkplaats.errors import DataError, dutch_list
from werkplaats.io import RawTable, find_dataset, read_raw, sha256_file
from werkplaats.paths import raw_dir, resolve
from werkplaats.privacy import identifier_kind, is_bsn, is_identifier_name

NINE_DIGITS = re.compile(r"^\d{9}$")


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
    _validate(typed, raw, cb)
    for col in cb.analysed:
        spec = cb.columns[col]
        if spec.type == "category":
            typed[col] = pd.Categorical(typed[col], categories=spec.values)
    return LoadedData(name=name, data=typed.reset_index(drop=True), path=path,
                      sha256=sha256_file(path), removed=removed)


def _check_columns(raw: RawTable, cb: Codebook) -> None:
    missing = [c for c in cb.columns if c not in raw.table.columns]
    if missing:
        found = ", ".join(raw.table.columns[:12])
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
    for col in cb.key + [c for c in cb.columns if c.endswith("_id")]:
        spec = cb.columns.get(col)
        if spec is None or spec.type != "text":
            continue
        values = raw.table[col]
        candidates = values[values.str.match(NINE_DIGITS)]
        hits = candidates[candidates.map(is_bsn)]
        if len(hits):
            raise DataError(
                f"{raw.path.name}: kolom {col}, rij {dutch_list(raw.row_numbers(hits.index[:5]))}: "
                "lijkt een BSN te bevatten. Gebruik een studiecode of een sleutel-pseudoniem "
                "(werkplaats.privacy.pseudonymise), nooit het BSN zelf.",
                file=raw.path.name, column=col, rows=raw.row_numbers(hits.index[:5]),
            )


def _parse(raw: RawTable, spec: ColumnSpec) -> pd.Series:
    s = raw.table[spec.name]
    empty = s == ""
    if spec.type == "text":
        return s.where(~empty, None).astype(object)
    if spec.type == "category":
        canonical = {v.lower(): v for v in spec.values}
        lowered = s.str.lower()
        mapped = lowered.map(canonical)
        # unknown labels stay visible (as typed) for the allowed-values check
        return mapped.where(mapped.notna(), s).where(~empty, None).astype(object)
    if spec.type == "date":
        return _parse_dates(s, empty, raw, spec)
    text = s.str.replace(",", ".", regex=False) if raw.decimal_comma or spec.type == "decimal" else s
    numbers = pd.to_numeric(text.where(~empty, None), errors="coerce")
    bad = numbers.isna() & ~empty
    if spec.type == "integer":
        bad |= numbers.notna() & (numbers != np.floor(numbers))
    if bad.any():
        _raise_bad(raw, spec, bad, "geen geldig getal" if spec.type == "decimal" else "geen geheel getal")
    return numbers.astype("Int64") if spec.type == "integer" else numbers.astype(float)


def _parse_dates(s: pd.Series, empty: pd.Series, raw: RawTable, spec: ColumnSpec) -> pd.Series:
    iso = pd.to_datetime(s.where(~empty, None), format="%Y-%m-%d", errors="coerce")
    rest = iso.isna() & ~empty
    if rest.any():
        dutch = pd.to_datetime(s[rest], format="%d-%m-%Y", errors="coerce")
        iso.loc[rest] = dutch
    bad = iso.isna() & ~empty
    if bad.any():
        _raise_bad(raw, spec, bad, "geen geldige datum")
    return iso


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
