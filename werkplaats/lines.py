"""The research-line contract and the one registry of research lines.

A research line is a subpackage of :mod:`werkplaats` named as users see the analysis
(notebook, report folder, plan). Every line implements the same four steps:

``prepare(loaded, ...) -> Prepared``
    Pure: types, scores and tidies the loaded datasets (``loaded`` maps each of the line's
    datasets to its :class:`~werkplaats.validate.LoadedData`, as :func:`load_line` gives);
    writing to ``data/processed`` is a separate, explicit call (``write_prepared``).
``analyse(prepared, *, gemeente="alle", min_cel=MIN_CEL, ...) -> Results``
    Every table is a tidy DataFrame whose columns declare their role
    (:mod:`werkplaats.roles`), so that one publication step can protect and format it.
``key_figures(results) -> dict``
    The results.json key figures of DATA_CONTRACT section 6.
``tables(results) -> dict[str, DataFrame]``
    Every table a report shows, protected against disclosure.

Adding a line is one subpackage, one codebook, one notebook and one entry in :data:`LINES`
(docs/ontwikkelaars.md has the recipe).

>>> [line.name for line in registered()]
['eenzaamheid', 'vroegsignalering', 'clientervaring']
>>> line_named("vroegsignalering").datasets
('vroegsignalering_signalen',)
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from werkplaats.validate import LoadedData

__all__ = ["LINES", "Line", "ResearchLine", "line_named", "load_line", "registered"]


@runtime_checkable
class ResearchLine(Protocol):
    """What every research-line package offers (checked by ``tests/test_lines.py``)."""

    ANALYSIS: str
    DATASETS: tuple[str, ...]

    def prepare(self, loaded: Mapping[str, Any], /, *args: Any, **kwargs: Any) -> Any: ...

    def analyse(self, prepared: Any, /, *, gemeente: str = "alle", min_cel: int = 10, **options: Any) -> Any: ...

    def key_figures(self, results: Any, /) -> dict: ...

    def tables(self, results: Any, /) -> Mapping[str, Any]: ...


@dataclass(frozen=True)
class Line:
    """One registered research line: its name, datasets and Dutch title."""

    name: str
    datasets: tuple[str, ...]
    title: str

    @property
    def package(self) -> str:
        """The import path of the line's subpackage."""
        return f"werkplaats.{self.name}"

    @property
    def notebook(self) -> str:
        """The analysis notebook, relative to the project root."""
        return f"notebooks/{self.name}.ipynb"

    def module(self) -> ModuleType:
        """The line's package (imported on first use: ``import werkplaats`` stays light)."""
        return importlib.import_module(self.package)

    def synth(self) -> ModuleType:
        """The line's synthetic-data generator (``generate(rng, **options)``, ``PLANTED``)."""
        return importlib.import_module(f"{self.package}.synth")


# The order is part of the sample data: each line draws from its own child of one seed,
# in this order. Add new lines at the end.
LINES: tuple[Line, ...] = (
    Line("eenzaamheid", ("eenzaamheid_metingen",), "Eenzaamheid"),
    Line("vroegsignalering", ("vroegsignalering_signalen",), "Vroegsignalering schulden"),
    Line("clientervaring", ("clientervaring_antwoorden", "clientervaring_populatie"), "Cliëntervaring Wmo"),
)


def registered() -> tuple[Line, ...]:
    """Every research line, in registry order."""
    return LINES


def line_named(name: str) -> Line:
    """The line called ``name`` (case-insensitive), or a Dutch ParameterError with a suggestion.

    >>> line_named("Eenzaamheid").name
    'eenzaamheid'
    """
    from werkplaats.checks import did_you_mean
    from werkplaats.errors import ParameterError, dutch_list

    names = [line.name for line in LINES]
    wanted = str(name).strip().lower()
    for line in LINES:
        if line.name == wanted:
            return line
    raise ParameterError(f"onbekende onderzoekslijn '{name}'.{did_you_mean(name, names)} "
                         f"(kies uit {dutch_list(names)})")


def load_line(name: str, data_dir: str | os.PathLike[str] | None = None) -> dict[str, LoadedData]:
    """Load and validate every dataset of research line ``name`` from ``data_dir`` (default
    data/raw): the ``loaded`` that the line's ``prepare`` takes.

    >>> sorted(load_line("clientervaring", "tests/fixtures/reference"))
    ['clientervaring_antwoorden', 'clientervaring_populatie']
    """
    from werkplaats.validate import load_dataset

    return {dataset: load_dataset(dataset, data_dir) for dataset in line_named(name).datasets}
