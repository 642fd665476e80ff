"""Cliëntervaring: the Wmo client-experience survey.

The research-line contract (:mod:`werkplaats.lines`): ``prepare`` recodes the answers
(pure; ``write_prepared`` writes them), ``analyse`` computes shares agreeing, response,
weighting, reliability and the fair comparison of gemeenten (unprotected tables with
declared roles), ``tables`` protects every table a report shows and ``key_figures`` builds
results.json from those. Modules: ``preparation``, ``scoring`` (Likert recoding, alpha),
``statements``, ``response``, ``weighting``, ``comparison`` (funnel, case-mix), ``analysis``,
``results_json``, ``text`` (Dutch sentences), ``figures``, ``synth``.

>>> from werkplaats.lines import load_line
>>> results = analyse(prepare(load_line("clientervaring", "tests/fixtures/reference")))
>>> sorted(tables(results))[:3]
['alfa', 'casemix', 'casemix_model']
"""

from werkplaats.checks import friendly_keywords
from werkplaats.clientervaring.analysis import ANALYSIS, Results, analyse, key_figures, tables
from werkplaats.clientervaring.preparation import Prepared, prepare, write_prepared

DATASETS = ("clientervaring_antwoorden", "clientervaring_populatie")

# What students call gets a Dutch "Bedoelt u ...?" for a mistyped keyword (werkplaats.checks).
analyse = friendly_keywords(analyse)
key_figures = friendly_keywords(key_figures)
prepare = friendly_keywords(prepare)
tables = friendly_keywords(tables)
write_prepared = friendly_keywords(write_prepared)

__all__ = ["ANALYSIS", "DATASETS", "Prepared", "Results", "analyse", "key_figures", "prepare", "tables",
           "write_prepared"]
