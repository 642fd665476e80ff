"""The publication boundary: primary and within-table secondary protection of any table with roles.

Every recovery checked here is one an attacker can do by hand: read a small count, or
subtract the visible parts of a relation from its total.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from werkplaats.disclosure import protect, small
from werkplaats.roles import ci_high, ci_low, count, declare, estimate, label, mean, roles_of, share

MIN = 10


def _visible(value) -> bool:
    return not pd.isna(value)


def test_small_counts():
    assert [small(v, MIN) for v in (0, 1, 9, 10, None, np.nan, pd.NA)] == [False, True, True, False,
                                                                             False, False, False]


def test_primary_counts_and_the_statistics_on_them():
    frame = pd.DataFrame({"groep": ["a", "b", "c"], "n": [25, 7, 0], "eenzaam": [0.4, 0.3, np.nan],
                          "lo": [0.2, 0.1, np.nan], "hi": [0.6, 0.6, np.nan]})
    table = declare(frame, unit="deelnemers", columns={
        "groep": label("groep"), "n": count("n"), "eenzaam": share("eenzaam", on="n"),
        "lo": ci_low("van", on="n"), "hi": ci_high("tot", on="n")})
    out = protect(table, min_cel=MIN)
    assert out["n"].tolist()[0] == 25 and pd.isna(out["n"][1]) and out["n"][2] == 0  # 0 may be shown
    assert out["eenzaam"].notna().tolist() == [True, False, False]
    assert pd.isna(out["lo"][1]) and pd.isna(out["hi"][1])  # an interval with its n reveals n
    assert out["suppressed"].tolist() == [False, True, True]
    assert roles_of(out).counts == ["n"]  # roles stay attached


def test_a_statistic_on_a_blanked_count_is_blanked_even_when_the_count_is_large_enough():
    frame = pd.DataFrame({"g": ["a", "b"], "n": [40, 30], "x": [3, 27], "m": [1.5, 2.5]})
    table = declare(frame, unit="huishoudens", partition="g", columns={
        "g": label("g"), "n": count("n"), "x": count("x"), "m": mean("m", on="n")})
    out = protect(table, min_cel=MIN)
    assert pd.isna(out["x"][0]) and pd.isna(out["x"][1])  # 3 small; 27 = total - 3 must go too
    assert out["m"].notna().all()  # n itself is safe


def test_within_a_row_total_minus_one_part_gives_the_other():
    """The issue's example: n - n_controle gave a hidden n_interventie (27 - 19 = 8)."""
    frame = pd.DataFrame({"geslacht": ["man"], "n": [27], "n_interventie": [8], "n_controle": [19],
                          "effect": [-1.2]})
    table = declare(frame, unit="deelnemers", totals={"n": ("n_interventie", "n_controle")}, columns={
        "geslacht": label("geslacht"), "n": count("n"), "n_interventie": count("interventie"),
        "n_controle": count("controle"), "effect": estimate("effect", on=("n_interventie", "n_controle"))})
    out = protect(table, min_cel=MIN).iloc[0]
    assert pd.isna(out["n_interventie"]) and pd.isna(out["n_controle"]) and pd.isna(out["effect"])


def test_partition_with_a_total_row():
    """Sources within a gemeente with a 'totaal' row: 56 - 25 - 11 - 13 gave 7."""
    frame = pd.DataFrame({"bron": ["energie", "water", "zorg", "huur", "totaal"],
                          "geaccepteerd": [25, 7, 11, 13, 56]})
    table = declare(frame, unit="huishoudens", partition="bron", partition_total="totaal",
                    columns={"bron": label("bron"), "geaccepteerd": count("geaccepteerd")})
    out = protect(table, min_cel=MIN)
    assert out["geaccepteerd"].isna().sum() == 2
    assert pd.isna(out["geaccepteerd"][1]) and pd.isna(out["geaccepteerd"][2])  # 7 and the next smallest
    assert out.loc[4, "geaccepteerd"] == 56


def test_partition_within_each_combination_of_the_other_labels():
    frame = pd.DataFrame({"gemeente": ["A", "A", "A", "B", "B", "B"],
                          "geslacht": ["man", "vrouw", "anders", "man", "vrouw", "anders"],
                          "n": [134, 228, 4, 50, 60, 0]})
    table = declare(frame, unit="deelnemers", partition="geslacht",
                    columns={"gemeente": label("gemeente"), "geslacht": label("geslacht"), "n": count("n")})
    out = protect(table, min_cel=MIN)
    assert out["n"].isna().tolist() == [True, False, True, False, False, False]


def test_no_protection_needed_changes_nothing():
    frame = pd.DataFrame({"g": ["a", "b"], "n": [40, 30]})
    table = declare(frame, unit="deelnemers", partition="g", columns={"g": label("g"), "n": count("n")})
    out = protect(table, min_cel=MIN)
    assert out["n"].tolist() == [40, 30] and not out["suppressed"].any()


def _recoverable(out: pd.DataFrame, parts: list[str] | None, groups: list[list[int]]) -> list[tuple]:
    """Cells an attacker gets back: a relation (known total) with exactly one blanked cell."""
    found = []
    for rows in groups:
        for col in parts:
            hidden = [r for r in rows if pd.isna(out.loc[r, col])]
            if len(hidden) == 1:
                found.append((hidden[0], col))
    return found


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), min_size=2, max_size=2), min_size=2, max_size=6),
       st.integers(2, 15))
def test_property_no_small_count_shown_and_no_relation_with_one_blank(cells, min_cel):
    """Random tables (categories x two counts, totals published elsewhere): nothing small is
    shown, and no category partition has exactly one blanked cell."""
    frame = pd.DataFrame({"cat": [f"c{i}" for i in range(len(cells))],
                          "a": [c[0] for c in cells], "b": [c[1] for c in cells]})
    table = declare(frame, unit="huishoudens", partition="cat",
                    columns={"cat": label("cat"), "a": count("a"), "b": count("b")})
    out = protect(table, min_cel=min_cel)
    for col in ("a", "b"):
        shown = out[col].dropna()
        assert not ((shown > 0) & (shown < min_cel)).any()
    assert _recoverable(out, ["a", "b"], [list(range(len(cells)))]) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=1, max_size=5))
def test_property_row_totals_never_give_a_part_back(rows):
    frame = pd.DataFrame({"r": [f"r{i}" for i in range(len(rows))], "x": [a for a, _ in rows],
                          "y": [b for _, b in rows]})
    frame["n"] = frame["x"] + frame["y"]
    table = declare(frame, unit="deelnemers", totals={"n": ("x", "y")},
                    columns={"r": label("r"), "x": count("x"), "y": count("y"), "n": count("n")})
    out = protect(table, min_cel=MIN)
    for _, row in out.iterrows():
        blanks = sum(pd.isna(row[c]) for c in ("x", "y", "n"))
        assert blanks != 1
        for c in ("x", "y", "n"):
            assert pd.isna(row[c]) or not (0 < row[c] < MIN)


def test_protection_is_deterministic():
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"g": list("abcdef"), "n": rng.integers(0, 30, 6)})
    table = declare(frame, unit="deelnemers", partition="g", columns={"g": label("g"), "n": count("n")})
    outs = [protect(table, min_cel=MIN) for _ in range(3)]
    for a, b in itertools.pairwise(outs):
        pd.testing.assert_frame_equal(a, b)


def test_requires_roles():
    from werkplaats.roles import RolesError

    with pytest.raises(RolesError):
        protect(pd.DataFrame({"n": [3]}), min_cel=MIN)


def test_a_share_gives_back_its_numerator_and_complement():
    """Attack (d): share x denominator. 3 of 40 lonely people, or 37 of 40 (3 not lonely), is a
    count of 3; the interval that belongs to it goes too (an interval with its n gives the share)."""
    frame = pd.DataFrame({"groep": ["a", "b", "c"], "n": [40, 40, 40],
                          "eenzaam": [3 / 40, 37 / 40, 20 / 40], "lo": [0.02, 0.8, 0.35],
                          "ernstig": [20 / 40, 20 / 40, 20 / 40], "e_lo": [0.35, 0.35, 0.35]})
    table = declare(frame, unit="deelnemers", columns={
        "groep": label("groep"), "n": count("n"), "eenzaam": share("eenzaam", on="n"),
        "lo": ci_low("van", on="n", of="eenzaam"), "ernstig": share("ernstig", on="n"),
        "e_lo": ci_low("van", on="n", of="ernstig")})
    out = protect(table, min_cel=MIN)
    assert out["eenzaam"].isna().tolist() == [True, True, False]
    assert out["lo"].isna().tolist() == [True, True, False]
    assert out["ernstig"].notna().all() and out["e_lo"].notna().all()  # another share on the same n stays
    assert out["n"].tolist() == [40, 40, 40]


def test_a_rate_on_two_counts_uses_the_larger_as_denominator():
    frame = pd.DataFrame({"g": ["a", "b"], "respondenten": [30, 30], "populatie": [35, 300],
                          "respons": [30 / 35, 30 / 300]})
    table = declare(frame, unit="cliënten", columns={
        "g": label("g"), "respondenten": count("respondenten"), "populatie": count("populatie"),
        "respons": share("respons", on=("respondenten", "populatie"))})
    out = protect(table, min_cel=MIN)
    assert out["respons"].isna().tolist() == [True, False]  # 5 clients did not respond


def test_release_protection_closes_alle_minus_the_other_gemeenten():
    """Attack (c): the alle report minus the other gemeenten's reports. Protected together, the
    release hides at least two cells of every such relation, and every report gets its slice."""
    from werkplaats.disclosure import protect_release, protect_report, release_versions

    data = pd.DataFrame({"gemeente": ["A"] * 30 + ["B"] * 25 + ["C"] * 7,
                         "maand": (["jan", "feb"] * 31)[:62]})

    def per_month(part: pd.DataFrame) -> pd.DataFrame:
        counts = part.groupby("maand").size().reindex(["jan", "feb"], fill_value=0).reset_index(name="n")
        return declare(counts, unit="huishoudens", partition="maand",
                       columns={"maand": label("maand"), "n": count("huishoudens")})

    versions = release_versions(data, per_month)
    assert list(versions) == ["alle", "A", "B", "C"]
    out = protect_release(versions, min_cel=MIN)
    for month in range(2):
        shown = {g: out[g]["n"].iloc[month] for g in ("A", "B", "C")}
        hidden = [g for g, v in shown.items() if pd.isna(v)]
        assert len(hidden) != 1 and "C" in hidden  # C's 3 or 4 is never given back
        assert not pd.isna(out["alle"]["n"].iloc[month])
    report = protect_report({"t": versions["B"]}, report="B", min_cel=MIN, release={"t": versions})
    pd.testing.assert_frame_equal(report["t"], out["B"])


def test_published_once_protects_once_and_hands_out_copies():
    from werkplaats.disclosure import published_once

    calls = []

    class Results:
        gemeente, min_cel = "alle", 10

    @published_once
    def tables(results):
        calls.append(1)
        frame = pd.DataFrame({"g": ["a"], "n": [12]})
        return {"t": declare(frame, unit="deelnemers", columns={"g": label("g"), "n": count("n")})}

    results = Results()
    first, second = tables(results), tables(results)
    first["t"].loc[0, "n"] = 99
    assert calls == [1] and second["t"].loc[0, "n"] == 12 and tables(results)["t"].loc[0, "n"] == 12
    assert roles_of(second["t"]).counts == ["n"]
    results.min_cel = 20
    tables(results)
    assert calls == [1, 1]


def test_published_once_sees_a_changed_table():
    import copy

    from werkplaats.disclosure import published_once

    def table(n):
        return declare(pd.DataFrame({"g": ["a"], "n": [n]}), unit="deelnemers",
                       columns={"g": label("g"), "n": count("n")})

    class Results:
        gemeente, min_cel = "alle", 10

        def __init__(self, t):
            self.t = t

    @published_once
    def tables(results):
        return {"t": protect(results.t, min_cel=10)}

    results = Results(table(50))
    assert tables(results)["t"]["n"].tolist() == [50]
    results.t = table(5)
    assert tables(results)["t"]["n"].isna().all()
    other = copy.copy(results)
    other.t = table(70)
    assert tables(other)["t"]["n"].tolist() == [70]


def test_crossing_relations_give_nothing_back():
    """Reviewer's case: rows and columns of small cells with their totals; every single relation
    hides two or more cells, yet row sums minus column sums gave a cell back."""
    from werkplaats.exposure import determined

    cells = [[5, 3, 30, 40], [2, 6, 25, 35], [40, 30, 20, 50], [35, 45, 60, 20]]
    rows = []
    for r, values in enumerate(cells):
        rows += [{"rij": f"r{r}", "kol": f"c{c}", "n": v} for c, v in enumerate(values)]
        rows.append({"rij": f"r{r}", "kol": "totaal", "n": sum(values)})
    for c in range(4):
        rows.append({"rij": "totaal", "kol": f"c{c}", "n": sum(v[c] for v in cells)})
    rows.append({"rij": "totaal", "kol": "totaal", "n": sum(map(sum, cells))})
    frame = pd.DataFrame(rows)
    cols = {"rij": label("rij"), "kol": label("kol"), "n": count("n")}
    table = declare(frame, unit="huishoudens", columns=cols, partition="kol", partition_total="totaal")
    out = protect(table, min_cel=MIN, across=[("rij", "totaal")])
    assert not ((out["n"] > 0) & (out["n"] < MIN)).fillna(False).any()
    from werkplaats.disclosure import _relations
    from werkplaats.roles import roles_of as roles

    relations = _relations(frame, roles(table), [("rij", "totaal")])
    unknown = {(i, "n") for i in range(len(out)) if pd.isna(out["n"].iloc[i])}
    assert not {c for c in determined(relations, unknown) if 0 < frame.at[c[0], "n"] < MIN}


def test_shares_of_categories_and_the_region_give_no_hidden_share_back():
    """Reviewer's case: shares of answer categories add up to 1, and region share x n equals the
    sum over the gemeenten; a blanked share must not follow from the others."""
    from werkplaats.disclosure import protect_linked

    parts = declare(pd.DataFrame({"gemeente": ["a", "b"], "n": [50, 50], "s": [0.5, 0.1]}), unit="antwoorden",
                    columns={"gemeente": label("gemeente"), "n": count("n"), "s": share("s", on="n")})
    whole = declare(pd.DataFrame({"n": [100], "s": [0.3]}), unit="antwoorden",
                    columns={"n": count("n"), "s": share("s", on="n")})
    p, w = protect_linked(parts, whole, by="gemeente", total="regio", min_cel=MIN)
    assert pd.isna(p["s"].iloc[1])  # 5 of 50
    assert pd.isna(p["s"].iloc[0]) or pd.isna(w["s"].iloc[0])  # else 0.3 x 100 - 0.5 x 50 = 5
    answers = declare(pd.DataFrame({"antwoord": ["eens", "neutraal", "oneens", "weet niet"], "n": [221] * 4,
                                    "s": [0.49, 0.16, 9 / 221, 1 - 0.49 - 0.16 - 9 / 221]}),
                      unit="antwoorden", partition="antwoord",
                      columns={"antwoord": label("antwoord"), "n": count("n"), "s": share("s", on="n")})
    out = protect(answers, min_cel=MIN)
    assert out["s"].isna().sum() >= 2  # 9 people: never the only blank among shares that sum to 1
