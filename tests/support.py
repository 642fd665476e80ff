"""Plain helpers the tests import (conftest.py holds only fixtures, so it is never imported by name)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE_DIR = FIXTURES / "reference"


def raw_strings(name: str) -> pd.DataFrame:
    """A reference dataset as the strings in its CSV file."""
    return pd.read_csv(REFERENCE_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


ROOT = Path(__file__).resolve().parents[1]


def execute_notebook(name: str, root: Path, parameters: dict) -> dict:
    """Run ``notebooks/<name>.ipynb`` with papermill from the repository root, with
    data/processed redirected to ``root`` (``WERKPLAATS_ROOT``); return its results.json."""
    import json
    import os

    import papermill

    saved = os.environ.get("WERKPLAATS_ROOT")
    os.environ["WERKPLAATS_ROOT"] = str(root)  # the kernel inherits it: data/processed goes to root
    try:
        papermill.execute_notebook(str(ROOT / "notebooks" / f"{name}.ipynb"), str(root / "uitgevoerd.ipynb"),
                                   kernel_name="python3", parameters=parameters, progress_bar=False,
                                   cwd=str(ROOT))
    finally:
        if saved is None:
            os.environ.pop("WERKPLAATS_ROOT", None)
        else:
            os.environ["WERKPLAATS_ROOT"] = saved
    return json.loads((Path(parameters["output_dir"]) / "results.json").read_text(encoding="utf-8"))


def assert_lmm_matches_lme4(lmm: dict, r_lmm: dict) -> None:
    """The contract's ``lmm`` figures against lme4: interactions 1e-4, SEs and variances 1e-3."""
    import pytest

    for at in ("T1", "T2"):
        fixed = r_lmm["fixed"][f"metingT{at[1]}:groepinterventie"]
        assert lmm[f"interaction_{at}"]["estimate"] == pytest.approx(fixed["estimate"], rel=1e-4)
        assert lmm[f"interaction_{at}"]["se"] == pytest.approx(fixed["se"], rel=1e-3)
    assert lmm["var_participant"] == pytest.approx(r_lmm["var_participant"], rel=1e-3)
    assert lmm["var_residual"] == pytest.approx(r_lmm["var_residual"], rel=1e-3)
