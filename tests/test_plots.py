"""werkplaats.plots: the house style; names from the data are plain text in figures."""

from __future__ import annotations

import io


def test_dollar_signs_in_names_are_text_not_formulas():
    import matplotlib.pyplot as plt

    from werkplaats.plots import new_figure

    fig, ax = new_figure()
    ax.set_title("Gemeente $\\frac{a}{b en $x")  # unbalanced mathtext would fail to render
    ax.set_xlabel("<script>$")
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)
