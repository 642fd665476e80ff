"""Exercises for students: graded tasks on synthetic data with planted effects.

Each exercise notebook in ``notebooks/opdrachten/`` makes its group's data with
:func:`oefendata` and checks every answer with :func:`controleer`, which says whether it
is right or what is off (scale, subgroup, denominator, too high or too low) without giving
the answer away. The answers are computed from the student's own data with the package,
never stored. Lecturers print the key with ``werkplaats antwoorden``.

>>> from werkplaats.opdrachten import controleer
>>> controleer("eenzaamheid.1", None, data="tests/fixtures/reference")  # doctest: +ELLIPSIS
Opdracht eenzaamheid.1: Nog geen antwoord ingevuld: vervang None door je antwoord ...
"""

from __future__ import annotations

import os

from werkplaats.checks import friendly_keywords
from werkplaats.opdrachten.check import Task, Verdict, choice_letters, find_task, format_answer, judge, line_tasks
from werkplaats.opdrachten.data import ExerciseSet, exercise_data, exercise_set, seed_for_group

__all__ = ["answer_key", "beoordeel", "controleer", "keuzes", "oefendata", "seed_for_group"]


Data = ExerciseSet | str | os.PathLike[str] | None


@friendly_keywords
def beoordeel(code: str, antwoord: object, data: Data = None) -> Verdict:
    """Judge an answer and return the :class:`Verdict` (``.correct``, ``.message``); prints nothing."""
    task = find_task(code)
    if antwoord is None or antwoord is Ellipsis:
        return judge(task, antwoord, None)
    return judge(task, antwoord, exercise_set(data))


@friendly_keywords
def controleer(code: str, antwoord: object, data: Data = None) -> None:
    """Check an answer and print, in Dutch, whether it is right or what is off.

    ``code`` is the task (``"eenzaamheid.1"``), ``antwoord`` your answer (a number, a letter
    or names), ``data`` the folder with your exercise data (what :func:`oefendata` returned).

    >>> controleer("eenzaamheid.1", 42, data="tests/fixtures/reference")  # doctest: +ELLIPSIS
    Opdracht eenzaamheid.1: Nog niet goed: een aandeel ligt tussen 0 en 1 (je gaf een percentage). ...
    """
    verdict = beoordeel(code, antwoord, data)
    print(f"Opdracht {verdict.code}: {verdict.message}")


@friendly_keywords
def oefendata(lijn: str, groep: int = 0, data_dir: str | os.PathLike[str] = "") -> os.PathLike[str]:
    """The folder with the exercise data of your group (made now unless ``data_dir`` is given).

    >>> folder = oefendata("eenzaamheid", groep=3)
    >>> folder.name, (folder / "eenzaamheid_metingen.csv").exists()
    ('eenzaamheid-seed-7003', True)
    """
    return exercise_data(lijn, groep=groep, data_dir=data_dir)


@friendly_keywords
def keuzes(code: str, data: Data = None) -> None:
    """Print the options of a multiple-choice task in your group's order.

    ``data`` is the folder with your exercise data (what :func:`oefendata` returned): every
    group gets the options in its own order.

    >>> keuzes("eenzaamheid.5", data="tests/fixtures/reference")  # doctest: +ELLIPSIS
    a) ...
    b) ...
    c) ...
    d) ...
    """
    task = find_task(code)
    if not task.choices:
        print(f"Opdracht {task.code} is geen meerkeuzevraag: geef als antwoord een getal of namen.")
        return
    for letter, option in choice_letters(task, exercise_set(data)).items():
        print(f"{letter}) {task.choices[option]}")


def answer_key(data: ExerciseSet | str | os.PathLike[str], lines: tuple[str, ...]) -> list[tuple[Task, str]]:
    """Every task of ``lines`` with its answer on the data in ``data`` (for the lecturer)."""
    exercise = exercise_set(data)
    return [(task, format_answer(task, task.solve(exercise), exercise)) for line in lines for task in line_tasks(line)]
