"""Friendly Dutch errors for students: columns, gemeenten, small selections, notebook hints."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from werkplaats.errors import ParameterError
from werkplaats.student_errors import (
    check_columns,
    check_gemeente,
    check_rows,
    did_you_mean,
    explain_key_error,
    explain_name_error,
    friendly_errors,
    select_gemeente,
    suggestions,
)

DATA = pd.DataFrame({"gemeente": ["Utrecht"] * 12 + ["Leusden"] * 3 + ["Nieuwegein"] * 11,
                     "djg_totaal": range(26)})


def test_suggestions_case_insensitive_and_close():
    assert suggestions("UTRECHT", ["Utrecht"]) == ["Utrecht"]
    assert suggestions("djg_totaa", DATA.columns) == ["djg_totaal"]
    assert suggestions("xyz", DATA.columns) == []
    assert did_you_mean("xyz", DATA.columns) == ""


def test_check_columns():
    check_columns(DATA, ["gemeente", "djg_totaal"])
    with pytest.raises(ParameterError) as err:
        check_columns(DATA, "djg_total")
    assert str(err.value).startswith("kolom 'djg_total' bestaat niet in de data. Bedoelt u 'djg_totaal'?")


def test_check_gemeente():
    assert check_gemeente(DATA, " nieuwegein ") == "Nieuwegein"
    assert check_gemeente(DATA, "Alle") == "alle"
    with pytest.raises(ParameterError, match="Bedoelt u 'Nieuwegein'.*Kies 'alle' of een van: Leusden, "):
        check_gemeente(DATA, "Nieuwgein")
    with pytest.raises(ParameterError, match="'Amsterdam' komt niet voor in de data. Kies"):
        check_gemeente(DATA, "Amsterdam")


def test_check_rows():
    assert len(check_rows(DATA, min_rows=10)) == 26
    with pytest.raises(ParameterError, match="is leeg.*spelling en hoofdletters"):
        check_rows(DATA.iloc[:0])
    with pytest.raises(ParameterError, match="maar 3 rijen \\(minder dan 10\\)"):
        check_rows(DATA.iloc[:3], min_rows=10)


def test_select_gemeente():
    assert len(select_gemeente(DATA, "utrecht")) == 12
    assert len(select_gemeente(DATA, "alle")) == 26
    with pytest.raises(ParameterError, match="gemeente = 'Leusden' heeft maar 3 rijen"):
        select_gemeente(DATA, "Leusden")
    assert len(select_gemeente(DATA, "Leusden", min_rows=1)) == 3


def _raised(func):
    try:
        func()
    except Exception as exc:  # noqa: BLE001
        return exc, sys.exc_info()[2]
    raise AssertionError("no error")


def test_key_error_hint_names_the_column():
    exc, tb = _raised(lambda: DATA["gemeene"])
    hint = explain_key_error(exc, tb)
    assert hint.startswith("Tip: kolom 'gemeene' bestaat niet. Bedoelt u 'gemeente'?")


def test_key_error_hint_for_a_list_of_columns():
    exc, tb = _raised(lambda: DATA[["gemeente", "djg_totaal_T0"]])
    assert "Bedoelt u 'djg_totaal'?" in explain_key_error(exc, tb)


def test_key_error_without_a_dataframe_gets_no_hint():
    exc, tb = _raised(lambda: {"a": 1}["b"])
    assert explain_key_error(exc, tb) == ""


def test_name_error_hint():
    exc, _ = _raised(lambda: eval("scors", {}))
    hint = explain_name_error(exc, {"scores": 1, "_hidden": 2})
    assert "'scors' bestaat (nog) niet. Bedoelt u 'scores'?" in hint and "cellen erboven" in hint


def test_friendly_errors_outside_jupyter_does_nothing():
    assert friendly_errors() is False


def test_friendly_errors_in_ipython_prints_the_hint(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert friendly_errors(shell) is True
        shell.user_ns["data"] = DATA
        shell.run_cell("data['gemeene']")
        shell.run_cell("scors")
    finally:
        shell.set_custom_exc((), None)
        InteractiveShell.clear_instance()
    out = capsys.readouterr().out
    assert "KeyError" in out and "Tip: kolom 'gemeene' bestaat niet. Bedoelt u 'gemeente'?" in out
    assert "NameError" in out and "Tip: 'scors' bestaat (nog) niet." in out
