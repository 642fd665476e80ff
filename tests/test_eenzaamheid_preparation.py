"""Preparing the loneliness data: pure scoring, an explicit write, Dutch errors on bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.eenzaamheid.preparation import Prepared, prepare, write_prepared
from werkplaats.errors import DataError
from werkplaats.lines import load_line


def _prepare(folder) -> Prepared:
    return prepare(load_line("eenzaamheid", folder))


def test_prepare_is_pure_and_scores_as_r(reference_dir, r_results, monkeypatch):
    import werkplaats.io

    def refuse(*args, **kwargs):
        raise AssertionError("prepare wrote a file")

    monkeypatch.setattr(werkplaats.io, "atomic_write", refuse)
    loaded = load_line("eenzaamheid", reference_dir)
    before = loaded["eenzaamheid_metingen"].data.copy()
    prepared = prepare(loaded)
    pd.testing.assert_frame_equal(loaded["eenzaamheid_metingen"].data, before)
    expected = pd.to_numeric(pd.DataFrame(r_results["djg_scores"])["score"], errors="coerce")
    assert np.array_equal(prepared.scores["djg_totaal"].to_numpy(float), expected.to_numpy(float), equal_nan=True)


def test_write_prepared_writes_scores_without_identifiers(copy_reference, tmp_path, r_results):
    def add_identifiers(t):
        return t.assign(naam="Jan Jansen", email="jan@example.nl")

    prepared = _prepare(copy_reference("eenzaamheid_metingen", add_identifiers))
    assert {"naam", "email"} <= set(prepared.removed)
    path = write_prepared(prepared, tmp_path / "scores.parquet")
    written = pd.read_parquet(path)
    assert {"deelnemer_id", "meting", "djg_totaal", "djg_emotioneel", "djg_sociaal"} <= set(written.columns)
    assert not {"naam", "email"} & set(written.columns)
    assert not any(c.startswith("djg_0") or c == "djg_10" or c == "djg_11" for c in written.columns)
    expected = pd.to_numeric(pd.DataFrame(r_results["djg_scores"])["score"], errors="coerce")
    assert np.array_equal(written["djg_totaal"].to_numpy(float), expected.to_numpy(float), equal_nan=True)


def _insert_second_t0(t: pd.DataFrame) -> pd.DataFrame:
    extra = t.iloc[[0]].assign(meetdatum="2025-02-20")
    return pd.concat([t.iloc[:5], extra, t.iloc[5:]], ignore_index=True)


@pytest.mark.parametrize(
    "edit, column, rows, value",
    [
        (_insert_second_t0, "deelnemer_id, meting", [2, 7], "D0001, T0"),
        (
            lambda t: t.assign(djg_03=t["djg_03"].where(~t.index.isin([15, 43]), "jaa")),
            "djg_03",
            [17, 45],
            "jaa",
        ),
        (lambda t: t.assign(groep=t["groep"].where(t.index != 9, "wachtlijst")), "groep", [11], "wachtlijst"),
    ],
)
def test_bad_input_gives_a_dutch_data_error(copy_reference, edit, column, rows, value):
    folder = copy_reference("eenzaamheid_metingen", edit)
    with pytest.raises(DataError) as err:
        _prepare(folder)
    message = str(err.value)
    assert f"kolom {column}" in message
    assert "rij " + " en ".join(map(str, rows)) in message
    assert f"'{value}'" in message


def test_participant_switching_group_is_refused(copy_reference):
    def switch(t):
        return t.assign(groep=t["groep"].where(t.index != 1, "controle"))  # D0001 is interventie at T0

    with pytest.raises(DataError) as err:
        _prepare(copy_reference("eenzaamheid_metingen", switch))
    assert "kolom groep" in str(err.value) and "rij 2, 3 en 4" in str(err.value) and "D0001" in str(err.value)


def test_age_groups(reference_dir):
    scores = _prepare(reference_dir).scores
    assert set(scores["leeftijdsgroep"].dropna()) == {"tot 75", "75 en ouder"}
    assert (scores.loc[scores["leeftijd"] < 75, "leeftijdsgroep"] == "tot 75").all()
    assert (scores.loc[scores["leeftijd"] >= 75, "leeftijdsgroep"] == "75 en ouder").all()
