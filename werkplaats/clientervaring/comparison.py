"""Fair comparison of gemeenten: the funnel plot (chance) and the case-mix model (composition).

Both tables are unprotected and declare their roles.

>>> from werkplaats.lines import load_line
>>> from werkplaats.clientervaring.preparation import latest_year, prepare
>>> answers = latest_year(prepare(load_line("clientervaring", "tests/fixtures/reference")).answers)
>>> target, table = funnel(answers, item="v03")
>>> round(target, 4), table["position"].tolist()
(0.8153, ['binnen', 'binnen', 'binnen', 'binnen', 'binnen'])
>>> casemix(answers).n
1525
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from werkplaats.clientervaring.scoring import agree_flags, percent_agree
from werkplaats.roles import ci_high, ci_low, count, declare, estimate, label, p_value, se, share

if TYPE_CHECKING:
    from werkplaats.stats.glm import LogitFit

__all__ = ["CASEMIX_TERMS", "CasemixResult", "casemix", "funnel"]

CASEMIX_TERMS = "gemeente + leeftijdsklasse + geslacht + ingevuld_door"


def funnel(answers: pd.DataFrame, *, item: str = "v03") -> tuple[float, pd.DataFrame]:
    """Pooled target and per gemeente n, share, control limits and position (unprotected)."""
    from werkplaats.stats.funnel import funnel_table

    counts = percent_agree(answers, items=[item])
    target, table = funnel_table(counts["gemeente"].tolist(), counts["x"], counts["n"])
    table = table.rename(columns={"unit": "gemeente"}).astype({"n": int})
    table = table[["gemeente", "n", "share", "lo95", "hi95", "lo998", "hi998", "position"]]
    return target, declare(table, unit="geldige antwoorden", title=f"Trechterdiagram {item}",
                           columns={"gemeente": label("gemeente"), "n": count("geldige antwoorden"),
                                    "share": share("aandeel eens", on="n"),
                                    "lo95": ci_low("ondergrens 95%", on="n", percent=True),
                                    "hi95": ci_high("bovengrens 95%", on="n", percent=True),
                                    "lo998": ci_low("ondergrens 99,8%", on="n", percent=True),
                                    "hi998": ci_high("bovengrens 99,8%", on="n", percent=True),
                                    "position": estimate("ligging", on="n")})


@dataclass
class CasemixResult:
    """The case-mix model: coefficients (as R names them) and the standardised shares, both
    declared tables; ``excluded``: gemeenten with too few answers to estimate a coefficient."""

    item: str
    n: int
    coefficients: pd.DataFrame
    adjusted: pd.DataFrame
    excluded: list[str] = field(default_factory=list)


def _coefficient_table(fit: LogitFit, n: int) -> pd.DataFrame:
    from werkplaats.stats.glm import r_term_name

    table = fit.table.rename(index=lambda t: "(Intercept)" if t == "Intercept" else r_term_name(t))
    table = table[["estimate", "se", "p"]].rename_axis("term").reset_index().assign(n=n)
    table = table[["term", "n", "estimate", "se", "p"]]
    return declare(table, unit="respondenten", title="Case-mixmodel (log-odds)",
                   columns={"term": label("term"), "n": count("respondenten in model"),
                            "estimate": estimate("schatting", on="n", decimals=3),
                            "se": se("standaardfout", on="n", decimals=3), "p": p_value(on="n")})


def _adjusted_table(adjusted: pd.DataFrame) -> pd.DataFrame:
    table = adjusted[["gemeente", "n", "crude", "adjusted", "se", "ci_low", "ci_high", "region", "difference",
                      "difference_se", "difference_low", "difference_high", "p"]].astype({"n": int})
    pct: dict[str, Any] = {"on": "n", "percent": True}
    return declare(table, unit="geldige antwoorden", title="Aandeel eens na correctie voor de samenstelling",
                   columns={"gemeente": label("gemeente"), "n": count("geldige antwoorden"),
                            "crude": share("ruw", on="n"), "adjusted": estimate("gecorrigeerd", **pct),
                            "se": se("standaardfout", **pct), "ci_low": ci_low("interval van", **pct),
                            "ci_high": ci_high("interval tot", **pct), "region": estimate("regio", **pct),
                            "difference": estimate("verschil met regio", **pct),
                            "difference_se": se("standaardfout verschil", **pct),
                            "difference_low": ci_low("verschil van", **pct),
                            "difference_high": ci_high("verschil tot", **pct), "p": p_value(on="n")})


def casemix(answers: pd.DataFrame, *, item: str = "v06", min_respondents: int = 10) -> CasemixResult:
    """Logistic model agree ~ gemeente + leeftijdsklasse + geslacht + ingevuld_door, and per
    gemeente the share adjusted to the region's case-mix (marginal standardisation).

    A gemeente with fewer than ``min_respondents`` valid answers cannot carry its own
    coefficient and is left out of the model (listed in ``excluded``).
    """
    from werkplaats.stats.glm import fit_logit
    from werkplaats.stats.standardise import standardised_shares

    data = answers.assign(agree=agree_flags(answers, [item])[item]).dropna(subset=["agree"])
    counts = data["gemeente"].value_counts()
    excluded = sorted(str(g) for g in counts[counts < min_respondents].index)
    data = data[~data["gemeente"].isin(excluded)].copy()
    for col in ("leeftijdsklasse", "geslacht", "ingevuld_door"):
        if isinstance(data[col].dtype, pd.CategoricalDtype):
            data[col] = data[col].cat.remove_unused_categories()
    data["gemeente"] = data["gemeente"].astype(str)
    fit = fit_logit(data, f"agree ~ {CASEMIX_TERMS}")
    return CasemixResult(item=item, n=fit.n, coefficients=_coefficient_table(fit, fit.n),
                         adjusted=_adjusted_table(standardised_shares(fit, data, "gemeente")), excluded=excluded)
