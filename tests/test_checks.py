"""Checks of what a user asks for: columns, gemeenten, small selections, typos."""

from __future__ import annotations

import pandas as pd
import pytest

from werkplaats.checks import check_columns, check_gemeente, check_rows, did_you_mean, select_gemeente, suggestions
from werkplaats.errors import ParameterError

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
