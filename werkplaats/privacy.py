"""Privacy by default: drop direct identifiers, keyed pseudonyms, the publication threshold.

Protecting published tables (small cells, secondary suppression, audit) is the job of the
one publication boundary, :mod:`werkplaats.disclosure`.

>>> is_bsn("111222333")
True
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from werkplaats.errors import PrivacyError

__all__ = [
    "create_key_file",
    "DEFAULT_KEY_FILE",
    "EMAIL",
    "identifier_kind",
    "IDENTIFIER_NAMES",
    "is_bsn",
    "is_identifier_name",
    "KEY_ENV",
    "KEY_FILE_ENV",
    "load_key",
    "MIN_CEL",
    "NINE_DIGITS",
    "BSN_NOTATION",
    "bsn_hits",
    "PHONE",
    "POSTCODE",
    "pseudonymise",
    "SUPPRESSED_MARK",
]

MIN_CEL = 10
SUPPRESSED_MARK = "–"  # shown in tables instead of a suppressed figure

KEY_ENV = "WERKPLAATS_SLEUTEL"
KEY_FILE_ENV = "WERKPLAATS_SLEUTELBESTAND"
DEFAULT_KEY_FILE = Path("~/.config/werkplaats/sleutel")

# Column names that are direct identifiers (after lower-casing; underscores/spaces ignored).
IDENTIFIER_NAMES = re.compile(
    r"^(bsn|burgerservicenummer|sofinummer|sofi|naam|voornaam|achternaam|roepnaam|"
    r"volledigenaam|voorletters|tussenvoegsel|name|firstname|lastname|fullname|"
    r"adres|address|straat|straatnaam|huisnummer|woonadres|postcode|zipcode|"
    r"telefoon|telefoonnummer|tel|telnr|mobiel|mobielnummer|phone|gsm|"
    r"email|emailadres|mail|eadres|geboortedatum|gebdatum|geboortedag|dateofbirth|dob|"
    r"iban|rekeningnummer|clientnummer|klantnummer)$"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<!\d)(?:\+31|0031|0)[\s-]?(?:6[\s-]?\d{8}|[1-9]\d{1,2}[\s-]?\d{6,7})(?!\d)")
POSTCODE = re.compile(r"(?<!\w)[1-9]\d{3}\s?[A-Z]{2}(?!\w)")
NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
# A BSN as people write it: 9 digits (8 when Excel dropped the leading zero), optionally grouped
# with single dots, spaces or dashes: 123456782, 1234.56.782, 123 456 782, 123-45-6782, 12345678.
BSN_NOTATION = re.compile(r"(?<!\d)(?<!\d[.\-])\d(?:[ .\-]?\d){7,8}(?!\d)(?![.\-]\d)")


def is_bsn(number: str) -> bool:
    """True when ``number`` is a BSN passing the eleven test (elfproef), in any common notation:
    9 digits, grouped with dots, spaces or dashes, or 8 digits whose leading zero was dropped.

    >>> is_bsn("1112.22.333"), is_bsn("111 222 333"), is_bsn("111-22-2333"), is_bsn("123456789")
    (True, True, True, False)
    """
    text = str(number).strip()
    if not re.fullmatch(r"\d(?:[ .\-]?\d)*", text):
        return False
    digits = re.sub(r"\D", "", text)
    if len(digits) == 8:
        digits = "0" + digits  # Excel drops the leading zero of a number
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def bsn_hits(values: pd.Series) -> pd.Series:
    """Which cells of an id column hold a BSN (any notation); True/False per cell.

    A cell of 9 digits that passes the elfproef is a BSN. Eight digits (a BSN whose leading zero
    a spreadsheet dropped) count when most of the column's number-only cells pass the elfproef,
    as in a real BSN column; a column of 8-digit study codes passes it for only 1 in 11 codes.

    >>> bsn_hits(pd.Series(["D001", "1112.22.333", "D003", "bsn-111222333"])).tolist()
    [False, True, False, True]
    """
    text = values.astype("string[pyarrow]").fillna("")
    hits = pd.Series(False, index=values.index)
    candidate = text.str.contains(r"\d(?:[ .\-]?\d){7}", regex=True).fillna(False).astype(bool)
    if not candidate.any():
        return hits
    text = text[candidate].astype(object).str.strip()
    numeric = text.str.fullmatch(r"\d(?:[ .\-]?\d){7,8}").astype(bool)
    digits = text.str.replace(r"\D", "", regex=True).str.len()
    passes = numeric & text.map(is_bsn).astype(bool)
    nine = (passes & (digits == 9)) | text.map(_contains_bsn).astype(bool)  # also inside a code: "bsn-111222333"
    eight = passes & (digits == 8)
    if eight.any() and eight.sum() * 2 < (numeric & (digits == 8)).sum():
        eight = eight & False
    hits[text.index] = (nine | eight).to_numpy()
    return hits.astype(bool)


def identifier_kind(values: pd.Series) -> str | None:
    """What kind of direct identifier a text column holds (``'BSN'``, ``'e-mail'``, ...), or None."""
    text = values.astype(str)
    text = text[text != ""]
    if text.empty:
        return None
    sample = text.sample(min(len(text), 5000), random_state=0) if len(text) > 5000 else text
    for kind, finder in (("BSN", _contains_bsn), ("e-mailadres", EMAIL.search),
                         ("telefoonnummer", PHONE.search), ("postcode", POSTCODE.search)):
        if any(finder(v) for v in sample):
            return kind
    return None


def _contains_bsn(value: str) -> bool:
    """A BSN anywhere in a text (free text or an extra column), in any notation with 9 digits."""
    return any(len(re.sub(r"\D", "", m)) == 9 and is_bsn(m) for m in BSN_NOTATION.findall(value))


def is_identifier_name(column: str) -> bool:
    """True for column names such as ``bsn``, ``Naam``, ``e-mail``, ``geboorte_datum``."""
    return bool(IDENTIFIER_NAMES.match(re.sub(r"[\s_\-.]", "", column.lower())))


def load_key() -> bytes:
    """The pseudonymisation secret: ``$WERKPLAATS_SLEUTEL`` or the key file.

    The key file is ``$WERKPLAATS_SLEUTELBESTAND`` or ``~/.config/werkplaats/sleutel``;
    create one with ``werkplaats sleutel``. Raises :class:`PrivacyError` when neither exists.
    """
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode("utf-8")
    key_file = Path(os.environ.get(KEY_FILE_ENV, DEFAULT_KEY_FILE)).expanduser()
    if key_file.exists():
        key = key_file.read_text(encoding="utf-8").strip()
        if key:
            return key.encode("utf-8")
    raise PrivacyError(
        "Geen sleutel voor pseudonimisering gevonden. Maak er één met 'werkplaats sleutel' "
        f"(schrijft {DEFAULT_KEY_FILE}) of zet de omgevingsvariabele {KEY_ENV}. "
        "Bewaar de sleutel buiten de repository en deel hem alleen met wie mag koppelen."
    )


def create_key_file(path: str | os.PathLike[str] | None = None) -> Path:
    """Write a new random key (32 bytes, hex) to ``path`` with owner-only permissions."""
    import secrets

    target = (Path(path) if path else Path(os.environ.get(KEY_FILE_ENV, DEFAULT_KEY_FILE))).expanduser()
    if target.exists():
        raise PrivacyError(f"{target}: er staat al een sleutel; een nieuwe sleutel maakt "
                           "oude pseudoniemen onkoppelbaar.")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    return target


def pseudonymise(values: pd.Series | Sequence[str], key: bytes | None = None, *, prefix: str = "P") -> pd.Series:
    """Keyed pseudonyms (HMAC-SHA256, first 16 hex digits) for identifiers.

    The same identifier and key always give the same pseudonym, so records link; without
    the key nobody can recompute them (a plain hash of a BSN can be reversed by trying
    all 10^9 numbers).

    >>> pseudonymise(["123456782"], key=b"geheim").iloc[0]
    'Pf3433121cba7678a'
    """
    key = load_key() if key is None else key
    series = pd.Series(values, dtype=object)
    cache: dict[str, str] = {}

    def one(v: object) -> object:
        if v is None or pd.isna(v) or v == "":  # None, NaN and pd.NA (the loader's text columns)
            return pd.NA
        s = str(v).strip()
        if s not in cache:
            cache[s] = prefix + hmac.new(key, s.encode("utf-8"), hashlib.sha256).hexdigest()[:16]
        return cache[s]

    return series.map(one)
