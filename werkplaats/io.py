"""Read any accepted raw file into a table of strings; write derived files atomically.

Accepted: ``.csv`` (``,`` or ``;``, decimal comma with ``;``, UTF-8 with or without BOM,
Windows-1252), ``.xlsx``, ``.sav`` (SPSS value labels applied) and ``.parquet``.
Every cell comes back as a string (``""`` = missing; spaces are trimmed later) so that one parser
(:mod:`werkplaats.validate`) types all formats the same way.

>>> from pathlib import Path; import tempfile
>>> d = Path(tempfile.mkdtemp()); _ = (d / "t.csv").write_text("a;b\\n1,5;x\\n", encoding="cp1252")
>>> raw = read_raw(d / "t.csv"); raw.table.iloc[0].tolist(), raw.decimal_comma
(['1,5', 'x'], True)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io as _io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from werkplaats.errors import DataError
from werkplaats.paths import ensure_not_raw

__all__ = [
    "atomic_write",
    "find_dataset",
    "RawTable",
    "read_raw",
    "sha256_file",
    "SUFFIXES",
    "write_parquet",
    "write_text",
]

SUFFIXES = (".csv", ".xlsx", ".sav", ".parquet")


@dataclass(frozen=True)
class RawTable:
    """A raw file as strings, with how it was read.

    ``first_row`` is the row number a person sees for the first data row (2 in a CSV or
    spreadsheet with a header line, 1 for SPSS and parquet cases).
    """

    table: pd.DataFrame
    path: Path
    decimal_comma: bool = False
    first_row: int = 2

    def row_numbers(self, index: pd.Index | list[int]) -> list[int]:
        """Positions (0-based) to the row numbers a person counts in the file."""
        return [int(i) + self.first_row for i in index]


def find_dataset(data_dir: str | os.PathLike[str], name: str) -> Path:
    """The file called ``name`` with an accepted suffix in ``data_dir``.

    Raises :class:`DataError` when none or more than one is there.
    """
    folder = Path(data_dir)
    if not folder.is_dir():
        raise DataError(f"{folder}: map bestaat niet (verwacht een map met de ruwe data).")
    found = [folder / f"{name}{s}" for s in SUFFIXES if (folder / f"{name}{s}").exists()]
    if not found:
        raise DataError(
            f"{folder}: geen bestand '{name}' gevonden "
            f"(verwacht {name}.csv, .xlsx, .sav of .parquet)."
        )
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise DataError(f"{folder}: meer dan één bestand voor '{name}' ({names}); laat er één staan.")
    return found[0]


def read_raw(path: str | os.PathLike[str]) -> RawTable:
    """Read one raw file as strings (see module docstring)."""
    path = Path(path)
    readers: dict[str, Callable[[Path], RawTable]] = {
        ".csv": _read_csv,
        ".xlsx": _read_xlsx,
        ".sav": _read_sav,
        ".parquet": _read_parquet,
    }
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise DataError(f"{path.name}: onbekend bestandstype (toegestaan: {', '.join(SUFFIXES)}).")
    if not path.exists():
        raise DataError(f"{path}: bestand bestaat niet.")
    if path.stat().st_size == 0:
        raise DataError(f"{path.name}: het bestand is leeg.")
    try:
        raw = reader(path)
    except OSError as exc:  # no permission, a folder with a data file's name, a vanished share
        raise DataError(f"{path}: bestand niet te lezen ({exc.strerror or type(exc).__name__}).") from exc
    raw.table.columns = [str(c).strip().lstrip("\ufeff").lower() for c in raw.table.columns]
    raw = _without_blank_tail(raw)
    if raw.table.empty:
        raise DataError(f"{path.name}: het bestand bevat geen gegevensrijen.")
    return raw


def _without_blank_tail(raw: RawTable) -> RawTable:
    """Drop the completely empty rows at the end (Excel saves ``;;;;`` lines below the data).

    Empty rows between data rows stay: they are reported as empty cells with their row number.
    """
    table = raw.table
    if table.empty or any(str(v).strip() for v in table.iloc[-1]):
        return raw  # the usual case, decided on the last row alone
    filled = table.apply(lambda col: col.str.strip() != "").any(axis=1).to_numpy()
    last = int(filled.nonzero()[0][-1]) + 1 if filled.any() else 0
    return replace(raw, table=raw.table.iloc[:last])


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(f"{name}: tekenset niet herkend (sla op als UTF-8 of Windows-1252).")


def _sniff_delimiter(header: str, name: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.__getitem__)
    if counts[best] == 0:
        raise DataError(
            f"{name}: rij 1: geen scheidingsteken gevonden in de kopregel "
            "(toegestaan: komma of puntkomma)."
        )
    return best


def _read_csv(path: Path) -> RawTable:
    text = _decode(path.read_bytes(), path.name)
    header = text.split("\n", 1)[0]
    sep = _sniff_delimiter(header, path.name)
    try:
        table = pd.read_csv(
            _io.StringIO(text),
            sep=sep,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skipinitialspace=False,
            engine="c",
        )
    except pd.errors.ParserError as exc:
        raise DataError(f"{path.name}: het bestand is niet als tabel te lezen ({_parser_hint(exc)}).") from exc
    except pd.errors.EmptyDataError as exc:
        raise DataError(f"{path.name}: het bestand is leeg.") from exc
    return RawTable(table=table, path=path, decimal_comma=sep == ";", first_row=2)


def _parser_hint(exc: Exception) -> str:
    msg = str(exc)
    if "EOF inside string starting at row" in msg:
        row = int(msg.rsplit("row", 1)[1].strip()) + 1
        return f"rij {row}: aanhalingsteken wordt niet afgesloten; is het bestand afgebroken?"
    if "Expected" in msg and "line" in msg:
        try:
            line = msg.split("line")[1].split(",")[0].strip()
            fields = msg.split("Expected")[1].split("fields")[0].strip()
            saw = msg.split("saw")[1].strip()
            return f"rij {line}: {saw} velden in plaats van {fields}; controleer scheidingstekens en aanhalingstekens"
        except IndexError:
            pass
    return "controleer scheidingstekens en aanhalingstekens"


def _as_strings(table: pd.DataFrame) -> pd.DataFrame:
    out = {}
    for col in table.columns:
        s = table[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.dt.strftime("%Y-%m-%d").fillna("")
        elif pd.api.types.is_float_dtype(s):
            whole = s.dropna()
            if len(whole) and (whole == whole.round()).all():
                out[col] = s.map(lambda v: "" if pd.isna(v) else str(int(v)))
            else:
                out[col] = s.map(lambda v: "" if pd.isna(v) else repr(float(v)))
        else:
            out[col] = s.map(_cell_text)
    return pd.DataFrame(out, index=table.index).astype(str)


def _cell_text(value: object) -> str:
    """One spreadsheet/SPSS cell as text: dates as ISO, empty as ``""``."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path) -> RawTable:
    try:
        table = pd.read_excel(path, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for broken files
        raise DataError(f"{path.name}: geen leesbaar Excel-bestand ({type(exc).__name__}).") from exc
    return RawTable(table=_as_strings(table), path=path, first_row=2)


def _read_sav(path: Path) -> RawTable:
    import pyreadstat

    try:
        table, _meta = pyreadstat.read_sav(str(path), apply_value_formats=True)
    except Exception as exc:  # pyreadstat.ReadstatError and friends
        raise DataError(f"{path.name}: geen leesbaar SPSS-bestand ({exc}).") from exc
    return RawTable(table=_as_strings(table), path=path, first_row=1)


def _read_parquet(path: Path) -> RawTable:
    try:
        table = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid and OSError
        raise DataError(f"{path.name}: geen leesbaar parquet-bestand ({type(exc).__name__}).") from exc
    return RawTable(table=_as_strings(table.reset_index(drop=True)), path=path, first_row=1)


def sha256_file(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes (for provenance in results.json)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], object], *, allow_raw: bool = False) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it into place.

    A failure leaves the previous file untouched. Refuses data/raw unless ``allow_raw``
    (only the synthetic-sample generator sets it).
    """
    path = Path(path)
    if not allow_raw:
        ensure_not_raw(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_parquet(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``df`` to parquet atomically."""
    return atomic_write(path, lambda tmp: df.to_parquet(tmp, index=False))


def write_text(text: str, path: str | os.PathLike[str], *, allow_raw: bool = False) -> Path:
    """Write text (UTF-8) atomically."""
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), allow_raw=allow_raw)


