"""Dutch hints for Python's own errors in a notebook (KeyError on a column, NameError)."""

from __future__ import annotations

import sys

import pandas as pd

from werkplaats.student_errors import explain_key_error, explain_name_error, friendly_errors

DATA = pd.DataFrame({"gemeente": ["Utrecht"] * 12 + ["Leusden"] * 3 + ["Nieuwegein"] * 11,
                     "djg_totaal": range(26)})

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
