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
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from werkplaats.errors import DataError, dutch_list, shorten
from werkplaats.paths import ensure_not_raw

__all__ = [
    "atomic_write",
    "dataset_files",
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
    lines: tuple[int, ...] | None = None  # CSV with line breaks inside quoted cells: line of each row

    def row_numbers(self, index: pd.Index | list[int]) -> list[int]:
        """Positions (0-based) to the row numbers a person counts in the file (the line number in
        a CSV, also when a quoted cell above holds line breaks)."""
        if self.lines is not None:
            return [self.lines[int(i)] for i in index]
        return [int(i) + self.first_row for i in index]


def dataset_files(folder: str | os.PathLike[str], name: str) -> list[Path]:
    """Every file in ``folder`` that holds dataset ``name``: base name and suffix compared
    without regard to case (``Eenzaamheid_Metingen.CSV`` counts), hidden files left out."""
    folder = Path(folder)
    wanted = name.lower()
    return sorted(p for p in folder.iterdir()
                  if not p.name.startswith(".") and p.suffix.lower() in SUFFIXES and p.stem.lower() == wanted)


def find_dataset(data_dir: str | os.PathLike[str], name: str) -> Path:
    """The one file holding dataset ``name`` in ``data_dir`` (see :func:`dataset_files`).

    Raises :class:`DataError` when none or more than one is there.
    """
    folder = Path(data_dir)
    if not folder.is_dir():
        raise DataError(f"{folder}: map bestaat niet (verwacht een map met de ruwe data).")
    try:
        found = dataset_files(folder, name)
    except OSError as exc:
        raise DataError(f"{folder}: map niet te lezen ({exc.strerror or type(exc).__name__}).") from exc
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
    _check_regular_file(path)
    try:
        raw = reader(path)
    except OSError as exc:  # no permission, a vanished share
        raise DataError(f"{path}: bestand niet te lezen ({exc.strerror or type(exc).__name__}).") from exc
    raw = _with_header(raw)
    raw = _without_blank_tail(raw)
    if raw.table.empty:
        raise DataError(f"{path.name}: het bestand bevat geen gegevensrijen (alleen een kopregel).")
    _check_blank_rows(raw)
    return raw


def _check_regular_file(path: Path) -> None:
    """Refuse what is not an ordinary, non-empty file before opening it (a named pipe would block)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DataError(f"{path}: bestand bestaat niet.") from None
    except OSError as exc:
        raise DataError(f"{path}: bestand niet te lezen ({exc.strerror or type(exc).__name__}).") from exc
    if stat.S_ISDIR(info.st_mode):
        raise DataError(f"{path.name}: is een map, geen databestand.")
    if not stat.S_ISREG(info.st_mode):
        raise DataError(f"{path.name}: is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat); "
                        "sla de gegevens op als gewoon bestand.")
    if info.st_size == 0:
        raise DataError(f"{path.name}: het bestand is leeg (0 bytes).")


def _with_header(raw: RawTable) -> RawTable:
    """Column names trimmed and lower-cased; refuse duplicates and empty names in the header."""
    names = [str(c).strip().lstrip("\ufeff").strip().lower() for c in raw.table.columns]
    seen: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        if name in seen and name:
            raise DataError(
                f"{raw.path.name}: rij 1: kolom {shorten(name)} staat meer dan één keer in de kopregel "
                f"(kolom {seen[name]} en {number}); geef elke kolom een eigen naam.",
                file=raw.path.name, column=name, rows=[1],
            )
        seen[name] = number
    table = raw.table.copy()
    table.columns = names
    return replace(raw, table=table)


def _check_blank_rows(raw: RawTable) -> None:
    """An empty row between data rows is refused with its row number (rows are never skipped silently)."""
    table = raw.table
    first_empty = (table.iloc[:, 0].str.strip() == "").to_numpy()  # cheap: a blank row starts empty
    if not first_empty.any():
        return
    suspects = table[first_empty]
    blank = ~suspects.apply(lambda col: col.str.strip() != "").any(axis=1).to_numpy()
    if blank.any():
        positions = [table.index.get_loc(i) for i in suspects.index[blank][:5]]
        rows = raw.row_numbers(positions)
        raise DataError(
            f"{raw.path.name}: rij {dutch_list(rows)}: lege regel tussen de gegevens; "
            "verwijder de lege regel(s), dan kloppen ook de rijnummers in de meldingen.",
            file=raw.path.name, rows=rows,
        )


def _without_blank_tail(raw: RawTable) -> RawTable:
    """Drop the completely empty rows at the end (Excel saves ``;;;;`` lines below the data).

    Empty rows between data rows are refused by :func:`_check_blank_rows`.
    """
    table = raw.table
    if table.empty or any(str(v).strip() for v in table.iloc[-1]):
        return raw  # the usual case, decided on the last row alone
    filled = table.apply(lambda col: col.str.strip() != "").any(axis=1).to_numpy()
    last = int(filled.nonzero()[0][-1]) + 1 if filled.any() else 0
    return replace(raw, table=raw.table.iloc[:last])


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or Windows-1252; UTF-16/32 and binary files are refused, and so
    is a UTF-8 file with a stray Windows-1252 byte (naming its line)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(f"{name}: het bestand is opgeslagen als UTF-16 (Unicode); sla het op als "
                        "CSV UTF-8 (in Excel: 'CSV UTF-8 (door komma's gescheiden)').")
    if b"\x00" in data[:65536]:
        line = data[:data.index(b"\x00")].count(b"\n") + 1
        raise DataError(f"{name}: rij {line}: bevat nul-bytes; dit is geen tekstbestand (of UTF-16 zonder BOM). "
                        "Sla het op als CSV UTF-8.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):  # real UTF-8 elsewhere: the bad byte is a mistake, not the encoding
            line = data[:exc.start].count(b"\n") + 1
            raise DataError(
                f"{name}: rij {line}: teken dat geen UTF-8 is (byte 0x{data[exc.start]:02x}) in een verder "
                "UTF-8-bestand; verbeter dat teken of sla het bestand opnieuw op als CSV UTF-8."
            ) from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise DataError(f"{name}: tekenset niet herkend (sla op als UTF-8 of Windows-1252).") from None


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
    if not text.strip():
        raise DataError(f"{path.name}: het bestand is leeg (alleen spaties, lege regels of een BOM).")
    header = text.split("\n", 1)[0]
    if not header.strip():
        raise DataError(f"{path.name}: rij 1 is leeg; de kopregel met kolomnamen hoort op de eerste regel.")
    sep = _sniff_delimiter(header, path.name)
    try:
        table = pd.read_csv(
            _io.StringIO(text),
            sep=sep,
            dtype=str,
            header=None,  # the header is taken by hand: pandas would rename a duplicate column
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,  # a blank line keeps its row number (and is refused)
            skipinitialspace=False,
            engine="c",
        )
    except pd.errors.ParserError as exc:
        raise DataError(f"{path.name}: het bestand is niet als tabel te lezen ({_parser_hint(exc)}).") from exc
    except pd.errors.EmptyDataError as exc:
        raise DataError(f"{path.name}: het bestand is leeg.") from exc
    return RawTable(table=_header_from_first_row(table), path=path, decimal_comma=sep == ";", first_row=2,
                    lines=_record_lines(text, sep, len(table)))


def _record_lines(text: str, sep: str, records: int) -> tuple[int, ...] | None:
    """The line each data row starts on, when quoted cells hold line breaks (else None: row n is
    line n + 1). Counted with the csv module, which splits records the way pandas does.

    >>> _record_lines('a,b\\n"x\\ny",1\\nz,2\\n', ",", 3)
    (2, 4)
    """
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines == records:
        return None
    import csv

    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=sep)
    starts, end = [], 0
    for _record in reader:
        starts.append(end + 1)
        end = reader.line_num
    return tuple(starts[1:])


def _header_from_first_row(table: pd.DataFrame) -> pd.DataFrame:
    """Row 0 becomes the column names, as typed (duplicates kept for the check)."""
    body = table.iloc[1:].reset_index(drop=True)
    body.columns = ["" if pd.isna(v) else str(v) for v in table.iloc[0]]
    return body


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
        table = pd.read_excel(path, dtype=object, engine="openpyxl", header=None)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise DataError(f"{path.name}: geen leesbaar Excel-bestand ({type(exc).__name__}).") from exc
    if table.empty:
        raise DataError(f"{path.name}: het eerste werkblad is leeg.")
    header = [_cell_text(v) for v in table.iloc[0]]
    body = table.iloc[1:].reset_index(drop=True)
    body.columns = range(len(header))
    body = _as_strings(body)
    body.columns = header
    return RawTable(table=body, path=path, first_row=2)


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


