"""Vroegsignalering: early debt signalling, from arrears signal to accepted help.

The research-line contract (:mod:`werkplaats.lines`): ``prepare`` dates and links the
signals, ``analyse`` runs the funnel and the models, ``key_figures`` and ``tables`` give
what a report publishes. Modules: ``analysis``, ``models``, ``text``, ``figures``, ``synth``.
"""

from werkplaats.vroegsignalering.analysis import ANALYSIS, analyse, key_figures, prepare, result_tables

DATASETS = ("vroegsignalering_signalen",)
tables = result_tables

__all__ = ["ANALYSIS", "DATASETS", "analyse", "key_figures", "prepare", "tables"]
