"""Eenzaamheid: loneliness interventions measured with the De Jong Gierveld scale.

The research-line contract (:mod:`werkplaats.lines`): ``prepare`` scores the measurements,
``analyse`` answers the study's questions, ``key_figures`` and ``tables`` give what a report
publishes. Modules: ``scoring`` (DJG scale), ``analysis``, ``effects``, ``figures``, ``synth``.
"""

from werkplaats.eenzaamheid.analysis import ANALYSIS, analyse, key_figures, prepare, result_tables

DATASETS = ("eenzaamheid_metingen",)
tables = result_tables

__all__ = ["ANALYSIS", "DATASETS", "analyse", "key_figures", "prepare", "tables"]
