"""results.json cells from protected tables: a protected row is null with suppressed true."""

from __future__ import annotations

import pandas as pd

from werkplaats.clientervaring.results_json import agree_cells
from werkplaats.disclosure import protect
from werkplaats.roles import ci_high, ci_low, count, declare, label, share


def _table(n: list[int]) -> pd.DataFrame:
    frame = pd.DataFrame({"gemeente": ["A"] * len(n), "item": [f"v0{i + 1}" for i in range(len(n))], "n": n,
                          "agree": [0.5] * len(n), "ci_low": [0.4] * len(n), "ci_high": [0.6] * len(n)})
    return declare(frame, unit="antwoorden",
                   columns={"gemeente": label("gemeente"), "item": label("stelling"), "n": count("n"),
                            "agree": share("eens", on="n"), "ci_low": ci_low("van", on="n"),
                            "ci_high": ci_high("tot", on="n")})


def test_agree_cells_null_where_protected():
    cells = agree_cells(protect(_table([40, 4, 0]), min_cel=10), ["gemeente"])["A"]
    assert cells["v01"] == {"n": 40, "agree": 0.5, "ci": [0.4, 0.6], "suppressed": False}
    assert cells["v02"] == {"n": None, "agree": None, "ci": None, "suppressed": True}
    assert cells["v03"] == {"n": None, "agree": None, "ci": None, "suppressed": True}  # no share on 0 answers


def test_agree_cells_without_keys():
    assert set(agree_cells(protect(_table([40, 50]), min_cel=10), [])) == {"v01", "v02"}
