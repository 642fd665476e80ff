"""Every notebook kernel imports werkplaats: it must not pull in the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ["statsmodels", "seaborn", "matplotlib", "sklearn", "lifelines", "pandera", "papermill"]


def test_import_werkplaats_is_light():
    code = (
        "import sys, werkplaats, werkplaats.paths, werkplaats.errors; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"zware modules geladen bij import: {out.stdout.strip()}"


def test_lazy_load_dataset_attribute():
    import werkplaats

    assert callable(werkplaats.load_dataset)
