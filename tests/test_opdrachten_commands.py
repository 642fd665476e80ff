"""The lecturer's commands: werkplaats oefendata and werkplaats antwoorden."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from support import REFERENCE_DIR

from werkplaats.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_oefendata_one_group(tmp_path):
    result = run("oefendata", "--out", str(tmp_path), "--groep", "5", "--lijn", "eenzaamheid")
    assert result.exit_code == 0, result.output
    assert "groep 5 (seed 7005)" in result.output
    assert (tmp_path / "eenzaamheid_metingen.csv").exists()


def test_oefendata_many_groups(tmp_path):
    result = run("oefendata", "--out", str(tmp_path), "--groepen", "2", "--lijn", "eenzaamheid")
    assert result.exit_code == 0, result.output
    a, b = ((tmp_path / f"groep-{g}" / "eenzaamheid_metingen.csv").read_text() for g in (1, 2))
    assert a != b


def test_oefendata_needs_exactly_one_of_groep_and_groepen(tmp_path):
    assert run("oefendata", "--out", str(tmp_path)).exit_code == 2
    assert run("oefendata", "--out", str(tmp_path), "--groep", "1", "--groepen", "2").exit_code == 2


def test_oefendata_never_writes_into_data_raw(tmp_path):
    raw = tmp_path / "data" / "raw"
    result = run("oefendata", "--out", str(raw), "--groep", "1", "--lijn", "eenzaamheid")
    assert result.exit_code == 1 and "data/raw" in result.output


def test_antwoorden_on_a_data_folder(r_results):
    result = run("antwoorden", "--data", str(REFERENCE_DIR), "--lijn", "eenzaamheid")
    assert result.exit_code == 0, result.output
    for k in range(1, 6):
        assert f"eenzaamheid.{k}" in result.output
    assert f"antwoord: {r_results['ancova_T1']['effect']:.4f}" in result.output


def test_antwoorden_for_a_group_skips_missing_lines(tmp_path):
    run("oefendata", "--out", str(tmp_path), "--groep", "1", "--lijn", "eenzaamheid")
    result = run("antwoorden", "--data", str(tmp_path), "--lijn", "eenzaamheid", "--lijn", "clientervaring")
    assert result.exit_code == 0, result.output
    assert "eenzaamheid.1" in result.output and "clientervaring: geen data" in result.output


def test_antwoorden_bad_arguments():
    assert run("antwoorden").exit_code == 2
    bad = run("antwoorden", "--groep", "1", "--lijn", "schulden")
    assert bad.exit_code == 2 and "onbekende onderzoekslijn schulden" in bad.output


@pytest.mark.parametrize("line", ["eenzaamheid", "clientervaring", "vroegsignalering"])
def test_answer_key_matches_what_a_student_checks(tmp_path, line):
    """The key the lecturer prints is what controleer accepts on the same group's data."""
    from werkplaats.opdrachten import answer_key, beoordeel

    folder = tmp_path / "g"
    run("oefendata", "--out", str(folder), "--groep", "2", "--lijn", line)
    for task, answer in answer_key(folder, (line,)):
        given = {"keuze": answer.split(")")[0], "namen": answer}.get(task.kind) or float(answer)
        assert beoordeel(task.code, given, folder).correct, (task.code, json.dumps(answer))
