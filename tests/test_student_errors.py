"""Dutch hints for errors in a notebook: the tip first, the traceback cut to the student's cells."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from werkplaats.checks import KeywordError, friendly_keywords
from werkplaats.student_errors import (
    explain_attribute_error,
    explain_key_error,
    explain_name_error,
    explain_type_error,
    friendly_errors,
)

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


def test_type_error_hint_from_the_real_signature():
    from werkplaats.eenzaamheid.describe import prevalence

    exc, tb = _raised(lambda: prevalence(DATA, bye=["meting"]))
    hint = explain_type_error(exc, tb)
    assert hint.startswith("Tip: prevalence() kent geen parameter 'bye'.")
    assert "Bedoelt u 'by'?" in hint


def test_type_error_hint_for_a_function_of_a_module():
    exc, tb = _raised(lambda: pd.read_csv("x.csv", seps=";"))
    assert "Tip: read_csv() kent geen parameter 'seps'. Bedoelt u 'sep'?" in explain_type_error(exc, tb)


def test_other_type_errors_get_no_hint():
    exc, tb = _raised(lambda: len(5))
    assert explain_type_error(exc, tb) == ""


def test_attribute_error_on_a_table():
    exc, _ = _raised(lambda: DATA.gemeene)
    assert "Bedoelt u 'gemeente'?" in explain_attribute_error(exc)


# ---- keyword typos in every function a student calls ----

def _keyword_typo_cases():
    from werkplaats import clientervaring, eenzaamheid, vroegsignalering
    from werkplaats.checks import check_columns, check_gemeente, check_rows, select_gemeente
    from werkplaats.formatting import show
    from werkplaats.opdrachten import beoordeel, controleer, keuzes, oefendata

    cases = [(check_columns, "wat", "what"), (check_gemeente, "colum", "column"),
             (check_rows, "min_row", "min_rows"), (select_gemeente, "min_row", "min_rows"),
             (show, "captoin", "caption"), (controleer, "dat", "data"), (beoordeel, "dat", "data"),
             (keuzes, "dat", "data"), (oefendata, "grpoep", "groep")]
    for line in (eenzaamheid, vroegsignalering, clientervaring):
        cases += [(line.analyse, "min_cell", "min_cel"), (line.analyse, "gemeenten", "gemeente"),
                  (line.prepare, "loaded_data", "loaded"), (line.tables, "result", "results"),
                  (line.key_figures, "result", "results"), (line.write_prepared, "prepard", "prepared")]
    return cases


@pytest.mark.parametrize("function, typo, meant", _keyword_typo_cases(),
                         ids=lambda v: getattr(v, "__module__", "").split(".")[-1] + "." + v.__name__
                         if callable(v) else str(v))
def test_a_mistyped_keyword_gets_a_dutch_suggestion(function, typo, meant):
    with pytest.raises(KeywordError) as caught:
        function(**{typo: None})
    message = str(caught.value)
    assert message.startswith(f"{function.__name__}() kent geen parameter '{typo}'.")
    assert f"Bedoelt u '{meant}'?" in message
    assert isinstance(caught.value, TypeError)  # code that catches Python's TypeError still works


def test_friendly_keywords_keeps_the_signature_and_the_docstring():
    import inspect

    def share(data, *, min_cel=10):
        """Docs."""
        return min_cel

    wrapped = friendly_keywords(share)
    assert inspect.signature(wrapped) == inspect.signature(share) and wrapped.__doc__ == "Docs."
    assert wrapped([], min_cel=3) == 3


# ---- the IPython exception hook ----

@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.user_ns["data"] = DATA
    yield shell
    shell.set_custom_exc((), None)
    InteractiveShell.clear_instance()


def test_friendly_errors_outside_jupyter_does_nothing():
    assert friendly_errors() is False


def test_the_tip_comes_first_and_the_traceback_is_the_students_cell(shell, capsys):
    assert friendly_errors(shell=shell) is True
    shell.run_cell("from werkplaats.checks import select_gemeente\nkeuze = select_gemeente(data, 'Utrect')")
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("gemeente 'Utrect' komt niet voor in de data. Bedoelt u 'Utrecht'? "
                                        "Kies 'alle' of een van: Leusden, Nieuwegein en Utrecht.\x1b[0m")
    assert "regel 2: keuze = select_gemeente(data, 'Utrect')" in out
    assert "checks.py" not in out and "ParameterError" in out


@pytest.mark.parametrize("cell, tip, last", [
    ("data['gemeene']", "Tip: kolom 'gemeene' bestaat niet. Bedoelt u 'gemeente'?", "KeyError: 'gemeene'"),
    ("scors", "Tip: 'scors' bestaat (nog) niet.", "NameError"),
    ("from werkplaats.eenzaamheid.describe import prevalence\nprevalence(data, min_cell=5)",
     "Tip: prevalence() kent geen parameter 'min_cell'.", "TypeError"),
    ("data.gemeene", "Bedoelt u 'gemeente'?", "AttributeError"),
])
def test_the_hook_explains_common_mistakes(shell, capsys, cell, tip, last):
    friendly_errors(shell=shell)
    shell.run_cell(cell)
    out = capsys.readouterr().out
    assert tip in out.splitlines()[0]
    assert last in out and "pandas" not in out and "Traceback (most recent call last)" not in out


def test_an_error_without_a_tip_keeps_the_full_traceback(shell, capsys):
    friendly_errors(shell=shell)
    shell.run_cell("{'a': 1}['b']")
    out = capsys.readouterr().out
    assert "Traceback" in out and "Tip" not in out


def test_lecturers_switch_it_off(shell, capsys, monkeypatch):
    friendly_errors(shell=shell)
    assert friendly_errors(aan=False, shell=shell) is False
    shell.run_cell("data['gemeene']")
    assert "Tip" not in capsys.readouterr().out
    monkeypatch.setenv("WERKPLAATS_FOUTMELDINGEN", "volledig")
    assert friendly_errors(shell=shell) is False
    shell.run_cell("data['gemeene']")
    assert "Tip" not in capsys.readouterr().out


def test_the_cell_still_fails(shell):
    friendly_errors(shell=shell)
    result = shell.run_cell("data['gemeene']")
    assert isinstance(result.error_in_exec, KeyError)
