"""Vroegsignalering: early debt signalling, from arrears signal to accepted help.

The research-line contract (:mod:`werkplaats.lines`): ``prepare`` dates and links the
signals (pure; ``write_prepared`` writes them), ``analyse`` runs the funnel and the models
into declared tables, ``tables`` protects every table a report shows and ``key_figures``
gives the results.json figures from them. Modules: ``preparation``, ``funnel``, ``models``,
``model_tables``, ``analysis``, ``text``, ``figures``, ``synth``.
"""

from werkplaats.vroegsignalering.analysis import ANALYSIS, Results, analyse, key_figures, tables
from werkplaats.vroegsignalering.preparation import DATASET, Prepared, prepare, write_prepared

DATASETS = (DATASET,)

__all__ = ["ANALYSIS", "DATASETS", "Prepared", "Results", "analyse", "key_figures", "prepare", "tables",
           "write_prepared"]
