"""Eenzaamheid: loneliness interventions measured with the De Jong Gierveld scale.

The research-line contract (:mod:`werkplaats.lines`): ``prepare`` checks and scores the
measurements (pure), ``write_prepared`` writes them to data/processed, ``analyse`` answers the
study's questions, ``tables`` and ``key_figures`` give what a report publishes (protected).
Modules: ``scoring`` (DJG scale), ``preparation``, ``describe``, ``effects``, ``analysis``,
``text`` (Dutch sentences), ``figures``, ``synth``.

>>> sorted(__all__)
['ANALYSIS', 'DATASETS', 'analyse', 'key_figures', 'prepare', 'tables', 'write_prepared']
"""

from werkplaats.checks import friendly_keywords
from werkplaats.eenzaamheid.analysis import ANALYSIS, analyse, key_figures, tables
from werkplaats.eenzaamheid.preparation import prepare, write_prepared

DATASETS = ("eenzaamheid_metingen",)

# What students call gets a Dutch "Bedoelt u ...?" for a mistyped keyword (werkplaats.checks).
analyse = friendly_keywords(analyse)
key_figures = friendly_keywords(key_figures)
prepare = friendly_keywords(prepare)
tables = friendly_keywords(tables)
write_prepared = friendly_keywords(write_prepared)

__all__ = ["ANALYSIS", "DATASETS", "analyse", "key_figures", "prepare", "tables", "write_prepared"]
