"""results.json: JSON-safe values, provenance with input hashes, atomic write."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import numpy as np
import pandas as pd

from werkplaats.results import to_jsonable, write_results


def test_to_jsonable_handles_numpy_pandas_and_missing():
    @dataclasses.dataclass
    class Fig:
        n: int
        share: float

    value = {"a": np.float64(0.25), "b": np.int32(4), "c": [np.nan, pd.NA, None], "d": Fig(3, 0.5),
             "e": pd.Timestamp("2026-06-30"), "f": np.bool_(True), "g": pd.DataFrame({"x": [1]})}
    out = to_jsonable(value)
    assert out == {"a": 0.25, "b": 4, "c": [None, None, None], "d": {"n": 3, "share": 0.5},
                   "e": "2026-06-30T00:00:00", "f": True, "g": [{"x": 1}]}
    json.dumps(out, allow_nan=False)


def test_write_results_has_provenance_and_figures(tmp_path):
    data = tmp_path / "in.csv"
    data.write_bytes(b"a,b\n1,2\n")
    path = write_results(tmp_path / "out", "eenzaamheid", {"prevalence_T0": {"n": 12, "eenzaam": 0.5}},
                         parameters={"gemeente": "alle", "min_cel": 10}, inputs=[data])
    result = json.loads(path.read_text())
    assert result["analysis"] == "eenzaamheid"
    assert result["prevalence_T0"] == {"n": 12, "eenzaam": 0.5}
    prov = result["provenance"]
    assert prov["inputs"] == {"in.csv": hashlib.sha256(b"a,b\n1,2\n").hexdigest()}
    assert prov["parameters"] == {"gemeente": "alle", "min_cel": 10}
    assert prov["werkplaats_version"].startswith("0.1.0+") and "created" in prov
    assert sorted(p.name for p in path.parent.iterdir()) == ["results.json"]


def test_save_results_writes_key_figures_every_protected_table_with_roles_and_provenance(tmp_path):
    from support import REFERENCE_DIR

    from werkplaats import vroegsignalering as lijn
    from werkplaats.lines import load_line
    from werkplaats.results import save_results, table_from_record
    from werkplaats.roles import roles_of

    loaded = load_line("vroegsignalering", REFERENCE_DIR)
    results = lijn.analyse(lijn.prepare(loaded), min_cel=10)
    path = save_results(tmp_path, lijn, results, loaded, parameters={"data_dir": "x"})
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["analysis"] == "vroegsignalering" and "funnel" in saved
    assert saved["provenance"]["parameters"]["min_cel"] == 10 and saved["provenance"]["parameters"]["data_dir"] == "x"
    assert saved["provenance"]["inputs"] == {"vroegsignalering_signalen.csv": loaded[lijn.DATASETS[0]].sha256}
    published = lijn.tables(results)
    assert set(saved["tabellen"]) == set(published)
    for name, table in published.items():
        back = table_from_record(saved["tabellen"][name])
        assert roles_of(back).counts == roles_of(table).counts
        for col in roles_of(table).counts:  # the same cells are blanked in JSON as in the report
            assert back[col].isna().tolist() == table[col].isna().tolist(), (name, col)
