"""The checking machinery: reading answers, right within the tolerance, recognised mistakes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.errors import ParameterError
from werkplaats.opdrachten.check import (
    CHOICE,
    NAMES,
    NO_ANSWER,
    NUMBER,
    Mistake,
    Task,
    find_task,
    format_answer,
    judge,
    parse_names,
    parse_number,
)

SHARE = Task("demo.1", "een aandeel", NUMBER, solve=lambda s: 0.4236,
             mistakes=lambda s: [Mistake(0.30, "dit is het aandeel in Leusden."),
                                 Mistake(0.4236 + 0.003, "te dicht bij het antwoord om te melden."),
                                 Mistake(112.0, "dit is een aantal.")],
             hint="Let op de noemer.")
EFFECT = Task("demo.2", "een effect", NUMBER, solve=lambda s: -0.8123, unit="punten",
              mistakes=lambda s: [Mistake(0.8123, "het teken is omgedraaid.")])
CHOOSE = Task("demo.3", "kies", CHOICE, solve=lambda s: "beta", choices={"alfa": "A", "beta": "B", "gamma": "C"},
              why_not={"alfa": "A klopt niet omdat...", "gamma": "C klopt niet omdat..."})
WHO = Task("demo.4", "welke", NAMES, solve=lambda s: {"Leusden", "Nieuwegein"},
           names=lambda s: ["Amersfoort", "Leusden", "Nieuwegein", "Utrecht"],
           mistakes=lambda s: [Mistake(frozenset({"Utrecht"}), "dat is bij een andere stelling.")],
           explain_extra=lambda s, name: f"{name} ligt binnen de grenzen.")


@pytest.mark.parametrize("answer, expected", [
    (0.5, 0.5), (np.float64(0.25), 0.25), ("0,45", 0.45), (" 0.45 ", 0.45), (pd.Series([0.3]), 0.3),
    (pd.DataFrame({"a": [0.2]}), 0.2), (np.array(7), 7.0), (3, 3.0),
])
def test_parse_number_accepts_one_number(answer, expected):
    value, percent, problem = parse_number(answer)
    assert (value, percent, problem) == (pytest.approx(expected), False, "")


@pytest.mark.parametrize("answer, fragment", [
    (True, "True/False"), ("veel", "geen getal"), (pd.Series([0.1, 0.2]), "2 waarden"),
    (float("nan"), "selectie leeg"), ({"a": 1}, "geef een getal"),
])
def test_parse_number_explains_what_is_not_a_number(answer, fragment):
    value, _, problem = parse_number(answer)
    assert value is None and fragment in problem


def test_parse_number_sees_a_percent_sign():
    assert parse_number("42,4 %") == (pytest.approx(42.4), True, "")


def test_number_right_within_two_decimals_rounding():
    for answer in (0.4236, 0.42, "0,424", pd.Series([0.4236])):
        verdict = judge(SHARE, answer, exercise_set=object())
        assert verdict.correct is True and verdict.message == "Goed!"


@pytest.mark.parametrize("answer, fragment", [
    (42.36, "je gaf een percentage"), ("42%", "je gaf een percentage"), (0.30, "Leusden"),
    (112, "een aantal"), (0.4, "te grof af"), (0.5, "te hoog"), (0.1, "te laag"),
    (0.44, "dichtbij"), (30, "Ook als aandeel: dit is het aandeel in Leusden"),
])
def test_number_wrong_says_what_is_off(answer, fragment):
    verdict = judge(SHARE, answer, exercise_set=object())
    assert verdict.correct is False and fragment in verdict.message


def test_wrong_answers_never_show_the_answer():
    for answer in (0.5, 0.1, 42.36, 0.30, 112, 0.44, 0.4, "x"):
        message = judge(SHARE, answer, exercise_set=object()).message
        assert "0.42" not in message and "0,42" not in message and "42.36" not in message


def test_a_mistake_too_close_to_the_answer_is_not_reported():
    assert judge(SHARE, 0.4266, exercise_set=object()).correct is True


def test_too_high_adds_the_hint():
    assert judge(SHARE, 0.9, exercise_set=object()).message.endswith("Let op de noemer.")


def test_points_are_not_mistaken_for_percentages():
    assert judge(EFFECT, -0.81, exercise_set=object()).correct is True
    assert "teken" in judge(EFFECT, 0.81, exercise_set=object()).message
    assert "te laag" in judge(EFFECT, -12, exercise_set=object()).message


@pytest.mark.parametrize("placeholder", [None, ...])
def test_placeholder_is_no_answer_yet(placeholder):
    verdict = judge(SHARE, placeholder, exercise_set=None)
    assert verdict.correct is None and verdict.message == NO_ANSWER and not verdict


def test_choice():
    assert judge(CHOOSE, "B", None).correct is True
    assert judge(CHOOSE, " b) ", None).correct is True
    assert judge(CHOOSE, "a", None).message == "Nog niet goed: A klopt niet omdat..."
    assert "a, b of c" in judge(CHOOSE, "e", None).message


def test_names():
    assert judge(WHO, ["nieuwegein", "Leusden"], None).correct is True
    assert judge(WHO, "Leusden, Nieuwegein", None).correct is True
    assert judge(WHO, "Leusden en nieuwegein", None).correct is True
    assert judge(WHO, "Leusden", None).message == "Nog niet goed: er ontbreekt nog 1 gemeente."
    assert "Amersfoort ligt binnen" in judge(WHO, ["Leusden", "Nieuwegein", "Amersfoort"], None).message
    assert "andere stelling" in judge(WHO, "Utrecht", None).message
    assert "Bedoelt u 'Nieuwegein'" in judge(WHO, ["Nieuwgein"], None).message
    assert "ontbreken nog 2" in judge(WHO, "geen", None).message


def test_parse_names():
    assert parse_names([], ["A"]) == (frozenset(), "")
    assert parse_names("geen", ["A"]) == (frozenset(), "")
    assert "tabel" in parse_names(pd.DataFrame({"a": [1]}), ["A"])[1]
    assert "lijst" in parse_names(5, ["A"])[1]


def test_find_task_suggests_on_a_typo():
    assert find_task("Eenzaamheid.1").code == "eenzaamheid.1"
    with pytest.raises(ParameterError, match="Bedoelt u 'eenzaamheid.1'"):
        find_task("eenzamheid.1")
    with pytest.raises(ParameterError, match="onbekende opdracht 'eenzaamheid.9'"):
        find_task("eenzaamheid.9")


def test_format_answer():
    assert format_answer(SHARE, 0.42361) == "0.4236"
    assert format_answer(CHOOSE, "beta") == "b) B"
    assert format_answer(WHO, {"Utrecht", "Leusden"}) == "Leusden en Utrecht"
    assert format_answer(WHO, set()) == "geen"
