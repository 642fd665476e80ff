"""The house style for figures: seaborn, Dutch labels, saved as PNG next to results.json.

Domain modules draw their own figures with these helpers; small groups are suppressed
before anything reaches a figure.

>>> fig, ax = new_figure()
>>> save_figure(fig, tempfile.mkdtemp(), "voorbeeld").suffix
'.png'
"""

from __future__ import annotations

import os
import tempfile  # noqa: F401  (used in the docstring example)
from pathlib import Path

from werkplaats.io import atomic_write

__all__ = ["COLORS", "house_style", "new_figure", "PALETTE", "percent_axis", "save_figure"]

PALETTE = {"interventie": "#0b6e4f", "controle": "#9a9a9a"}
COLORS = ["#0b6e4f", "#e07a1f", "#3a6ea5", "#b23a48", "#7d5ba6", "#6b8f3b", "#9a9a9a"]


def house_style() -> None:
    """Apply the workbench's seaborn theme (call once per notebook; idempotent)."""
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="notebook", palette=COLORS,
                  rc={"figure.dpi": 100, "savefig.dpi": 150, "axes.titleweight": "bold",
                      # names from the data are text: a gemeente called "$x" is no formula
                      "text.parse_math": False})


def new_figure(width: float = 8, height: float = 4.5, **kwargs):
    """A figure and axes in the house style."""
    import matplotlib.pyplot as plt

    house_style()
    return plt.subplots(figsize=(width, height), **kwargs)


def save_figure(fig, output_dir: str | os.PathLike[str], name: str) -> Path:
    """Save ``fig`` as ``output_dir/figuren/<name>.png`` atomically and return the path."""
    path = Path(output_dir) / "figuren" / f"{name}.png"
    atomic_write(path, lambda tmp: fig.savefig(tmp, format="png", bbox_inches="tight"))
    return path


def percent_axis(ax, axis: str = "y") -> None:
    """Show a 0-1 axis as percentages (Dutch: no decimals, % sign)."""
    from matplotlib.ticker import PercentFormatter

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(PercentFormatter(1.0, decimals=0))
