"""Preparing the signals: pure, the meldingen and peildatum rules on small hand-made data,
no identifiers in what is written, and bad input as Dutch errors."""

from __future__ import annotations

import pandas as pd
import pytest

from werkplaats.errors import DataError, ParameterError
from werkplaats.lines import load_line
from werkplaats.validate import load_dataset
from werkplaats.vroegsignalering import preparation

NAME = "vroegsignalering_signalen"


@pytest.fixture(scope="module")
def loaded(reference_dir):
    return load_line("vroegsignalering", reference_dir)


def _signals(rows: list[tuple]) -> pd.DataFrame:
    """Typed signals from (household, signal date, attempt, contact, outcome, team trained on)."""
    frame = pd.DataFrame(rows, columns=["huishouden_id", "signaal_datum", "contactpoging_datum",
                                        "contact_datum", "uitkomst", "team_getraind_op"])
    for col in ("signaal_datum", "contactpoging_datum", "contact_datum", "team_getraind_op"):
        frame[col] = pd.to_datetime(frame[col])
    return frame.assign(gemeente="Utrecht", gemeente_code="GM0344", team="Utrecht team A",
                        bron=pd.Categorical(["zorgverzekeraar"] * len(frame)), achterstand_euro=100.0)


def test_prepare_is_pure_and_keeps_what_the_data_check_needs(loaded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing may be written, not even relative to the working folder
    prepared = preparation.prepare(loaded, peildatum="2026-06-30")
    assert list(tmp_path.iterdir()) == []
    assert (prepared.peildatum, prepared.rows_in_file, len(prepared.signals)) == ("2026-06-30", 6000, 6000)
    assert prepared.signals["huishouden"].nunique() == 3506  # R: households in the reference data


def test_write_prepared_writes_no_identifiers(loaded, tmp_path):
    path = preparation.write_prepared(preparation.prepare(loaded, peildatum="2026-06-30"),
                                      tmp_path / "signalen.parquet")
    written = pd.read_parquet(path)
    assert len(written) == 6000
    assert not {"signaal_id", "huishouden_id"} & set(written.columns)
    assert written["huishouden"].nunique() == 3506
    assert {"bereikt", "dagen", "getraind", "melding", "herhaalmelding"} <= set(written.columns)


def test_meldingen_bundle_a_calendar_month_and_flag_repeats_within_six_months():
    data = _signals([
        ("H1", "2025-01-05", None, None, None, None), ("H1", "2025-01-31", None, None, None, None),
        ("H1", "2025-07-01", None, None, None, None),  # 6 months after January: repeat
        ("H1", "2026-02-01", None, None, None, None),  # 7 months after July: new
        ("H2", "2025-01-20", None, None, None, None)])
    prepared = preparation.prepare_signals(data, peildatum="2026-06-30")
    assert prepared["melding"].nunique() == 4
    assert prepared["melding"].iloc[0] == prepared["melding"].iloc[1]
    assert prepared["herhaalmelding"].tolist() == [False, False, True, False, False]


def test_peildatum_censors_and_leaves_out_later_signals():
    data = _signals([
        ("H1", "2025-01-01", "2025-01-03", "2025-01-20", "hulp geaccepteerd", "2025-01-01"),
        ("H2", "2025-01-01", "2025-01-03", "2025-03-01", "hulp geweigerd", "2025-06-01"),
        ("H3", "2025-01-10", "2025-02-15", None, "niet bereikt", None),
        ("H4", "2025-03-01", None, None, None, None)])
    prepared = preparation.prepare_signals(data, peildatum="01-02-2025")
    assert len(prepared) == 3  # H4 came after the peildatum
    assert prepared["bereikt"].tolist() == [True, False, False]
    assert prepared["dagen"].tolist() == [19.0, 31.0, 22.0]
    assert prepared["contactpoging"].tolist() == [True, True, False]
    assert prepared["uitkomst"].isna().tolist() == [False, True, True]
    assert prepared["getraind"].tolist() == [True, False, False]
    default = preparation.prepare_signals(data)
    assert default.attrs["peildatum"] == "2025-03-01" and len(default) == 4


def test_bad_peildatum_is_a_dutch_parameter_error(loaded):
    with pytest.raises(ParameterError, match="peildatum '30 juni' is geen datum"):
        preparation.prepare(loaded, peildatum="30 juni")


@pytest.mark.parametrize("column, edit, row, value", [
    ("contact_datum", lambda t: t.assign(contact_datum=t["contact_datum"].mask(t.index == 2, "2025-02-01")),
     4, "2025-02-01"),  # contact before the signal (2025-02-21) and the attempt
    ("achterstand_euro",
     lambda t: t.assign(achterstand_euro=t["achterstand_euro"].mask(t.index == 6, "-12.50")), 8, "-12.50"),
    ("bron", lambda t: t.assign(bron=t["bron"].mask(t.index == 9, "telecomprovider")), 11, "telecomprovider"),
])
def test_bad_input_gives_a_dutch_error_naming_column_row_and_value(copy_reference, column, edit, row, value):
    folder = copy_reference(NAME, edit)
    with pytest.raises(DataError) as info:
        load_dataset(NAME, folder)
    message = str(info.value)
    assert info.value.column == column and row in info.value.rows
    assert f"kolom {column}" in message and f"rij {row}" in message and value in message
    assert NAME in message


def test_write_prepared_into_a_folder(loaded, tmp_path):
    path = preparation.write_prepared(preparation.prepare(loaded, peildatum="2026-06-30"), tmp_path)
    assert path == tmp_path / "vroegsignalering_signalen.parquet" and path.exists()


def test_peildatum_far_in_the_future_is_a_dutch_parameter_error(loaded):
    with pytest.raises(ParameterError, match="peildatum '2099-06-30' ligt meer dan een jaar in de toekomst"):
        preparation.prepare(loaded, peildatum="2099-06-30")


def test_a_date_after_a_given_peildatum_is_an_error(copy_reference):
    """The peildatum is the extraction date (DATA_CONTRACT): a later date cannot be in the data."""
    from werkplaats.errors import DataError
    from werkplaats.lines import load_line

    folder = copy_reference("vroegsignalering_signalen")
    with pytest.raises(DataError) as err:
        preparation.prepare(load_line("vroegsignalering", folder), peildatum="2026-06-01")
    message = str(err.value)
    assert message.startswith("vroegsignalering_signalen.csv: kolom signaal_datum, rij")
    assert "datum na de peildatum" in message and "2026-06-0" in message and "uiterlijk 2026-06-01" in message
    rows = [int(r) for r in message.split("rij")[1].split(":")[0].replace("en", ",").split(",") if r.strip()]
    raw = pd.read_csv(folder / "vroegsignalering_signalen.csv", dtype=str)
    for row in rows:  # the true line numbers of the file
        assert raw.loc[row - 2, "signaal_datum"] > "2026-06-01"
    assert preparation.prepare(load_line("vroegsignalering", folder), peildatum="2026-06-30").peildatum == "2026-06-30"
