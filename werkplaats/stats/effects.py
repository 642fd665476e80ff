"""Effect estimates for a two-group pre/post design: ANCOVA, change scores, Cohen's d, balance.

- :func:`ancova`: OLS of the follow-up score on the baseline score and the group (plus
  optional covariates), as R's ``lm(post ~ pre + groep)``; the effect is treatment − control.
- :func:`difference_in_differences`: the difference in mean change (post − pre) between the
  groups, with the pooled-variance standard error (OLS of the change on the group).
- :func:`cohens_d`: standardised mean difference with the pooled SD, Hedges' small-sample
  correction ``J = 1 − 3 / (4 N − 9)`` and the interval ``d ± t(0.975, N − 2) · se``,
  ``se = sqrt(N / (n1 n0) + d² / (2 N))``, exactly as shared/reference/reference.R.
- :func:`standardised_difference` and :func:`balance_table`: baseline balance of the groups
  (difference in means over the root mean of the two variances; for a 0/1 variable the
  same with ``p (1 − p)`` as variance).

>>> import numpy as np, pandas as pd
>>> d = cohens_d(pd.Series([1.0, 2, 3, 4, 5, 6]), pd.Series(["i", "i", "i", "c", "c", "c"]), "i", "c")
>>> round(d.cohen_d, 4), round(d.hedges_g, 4)
(-3.0, -2.4)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "ancova",
    "balance_table",
    "cohens_d",
    "difference_in_differences",
    "EffectEstimate",
    "group_key",
    "standardised_difference",
    "StandardisedEffect",
]


@dataclass
class EffectEstimate:
    """One model-based effect (treatment − control) with its standard error and interval."""

    method: str
    n: int
    effect: float
    se: float
    ci: tuple[float, float]
    p: float
    df: float


@dataclass
class StandardisedEffect:
    """A standardised mean difference of ``values`` between two groups (see :func:`cohens_d`)."""

    n_treatment: int
    n_control: int
    mean_treatment: float
    mean_control: float
    difference: float
    cohen_d: float
    hedges_g: float
    ci_d: tuple[float, float]
    se_g: float = float("nan")
    ci_g: tuple[float, float] = (float("nan"), float("nan"))


def group_key(value: object) -> str | None:
    """The label a group value is compared by: ``1``, ``1.0``, ``"1"`` and ``" 1 "`` are all ``"1"``.

    Numeric and text labels are compared alike, so that a group column read as numbers (1/0)
    and labels given as text (or the reverse) select the same rows; missing is None.

    >>> group_key(1.0), group_key(" 1"), group_key("interventie"), group_key(float("nan"))
    ('1', '1', 'interventie', None)
    """
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return str(int(value))
    if isinstance(value, int | float | np.integer | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def _keys(groups: pd.Series) -> pd.Series:
    return pd.Series(groups).astype(object).map(group_key)


def _treatment_indicator(groups: pd.Series, treatment: object, control: object) -> pd.Series:
    """1.0 for ``treatment``, 0.0 for ``control``, NaN for missing; any other label, or a group
    without rows, is refused with one Dutch error."""
    keys = _keys(groups)
    t_key, c_key = group_key(treatment), group_key(control)
    if t_key == c_key:
        raise ValueError(f"behandelgroep en controlegroep zijn dezelfde groep ({treatment!r})")
    other = sorted({k for k in keys.dropna()} - {t_key, c_key})
    if other:
        raise ValueError(f"onbekende groep {', '.join(other)} (verwacht {treatment} en {control})")
    missing = [str(label) for label, key in ((treatment, t_key), (control, c_key)) if not (keys == key).any()]
    if missing:
        raise ValueError(f"groep {' en '.join(missing)} komt niet voor in de gegevens "
                         f"(gevonden: {', '.join(sorted(set(keys.dropna()))) or 'geen'})")
    return (keys == t_key).astype(float).where(keys.notna())


def _in_group(groups: pd.Series, label: object) -> np.ndarray:
    """Boolean mask of ``groups == label`` (compared by :func:`group_key`); missing groups are False."""
    return np.asarray(_keys(groups).eq(group_key(label)), dtype=bool)


def _ols_effect(data: pd.DataFrame, formula: str, method: str, level: float) -> EffectEstimate:
    import statsmodels.formula.api as smf

    fit = smf.ols(formula, data=data).fit()
    low, high = fit.conf_int(alpha=1 - level).loc["behandeld"]
    return EffectEstimate(method=method, n=int(fit.nobs), effect=float(fit.params["behandeld"]),
                          se=float(fit.bse["behandeld"]), ci=(float(low), float(high)),
                          p=float(fit.pvalues["behandeld"]), df=float(fit.df_resid))


def ancova(
    data: pd.DataFrame,
    *,
    outcome: str,
    baseline: str,
    group: str = "groep",
    treatment: str | float = "interventie",
    control: str | float = "controle",
    covariates: Sequence[str] = (),
    level: float = 0.95,
) -> EffectEstimate:
    """ANCOVA: ``outcome ~ baseline + group (+ covariates)`` by OLS on complete rows.

    Text or category covariates enter as dummies (first level is the reference).

    >>> rng = np.random.default_rng(3); n = 4000; g = np.repeat(["interventie", "controle"], n // 2)
    >>> pre = rng.normal(5, 2, n); post = 1 + 0.6 * pre - 1.0 * (g == "interventie") + rng.normal(0, 1, n)
    >>> est = ancova(pd.DataFrame({"pre": pre, "post": post, "groep": g}), outcome="post", baseline="pre")
    >>> round(est.effect, 1), est.n
    (-1.0, 4000)
    """
    frame = pd.DataFrame({"uitkomst": data[outcome].astype(float), "voormeting": data[baseline].astype(float),
                          "behandeld": _treatment_indicator(data[group], treatment, control)})
    terms = ["voormeting", "behandeld"]
    for i, cov in enumerate(covariates):
        name = f"covariaat_{i}"
        values = data[cov]
        if not pd.api.types.is_numeric_dtype(values):
            frame[name] = values.astype(object)
            terms.append(f"C({name})")
        else:
            frame[name] = values.astype(float)
            terms.append(name)
    frame = frame.dropna()
    return _ols_effect(frame, "uitkomst ~ " + " + ".join(terms), "ancova", level)


def difference_in_differences(
    data: pd.DataFrame,
    *,
    pre: str,
    post: str,
    group: str = "groep",
    treatment: str | float = "interventie",
    control: str | float = "controle",
    level: float = 0.95,
) -> EffectEstimate:
    """Difference in mean change ``post − pre`` (treatment − control), pooled-variance SE.

    >>> groups = ["interventie"] * 2 + ["controle"] * 2
    >>> df = pd.DataFrame({"pre": [5, 6, 5, 6], "post": [3, 4, 5, 6], "groep": groups})
    >>> difference_in_differences(df, pre="pre", post="post").effect
    -2.0
    """
    frame = pd.DataFrame({"verandering": data[post].astype(float) - data[pre].astype(float),
                          "behandeld": _treatment_indicator(data[group], treatment, control)}).dropna()
    return _ols_effect(frame, "verandering ~ behandeld", "verschil-in-verschillen", level)


def cohens_d(values: pd.Series, groups: pd.Series, treatment: str | float = "interventie",
             control: str | float = "controle", level: float = 0.95) -> StandardisedEffect:
    """Cohen's d and Hedges' g of ``values`` (treatment − control) with their intervals.

    d and its interval as the module docstring (reference.R). Hedges' g as R's
    ``effsize::cohen.d(hedges.correction = TRUE)``: ``se_g = J · sqrt(N / (n1 n0) + g² / (2 N))``
    and ``g ± t(0.975, N − 2) · se_g``. Group labels compare as :func:`group_key`; a group with
    fewer than 2 values, or without spread, is refused.

    >>> g = cohens_d(pd.Series([1.0, 2, 3, 4, 5, 6]), pd.Series([1, 1, 1, 0, 0, 0]), treatment="1", control="0")
    >>> round(g.hedges_g, 4), round(g.se_g, 4)
    (-2.4, 0.8567)
    """
    from scipy.stats import t

    values = pd.Series(values, dtype=float)
    x1 = values[_in_group(groups, treatment)].dropna().to_numpy()
    x0 = values[_in_group(groups, control)].dropna().to_numpy()
    n1, n0 = len(x1), len(x0)
    if min(n1, n0) < 2:
        raise ValueError(f"te weinig waarden voor een effectgrootte: {n1} in groep {treatment}, "
                         f"{n0} in groep {control} (minstens 2 per groep nodig)")
    n = n1 + n0
    pooled = np.sqrt(((n1 - 1) * x1.var(ddof=1) + (n0 - 1) * x0.var(ddof=1)) / (n - 2))
    if not pooled > 0:
        raise ValueError("geen spreiding binnen de groepen: een gestandaardiseerd verschil bestaat niet")
    diff = x1.mean() - x0.mean()
    d = diff / pooled
    j = 1 - 3 / (4 * n - 9)
    g = d * j
    se = np.sqrt(n / (n1 * n0) + d**2 / (2 * n))
    se_g = j * np.sqrt(n / (n1 * n0) + g**2 / (2 * n))
    crit = t.ppf(0.5 + level / 2, n - 2)
    return StandardisedEffect(n_treatment=n1, n_control=n0, mean_treatment=float(x1.mean()),
                              mean_control=float(x0.mean()), difference=float(diff), cohen_d=float(d),
                              hedges_g=float(g), ci_d=(float(d - crit * se), float(d + crit * se)),
                              se_g=float(se_g), ci_g=(float(g - crit * se_g), float(g + crit * se_g)))


def standardised_difference(values: pd.Series, groups: pd.Series, treatment: str | float = "interventie",
                            control: str | float = "controle") -> float:
    """Standardised difference of means (or of shares for a 0/1 variable), treatment − control.

    ``(m1 − m0) / sqrt((s1² + s0²) / 2)``; |value| < 0.1 is usually read as balanced.

    >>> round(standardised_difference(pd.Series([1, 0, 1, 1, 0, 0]), pd.Series(list("iiiccc")), "i", "c"), 4)
    0.7071
    """
    values = pd.Series(values, dtype=float)
    x1 = values[_in_group(groups, treatment)].dropna()
    x0 = values[_in_group(groups, control)].dropna()
    binary = set(np.unique(values.dropna())) <= {0.0, 1.0}
    if binary:
        v1, v0 = x1.mean() * (1 - x1.mean()), x0.mean() * (1 - x0.mean())
    else:
        v1, v0 = x1.var(ddof=1), x0.var(ddof=1)
    spread = np.sqrt((v1 + v0) / 2)
    return float((x1.mean() - x0.mean()) / spread) if spread > 0 else float("nan")


def balance_table(data: pd.DataFrame, variables: dict[str, pd.Series], groups: pd.Series,
                  treatment: str | float = "interventie", control: str | float = "controle") -> pd.DataFrame:
    """Per variable: n, mean (or share) per group and the standardised difference.

    ``variables`` maps a display name to a numeric or 0/1 series aligned with ``data``.

    >>> t = balance_table(pd.DataFrame(index=range(4)), {"leeftijd": pd.Series([70, 80, 72, 78])},
    ...                   pd.Series(["interventie", "interventie", "controle", "controle"]))
    >>> row = t.iloc[0]
    >>> row["variabele"], float(row["interventie"]), float(row["gestandaardiseerd_verschil"])
    ('leeftijd', 75.0, 0.0)
    """
    rows = []
    for name, values in variables.items():
        values = pd.Series(values, index=data.index, dtype=float)
        in_t = _in_group(groups, treatment) & values.notna().to_numpy()
        in_c = _in_group(groups, control) & values.notna().to_numpy()
        difference = standardised_difference(values, groups, treatment, control)
        rows.append({"variabele": name, f"n_{treatment}": int(in_t.sum()), f"n_{control}": int(in_c.sum()),
                     treatment: float(values[in_t].mean()), control: float(values[in_c].mean()),
                     "gestandaardiseerd_verschil": difference})
    return pd.DataFrame(rows)
