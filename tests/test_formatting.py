"""Dutch number formats and display tables."""

import math

import pandas as pd

from werkplaats.formatting import dutch_number, dutch_p, dutch_percent, dutch_points, show_table


def test_number_formats():
    assert dutch_percent(0.8312) == "83,1%"
    assert dutch_percent(0.5, 0) == "50%"
    assert dutch_number(1234567.891, 2) == "1.234.567,89"
    assert dutch_points(-0.0312) == "-3,1"
    assert (dutch_p(0.0004), dutch_p(0.0312)) == ("<0,001", "0,031")


def test_show_table_marks_suppressed_cells_and_renames():
    table = pd.DataFrame({"share": [0.8312, math.nan], "n": [1500.0, math.nan]})
    html = show_table(table, percent=["share"], numbers={"n": 0}, rename={"share": "aandeel"}).to_html()
    assert "83,1%" in html and "1.500" in html and "aandeel" in html
    assert html.count("–") == 2
