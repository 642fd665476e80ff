"""Codebooks agree with the data contract (section 2)."""

from werkplaats.codebook import dataset_names, get_codebook


def test_all_contract_datasets_have_a_codebook():
    assert dataset_names() == ["clientervaring_antwoorden", "clientervaring_populatie",
                               "eenzaamheid_metingen", "vroegsignalering_signalen"]


def test_djg_items_and_keys():
    cb = get_codebook("eenzaamheid_metingen")
    items = [c for c in cb.columns if c.startswith("djg_")]
    assert items == [f"djg_{i:02d}" for i in range(1, 12)]
    assert all(cb.columns[c].values == ["ja", "min of meer", "nee"] for c in items)
    assert cb.key == ["deelnemer_id", "meting"]


def test_free_text_is_never_analysed():
    cb = get_codebook("clientervaring_antwoorden")
    assert cb.free_text == ["toelichting"] and "toelichting" not in cb.analysed
    assert cb.columns["v05"].values == ["ja", "nee"]
    assert cb.columns["v01"].values[-1] == "weet niet / n.v.t."


def test_signal_rules():
    cb = get_codebook("vroegsignalering_signalen")
    assert {"date_order": ["signaal_datum", "contactpoging_datum", "contact_datum"]} in cb.rules
    assert cb.columns["achterstand_euro"].min_exclusive == 0


def test_allowed_text_is_dutch():
    cb = get_codebook("eenzaamheid_metingen")
    assert cb.columns["leeftijd"].allowed_text() == "een geheel getal minstens 18 en hoogstens 110"
