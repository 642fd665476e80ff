"""Report runs: parameters checked before a kernel starts, outputs switched into place
atomically, plans run in parallel and skipped when nothing changed.

Modules: :mod:`~werkplaats.runner.params` (the notebook's parameters),
:mod:`~werkplaats.runner.execute` (one run), :mod:`~werkplaats.runner.publish` (atomic
report folders), :mod:`~werkplaats.runner.fingerprint` (skip-unchanged),
:mod:`~werkplaats.runner.report_html` (HTML for readers), :mod:`~werkplaats.runner.failure`
(error reports), :mod:`~werkplaats.runner.logfile` (one log per report),
:mod:`~werkplaats.runner.plan` (plan files), :mod:`~werkplaats.runner.pool` (parallel runs),
:mod:`~werkplaats.runner.index` (reports/index.html), :mod:`~werkplaats.runner.commands` (CLI).

>>> from werkplaats.runner import params
>>> params.TYPE_LABELS["int"]
'geheel getal'
"""

__all__: list[str] = []

