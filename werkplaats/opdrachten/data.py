"""Exercise data: one synthetic dataset per student group, with the effects of ``werkplaats.synth``.

A group's data come from ``werkplaats.synth`` with the group's own seed
(:func:`seed_for_group`). :func:`exercise_data` makes only the research line an exercise
needs, from the same random stream as :func:`werkplaats.synth.generate_all`, so the files
equal those that ``werkplaats oefendata --groep N`` writes for the lecturer.

>>> seed_for_group(3)
7003
>>> import tempfile
>>> folder = exercise_data("eenzaamheid", groep=3, out=tempfile.mkdtemp())
>>> sorted(path.name for path in folder.iterdir())
['eenzaamheid_metingen.csv', 'oefendata.json']
>>> ExerciseSet(folder).group_seed
7003
"""

from __future__ import annotations

import json
import os
import tempfile
import zlib
from pathlib import Path

import numpy as np

from werkplaats.errors import ParameterError

__all__ = [
    "check_line",
    "default_folder",
    "exercise_data",
    "exercise_set",
    "ExerciseSet",
    "generate_line",
    "MARKER",
    "MAX_SETS",
    "SEED_BASE",
    "seed_for_group",
]

SEED_BASE = 7000
MARKER = "oefendata.json"  # written next to a group's data: {"seed": 7000 + groep}


def seed_for_group(groep: int) -> int:
    """The seed of a student group's data: ``7000 + groep`` (groep 0 or more).

    >>> seed_for_group(0), seed_for_group(12)
    (7000, 7012)
    """
    if isinstance(groep, bool) or not isinstance(groep, int | np.integer) or groep < 0:
        raise ParameterError(f"groep moet een geheel getal van 0 of meer zijn (gekregen: {groep!r}).")
    return SEED_BASE + int(groep)


def check_line(lijn: str) -> str:
    """The research line's name, or a Dutch ParameterError listing the known ones.

    >>> check_line("Eenzaamheid")
    'eenzaamheid'
    """
    from werkplaats.lines import line_named

    return line_named(str(lijn).strip().lower().replace("ë", "e")).name


def generate_line(lijn: str, seed: int) -> dict:
    """The raw tables (strings and numbers, as in a CSV) of one research line for ``seed``.

    Uses the line's own stream of ``SeedSequence(seed)``, exactly as
    :func:`werkplaats.synth.generate_all` does, so the tables are identical.
    """
    from werkplaats.synth import generate_line as generate

    return generate(check_line(lijn), seed)


def default_folder(lijn: str, seed: int) -> Path:
    """Where exercise data go when no folder is given: a fixed folder in the temp directory."""
    return Path(tempfile.gettempdir()) / "werkplaats-oefendata" / f"{check_line(lijn)}-seed-{seed}"


def exercise_data(lijn: str, *, groep: int = 0, seed: int | None = None,
                  data_dir: str | os.PathLike[str] = "", out: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding a group's exercise data for one research line.

    With ``data_dir`` (for example a folder the lecturer made with ``werkplaats oefendata``)
    that folder is used as it is; otherwise the data of ``groep`` (or ``seed``) are
    generated as CSV into ``out`` (default: a folder in the temp directory) and that folder
    is returned. Writing is atomic, so two notebooks may do this at the same time.
    """
    from werkplaats.io import write_text
    from werkplaats.paths import resolve

    lijn = check_line(lijn)
    if data_dir:
        folder = resolve(data_dir)
        _check_folder(folder, lijn)
        return folder
    seed = seed_for_group(groep) if seed is None else int(seed)
    folder = Path(out) if out else default_folder(lijn, seed)
    for name, table in generate_line(lijn, seed).items():
        path, text = folder / f"{name}.csv", table.to_csv(index=False)
        if not (path.exists() and path.read_text(encoding="utf-8") == text):  # unchanged: keep cached checks
            write_text(text, path)
    marker = json.dumps({"seed": seed})
    if not ((folder / MARKER).exists() and (folder / MARKER).read_text(encoding="utf-8") == marker):
        write_text(marker, folder / MARKER)
    return folder


def _check_folder(folder: Path, lijn: str) -> None:
    from werkplaats.io import SUFFIXES

    if not folder.is_dir():
        raise ParameterError(f"data_dir '{folder}' bestaat niet. Laat data_dir leeg (\"\") om oefendata "
                             f"voor je groep te maken, of vraag je docent naar de juiste map.")
    from werkplaats.lines import line_named

    for name in line_named(lijn).datasets:
        if not any((folder / f"{name}{suffix}").exists() for suffix in SUFFIXES):
            raise ParameterError(f"in {folder} staat geen bestand {name} (.csv, .xlsx, .sav of .parquet). "
                                 f"Laat data_dir leeg om oefendata te maken.")


class ExerciseSet:
    """The data in one exercise folder; whatever a check computes from it is computed once.

    >>> s = ExerciseSet("tests/fixtures/reference")
    >>> s.cached("twee", lambda: 1 + 1), s.cached("twee", lambda: 3)
    (2, 2)
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        from werkplaats.paths import resolve

        self.folder = resolve(folder)
        self._cache: dict[str, object] = {}

    @property
    def group_seed(self) -> int:
        """The seed of the group whose data these are (from :data:`MARKER`); for data without
        a marker (made or changed by hand) a number derived from the data files themselves.
        Multiple-choice options are shuffled with it."""
        return int(self.cached("group_seed", self._group_seed))

    def _group_seed(self) -> int:
        marker = self.folder / MARKER
        if marker.is_file():
            try:
                return int(json.loads(marker.read_text(encoding="utf-8"))["seed"])
            except (ValueError, KeyError, TypeError):
                pass
        digest = 0
        for path in sorted(p for p in self.folder.iterdir() if p.is_file() and p.name != MARKER):
            digest = zlib.crc32(path.name.encode("utf-8") + path.read_bytes(), digest)
        return digest

    def cached(self, key: str, compute):
        """``compute()`` the first time ``key`` is asked for, the stored value afterwards."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def __repr__(self) -> str:
        return f"ExerciseSet({str(self.folder)!r})"


MAX_SETS = 4
_SETS: dict[tuple, ExerciseSet] = {}


def exercise_set(data: ExerciseSet | str | os.PathLike[str] | None) -> ExerciseSet:
    """The :class:`ExerciseSet` of a folder (reused while its files are unchanged).

    ``data`` is the folder that :func:`exercise_data` returned (or an ExerciseSet).
    """
    if isinstance(data, ExerciseSet):
        return data
    if data is None or (isinstance(data, str) and not data.strip()):
        raise ParameterError("geef bij data= de map met je oefendata, bijvoorbeeld "
                             "controleer(\"eenzaamheid.1\", antwoord, data=map_met_data).")
    if not isinstance(data, str | os.PathLike):
        raise ParameterError(f"data= moet de map met je oefendata zijn (zoals oefendata() die teruggeeft), "
                             f"geen {type(data).__name__}.")
    from werkplaats.paths import resolve

    folder = resolve(data)
    if not folder.is_dir():
        raise ParameterError(f"de map '{folder}' bestaat niet: geef bij data= de map met je oefendata.")
    files = [p for p in folder.iterdir() if p.is_file()]
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    key = (str(folder), stamp)
    if key not in _SETS:
        while len(_SETS) >= MAX_SETS:  # forget the oldest folder's results
            _SETS.pop(next(iter(_SETS)))
        _SETS[key] = ExerciseSet(folder)
    return _SETS[key]
