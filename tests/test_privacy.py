"""Identifiers are dropped at loading, pseudonyms are keyed, small cells are suppressed."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from werkplaats.errors import PrivacyError
from werkplaats.privacy import (
    create_key_file,
    identifier_kind,
    is_bsn,
    is_identifier_name,
    load_key,
    pseudonymise,
)
from werkplaats.validate import load_dataset


@pytest.mark.parametrize("number", ["111222333", "123456782", "999990019"])
def test_valid_bsn_passes_elfproef(number):
    assert is_bsn(number)


@pytest.mark.parametrize("number", ["111222334", "12345678", "000000000", "abcdefghi"])
def test_invalid_bsn_fails_elfproef(number):
    assert not is_bsn(number)


@pytest.mark.parametrize("name", ["bsn", "BSN", "Naam", "achternaam", "e-mail", "E_mail", "telefoon", "Postcode",
                                  "geboorte_datum", "Adres", "mobiel_nummer"])
def test_identifier_names_are_recognised(name):
    assert is_identifier_name(name)


@pytest.mark.parametrize("name", ["gemeente", "wijk", "leeftijd", "team", "opmerking_id"])
def test_ordinary_names_are_not_identifiers(name):
    assert not is_identifier_name(name)


@pytest.mark.parametrize(
    ("values", "kind"),
    [(["x", "bel 111222333 morgen"], "BSN"), (["jan@voorbeeld.nl"], "e-mailadres"),
     (["06-12345678"], "telefoonnummer"), (["+31 30 1234567"], "telefoonnummer"),
     (["3511 AB"], "postcode"), (["3511AB Utrecht"], "postcode"), (["geen bijzonderheden", "123"], None)],
)
def test_identifiers_recognised_by_content(values, kind):
    assert identifier_kind(pd.Series(values)) == kind


def test_loading_drops_identifier_columns_and_free_text(reference_dir, tmp_path):
    table = pd.read_csv(reference_dir / "clientervaring_antwoorden.csv", dtype=str, keep_default_na=False)
    table["BSN"] = "111222333"
    table["contact"] = "jan.jansen@voorbeeld.nl"
    table["kenmerk"] = "3511 AB"
    table["extra_score"] = "7"
    table.loc[0, "toelichting"] = "Mijn buurman Piet de Vries (06-12345678) helpt mij"
    (tmp_path / "clientervaring_antwoorden.csv").write_text(table.to_csv(index=False), encoding="utf-8")
    loaded = load_dataset("clientervaring_antwoorden", tmp_path)
    assert set(loaded.removed) == {"bsn", "contact", "kenmerk", "extra_score", "toelichting"}
    assert loaded.removed["bsn"] == "direct identificerend gegeven"
    assert loaded.removed["contact"] == "bevat e-mailadres: direct identificerend"
    assert "postcode" in loaded.removed["kenmerk"]
    text = loaded.data.to_csv()
    for secret in ("111222333", "voorbeeld.nl", "3511 AB", "Piet", "06-12345678"):
        assert secret not in text
    assert "verwijderd" in loaded.summary()


def test_pseudonym_is_keyed_not_a_plain_hash():
    bsn = "111222333"
    p1 = pseudonymise([bsn], key=b"sleutel-een").iloc[0]
    p2 = pseudonymise([bsn], key=b"sleutel-twee").iloc[0]
    assert p1 != p2
    plain = hashlib.sha256(bsn.encode()).hexdigest()
    assert p1[1:] not in plain and plain[:16] != p1[1:]
    assert pseudonymise([bsn, bsn], key=b"sleutel-een").nunique() == 1  # links records


def test_pseudonym_keeps_missing_missing():
    out = pseudonymise(["1", "", None], key=b"k")
    assert out.isna().tolist() == [False, True, True]


def test_pseudonym_of_a_loaded_text_column_with_missing_values():
    ids = pd.Series(["H001", pd.NA, "H001"], dtype=pd.StringDtype("pyarrow"))  # as load_dataset gives
    out = pseudonymise(ids, key=b"k")
    assert out.isna().tolist() == [False, True, False] and out[0] == out[2]


def test_missing_key_is_a_dutch_error(monkeypatch, tmp_path):
    monkeypatch.delenv("WERKPLAATS_SLEUTEL", raising=False)
    monkeypatch.setenv("WERKPLAATS_SLEUTELBESTAND", str(tmp_path / "geen"))
    with pytest.raises(PrivacyError, match="werkplaats sleutel"):
        load_key()


def test_key_file_round_trip(monkeypatch, tmp_path):
    monkeypatch.delenv("WERKPLAATS_SLEUTEL", raising=False)
    path = create_key_file(tmp_path / "sleutel")
    monkeypatch.setenv("WERKPLAATS_SLEUTELBESTAND", str(path))
    assert oct(path.stat().st_mode)[-3:] == "600"
    assert len(load_key()) == 64
    with pytest.raises(PrivacyError, match="al een sleutel"):
        create_key_file(path)


def test_key_from_environment(monkeypatch):
    monkeypatch.setenv("WERKPLAATS_SLEUTEL", "geheim")
    assert pseudonymise(["x"]).iloc[0] == pseudonymise(["x"], key=b"geheim").iloc[0]


# --- BSNs in every common notation (issue 16) ---

@pytest.mark.parametrize("text", ["111222333", "1112.22.333", "111 222 333", "111-22-2333", " 111.222.333 "])
def test_bsn_recognised_in_every_notation(text):
    from werkplaats.privacy import is_bsn

    assert is_bsn(text)


@pytest.mark.parametrize("text", ["111222334", "1112.22.33", "11-1222-333x", "13-02-2025", "06-12345678"])
def test_not_a_bsn(text):
    from werkplaats.privacy import is_bsn

    assert not is_bsn(text)


def test_eight_digit_bsns_only_as_a_column():
    """A leading zero dropped by Excel: a column of them is refused, one 8-digit study code is not."""
    import pandas as pd

    from werkplaats.privacy import bsn_hits, is_bsn

    eight = [str(n) for n in range(10000000, 10002000) if is_bsn(str(n).zfill(9))][:20]
    assert bsn_hits(pd.Series(eight)).all()
    codes = pd.Series([f"{20250000 + i}" for i in range(200)])  # 8-digit study codes
    assert not bsn_hits(codes).any()


@pytest.mark.parametrize("text", ["mijn bsn is 1112.22.333", "BSN: 111 222 333.", "nr 111-22-2333, bel"])
def test_bsn_in_free_text_any_notation(text):
    import pandas as pd

    from werkplaats.privacy import identifier_kind

    assert identifier_kind(pd.Series(["niets", text])) == "BSN"


def test_bsn_inside_an_id_code_is_found():
    import pandas as pd

    from werkplaats.privacy import bsn_hits

    assert bsn_hits(pd.Series(["D0001", "bsn-111222333", "P 1112.22.333", "D0004"])).tolist() == [
        False, True, True, False]
