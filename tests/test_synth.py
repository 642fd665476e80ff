"""werkplaats.synth: one seed gives every dataset; the committed sample is exactly that output."""

from __future__ import annotations

import pytest

from werkplaats.paths import raw_dir
from werkplaats.synth import generate_all, write_all
from werkplaats.validate import load_dataset

NAMES = ["eenzaamheid_metingen", "vroegsignalering_signalen", "clientervaring_antwoorden", "clientervaring_populatie"]


@pytest.fixture(scope="module")
def sample():
    return generate_all(2026)


def test_every_contract_dataset_is_generated(sample):
    assert sorted(sample) == sorted(NAMES)


def test_committed_sample_is_the_seed_2026_output(sample):
    """data/raw must be regenerated (make sample) whenever a generator changes."""
    for name in NAMES:
        committed = (raw_dir() / f"{name}.csv").read_text(encoding="utf-8")
        assert committed == sample[name].to_csv(index=False), f"data/raw/{name}.csv is verouderd: draai make sample"


def test_written_files_validate(tmp_path):
    write_all(tmp_path, seed=5)
    for name in NAMES:
        assert len(load_dataset(name, tmp_path).data) > 0


def test_same_seed_same_data_other_seed_other_data():
    a, b = generate_all(11), generate_all(11)
    c = generate_all(12)
    assert a["eenzaamheid_metingen"].equals(b["eenzaamheid_metingen"])
    assert not a["vroegsignalering_signalen"].equals(c["vroegsignalering_signalen"])
