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


# --- The regression corpus (issue 16): one folder per class of bad input, made here in tmp_path. ---
# Every case: exit status 1, one Dutch line per problem naming file, column, true row and a
# shortened value, no traceback, nothing written, the input files unchanged.

import hashlib  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

from support import REFERENCE_DIR  # noqa: E402

LINE_OF = {"eenzaamheid_metingen": "eenzaamheid", "vroegsignalering_signalen": "vroegsignalering",
           "clientervaring_antwoorden": "clientervaring", "clientervaring_populatie": "clientervaring"}


def _valid_bsns(count: int, *, eight_digits: bool = False) -> list[str]:
    """BSNs passing the elfproef (with a leading zero dropped when ``eight_digits``)."""
    from werkplaats.privacy import is_bsn

    found, n = [], 10000000 if eight_digits else 100000000
    while len(found) < count:
        text = str(n)
        if is_bsn(text.zfill(9)):
            found.append(text)
        n += 7
    return found


def _lines(folder: Path, name: str) -> list[str]:
    return (folder / f"{name}.csv").read_text(encoding="utf-8").split("\n")


def _set_cell(folder: Path, name: str, row: int, column: str, value: str) -> None:
    """Put ``value`` in ``column`` of file row ``row`` (1 = the header line), quoting as CSV does."""
    import csv
    import io

    lines = _lines(folder, name)
    header = next(csv.reader([lines[0]]))
    cells = next(csv.reader([lines[row - 1]]))
    cells[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)  # "\n" in a cell is quoted only with this terminator
    lines[row - 1] = out.getvalue()[:-1]
    (folder / f"{name}.csv").write_text("\n".join(lines), encoding="utf-8")


def _bsn_dotted(f):
    bsn = _valid_bsns(1)[0]
    _set_cell(f, "eenzaamheid_metingen", 6, "deelnemer_id", f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}")
    return bsn


def _bsn_spaces(f):
    bsn = _valid_bsns(1)[0]
    _set_cell(f, "eenzaamheid_metingen", 6, "deelnemer_id", f"{bsn[:3]} {bsn[3:6]} {bsn[6:]}")
    return bsn


def _bsn_dashes(f):
    bsn = _valid_bsns(1)[0]
    _set_cell(f, "vroegsignalering_signalen", 6, "huishouden_id", f"{bsn[:3]}-{bsn[3:5]}-{bsn[5:]}")
    return bsn


def _bsn_leading_zero_dropped(f):
    """A whole id column of BSNs that Excel turned into 8-digit numbers."""
    lines = _lines(f, "clientervaring_antwoorden")
    bsns = _valid_bsns(len(lines), eight_digits=True)
    out = [lines[0]] + [bsns[i] + line[line.index(","):] if line else line for i, line in enumerate(lines[1:])]
    (f / "clientervaring_antwoorden.csv").write_text("\n".join(out), encoding="utf-8")
    return bsns[0]


def _missing_dataset(f):
    (f / "vroegsignalering_signalen.csv").unlink()


def _two_files_one_dataset(f):
    shutil.copy(f / "eenzaamheid_metingen.csv", f / "Eenzaamheid_Metingen.CSV")


def _duplicate_header(f):
    lines = _lines(f, "eenzaamheid_metingen")
    lines[0] = lines[0].replace("leeftijd", "wijk")
    (f / "eenzaamheid_metingen.csv").write_text("\n".join(lines), encoding="utf-8")


def _code_too_long(f):
    _set_cell(f, "vroegsignalering_signalen", 9, "gemeente_code", "GM03071")


def _population_below_respondents(f):
    lines = _lines(f, "clientervaring_populatie")
    (f / "clientervaring_populatie.csv").write_text(
        "\n".join(line if not line.startswith("Leusden") else ",".join(line.split(",")[:-1] + ["1"])
                  for line in lines), encoding="utf-8")


def _population_cell_zero(f):
    _set_cell(f, "clientervaring_populatie", 2, "aantal_clienten", "0")


def _huge_cell(f):
    _set_cell(f, "eenzaamheid_metingen", 18, "djg_03", "ja" * 500_000)


def _huge_name(f):
    _set_cell(f, "vroegsignalering_signalen", 7, "team", "<b>" * 300_000)


def _blank_line(f):
    lines = _lines(f, "eenzaamheid_metingen")
    (f / "eenzaamheid_metingen.csv").write_text("\n".join(lines[:199] + [""] + lines[199:]), encoding="utf-8")


def _line_break_in_a_quoted_cell(f):
    """Row numbers are the file's lines, also below a cell with line breaks."""
    _set_cell(f, "eenzaamheid_metingen", 10, "djg_03", "jaa")  # line 12 once row 4 has two line breaks
    _set_cell(f, "eenzaamheid_metingen", 4, "wijk", "Utrecht\nOost\nNoord")


def _utf16(f):
    path = f / "eenzaamheid_metingen.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))


def _stray_cp1252_byte(f):
    path = f / "clientervaring_antwoorden.csv"
    lines = path.read_bytes().split(b"\n")
    lines[30] = lines[30].replace(b"Amersfoort", b"Amersf\xe9ort").replace(b"Utrecht", b"Utr\xe9cht")
    path.write_bytes(b"\n".join(lines))


def _bom_only(f):
    (f / "eenzaamheid_metingen.csv").write_bytes(b"\xef\xbb\xbf \r\n  \n")


def _named_pipe(f):
    (f / "eenzaamheid_metingen.csv").unlink()
    os.mkfifo(f / "eenzaamheid_metingen.csv")


def _date_2099(f):
    _set_cell(f, "vroegsignalering_signalen", 12, "signaal_datum", "2099-03-01")


def _gemeente_alle(f):
    _set_cell(f, "eenzaamheid_metingen", 4, "gemeente", "Alle")


CORPUS = {  # id: (make the defect, expected message parts)
    "bsn-dotted": (_bsn_dotted, ["eenzaamheid_metingen.csv: kolom deelnemer_id, rij 6", "BSN"]),
    "bsn-spaces": (_bsn_spaces, ["eenzaamheid_metingen.csv: kolom deelnemer_id, rij 6", "BSN"]),
    "bsn-dashes": (_bsn_dashes, ["vroegsignalering_signalen.csv: kolom huishouden_id, rij 6", "BSN"]),
    "bsn-leading-zero-dropped": (_bsn_leading_zero_dropped,
                                 ["clientervaring_antwoorden.csv: kolom respondent_id, rij 2", "BSN"]),
    "missing-dataset": (_missing_dataset, ["dataset vroegsignalering_signalen ontbreekt",
                                           "nodig voor vroegsignalering"]),
    "two-files-one-dataset": (_two_files_one_dataset, ["meer dan één bestand voor eenzaamheid_metingen",
                                                       "Eenzaamheid_Metingen.CSV, eenzaamheid_metingen.csv"]),
    "duplicate-header": (_duplicate_header, ["eenzaamheid_metingen.csv: rij 1: kolom wijk staat meer dan één keer",
                                             "kolom 3 en 7"]),
    "code-pattern": (_code_too_long, ["vroegsignalering_signalen.csv: kolom gemeente_code, rij 9: ongeldige code "
                                      "'GM03071' (toegestaan: GM gevolgd door 4 cijfers"]),
    "population-below-respondents": (_population_below_respondents,
                                     ["clientervaring_populatie.csv: gemeente Leusden: 8 cliënten, maar 140 "
                                      "respondenten in 2025", "controleer de aantallen"]),
    "population-cell-zero": (_population_cell_zero,
                             ["clientervaring_populatie.csv: gemeente Amersfoort, leeftijdsklasse 18-64, geslacht "
                              "man: 0 cliënten, maar"]),
    "huge-cell": (_huge_cell, ["eenzaamheid_metingen.csv: kolom djg_03, rij 18: onbekend antwoord 'jajaja", " …'"]),
    "huge-name": (_huge_name, ["vroegsignalering_signalen.csv: kolom team, rij 7: tekst te lang (900.000 tekens) "
                               "'<b><b>", " …' (toegestaan: hoogstens 200 tekens)"]),
    "blank-line": (_blank_line, ["eenzaamheid_metingen.csv: rij 200: lege regel tussen de gegevens"]),
    "line-break-in-quoted-cell": (_line_break_in_a_quoted_cell,
                                  ["eenzaamheid_metingen.csv: kolom djg_03, rij 12: onbekend antwoord 'jaa'"]),
    "utf-16": (_utf16, ["eenzaamheid_metingen.csv: het bestand is opgeslagen als UTF-16"]),
    "stray-cp1252-byte": (_stray_cp1252_byte, ["clientervaring_antwoorden.csv: rij 31: teken dat geen UTF-8 is "
                                               "(byte 0xe9)"]),
    "bom-only": (_bom_only, ["eenzaamheid_metingen.csv: het bestand is leeg (alleen spaties"]),
    "named-pipe": (_named_pipe, ["eenzaamheid_metingen.csv: is geen gewoon bestand"]),
    "date-2099": (_date_2099, ["vroegsignalering_signalen.csv: kolom signaal_datum, rij 12: datum ligt meer dan een "
                               "jaar in de toekomst '2099-03-01'"]),
    "gemeente-alle": (_gemeente_alle, ["eenzaamheid_metingen.csv: kolom gemeente, rij 4: niet toegestane waarde",
                                       "'alle' betekent in een rapport 'alle gemeenten samen'"]),
}


def _snapshot(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted(folder.iterdir()):
        out[p.name] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "special"
    return out


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_bad_input_corpus(case, tmp_path):
    folder = tmp_path / "ruw"
    shutil.copytree(REFERENCE_DIR, folder)
    make, expected = CORPUS[case]
    planted = make(folder)
    before = _snapshot(folder)
    result = CliRunner().invoke(main, ["validate", str(folder)])
    output = result.output
    assert result.exit_code == 1, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output and "Errno" not in output
    problems = [line for line in output.splitlines() if line.startswith("FOUT")]
    assert len(problems) == 1, output
    for part in expected:
        assert part in problems[0], problems[0]
    assert len(problems[0]) < 400  # shortened values, never the whole cell
    if planted:  # a BSN is never echoed, in any notation
        digits = "".join(c for c in output if c.isdigit() or c == "\n")
        assert planted not in digits
    assert _snapshot(folder) == before  # nothing written, inputs unchanged


def test_case_differing_name_is_used_and_named(tmp_path):
    folder = tmp_path / "ruw"
    shutil.copytree(REFERENCE_DIR, folder)
    (folder / "eenzaamheid_metingen.csv").rename(folder / "Eenzaamheid_Metingen.CSV")
    result = CliRunner().invoke(main, ["validate", str(folder), "--analyse", "eenzaamheid"])
    assert result.exit_code == 0, result.output
    assert "OK    Eenzaamheid_Metingen.CSV: 775 rijen" in result.output
    assert "gebruikt voor eenzaamheid_metingen: de naam verschilt alleen in hoofdletters" in result.output


def test_unknown_file_in_folder_is_mentioned(tmp_path):
    folder = tmp_path / "ruw"
    shutil.copytree(REFERENCE_DIR, folder)
    (folder / "eenzaamheid.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(folder), "--analyse", "eenzaamheid"])
    assert result.exit_code == 0 and "LET OP eenzaamheid.csv: geen bekende dataset" in result.output


def test_any_unhandled_file_system_fault_is_one_dutch_line(monkeypatch, tmp_path):
    import errno

    import werkplaats.validate

    def unreadable(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    monkeypatch.setattr(werkplaats.validate, "check_folder", unreadable)
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"FOUT  Kan de bestanden niet lezen of schrijven in {tmp_path}: geen "
                                     "schrijfrechten. Vraag schrijfrechten of kies een andere map.")
