"""Sample size and power for planning an intervention study.

- :func:`power_t_test`: two groups, a difference in means, as R's ``power.t.test``
  (two-sample, two-sided, noncentral t; ``strict = FALSE``). Give ``n`` (per group) for the
  power, or ``power`` for the n.
- :func:`ancova_n`: ANCOVA with a baseline measurement correlated ``rho`` with the outcome:
  the residual SD is ``sd · sqrt(1 − rho²)`` (Borm, Fransen & Lemmens 2007), one extra
  participant per group for the estimated covariate, and the result is divided by
  ``1 − dropout``.
- :func:`power_prop_test`: two proportions, as R's ``power.prop.test`` (normal approximation).
- :func:`design_effect` and :func:`cluster_n`: a cluster design (teams, wijken) of ``m``
  people per cluster with intra-cluster correlation ``icc`` needs ``1 + (m − 1) · icc`` times
  as many people (Donner & Klar 2000; Kerry & Bland 1998).

>>> round(power_t_test(n=20, delta=1, sd=1), 4)
0.869
>>> round(design_effect(cluster_size=20, icc=0.05), 10)
1.95
"""

from __future__ import annotations

import math

__all__ = ["ancova_n", "cluster_n", "design_effect", "power_prop_test", "power_t_test", "solve_n"]


def _check_alpha_power(alpha: float, power: float | None) -> None:
    if not 0 < alpha < 1:
        raise ValueError(f"alpha moet tussen 0 en 1 liggen (nu {alpha})")
    if power is not None and not alpha < power < 1:
        raise ValueError(f"power moet tussen alpha ({alpha}) en 1 liggen (nu {power})")


def _t_power(n: float, delta: float, sd: float, alpha: float) -> float:
    from scipy.stats import nct, t

    df = 2 * (n - 1)
    crit = t.isf(alpha / 2, df)
    return float(nct.sf(crit, df, math.sqrt(n / 2) * abs(delta) / sd))


def solve_n(power_of_n, power: float, low: float = 2.0) -> float:
    """The (fractional) n at which ``power_of_n(n)`` reaches ``power`` (R's ``uniroot`` step).

    >>> round(solve_n(lambda n: 1 - 0.5 ** (n / 10), 0.75), 6)
    20.0
    """
    from scipy.optimize import brentq

    high = max(low * 2, 10.0)
    while power_of_n(high) < power:
        high *= 2
        if high > 1e9:
            raise ValueError("geen steekproefgrootte gevonden: het effect is te klein voor deze power")
    return float(brentq(lambda n: power_of_n(n) - power, low, high, xtol=1e-10, rtol=1e-12))


def power_t_test(*, n: float | None = None, delta: float, sd: float = 1.0, alpha: float = 0.05,
                 power: float | None = None) -> float:
    """Power for ``n`` per group, or the n per group (fractional, as R) for ``power``.

    >>> round(power_t_test(delta=0.5, power=0.8), 4)
    63.7658
    """
    _check_alpha_power(alpha, power)
    if delta == 0 or sd <= 0:
        raise ValueError("delta mag niet 0 zijn en sd moet positief zijn")
    if (n is None) == (power is None):
        raise ValueError("geef precies één van n en power")
    if n is not None:
        return _t_power(n, delta, sd, alpha)
    assert power is not None
    return solve_n(lambda k: _t_power(k, delta, sd, alpha), power)


def ancova_n(*, delta: float, sd: float, rho: float, alpha: float = 0.05, power: float = 0.8,
             dropout: float = 0.0) -> dict[str, float]:
    """Participants per group for an ANCOVA on the baseline, before and after dropout.

    >>> plan = ancova_n(delta=1.0, sd=2.5, rho=0.6, dropout=0.2)
    >>> plan["n_t_test"] > plan["n_ancova"], plan["n_to_recruit"]
    (True, 82)
    """
    if not -1 < rho < 1:
        raise ValueError(f"de correlatie voor-nameting moet tussen −1 en 1 liggen (nu {rho})")
    if not 0 <= dropout < 1:
        raise ValueError(f"de uitval moet tussen 0 en 1 liggen (nu {dropout})")
    n_t = power_t_test(delta=delta, sd=sd, alpha=alpha, power=power)
    n_ancova = power_t_test(delta=delta, sd=sd * math.sqrt(1 - rho**2), alpha=alpha, power=power) + 1
    return {"n_t_test": n_t, "n_ancova": n_ancova, "design_factor": 1 - rho**2,
            "n_to_recruit": math.ceil(math.ceil(n_ancova) / (1 - dropout))}


def _prop_power(n: float, p1: float, p2: float, alpha: float) -> float:
    from scipy.stats import norm

    q1, q2 = 1 - p1, 1 - p2
    crit = norm.isf(alpha / 2)
    z = (math.sqrt(n) * abs(p1 - p2) - crit * math.sqrt((p1 + p2) * (q1 + q2) / 2)) / math.sqrt(p1 * q1 + p2 * q2)
    return float(norm.cdf(z))


def power_prop_test(*, n: float | None = None, p1: float, p2: float, alpha: float = 0.05,
                    power: float | None = None) -> float:
    """Power for ``n`` per group, or the n per group for ``power``, as R's ``power.prop.test``.

    >>> round(power_prop_test(p1=0.5, p2=0.75, power=0.9), 4)
    76.7069
    """
    _check_alpha_power(alpha, power)
    if not (0 < p1 < 1 and 0 < p2 < 1) or p1 == p2:
        raise ValueError("p1 en p2 moeten verschillende kansen tussen 0 en 1 zijn")
    if (n is None) == (power is None):
        raise ValueError("geef precies één van n en power")
    if n is not None:
        return _prop_power(n, p1, p2, alpha)
    assert power is not None
    return solve_n(lambda k: _prop_power(k, p1, p2, alpha), power)


def design_effect(*, cluster_size: float, icc: float) -> float:
    """``1 + (m − 1) · icc``, the variance inflation of a cluster design with equal clusters."""
    if cluster_size < 1 or not 0 <= icc <= 1:
        raise ValueError("clustergrootte moet minstens 1 zijn en de ICC tussen 0 en 1 liggen")
    return 1 + (cluster_size - 1) * icc


def cluster_n(n_individual: float, *, cluster_size: int, icc: float) -> dict[str, float]:
    """People and clusters per group when ``n_individual`` per group would do without clustering.

    >>> cluster_n(64, cluster_size=10, icc=0.05)
    {'design_effect': 1.45, 'n_people': 93, 'n_clusters': 10}
    """
    deff = design_effect(cluster_size=cluster_size, icc=icc)
    people = math.ceil(round(n_individual * deff, 9))
    return {"design_effect": deff, "n_people": people, "n_clusters": math.ceil(people / cluster_size)}
