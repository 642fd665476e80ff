"""Skip-unchanged: the fingerprint changes with notebook, parameters, inputs and version."""

from __future__ import annotations

import hashlib

from werkplaats.runner.fingerprint import (
    fingerprint,
    hash_inputs,
    inputs_read,
    is_unchanged,
    workbench_version,
)


def _manifest(tmp_path, params):
    data = tmp_path / "telling.csv"
    if not data.exists():
        data.write_text("gemeente\nUtrecht\n")
    inputs = hash_inputs([data])
    return {"fingerprint": fingerprint("nb1", params, inputs, "v1"), "inputs": inputs}, data


def test_unchanged_only_when_everything_is_the_same(tmp_path):
    params = {"gemeente": "Utrecht", "min_cel": 10, "output_dir": ""}
    manifest, data = _manifest(tmp_path, params)
    assert is_unchanged(manifest, "nb1", params, "v1")
    assert is_unchanged(manifest, "nb1", {**params, "output_dir": "elders"}, "v1")  # only where it goes
    assert not is_unchanged(manifest, "nb2", params, "v1")
    assert not is_unchanged(manifest, "nb1", {**params, "min_cel": 5}, "v1")
    assert not is_unchanged(manifest, "nb1", params, "v2")
    data.write_text("gemeente\nZeist\n")
    assert not is_unchanged(manifest, "nb1", params, "v1")
    data.unlink()
    assert not is_unchanged(manifest, "nb1", params, "v1")
    assert not is_unchanged(None, "nb1", params, "v1")


def test_inputs_come_from_results_provenance(tmp_path):
    (tmp_path / "a.csv").write_text("x\n1\n")
    (tmp_path / "b.csv").write_text("x\n2\n")
    sha_a = hashlib.sha256(b"x\n1\n").hexdigest()
    found = inputs_read({"provenance": {"inputs": {"a.csv": sha_a}}}, tmp_path)
    assert found == {str((tmp_path / "a.csv").resolve()): sha_a}
    # nothing recorded: every dataset file in data_dir counts
    assert set(inputs_read({}, tmp_path)) == {str((tmp_path / n).resolve()) for n in ("a.csv", "b.csv")}


def test_workbench_version_has_the_package_version_and_a_source_digest():
    import werkplaats

    version = workbench_version()
    assert version.startswith(werkplaats.__version__ + "+") and len(version.split("+")[1]) == 12
