"""Plain helpers the tests import (conftest.py holds only fixtures, so it is never imported by name)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE_DIR = FIXTURES / "reference"


def raw_strings(name: str) -> pd.DataFrame:
    """A reference dataset as the strings in its CSV file."""
    return pd.read_csv(REFERENCE_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
