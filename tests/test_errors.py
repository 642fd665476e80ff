"""The Dutch error message format of the data contract (section 5)."""

from werkplaats.errors import DataError, dutch_list


def test_contract_example_message():
    err = DataError.for_values("eenzaamheid_metingen.csv", "djg_03", rows=[17, 45], values=["jaa", "jaa"],
                               problem="onbekend antwoord", allowed=["ja", "min of meer", "nee"])
    assert str(err) == ("eenzaamheid_metingen.csv: kolom djg_03, rij 17 en 45: onbekend antwoord 'jaa' "
                        "(toegestaan: ja, min of meer, nee)")
    assert err.column == "djg_03" and err.rows == [17, 45] and err.values == ["jaa"]


def test_dutch_list_limits():
    assert dutch_list([1]) == "1"
    assert dutch_list([1, 2]) == "1 en 2"
    assert dutch_list(list(range(1, 9))) == "1, 2, 3, 4, 5 en nog 3"


def test_values_in_messages_are_shortened():
    err = DataError.for_values("a.csv", "x", rows=[3], values=["y" * 1_000_000], problem="onbekend")
    assert len(str(err)) < 150 and str(err).endswith("y …'")
    assert dutch_list(["regel\nmet\teinde"], quote=True) == "'regel met einde'"
