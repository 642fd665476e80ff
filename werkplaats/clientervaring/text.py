"""Dutch sentences of the client-experience report, written from PROTECTED tables.

>>> import pandas as pd
>>> from werkplaats.roles import count, declare, estimate, label
>>> t = declare(pd.DataFrame({"omschrijving": ["effect (v08–v10)"], "n": [1420], "alpha": [0.8731],
...                           "ci_low": [0.861], "ci_high": [0.884]}), unit="respondenten",
...             columns={"omschrijving": label("stellingen"), "n": count("n"), "alpha": estimate("a", on="n"),
...                      "ci_low": estimate("l", on="n"), "ci_high": estimate("h", on="n")})
>>> alpha_sentences(t)
['effect (v08–v10): alfa = 0,873 (95%-interval 0,861 – 0,884), n = 1.420']
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from werkplaats.formatting import dutch_number

__all__ = ["alpha_sentences", "focus_note", "has_figures", "population_note", "years_sentence"]


def has_figures(shares: pd.DataFrame, gemeente: str) -> bool:
    """True when the protected shares table publishes something about ``gemeente``.

    >>> has_figures(pd.DataFrame({"gemeente": ["A"], "agree": [float("nan")]}), "A")
    False
    """
    rows = shares[shares["gemeente"] == gemeente]
    return bool(len(rows)) and bool(rows["agree"].notna().any())


def focus_note(shares: pd.DataFrame, gemeente: str, min_cel: int) -> str | None:
    """The sentence for a report about a gemeente with too few answers (None when there is something to show).

    >>> focus_note(pd.DataFrame({"gemeente": ["A"], "agree": [float("nan")]}), "A", 10)
    'Over A zijn te weinig antwoorden (minder dan 10) om iets te publiceren.'
    """
    if gemeente == "alle" or has_figures(shares, gemeente):
        return None
    return f"Over {gemeente} zijn te weinig antwoorden (minder dan {min_cel}) om iets te publiceren."


def population_note(gemeenten: list[str]) -> str | None:
    """What it means that gemeenten have no population rows (None when every gemeente has them);
    printed, so plain text.

    >>> population_note(["Leusden"]).split(". ")[0]
    'Voor Leusden zijn geen populatieaantallen aangeleverd'
    """
    if not gemeenten:
        return None
    from werkplaats.errors import dutch_list

    which = "deze gemeente" if len(gemeenten) == 1 else "deze gemeenten"
    return (f"Voor {dutch_list(gemeenten, limit=10)} zijn geen populatieaantallen aangeleverd. Daarom staan er "
            f"voor {which} geen gewogen cijfers en geen responspercentage, en telt ze niet mee in het "
            "responspercentage van de regio; de ongewogen cijfers staan er wel.")


def years_sentence(year: int, years: list[int]) -> str:
    """Which year the report is about and which years the data hold.

    >>> years_sentence(2025, [2024, 2025])
    'Peiljaar: 2025; jaren in de data: 2024, 2025'
    """
    return f"Peiljaar: {year}; jaren in de data: {', '.join(map(str, years))}"


def alpha_sentences(alpha: pd.DataFrame) -> list[str]:
    """One sentence per scale of the protected alpha table (a dash where protection blanked it)."""
    def number(value: Any, decimals: int) -> str:
        return "–" if pd.isna(value) else dutch_number(float(value), decimals)

    return [f"{row.omschrijving}: alfa = {number(row.alpha, 3)} (95%-interval {number(row.ci_low, 3)} – "
            f"{number(row.ci_high, 3)}), n = {number(row.n, 0)}" for row in alpha.itertuples(index=False)]
