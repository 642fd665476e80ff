"""`werkplaats validate` and `werkplaats sleutel` (the data commands of werkplaats.cli)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from werkplaats.cli import main


@pytest.mark.slow
def test_validate_folder_ok(reference_dir):
    result = CliRunner().invoke(main, ["validate", str(reference_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.count("OK") == 4
    assert "6.000 rijen" in result.output


def test_validate_bad_file_exit_1(copy_reference):
    def edit(t):
        t.loc[15, "djg_03"] = "jaa"
        return t

    folder = copy_reference("eenzaamheid_metingen", edit)
    result = CliRunner().invoke(main, ["validate", str(folder / "eenzaamheid_metingen.csv")])
    assert result.exit_code == 1
    assert "kolom djg_03, rij 17: onbekend antwoord 'jaa'" in result.output


def test_validate_empty_folder_exit_1(tmp_path):
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1 and "dataset eenzaamheid_metingen ontbreekt" in result.output


def test_validate_xlsx(reference_dir, tmp_path):
    import shutil

    import pandas as pd

    table = pd.read_csv(reference_dir / "clientervaring_populatie.csv")
    table.to_excel(tmp_path / "clientervaring_populatie.xlsx", index=False)
    shutil.copy(reference_dir / "clientervaring_antwoorden.csv", tmp_path)
    result = CliRunner().invoke(main, ["validate", str(tmp_path), "--analyse", "clientervaring"])
    assert result.exit_code == 0 and "clientervaring_populatie.xlsx: 40 rijen" in result.output


def test_sleutel_writes_key_once(tmp_path):
    target = tmp_path / "sleutel"
    first = CliRunner().invoke(main, ["sleutel", "--bestand", str(target)])
    assert first.exit_code == 0 and target.exists()
    second = CliRunner().invoke(main, ["sleutel", "--bestand", str(target)])
    assert second.exit_code == 1 and "al een sleutel" in second.output
