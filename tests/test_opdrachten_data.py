"""Exercise data per student group: seeds, the same streams as werkplaats.synth, folders, cache."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support import REFERENCE_DIR

from werkplaats.errors import ParameterError
from werkplaats.opdrachten.data import (
    ExerciseSet,
    check_line,
    default_folder,
    exercise_data,
    exercise_set,
    generate_line,
    seed_for_group,
)


def test_seed_for_group():
    assert seed_for_group(0) == 7000 and seed_for_group(7) == 7007
    for bad in (-1, 1.5, "3", True):
        with pytest.raises(ParameterError, match="groep moet een geheel getal"):
            seed_for_group(bad)


def test_check_line():
    assert check_line(" Cliëntervaring ") == "clientervaring"
    with pytest.raises(ParameterError, match="onbekende onderzoekslijn 'schulden'"):
        check_line("schulden")


def test_line_uses_its_own_stream_of_the_seed():
    """Exactly the stream werkplaats.synth.generate_all gives the loneliness line (the first)."""
    from werkplaats.eenzaamheid import synth as loneliness

    stream = np.random.SeedSequence(7001).spawn(3)[0]
    expected = loneliness.generate(np.random.default_rng(stream))["eenzaamheid_metingen"]
    pd.testing.assert_frame_equal(generate_line("eenzaamheid", 7001)["eenzaamheid_metingen"], expected)


def test_same_as_generate_all_when_every_line_exists():
    from werkplaats.synth import generate_all

    every = generate_all(7002)
    for line in ("eenzaamheid", "clientervaring", "vroegsignalering"):
        for name, table in generate_line(line, 7002).items():
            pd.testing.assert_frame_equal(table, every[name])


def test_groups_get_different_data():
    one = generate_line("eenzaamheid", seed_for_group(1))["eenzaamheid_metingen"]
    two = generate_line("eenzaamheid", seed_for_group(2))["eenzaamheid_metingen"]
    assert not one.equals(two)


def test_exercise_data_writes_csv_and_keeps_unchanged_files(tmp_path):
    folder = exercise_data("eenzaamheid", groep=3, out=tmp_path / "g3")
    path = folder / "eenzaamheid_metingen.csv"
    stamp = path.stat().st_mtime_ns
    assert exercise_data("eenzaamheid", groep=3, out=tmp_path / "g3") == folder
    assert path.stat().st_mtime_ns == stamp  # not rewritten, so cached checks stay valid
    assert pd.read_csv(path)["deelnemer_id"].nunique() > 100


def test_default_folder_is_in_the_temp_directory():
    assert default_folder("eenzaamheid", 7001).name == "eenzaamheid-seed-7001"


def test_given_data_dir_is_used_as_is():
    assert exercise_data("clientervaring", data_dir=REFERENCE_DIR) == REFERENCE_DIR.resolve()


def test_given_data_dir_must_exist_and_hold_the_line(tmp_path):
    with pytest.raises(ParameterError, match="bestaat niet"):
        exercise_data("eenzaamheid", data_dir=tmp_path / "weg")
    with pytest.raises(ParameterError, match="geen bestand eenzaamheid_metingen"):
        exercise_data("eenzaamheid", data_dir=tmp_path)


def test_exercise_set_is_reused_while_files_are_unchanged(tmp_path):
    folder = exercise_data("eenzaamheid", groep=4, out=tmp_path)
    first = exercise_set(folder)
    assert exercise_set(str(folder)) is first
    assert exercise_set(first) is first
    (folder / "eenzaamheid_metingen.csv").write_text("deelnemer_id\n", encoding="utf-8")
    assert exercise_set(folder) is not first


@pytest.mark.parametrize("bad, fragment", [
    (None, "geef bij data="), ("", "geef bij data="), (pd.DataFrame(), "geen DataFrame"),
    ("map/die/niet/bestaat", "bestaat niet"),
])
def test_exercise_set_needs_a_folder(bad, fragment):
    with pytest.raises(ParameterError, match=fragment):
        exercise_set(bad)


def test_exercise_set_caches():
    s = ExerciseSet(REFERENCE_DIR)
    calls = []
    assert s.cached("x", lambda: calls.append(1) or 5) == 5
    assert s.cached("x", lambda: calls.append(1) or 6) == 5
    assert calls == [1]
