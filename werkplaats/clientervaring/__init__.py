"""Cliëntervaring: the Wmo client-experience survey.

The research-line contract (:mod:`werkplaats.lines`): ``prepare`` recodes the answers,
``analyse`` computes shares agreeing, weighting, reliability and the fair comparison of
gemeenten, ``key_figures`` and ``tables`` give what a report publishes. Modules:
``scoring`` (Likert recoding, alpha), ``analysis``, ``figures``, ``synth``.
"""

from werkplaats.clientervaring.analysis import ANALYSIS, analyse, key_figures, prepare

DATASETS = ("clientervaring_antwoorden", "clientervaring_populatie")

__all__ = ["ANALYSIS", "DATASETS", "analyse", "key_figures", "prepare"]
