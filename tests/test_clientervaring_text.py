"""Dutch sentences of the client-experience report."""

from __future__ import annotations

import pandas as pd

from werkplaats.clientervaring import text


def test_focus_note_only_when_nothing_is_published():
    shares = pd.DataFrame({"gemeente": ["A", "A", "B"], "agree": [float("nan"), float("nan"), 0.8]})
    assert text.focus_note(shares, "A", 10) == "Over A zijn te weinig antwoorden (minder dan 10) om iets te publiceren."
    assert text.focus_note(shares, "B", 10) is None
    assert text.focus_note(shares, "alle", 10) is None
    assert not text.has_figures(shares, "C")


def test_alpha_sentence_with_dash_for_protected_cells():
    alpha = pd.DataFrame({"omschrijving": ["effect"], "n": [pd.NA], "alpha": [float("nan")],
                          "ci_low": [float("nan")], "ci_high": [float("nan")]})
    assert text.alpha_sentences(alpha) == ["effect: alfa = – (95%-interval – – –), n = –"]


def test_years_sentence():
    assert text.years_sentence(2025, [2023, 2025]) == "Peiljaar: 2025; jaren in de data: 2023, 2025"
