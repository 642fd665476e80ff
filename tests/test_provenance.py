"""Provenance: one writer, one version string with a source digest."""

from __future__ import annotations

import hashlib

from werkplaats.provenance import provenance, workbench_version


def test_version_has_the_package_version_and_a_digest_of_the_source():
    from werkplaats import __version__

    version = workbench_version()
    base, _, digest = version.partition("+")
    assert base == __version__ and len(digest) == 12 and int(digest, 16) >= 0


def test_provenance_names_inputs_by_file_name_with_their_sha256(tmp_path):
    data = tmp_path / "x.csv"
    data.write_bytes(b"a\n1\n")
    prov = provenance({"gemeente": "Utrecht", "min_cel": 10}, [data], duration=1.234)
    assert prov["inputs"] == {"x.csv": hashlib.sha256(b"a\n1\n").hexdigest()}
    assert prov["parameters"] == {"gemeente": "Utrecht", "min_cel": 10}
    assert prov["werkplaats_version"] == workbench_version()
    assert prov["duration_seconds"] == 1.23 and "T" in prov["created"]
    assert str(tmp_path) not in repr(prov)  # no machine paths
