"""The pandera schema built from a codebook."""

from werkplaats.schema import schema_for


def test_schema_columns_follow_codebook():
    schema = schema_for("eenzaamheid_metingen")
    assert schema.unique == ["deelnemer_id", "meting"]
    assert not schema.columns["groep"].nullable and schema.columns["leeftijd"].nullable


def test_signal_schema_has_date_order_checks():
    names = [c.name for c in schema_for("vroegsignalering_signalen").checks]
    assert "date_order:signaal_datum:contactpoging_datum" in names
    assert "date_order:contactpoging_datum:contact_datum" in names
