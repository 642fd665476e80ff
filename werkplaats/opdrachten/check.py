"""Checking a student's answer: right, or what is off, without giving the answer away.

A :class:`Task` knows how to compute its answer from the student's own exercise data
(``solve``) and which typical wrong answers to recognise (``mistakes``: a value and what
to say when the answer matches it, such as a percentage instead of a fraction, the wrong
subgroup or the wrong denominator). Three kinds of task:

- ``NUMBER``: one number, right within ``tolerance`` (so rounding to 2 decimals is fine);
- ``CHOICE``: one letter (multiple choice). ``choices`` maps stable option names to their
  text; the letters are dealt per student group (:func:`choice_letters`, seeded by the
  group's data), so neither position nor wording gives the answer away;
- ``NAMES``: a set of names (for example the gemeenten outside the funnel limits).

>>> task = Task("demo.1", "Een aandeel", NUMBER, solve=lambda s: 0.25)
>>> judge(task, 25, None).message
'Bijna goed: je gaf een percentage. Geef een aandeel tussen 0 en 1 (deel door 100).'
>>> judge(task, 0.3, None).message
'Nog niet goed: je antwoord is te hoog.'
"""

from __future__ import annotations

import importlib
import math
import re
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from werkplaats.checks import did_you_mean
from werkplaats.errors import ParameterError, dutch_list
from werkplaats.lines import LINES as REGISTRY

__all__ = [
    "all_tasks",
    "choice_letters",
    "find_task",
    "format_answer",
    "is_placeholder",
    "judge",
    "judge_choice",
    "judge_names",
    "judge_number",
    "JUDGES",
    "letter_of",
    "line_tasks",
    "LINES",
    "Mistake",
    "NO_ANSWER",
    "NONE_WORDS",
    "parse_names",
    "parse_number",
    "Task",
    "TOLERANCE",
    "Verdict",
]

NUMBER, CHOICE, NAMES = "getal", "keuze", "namen"
LINES = tuple(line.name for line in REGISTRY)
TOLERANCE = 0.0051  # answers rounded to two decimals still count as right
NO_ANSWER = ("Nog geen antwoord ingevuld: vervang None door je antwoord (bij antwoord = ...) "
             "en voer de cel opnieuw uit.")
NONE_WORDS = {"", "geen", "niets", "geen enkele", "-", "none"}


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer (a number, a letter or a frozenset of names) and the feedback."""

    value: Any
    message: str


@dataclass(frozen=True)
class Task:
    """One graded exercise; ``solve`` and ``mistakes`` take an :class:`ExerciseSet`."""

    code: str
    title: str
    kind: str
    solve: Callable
    mistakes: Callable = lambda s: []
    tolerance: float = TOLERANCE
    unit: str = "aandeel"  # "aandeel" (a fraction 0-1) or "punten" (a score difference)
    hint: str = ""
    choices: Mapping[str, str] = field(default_factory=dict)  # CHOICE: option name -> text
    why_not: Mapping[str, str] = field(default_factory=dict)  # CHOICE: option name -> why it is wrong
    names: Callable | None = None  # NAMES: every name that may be given
    explain_extra: Callable | None = None  # NAMES: (set, name) -> why this name is not right


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: ``correct`` is True, False, or None (no answer yet)."""

    code: str
    correct: bool | None
    message: str

    def __bool__(self) -> bool:
        return self.correct is True

    def __str__(self) -> str:
        return self.message


# ---- the tasks of every line ---------------------------------------------------------------

def line_tasks(line: str) -> list[Task]:
    """The tasks of one research line (``eenzaamheid``, ``clientervaring``, ``vroegsignalering``)."""
    if line not in LINES:
        raise ParameterError(f"onbekende onderzoekslijn '{line}'.{did_you_mean(line, LINES)} "
                             f"(kies uit {dutch_list(list(LINES))})")
    return list(importlib.import_module(f"werkplaats.opdrachten.{line}").TASKS)


def all_tasks() -> list[Task]:
    """Every task of every research line that has exercises, in order."""
    tasks = []
    for line in LINES:
        try:
            tasks += line_tasks(line)
        except ModuleNotFoundError as exc:
            if exc.name != f"werkplaats.opdrachten.{line}":
                raise
    return tasks


def find_task(code: str) -> Task:
    """The task with this code (``"eenzaamheid.1"``), or a Dutch ParameterError with suggestions."""
    text = str(code).strip().lower().replace("ë", "e")
    line = text.split(".")[0]
    tasks = {t.code: t for t in line_tasks(line)} if line in LINES else {t.code: t for t in all_tasks()}
    if text not in tasks:
        raise ParameterError(f"onbekende opdracht '{code}'.{did_you_mean(text, tasks)} "
                             f"Opdrachten: {dutch_list(list(tasks), limit=20)}.")
    return tasks[text]


# ---- reading an answer ---------------------------------------------------------------------

def parse_number(answer: Any) -> tuple[float | None, bool, str]:
    """``(value, given_as_percent, problem)``: the number in ``answer``, or a Dutch problem.

    Accepts a number, a one-value Series/DataFrame/array, or text like ``"0,45"`` or ``"45%"``.

    >>> parse_number("0,45"), parse_number("45%")[:2], parse_number(pd.Series([0.5]))
    ((0.45, False, ''), (45.0, True), (0.5, False, ''))
    """
    percent = False
    if isinstance(answer, bool | np.bool_):
        return None, False, "geef een getal, geen True/False."
    if isinstance(answer, pd.DataFrame | pd.Series | pd.Index | np.ndarray | list | tuple):
        values = np.asarray(answer, dtype=object).ravel()
        if len(values) != 1:
            return None, False, (f"je antwoord bevat {len(values)} waarden; geef één getal, bijvoorbeeld "
                                 f"met tabel.loc[rij, kolom] of reeks.iloc[0].")
        answer = values[0]
    if isinstance(answer, str):
        text = answer.strip().replace(" ", "")
        percent = text.endswith("%")
        text = text.rstrip("%")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            answer = float(text)
        except ValueError:
            return None, False, f"'{answer}' is geen getal; geef een getal zoals 0.45."
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return None, False, f"geef een getal, geen {type(answer).__name__}."
    if math.isnan(value):
        return None, False, ("je antwoord is NaN (geen getal). Meestal is de selectie leeg: controleer het "
                             "filter (spelling en hoofdletters van de gemeente) of de kolomnaam.")
    return value, percent, ""


def parse_names(answer: Any, known: list[str]) -> tuple[frozenset[str], str]:
    """``(names, problem)``: the names in ``answer`` as spelled in ``known`` (case-insensitive).

    >>> names, problem = parse_names("utrecht en Leusden", ["Leusden", "Utrecht"])
    >>> sorted(names), problem
    (['Leusden', 'Utrecht'], '')
    """
    if isinstance(answer, str):
        text = re.sub(r"\s+(en|and|&)\s+", ",", answer.strip(), flags=re.IGNORECASE)
        items = [] if text.lower() in NONE_WORDS else text.replace(";", ",").split(",")
    elif isinstance(answer, pd.DataFrame):
        return frozenset(), "geef namen (een lijst zoals [\"Utrecht\"]), geen tabel."
    else:
        try:
            items = list(answer)
        except TypeError:
            return frozenset(), ("geef één naam als tekst of meer namen als lijst, zoals "
                                 "[\"Utrecht\", \"Leusden\"].")
    lookup = {k.lower(): k for k in known}
    names = set()
    for item in items:
        text = str(item).strip()
        if text.lower() in NONE_WORDS:
            continue
        if text.lower() not in lookup:
            return frozenset(), (f"'{text}' is geen gemeente in de data.{did_you_mean(text, known)} "
                                 f"Kies uit {dutch_list(known, limit=12)}.")
        names.add(lookup[text.lower()])
    return frozenset(names), ""


# ---- judging -------------------------------------------------------------------------------

def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance


def _decimals(value: float) -> int | None:
    """Digits after the decimal point of a number as typed (None for 1e-05 style)."""
    text = repr(float(value))
    return None if "e" in text else len(text.split(".")[1].rstrip("0"))


def _rounded_too_far(value: float, key: float, tolerance: float) -> bool:
    """True when ``value`` is the key rounded to fewer decimals than the tolerance allows."""
    digits = _decimals(value)
    if digits is None or digits < 1 or 10**-digits <= 2 * tolerance:
        return False
    return math.isclose(round(key, digits), value)


def _matching(value: float, key: float, mistakes: list[Mistake], tolerance: float) -> Mistake | None:
    """The first typical mistake the value matches that is itself clearly not the answer."""
    for mistake in mistakes:
        wrong = float(mistake.value)
        if math.isfinite(wrong) and not _close(wrong, key, tolerance) and _close(value, wrong, tolerance):
            return mistake
    return None


def judge_number(task: Task, answer: object, exercise_set) -> tuple[bool, str]:
    """Right within the tolerance; otherwise the matching mistake, scale, or too high/low."""
    value, percent, problem = parse_number(answer)
    if problem or value is None:
        return False, "Nog niet goed: " + problem
    key = float(task.solve(exercise_set))
    mistakes = list(task.mistakes(exercise_set)) if exercise_set is not None else []
    if _close(value, key, task.tolerance) and not percent:
        return True, "Goed!"
    prefix = ""
    if task.unit == "aandeel" and (percent or value > 1):
        if _close(value / 100, key, task.tolerance):
            return False, "Bijna goed: je gaf een percentage. Geef een aandeel tussen 0 en 1 (deel door 100)."
        found = None if percent else _matching(value, key, mistakes, task.tolerance)
        if found:
            return False, "Nog niet goed: " + found.message
        prefix = "een aandeel ligt tussen 0 en 1 (je gaf een percentage). Ook als aandeel: "
        value = value / 100
    if _rounded_too_far(value, key, task.tolerance):
        return False, "Bijna goed: " + prefix + "je rondde te grof af. Geef minstens 2 decimalen (liefst 3)."
    found = _matching(value, key, mistakes, task.tolerance)
    if found:
        return False, "Nog niet goed: " + prefix + found.message
    if _close(value, key, 4 * task.tolerance):
        return False, ("Nog niet goed: " + prefix + "je zit er dichtbij. Rond niet te grof af (geef minstens "
                       "3 decimalen) en controleer of je precies de gevraagde groep neemt.")
    direction = "te hoog" if value > key else "te laag"
    message = f"Nog niet goed: {prefix}je antwoord is {direction}."
    return False, message + (f" {task.hint}" if task.hint else "")


def choice_letters(task: Task, exercise_set) -> dict[str, str]:
    """The letters of a multiple-choice task for one group: ``{letter: option name}``.

    The order is shuffled with the group's seed (:attr:`ExerciseSet.group_seed`) and the
    task's code, so every group gets its own order and the answer key says which letter is
    right for that group. Without data (``None``) the options keep their written order.

    >>> task = Task("demo.3", "Kies", CHOICE, solve=None, choices={"x": "X", "y": "Y", "z": "Z"})
    >>> choice_letters(task, None)
    {'a': 'x', 'b': 'y', 'c': 'z'}
    """
    names = list(task.choices)
    if exercise_set is not None:
        stream = [int(exercise_set.group_seed), zlib.crc32(task.code.encode("utf-8"))]
        names = [names[i] for i in np.random.default_rng(stream).permutation(len(names))]
    return {chr(ord("a") + i): name for i, name in enumerate(names)}


def letter_of(task: Task, exercise_set, option: str) -> str:
    """The letter under which ``option`` (an option name) is shown to this group.

    >>> task = Task("demo.3", "Kies", CHOICE, solve=None, choices={"x": "X", "y": "Y"})
    >>> letter_of(task, None, "y")
    'b'
    """
    return {name: letter for letter, name in choice_letters(task, exercise_set).items()}[option]


def judge_choice(task: Task, answer: object, exercise_set) -> tuple[bool, str]:
    """One letter of the group's options; feedback for a wrong letter says why it does not fit."""
    letters = choice_letters(task, exercise_set)
    text = str(answer).strip().lower().strip("()").strip(".").strip(")")
    if text not in letters:
        shown = list(letters)
        options = ", ".join(shown[:-1]) + " of " + shown[-1]
        return False, f"Nog niet goed: kies één letter: {options} (bijvoorbeeld antwoord = \"{shown[0]}\")."
    if letters[text] == task.solve(exercise_set):
        return True, "Goed!"
    return False, "Nog niet goed: " + task.why_not.get(letters[text], "dat klopt niet; lees de opties nog eens.")


def judge_names(task: Task, answer: object, exercise_set) -> tuple[bool, str]:
    """The exact set of names; missing names are counted, extra names explained."""
    if task.names is None or task.explain_extra is None:
        raise ValueError(f"{task.code}: a NAMES task needs names and explain_extra")
    known = list(task.names(exercise_set))
    given, problem = parse_names(answer, known)
    if problem:
        return False, "Nog niet goed: " + problem
    key = frozenset(task.solve(exercise_set))
    if given == key:
        return True, "Goed!"
    for mistake in task.mistakes(exercise_set):
        if given == mistake.value and mistake.value != key:
            return False, "Nog niet goed: " + mistake.message
    parts = [task.explain_extra(exercise_set, name) for name in sorted(given - key)]
    missing = len(key - given)
    if missing:
        parts.append(f"er ontbreekt nog {missing} gemeente." if missing == 1 else
                     f"er ontbreken nog {missing} gemeenten.")
    return False, "Nog niet goed: " + " ".join(parts)


JUDGES = {NUMBER: judge_number, CHOICE: judge_choice, NAMES: judge_names}


def is_placeholder(answer: object) -> bool:
    """True for the notebook's placeholder answer (``None`` or ``...``)."""
    return answer is None or answer is Ellipsis


def judge(task: Task, answer: object, exercise_set) -> Verdict:
    """Check ``answer`` to ``task`` against the key computed from ``exercise_set``."""
    if is_placeholder(answer):
        return Verdict(task.code, None, NO_ANSWER)
    correct, message = JUDGES[task.kind](task, answer, exercise_set)
    return Verdict(task.code, correct, message)


# ---- the answer key ------------------------------------------------------------------------

def format_answer(task: Task, value: Any, exercise_set=None) -> str:
    """The answer as the lecturer's key shows it (for multiple choice: this group's letter).

    >>> format_answer(Task("x.1", "t", NUMBER, solve=None), 0.123456)
    '0.1235'
    """
    if task.kind == NUMBER:
        return f"{float(value):.4f}"
    if task.kind == CHOICE:
        return f"{letter_of(task, exercise_set, value)}) {task.choices[value]}"
    return dutch_list(sorted(value), limit=20) or "geen"
