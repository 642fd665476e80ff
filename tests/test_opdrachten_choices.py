"""Multiple choice is fair: neither the position nor the length of an option gives the answer away.

The letters are dealt per student group (seeded by the group), so over many groups every
option lands on every letter about equally often; and the right option is written as long
(and as plausible) as the distractors.
"""

from __future__ import annotations

from collections import Counter
from statistics import mean

import pytest
from support import REFERENCE_DIR

from werkplaats.opdrachten import answer_key, beoordeel
from werkplaats.opdrachten.check import CHOICE, all_tasks, choice_letters, letter_of
from werkplaats.opdrachten.data import ExerciseSet, exercise_data, seed_for_group

CHOICE_TASKS = [task for task in all_tasks() if task.kind == CHOICE]
GROUPS = range(1, 401)


class Group:
    """Just enough of an ExerciseSet to deal the letters of one group."""

    def __init__(self, groep: int) -> None:
        self.group_seed = seed_for_group(groep)


def _id(task) -> str:
    return task.code


def test_every_line_has_multiple_choice():
    assert {task.code.split(".")[0] for task in CHOICE_TASKS} == {"eenzaamheid", "clientervaring",
                                                                   "vroegsignalering"}


@pytest.mark.parametrize("task", CHOICE_TASKS, ids=_id)
def test_position_does_not_predict_the_answer(task):
    """Whatever the right option is, over 400 groups it is shown under every letter 15-35% of the time."""
    letters = [choice_letters(task, Group(g)) for g in GROUPS]
    for option in task.choices:
        where = Counter(letter for dealt in letters for letter, name in dealt.items() if name == option)
        shares = {letter: where[letter] / len(GROUPS) for letter in dealt_letters(task)}
        assert all(0.15 <= share <= 0.35 for share in shares.values()), (option, shares)


def dealt_letters(task) -> list[str]:
    return [chr(ord("a") + i) for i in range(len(task.choices))]


@pytest.mark.parametrize("task", CHOICE_TASKS, ids=_id)
def test_length_does_not_predict_the_answer(task):
    """Every option is within 20% of the options' mean length, and the right one is not the longest."""
    lengths = {option: len(text) for option, text in task.choices.items()}
    average = mean(lengths.values())
    assert all(0.8 * average <= n <= 1.2 * average for n in lengths.values()), lengths
    right = task.solve(ExerciseSet(REFERENCE_DIR))
    assert lengths[right] < max(lengths.values()), (right, lengths)


@pytest.mark.parametrize("task", CHOICE_TASKS, ids=_id)
def test_every_wrong_option_says_why(task):
    right = task.solve(ExerciseSet(REFERENCE_DIR))
    assert set(task.why_not) >= set(task.choices) - {right}


def test_right_letter_differs_between_real_groups(tmp_path):
    """On the data of six groups the answer key does not put the right answer under one letter."""
    keys = []
    for groep in range(1, 7):
        folder = exercise_data("eenzaamheid", groep=groep, out=tmp_path / f"groep-{groep}")
        key = dict((task.code, answer) for task, answer in answer_key(folder, ("eenzaamheid",)))
        keys.append(key["eenzaamheid.3"][0])
        assert beoordeel("eenzaamheid.3", key["eenzaamheid.3"][0], folder).correct
    assert len(set(keys)) > 1, keys


def test_the_same_group_gets_the_same_letters(tmp_path):
    task = next(task for task in CHOICE_TASKS if task.code == "eenzaamheid.3")
    a = exercise_data("eenzaamheid", groep=4, out=tmp_path / "a")
    b = exercise_data("eenzaamheid", groep=4, out=tmp_path / "b")
    assert choice_letters(task, ExerciseSet(a)) == choice_letters(task, ExerciseSet(b))
    assert letter_of(task, ExerciseSet(a), "toeval") == letter_of(task, Group(4), "toeval")
