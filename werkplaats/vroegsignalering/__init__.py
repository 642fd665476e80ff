"""Vroegsignalering: early debt signalling, from arrears signal to accepted help.

The research-line contract (:mod:`werkplaats.lines`): ``prepare`` dates and links the
signals (pure; ``write_prepared`` writes them), ``analyse`` runs the funnel and the models
into declared tables, ``tables`` protects every table a report shows and ``key_figures``
gives the results.json figures from them. Modules: ``preparation``, ``funnel``, ``models``,
``model_tables``, ``analysis``, ``text``, ``figures``, ``synth``.
"""

from werkplaats.checks import friendly_keywords
from werkplaats.vroegsignalering.analysis import ANALYSIS, Results, analyse, key_figures, tables
from werkplaats.vroegsignalering.preparation import DATASET, Prepared, prepare, write_prepared

DATASETS = (DATASET,)

# What students call gets a Dutch "Bedoelt u ...?" for a mistyped keyword (werkplaats.checks).
analyse = friendly_keywords(analyse)
key_figures = friendly_keywords(key_figures)
prepare = friendly_keywords(prepare)
tables = friendly_keywords(tables)
write_prepared = friendly_keywords(write_prepared)

__all__ = ["ANALYSIS", "DATASETS", "Prepared", "Results", "analyse", "key_figures", "prepare", "tables",
           "write_prepared"]
