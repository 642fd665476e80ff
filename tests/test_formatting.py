"""Dutch number formats and display tables."""


import pandas as pd

from werkplaats.formatting import dutch_number, dutch_p, dutch_percent, dutch_points


def test_number_formats():
    assert dutch_percent(0.8312) == "83,1%"
    assert dutch_percent(0.5, 0) == "50%"
    assert dutch_number(1234567.891, 2) == "1.234.567,89"
    assert dutch_points(-0.0312) == "-3,1"
    assert (dutch_p(0.0004), dutch_p(0.0312)) == ("<0,001", "0,031")


def test_show_formats_by_role_escapes_values_and_has_a_caption():
    from werkplaats.formatting import reader_table, show
    from werkplaats.roles import ci_low, count, declare, estimate, label, p_value, share

    frame = pd.DataFrame({"gemeente": ["<script>alert(1)</script>", "Zeist"], "n": [1051, None],
                          "aandeel": [0.8312, None], "lo": [0.75, None], "effect": [-0.04, 1.0],
                          "p": [0.0004, 0.2]})
    table = declare(frame, unit="deelnemers", title="Tabel <1>", columns={
        "gemeente": label("gemeente"), "n": count("deelnemers"), "aandeel": share("aandeel", on="n"),
        "lo": ci_low("interval van", on="n", percent=True), "effect": estimate("effect", on="n", decimals=1),
        "p": p_value(on="n")})
    text = reader_table(table)
    assert list(text.columns) == ["gemeente", "deelnemers", "aandeel", "interval van", "effect", "p"]
    assert text.iloc[0].tolist()[1:] == ["1.051", "83,1%", "75,0%", "0,0", "<0,001"]  # no "-0,0"
    assert text.iloc[1].tolist()[1:4] == ["–", "–", "–"]
    page = show(table).to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page and "Tabel &lt;1&gt;" in page


def test_show_escapes_headers_too():
    from werkplaats.formatting import show
    from werkplaats.roles import count, declare, label

    t = declare(pd.DataFrame({"g": ["x"], "n": [12]}), unit="deelnemers", title="T",
                columns={"g": label("<script>alert(1)</script>"), "n": count("aantal")})
    html = show(t).to_html()
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
