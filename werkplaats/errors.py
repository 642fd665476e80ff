"""The one error type a user sees for bad input, with a Dutch message.

Example
-------
>>> err = DataError.for_values("eenzaamheid_metingen.csv", "djg_03", rows=[17, 45],
...     values=["jaa"], problem="onbekend antwoord", allowed=["ja", "min of meer", "nee"])
>>> str(err)
"eenzaamheid_metingen.csv: kolom djg_03, rij 17 en 45: onbekend antwoord 'jaa' (toegestaan: ja, min of meer, nee)"
"""

from __future__ import annotations

import errno
from collections.abc import Iterable, Sequence

__all__ = ["DataError", "dutch_list", "MAX_SHOWN", "MAX_VALUE_CHARS", "ParameterError", "PrivacyError", "shorten",
           "WerkplaatsError", "write_fault", "WriteFault"]

MAX_SHOWN = 5
MAX_VALUE_CHARS = 80


def shorten(value: object, limit: int = MAX_VALUE_CHARS) -> str:
    """A value as quoted in a message: one line, at most ``limit`` characters (``…`` marks a cut).

    >>> shorten("x" * 100)[-5:], len(shorten("x" * 100))
    ('xxx …', 80)
    >>> shorten("regel 1\\nregel 2")
    'regel 1 regel 2'
    """
    text = str(value)
    if any(c in text for c in "\r\n\t"):
        text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 2] + " …"


def dutch_list(items: Sequence[object], *, quote: bool = False, limit: int = MAX_SHOWN) -> str:
    """Join items the Dutch way: ``a, b en c`` (with ``...`` past ``limit``).

    >>> dutch_list([3, 7, 9])
    '3, 7 en 9'
    """
    shown = [f"'{shorten(x)}'" if quote else shorten(x) for x in list(items)[:limit]]
    if len(items) > limit:
        return ", ".join(shown) + f" en nog {len(items) - limit}"
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " en " + shown[-1]


class WerkplaatsError(Exception):
    """Base class of the workbench's own errors (messages in Dutch)."""


class DataError(WerkplaatsError):
    """Bad input data: names file, column, rows (as counted in the file) and values."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        column: str | None = None,
        rows: Iterable[int] = (),
        values: Iterable[object] = (),
    ) -> None:
        super().__init__(message)
        self.file = file
        self.column = column
        self.rows = list(rows)
        self.values = list(values)

    @classmethod
    def for_values(
        cls,
        file: str,
        column: str | None,
        *,
        rows: Sequence[int],
        values: Sequence[object],
        problem: str,
        allowed: Sequence[object] | str | None = None,
    ) -> DataError:
        """Build the standard message ``file: kolom c, rij r: problem 'v' (toegestaan: ...)``."""
        unique_values = list(dict.fromkeys(values))
        parts = [f"{file}:"]
        where = []
        if column:
            where.append(f"kolom {column}")
        if rows:
            where.append(("rij " if len(rows) == 1 else "rij ") + dutch_list(list(rows)))
        text = " " + ", ".join(where) + ":" if where else ""
        msg = parts[0] + text + f" {problem}"
        if unique_values:
            msg += " " + dutch_list(unique_values, quote=True)
        if allowed:
            allowed_text = allowed if isinstance(allowed, str) else ", ".join(map(str, allowed))
            msg += f" (toegestaan: {allowed_text})"
        return cls(msg, file=file, column=column, rows=rows, values=unique_values)


class WriteFault(WerkplaatsError):
    """Writing output failed (read-only folder, full disk, no permission): what, where, what to do."""


_WRITE_REASONS = {
    errno.ENOSPC: ("de schijf is vol", "maak ruimte vrij of kies een andere map"),
    errno.EDQUOT: ("het schijfquotum is bereikt", "maak ruimte vrij of kies een andere map"),
    errno.EROFS: ("de map staat op een alleen-lezen schijf", "kies een map waarin geschreven mag worden"),
    errno.EACCES: ("geen schrijfrechten", "vraag schrijfrechten of kies een andere map"),
    errno.EPERM: ("geen toestemming", "vraag schrijfrechten of kies een andere map"),
    errno.ENOENT: ("de map bestaat niet (meer)", "controleer het pad"),
    errno.ENOTDIR: ("een deel van het pad is een bestand, geen map", "kies een andere map"),
}


def write_fault(exc: OSError, where: object, what: str = "het rapport", *, verb: str = "schrijven",
                keeps: str = "het vorige rapport staat er nog") -> WriteFault:
    """One Dutch line for a failed write: what could not be written, where, why and what to do.

    >>> import errno
    >>> print(write_fault(OSError(errno.ENOSPC, "No space left on device"), "/srv/rapporten"))  # doctest: +ELLIPSIS
    Kan het rapport niet schrijven in /srv/rapporten: de schijf is vol. Maak ruimte vrij of kies een andere map; ...
    """
    reason, todo = _WRITE_REASONS.get(exc.errno or -1, (exc.strerror or type(exc).__name__,
                                                        "controleer de map en probeer het opnieuw"))
    tail = f"; {keeps}." if keeps else "."
    return WriteFault(f"Kan {what} niet {verb} in {where}: {reason}. {todo[0].upper()}{todo[1:]}{tail}")


class PrivacyError(WerkplaatsError):
    """A privacy precondition is not met (for example: no pseudonymisation key)."""


class ParameterError(WerkplaatsError):
    """A notebook or command parameter is unknown or has the wrong value."""
