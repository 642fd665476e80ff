"""The bad-input corpus: each broken file gives one Dutch DataError naming column, rows and values."""

from __future__ import annotations

import pandas as pd
import pytest
from support import raw_strings

from werkplaats.errors import DataError
from werkplaats.validate import load_dataset

L, D = "eenzaamheid_metingen", "vroegsignalering_signalen"
C, P = "clientervaring_antwoorden", "clientervaring_populatie"


def setv(row: int, col: str, value: str):
    """Edit: put ``value`` in data row ``row`` (0-based; file row = row + 2)."""

    def edit(t: pd.DataFrame) -> pd.DataFrame:
        t.loc[row, col] = value
        return t

    return edit


def dup_row(src: int, dst: int, cols: list[str]):
    def edit(t: pd.DataFrame) -> pd.DataFrame:
        t.loc[dst, cols] = t.loc[src, cols].to_numpy()
        return t

    return edit


def drop_col(col: str):
    return lambda t: t.drop(columns=[col])


def both(*edits):
    def edit(t):
        for e in edits:
            t = e(t)
        return t

    return edit


# (dataset, edit, column named, rows named, text in message)
CORPUS = [
    pytest.param(L, drop_col("groep"), "groep", [], "ontbreekt", id="missing-column"),
    pytest.param(L, both(setv(15, "djg_03", "jaa"), setv(43, "djg_03", "jaa")), "djg_03", [17, 45],
                 "onbekend antwoord 'jaa'", id="unknown-label"),
    pytest.param(L, setv(5, "groep", "experiment"), "groep", [7], "toegestaan: interventie, controle",
                 id="unknown-group"),
    pytest.param(L, dup_row(0, 1, ["deelnemer_id", "meting"]), "deelnemer_id, meting", [2, 3], "dubbele sleutel",
                 id="two-T0-rows"),
    pytest.param(L, setv(9, "leeftijd", "tachtig"), "leeftijd", [11], "geen geheel getal", id="text-in-integer"),
    pytest.param(L, setv(9, "leeftijd", "150"), "leeftijd", [11], "buiten het toegestane bereik", id="age-range"),
    pytest.param(L, setv(9, "leeftijd", "80.5"), "leeftijd", [11], "geen geheel getal", id="fraction-age"),
    pytest.param(L, setv(2, "meetdatum", "31-02-2025"), "meetdatum", [4], "geen geldige datum", id="impossible-date"),
    pytest.param(L, setv(2, "meetdatum", "2025/02/13"), "meetdatum", [4], "geen geldige datum", id="slash-date"),
    pytest.param(L, setv(2, "meting", "T3"), "meting", [4], "onbekend antwoord 'T3'", id="unknown-meting"),
    pytest.param(L, setv(2, "gemeente", ""), "gemeente", [4], "lege cel", id="empty-required"),
    pytest.param(L, setv(3, "deelnemer_id", "111222333"), "deelnemer_id", [5], "BSN", id="bsn-as-id"),
    pytest.param(D, setv(1, "contact_datum", "2025-12-20"), "contact_datum", [3], "ligt vóór contactpoging_datum",
                 id="contact-before-attempt"),
    pytest.param(D, both(setv(0, "contact_datum", "2024-08-01"), setv(0, "contactpoging_datum", "")),
                 "contact_datum", [2], "ligt vóór signaal_datum", id="contact-before-signal"),
    pytest.param(D, setv(7, "achterstand_euro", "-5"), "achterstand_euro", [9], "'-5'", id="negative-amount"),
    pytest.param(D, setv(7, "achterstand_euro", "0"), "achterstand_euro", [9], "groter dan 0", id="zero-amount"),
    pytest.param(D, setv(7, "achterstand_euro", "€ 12"), "achterstand_euro", [9], "geen geldig getal",
                 id="text-in-amount"),
    pytest.param(D, setv(9, "bron", "bank"), "bron", [11], "onbekend antwoord 'bank'", id="unknown-bron"),
    pytest.param(D, dup_row(3, 9, ["signaal_id"]), "signaal_id", [5, 11], "dubbele sleutel", id="duplicate-signal"),
    pytest.param(D, setv(4, "gemeente_code", "0307"), "gemeente_code", [6], "ongeldige code", id="bad-cbs-code"),
    pytest.param(D, setv(4, "uitkomst", "geholpen"), "uitkomst", [6], "onbekend antwoord", id="unknown-outcome"),
    pytest.param(C, setv(12, "v03", "eens"), "v03", [14], "onbekend antwoord 'eens'", id="likert-typo"),
    pytest.param(C, setv(12, "v05", "misschien"), "v05", [14], "toegestaan: ja, nee", id="v05-not-yes-no"),
    pytest.param(C, setv(12, "jaar", "25"), "jaar", [14], "buiten het toegestane bereik", id="two-digit-year"),
    pytest.param(C, setv(12, "leeftijdsklasse", "90+"), "leeftijdsklasse", [14], "onbekend antwoord",
                 id="unknown-age-class"),
    pytest.param(P, setv(3, "aantal_clienten", "-1"), "aantal_clienten", [5], "buiten het toegestane bereik",
                 id="negative-population"),
    pytest.param(P, dup_row(0, 1, ["gemeente", "leeftijdsklasse", "geslacht"]),
                 "gemeente, leeftijdsklasse, geslacht", [2, 3], "dubbele sleutel", id="duplicate-population-cell"),
]


@pytest.mark.parametrize(("name", "edit", "column", "rows", "text"), CORPUS)
def test_bad_input_names_column_rows_and_value(copy_reference, name, edit, column, rows, text):
    folder = copy_reference(name, edit)
    with pytest.raises(DataError) as info:
        load_dataset(name, folder)
    message = str(info.value)
    assert message.startswith(f"{name}.csv: "), message
    assert column in message and text in message, message
    assert info.value.rows == rows or (not rows), (info.value.rows, message)
    for row in rows:
        assert str(row) in message


def write(folder, name, content: bytes) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.csv").write_bytes(content)


def test_empty_file(tmp_path):
    write(tmp_path, L, b"")
    with pytest.raises(DataError, match=f"{L}.csv: het bestand is leeg"):
        load_dataset(L, tmp_path)


def test_header_only(tmp_path):
    write(tmp_path, L, (",".join(raw_strings(L).columns) + "\n").encode())
    with pytest.raises(DataError, match="geen gegevensrijen"):
        load_dataset(L, tmp_path)


def test_wrong_delimiter_is_explained(tmp_path):
    table = raw_strings(L).head(20)
    write(tmp_path, L, table.to_csv(index=False, sep="|").encode())
    with pytest.raises(DataError, match="scheidingsteken"):
        load_dataset(L, tmp_path)


def test_truncated_file_names_the_row(tmp_path):
    text = raw_strings(D).head(30).to_csv(index=False)
    lines = text.splitlines()
    lines[10] = ",".join(lines[10].split(",")[:6]) + ',"afgebroken'
    write(tmp_path, D, ("\n".join(lines[:11])).encode())
    with pytest.raises(DataError, match=r"rij 11: aanhalingsteken wordt niet afgesloten"):
        load_dataset(D, tmp_path)


def test_extra_field_in_a_row(tmp_path):
    lines = raw_strings(D).head(30).to_csv(index=False).splitlines()
    lines[7] += ",extra,velden"
    write(tmp_path, D, ("\n".join(lines) + "\n").encode())
    with pytest.raises(DataError, match="rij 8"):
        load_dataset(D, tmp_path)


def test_binary_garbage(tmp_path):
    write(tmp_path, L, bytes(range(256)) * 4)
    with pytest.raises(DataError, match=L):
        load_dataset(L, tmp_path)


def test_only_the_first_problem_is_detailed_and_others_counted(copy_reference):
    folder = copy_reference(L, both(setv(15, "djg_03", "jaa"), setv(20, "groep", "x")))
    with pytest.raises(DataError, match=r"en nog 1 ander probleem"):
        load_dataset(L, folder)


def test_reference_datasets_validate(reference_dir):
    for name in (L, D, C, P):
        loaded = load_dataset(name, reference_dir)
        assert len(loaded.data) == len(raw_strings(name))


def test_loading_writes_nothing(copy_reference):
    folder = copy_reference(L)
    before = {p: p.stat().st_mtime_ns for p in folder.iterdir()}
    load_dataset(L, folder)
    assert {p: p.stat().st_mtime_ns for p in folder.iterdir()} == before


def test_summary_is_dutch(reference_dir):
    text = load_dataset(D, reference_dir).summary()
    assert "6.000 rijen" in text and "periode 01-07-2024 t/m 09-06-2026" in text


def test_semicolon_csv_reads_dutch_thousands_dots(tmp_path):
    table = raw_strings(D)
    table["achterstand_euro"] = table["achterstand_euro"].str.replace(".", ",", regex=False)
    table.loc[0, "achterstand_euro"] = "1.234,56"
    table.loc[1, "achterstand_euro"] = "12.345"
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / f"{D}.csv").write_text(table.to_csv(index=False, sep=";"), encoding="utf-8")
    amounts = load_dataset(D, folder).data["achterstand_euro"]
    assert amounts.iloc[0] == 1234.56 and amounts.iloc[1] == 12345.0  # not 1.234 euro
    assert amounts.iloc[2] == float(raw_strings(D).loc[2, "achterstand_euro"])
