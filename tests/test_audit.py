"""The audit: each attack class recovers a figure where one is known to be recoverable, and
nothing from tables that protection made."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from werkplaats.audit import audit_folder, audit_release, audit_report
from werkplaats.disclosure import protect
from werkplaats.results import table_record
from werkplaats.roles import ci_low, count, declare, label, share

MIN = 10


def _sources(values: list, *, with_total: bool = True) -> pd.DataFrame:
    names = [f"bron{i}" for i in range(len(values))]
    if with_total:
        names, values = [*names, "totaal"], [*values, sum(v for v in values if v is not None and not pd.isna(v))]
    frame = pd.DataFrame({"bron": names, "n": pd.array(values, dtype="Int64")})
    return declare(frame, unit="huishoudens", partition="bron", partition_total="totaal" if with_total else None,
                   columns={"bron": label("bron"), "n": count("huishoudens")})


def test_f_a_published_small_count():
    found = audit_report({"t": _sources([25, 7, 30])}, min_cel=MIN)
    assert [(f.attack, f.value) for f in found] == [("gepubliceerd aantal", 7.0)]


def test_a_total_minus_the_visible_parts():
    table = _sources([25, 7, 30])
    table.loc[1, "n"] = pd.NA  # hand-blanked, as the old code did: 62 - 25 - 30 = 7
    found = audit_report({"t": table}, min_cel=MIN)
    assert [(f.attack, f.row, f.value) for f in found] == [("totaal in de tabel", 1, 7.0)]


def test_d_share_times_denominator_and_e_interval_with_a_hidden_count():
    frame = pd.DataFrame({"g": ["a", "b"], "n": pd.array([40, pd.NA], dtype="Int64"),
                          "eenzaam": [3 / 40, 0.5], "lo": [0.01, 0.3]})
    table = declare(frame, unit="deelnemers", columns={
        "g": label("g"), "n": count("n"), "eenzaam": share("eenzaam", on="n"),
        "lo": ci_low("van", on="n", of="eenzaam")})
    found = audit_report({"t": table}, min_cel=MIN)
    attacks = {(f.attack, f.row, f.column) for f in found}
    assert ("aandeel × noemer", 0, "eenzaam") in attacks
    assert ("cijfer bij een verborgen of klein aantal", 1, "eenzaam") in attacks
    assert ("cijfer bij een verborgen of klein aantal", 1, "lo") in attacks


def test_c_alle_minus_the_other_gemeenten():
    alle = _sources([40, 30], with_total=False)
    a = _sources([25, 12], with_total=False)
    b = _sources([15, 18], with_total=False)
    c = _sources([0, 0], with_total=False)
    assert audit_release({"alle": {"t": alle}, "A": {"t": a}, "B": {"t": b}, "C": {"t": c}}, min_cel=MIN) == []
    small_b = _sources([8, 18], with_total=False)
    small_b.loc[0, "n"] = pd.NA
    alle2 = _sources([33, 30], with_total=False)
    found = audit_release({"alle": {"t": alle2}, "A": {"t": a}, "B": {"t": small_b}, "C": {"t": c}}, min_cel=MIN)
    assert [(f.report, f.attack, f.value) for f in found] == [("B", "alle min de andere gemeenten", 8.0)]


def test_release_that_does_not_add_up_is_not_differenced():
    alle = _sources([40, 31], with_total=False)  # 31 != 12 + 18: not additive, nothing inferred
    a, b = _sources([25, 12], with_total=False), _sources([pd.NA, 18], with_total=False)
    assert audit_release({"alle": {"t": alle}, "A": {"t": a}, "B": {"t": b}}, min_cel=MIN) == []


def test_audit_folder_reads_results_json(tmp_path):
    for name, table in (("alle", _sources([40, 30], with_total=False)), ("A", _sources([25, 12], with_total=False)),
                        ("B", _sources([15, 18], with_total=False))):
        folder = tmp_path / "analyse" / name
        folder.mkdir(parents=True)
        document = {"analysis": "x", "provenance": {"parameters": {"gemeente": name, "min_cel": 10},
                                                     "inputs": {"d.csv": "ff"}},
                    "tabellen": {"t": table_record(table)}}
        (folder / "results.json").write_text(json.dumps(document), encoding="utf-8")
    assert audit_folder(tmp_path) == []
    document = json.loads((tmp_path / "analyse" / "B" / "results.json").read_text())
    document["tabellen"]["t"]["rijen"][0]["n"] = 5
    (tmp_path / "analyse" / "B" / "results.json").write_text(json.dumps(document))
    found = audit_folder(tmp_path)
    assert any(f.report == "analyse/B" and f.attack == "gepubliceerd aantal" for f in found)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=2, max_size=7), st.integers(2, 15))
def test_property_the_audit_recovers_nothing_from_a_protected_table(values, min_cel):
    table = protect(_sources(values), min_cel=min_cel)
    assert audit_report({"t": table}, min_cel=min_cel) == []


def test_property_protected_shares_recover_nothing():
    rng = np.random.default_rng(7)
    n = rng.integers(0, 60, 30)
    k = (rng.random(30) * n).round()
    shares = np.where(n > 0, k / np.maximum(n, 1), np.nan)
    frame = pd.DataFrame({"g": [f"g{i}" for i in range(30)], "n": n, "s": shares})
    table = declare(frame, unit="deelnemers", columns={"g": label("g"), "n": count("n"), "s": share("s", on="n")})
    assert audit_report({"t": protect(table, min_cel=MIN)}, min_cel=MIN) == []
    assert audit_report({"t": table}, min_cel=MIN)  # and the unprotected table does leak


def test_audit_command_exit_status_and_one_line_per_leak(tmp_path):
    from click.testing import CliRunner

    from werkplaats.cli import main

    folder = tmp_path / "rapporten" / "x" / "alle"
    folder.mkdir(parents=True)
    document = {"analysis": "x", "provenance": {"parameters": {"gemeente": "alle", "min_cel": 10}},
                "tabellen": {"t": table_record(_sources([25, 30]))}}
    (folder / "results.json").write_text(json.dumps(document), encoding="utf-8")
    ok = CliRunner().invoke(main, ["audit", str(tmp_path / "rapporten")])
    assert ok.exit_code == 0 and "OK    1 rapport(en)" in ok.output
    document["tabellen"]["t"] = table_record(_sources([25, 7, 30]))
    (folder / "results.json").write_text(json.dumps(document), encoding="utf-8")
    leak = CliRunner().invoke(main, ["audit", str(tmp_path / "rapporten")])
    assert leak.exit_code == 1
    assert "LEK   x/alle: tabel 't', rij 2, kolom 'n': gepubliceerd aantal geeft 7 terug" in leak.output


def test_audit_folder_follows_published_links_and_skips_workspaces(tmp_path):
    """The runner publishes by switching a link to a hidden folder; the audit reads what the
    link shows, once, and never a workspace in progress."""
    base = tmp_path / "rapporten" / "x"
    hidden = base / ".alle-abc"
    hidden.mkdir(parents=True)
    document = {"analysis": "x", "provenance": {"parameters": {"gemeente": "alle", "min_cel": 10}},
                "tabellen": {"t": table_record(_sources([25, 7, 30]))}}
    (hidden / "results.json").write_text(json.dumps(document), encoding="utf-8")
    (base / ".werk-123").mkdir()
    (base / ".werk-123" / "results.json").write_text(json.dumps(document), encoding="utf-8")
    (base / "alle").symlink_to(hidden.name)
    found = audit_folder(tmp_path / "rapporten")
    assert [f.report for f in found] == ["x/alle"]


def test_a_blanked_share_is_recovered_from_the_total_row_and_the_other_shares():
    """Reviewer's case: .3 x 100 - .5 x 50 = 5; the audit must find it, protection must close it."""
    frame = pd.DataFrame({"g": ["a", "b", "tot"], "n": [50, 50, 100], "s": [0.5, None, 0.3]})
    table = declare(frame, unit="antwoorden", partition="g", partition_total="tot",
                    columns={"g": label("g"), "n": count("n"), "s": share("s", on="n")})
    found = audit_report({"t": table}, min_cel=MIN)
    assert [(f.attack, f.row, f.column, f.value) for f in found] == [("totaal in de tabel", 1, "s", 5.0)]
    protected = protect(declare(frame.assign(s=[0.5, 0.1, 0.3]), unit="antwoorden", partition="g",
                                partition_total="tot",
                                columns={"g": label("g"), "n": count("n"), "s": share("s", on="n")}), min_cel=MIN)
    assert audit_report({"t": protected}, min_cel=MIN) == []


def test_crossing_totals_are_solved_together():
    rows = [("r1", "c1", None), ("r1", "c2", None), ("r1", "tot", 20), ("r2", "c1", None), ("r2", "c2", 30),
            ("r2", "tot", 34), ("tot", "c1", 9), ("tot", "c2", None), ("tot", "tot", 54)]
    frame = pd.DataFrame(rows, columns=["rij", "kol", "n"])
    table = declare(frame, unit="huishoudens", partition="kol", partition_total="tot",
                    columns={"rij": label("rij"), "kol": label("kol"), "n": count("n")})
    found = audit_report({"t": table}, min_cel=MIN)
    assert ("totaal in de tabel", 3, "n", 4.0) in [(f.attack, f.row, f.column, f.value) for f in found]
