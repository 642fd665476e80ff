"""Shared fixtures: the R reference data and helpers to write raw files in every format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import FIXTURES, REFERENCE_DIR, raw_strings


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The R reference datasets (copied from shared/reference/data)."""
    return REFERENCE_DIR


@pytest.fixture(scope="session")
def r_results() -> dict:
    """What R (lme4, survival, psych, survey) computed on the reference datasets."""
    return json.loads((FIXTURES / "r_results.json").read_text(encoding="utf-8"))


@pytest.fixture
def copy_reference(tmp_path: Path):
    """Copy one reference dataset into a fresh folder, optionally changed by ``edit``."""

    def _copy(name: str, edit=None, *, filename: str | None = None) -> Path:
        folder = tmp_path / "data"
        folder.mkdir(exist_ok=True)
        if edit is None:
            shutil.copy(REFERENCE_DIR / f"{name}.csv", folder / (filename or f"{name}.csv"))
        else:
            table = edit(raw_strings(name))
            (folder / (filename or f"{name}.csv")).write_text(table.to_csv(index=False), encoding="utf-8")
        return folder

    return _copy
