"""Every reader path gives the same validated DataFrame (werkplaats.io + validate)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from support import raw_strings

from werkplaats.errors import DataError
from werkplaats.io import find_dataset, read_raw, sha256_file, write_parquet
from werkplaats.validate import load_dataset

NAME = "vroegsignalering_signalen"


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    """The first 200 reference signals as strings, with a few Dutch dates and odd spacing."""
    table = raw_strings(NAME).head(200).copy()
    return table


@pytest.fixture(scope="module")
def expected(sample, tmp_path_factory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("plain")
    (folder / f"{NAME}.csv").write_text(sample.to_csv(index=False), encoding="utf-8")
    return load_dataset(NAME, folder).data


def _write_csv(table: pd.DataFrame, folder: Path, *, sep: str, encoding: str, decimal_comma: bool = False) -> None:
    out = table.copy()
    if decimal_comma:
        out["achterstand_euro"] = out["achterstand_euro"].str.replace(".", ",", regex=False)
    (folder / f"{NAME}.csv").write_bytes(out.to_csv(index=False, sep=sep).encode(encoding))


@pytest.mark.parametrize(
    ("sep", "encoding", "decimal_comma"),
    [(",", "utf-8", False), (",", "utf-8-sig", False), (";", "utf-8", True), (";", "cp1252", True),
     (";", "utf-8-sig", True), (",", "cp1252", False)],
)
def test_csv_variants_give_the_same_frame(sample, expected, tmp_path, sep, encoding, decimal_comma):
    _write_csv(sample, tmp_path, sep=sep, encoding=encoding, decimal_comma=decimal_comma)
    pd.testing.assert_frame_equal(load_dataset(NAME, tmp_path).data, expected)


def test_windows_1252_accents_survive(tmp_path):
    table = raw_strings("clientervaring_antwoorden").head(50)
    (tmp_path / "clientervaring_antwoorden.csv").write_bytes(table.to_csv(index=False, sep=";").encode("cp1252"))
    data = load_dataset("clientervaring_antwoorden", tmp_path).data
    assert "cliënt zelf" in set(data["ingevuld_door"].dropna())


def test_dutch_dates_and_label_spacing_are_normalised(sample, expected, tmp_path):
    table = sample.copy()
    iso = table["signaal_datum"]
    table["signaal_datum"] = pd.to_datetime(iso).dt.strftime("%d-%m-%Y")
    table["bron"] = "  " + table["bron"].str.upper() + " "
    _write_csv(table, tmp_path, sep=";", encoding="utf-8", decimal_comma=True)
    pd.testing.assert_frame_equal(load_dataset(NAME, tmp_path).data, expected)


def test_xlsx_gives_the_same_frame(sample, expected, tmp_path):
    table = sample.copy()
    table["achterstand_euro"] = table["achterstand_euro"].astype(float)
    for col in ("signaal_datum", "contact_datum", "contactpoging_datum", "team_getraind_op"):
        table[col] = pd.to_datetime(table[col].replace("", None))
    table.to_excel(tmp_path / f"{NAME}.xlsx", index=False)
    pd.testing.assert_frame_equal(load_dataset(NAME, tmp_path).data, expected)


def test_parquet_gives_the_same_frame(sample, expected, tmp_path):
    table = sample.copy()
    table["achterstand_euro"] = table["achterstand_euro"].astype(float)
    table["signaal_datum"] = pd.to_datetime(table["signaal_datum"])
    table.to_parquet(tmp_path / f"{NAME}.parquet", index=False)
    pd.testing.assert_frame_equal(load_dataset(NAME, tmp_path).data, expected)


def test_sav_value_labels_are_applied(tmp_path):
    table = raw_strings("eenzaamheid_metingen").head(60)
    codes = {"ja": 1, "min of meer": 2, "nee": 3}
    out = table.copy()
    items = [f"djg_{i:02d}" for i in range(1, 12)]
    for col in items:
        out[col] = out[col].map(codes).astype(float)
    out["groep"] = out["groep"].map({"interventie": 1, "controle": 2}).astype(float)
    out["leeftijd"] = out["leeftijd"].astype(float)
    labels = {col: {1.0: "ja", 2.0: "min of meer", 3.0: "nee"} for col in items}
    labels["groep"] = {1.0: "interventie", 2.0: "controle"}
    pyreadstat.write_sav(out, str(tmp_path / "eenzaamheid_metingen.sav"), variable_value_labels=labels)

    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "eenzaamheid_metingen.csv").write_text(table.to_csv(index=False), encoding="utf-8")
    from_sav = load_dataset("eenzaamheid_metingen", tmp_path).data
    from_csv = load_dataset("eenzaamheid_metingen", tmp_path / "csv").data
    pd.testing.assert_frame_equal(from_sav, from_csv)


def test_two_files_for_one_dataset_is_an_error(reference_dir, tmp_path):
    (tmp_path / f"{NAME}.csv").write_text("a,b\n1,2\n")
    (tmp_path / f"{NAME}.parquet").write_text("x")
    with pytest.raises(DataError, match="meer dan één bestand"):
        find_dataset(tmp_path, NAME)


def test_missing_dataset_names_folder_and_expected_files(tmp_path):
    with pytest.raises(DataError, match=f"geen bestand '{NAME}'"):
        find_dataset(tmp_path, NAME)


def test_read_raw_reports_row_numbers_as_in_the_file(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n3,4\n")
    raw = read_raw(path)
    assert raw.row_numbers([0, 1]) == [2, 3]


def test_write_parquet_is_atomic_and_refuses_data_raw(tmp_path):
    df = pd.DataFrame({"a": [1, 2]})
    target = tmp_path / "out" / "x.parquet"
    write_parquet(df, target)
    assert pd.read_parquet(target).equals(df)
    assert [p.name for p in target.parent.iterdir()] == ["x.parquet"]  # no temp file left
    with pytest.raises(Exception, match="data/raw"):
        write_parquet(df, tmp_path / "data" / "raw" / "x.parquet")


def test_failed_write_keeps_previous_file(tmp_path):
    from werkplaats.io import atomic_write

    target = tmp_path / "keep.txt"
    target.write_text("oud")

    def broken(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("kapot")

    with pytest.raises(RuntimeError):
        atomic_write(target, broken)
    assert target.read_text() == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_sha256_matches_hashlib(tmp_path):
    import hashlib

    path = tmp_path / "f.bin"
    path.write_bytes(b"werkplaats" * 1000)
    assert sha256_file(path) == hashlib.sha256(b"werkplaats" * 1000).hexdigest()


def test_empty_lines_below_the_data_are_ignored(sample, expected, tmp_path):
    """Excel writes ``;;;;`` for formatted but empty rows under the table."""
    _write_csv(sample, tmp_path, sep=";", encoding="utf-8", decimal_comma=True)
    empty = ";" * (sample.shape[1] - 1) + "\n"
    with open(tmp_path / f"{NAME}.csv", "a", encoding="utf-8") as fh:
        fh.write(empty + " " + empty)
    pd.testing.assert_frame_equal(load_dataset(NAME, tmp_path).data, expected)


def test_an_empty_line_between_data_rows_is_still_reported(sample, tmp_path):
    table = sample.copy()
    table.loc[5] = ""
    _write_csv(table, tmp_path, sep=",", encoding="utf-8")
    with pytest.raises(DataError, match="rij 7"):
        load_dataset(NAME, tmp_path)


def test_unreadable_file_is_a_dutch_data_error(tmp_path):
    (tmp_path / f"{NAME}.csv").mkdir()  # exists, but cannot be read as a file (also not by root)
    with pytest.raises(DataError, match="is een map, geen databestand"):
        load_dataset(NAME, tmp_path)


def test_sav_code_without_value_label_is_a_dutch_error(tmp_path):
    """A code the label set lacks must not pass as a number string: column, row and code named."""
    table = raw_strings("eenzaamheid_metingen").head(20)
    items = [f"djg_{i:02d}" for i in range(1, 12)]
    out = table.copy()
    for col in items:
        out[col] = out[col].map({"ja": 1, "min of meer": 2, "nee": 3}).astype(float)
    out.loc[4, "djg_03"] = 9.0  # 'weet niet' in the source system, no label in the file
    out["leeftijd"] = out["leeftijd"].astype(float)
    labels = {col: {1.0: "ja", 2.0: "min of meer", 3.0: "nee"} for col in items}
    pyreadstat.write_sav(out, str(tmp_path / "eenzaamheid_metingen.sav"), variable_value_labels=labels)
    with pytest.raises(DataError) as info:
        load_dataset("eenzaamheid_metingen", tmp_path)
    assert str(info.value).startswith("eenzaamheid_metingen.sav: kolom djg_03, rij 5: onbekend antwoord '9'")


# --- The same classes in a spreadsheet (issue 16) ---

def test_xlsx_duplicate_header_and_blank_row_are_named(tmp_path):
    table = raw_strings(NAME).head(30)
    dup = table.rename(columns={"bron": "team"})
    dup.to_excel(tmp_path / f"{NAME}.xlsx", index=False)
    with pytest.raises(DataError, match="rij 1: kolom team staat meer dan één keer in de kopregel"):
        load_dataset(NAME, tmp_path)
    blank = pd.concat([table.iloc[:9], pd.DataFrame([[None] * table.shape[1]], columns=table.columns),
                       table.iloc[9:]], ignore_index=True)
    blank.to_excel(tmp_path / f"{NAME}.xlsx", index=False)
    with pytest.raises(DataError, match="rij 11: lege regel tussen de gegevens"):
        load_dataset(NAME, tmp_path)


def test_named_pipe_is_refused_without_blocking(tmp_path):
    import os

    os.mkfifo(tmp_path / f"{NAME}.csv")
    with pytest.raises(DataError, match="is geen gewoon bestand"):
        load_dataset(NAME, tmp_path)
