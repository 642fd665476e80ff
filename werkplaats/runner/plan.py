"""Plan files: which notebooks to run, with which parameter grids, into which folder.

A plan is YAML::

    reports_dir: reports              # optional, default reports/ in the project
    parameters:                       # optional: for every notebook
      data_dir: data/raw
    notebooks:
      - notebook: notebooks/eenzaamheid.ipynb
        parameters: {min_cel: 10}     # optional: fixed values for this notebook
        grid:                         # optional: one report per combination
          gemeente: {from_data: eenzaamheid_metingen}   # every gemeente in the data, plus alle

``{from_data: DATASET}`` takes the distinct values of the column with the grid key's name
(or ``column:``) in that dataset in the notebook's ``data_dir``, plus ``alle`` (leave it
out with ``alle: false``); a list gives the values explicitly. Relative paths resolve
against the current folder, else the project root. Every parameter is checked against
the notebook before anything runs; any problem is a :class:`PlanError` (exit status 2).

>>> expand_grid({"gemeente": ["alle", "Utrecht"], "min_cel": [5]})
[{'gemeente': 'alle', 'min_cel': 5}, {'gemeente': 'Utrecht', 'min_cel': 5}]
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping
from pathlib import Path

from werkplaats.errors import WerkplaatsError
from werkplaats.paths import project_root, resolve, slug
from werkplaats.runner.execute import ReportJob, prepare_job

__all__ = [
    "expand_grid",
    "FROM_DATA_KEYS",
    "ITEM_KEYS",
    "load_plan",
    "plan_jobs",
    "PLAN_KEYS",
    "PlanError",
    "values_in_data",
]

PLAN_KEYS = {"reports_dir", "parameters", "notebooks"}
ITEM_KEYS = {"notebook", "parameters", "grid"}
FROM_DATA_KEYS = {"from_data", "column", "alle"}


class PlanError(WerkplaatsError):
    """The plan file cannot be used (unknown key, missing notebook, bad parameter)."""


PathLike = str | os.PathLike[str]


def load_plan(path: PathLike, *, reports_dir: PathLike | None = None) -> list[ReportJob]:
    """Every report of the plan at ``path``, checked, in plan order."""
    import yaml

    path = Path(path)
    try:
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PlanError(f"{path}: plan niet te lezen ({exc.strerror}).") from exc
    except yaml.YAMLError as exc:
        raise PlanError(f"{path}: geen geldige YAML ({exc}).") from exc
    return plan_jobs(plan, name=path.name, reports_dir=reports_dir)


def plan_jobs(plan: object, *, name: str = "plan", reports_dir: PathLike | None = None) -> list[ReportJob]:
    """The checked reports of an already parsed plan (see module docstring)."""
    if not isinstance(plan, Mapping) or not isinstance(plan.get("notebooks"), list) or not plan["notebooks"]:
        raise PlanError(f"{name}: een plan heeft een lijst 'notebooks' (zie docs/rapporten.md).")
    _check_keys(plan, PLAN_KEYS, name)
    base = resolve(reports_dir or plan.get("reports_dir") or project_root() / "reports")
    shared = _parameters(plan, name)
    jobs: list[ReportJob] = []
    for number, item in enumerate(plan["notebooks"], start=1):
        where = f"{name}, notebook {number}"
        if not isinstance(item, Mapping) or "notebook" not in item:
            raise PlanError(f"{where}: elk item heeft een sleutel 'notebook'.")
        _check_keys(item, ITEM_KEYS, where)
        jobs.extend(_item_jobs(item, {**shared, **_parameters(item, where)}, base, where))
    _check_unique(jobs, name)
    return jobs


def _parameters(mapping: Mapping, where: str) -> dict:
    """The ``parameters`` of the plan or of one item (a mapping of name to value)."""
    given = mapping.get("parameters") or {}
    if not isinstance(given, Mapping):
        raise PlanError(f"{where}: 'parameters' is een lijst van naam: waarde (bijvoorbeeld min_cel: 10).")
    return dict(given)


def _item_jobs(item: Mapping, fixed: dict, base: Path, where: str) -> list[ReportJob]:
    notebook = resolve(str(item["notebook"]))
    if not notebook.is_file():
        raise PlanError(f"{where}: notebook {item['notebook']} bestaat niet.")
    grid = item.get("grid") or {}
    if not isinstance(grid, Mapping):
        raise PlanError(f"{where}: 'grid' is een lijst van parameters met hun waarden.")
    values = {key: _grid_values(key, spec, fixed, where) for key, spec in grid.items()}
    jobs = []
    for combination in expand_grid(values):
        extra = [k for k in combination if k != "gemeente"]
        folder = slug(str(combination.get("gemeente", fixed.get("gemeente", "alle"))))
        folder += "".join(f"-{slug(k)}-{slug(str(combination[k]))}" for k in extra)
        try:
            jobs.append(prepare_job(notebook, {**fixed, **combination},
                                    output_dir=base / notebook.stem / folder))
        except WerkplaatsError as exc:
            raise PlanError(f"{where}: {exc}") from exc
    return jobs


def expand_grid(values: Mapping[str, list]) -> list[dict]:
    """Every combination of the grid's values (the first key varies slowest)."""
    keys = list(values)
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*(values[k] for k in keys))]


def _grid_values(key: str, spec: object, fixed: Mapping, where: str) -> list:
    if isinstance(spec, list) and spec:
        return spec
    if isinstance(spec, Mapping) and "from_data" in spec:
        _check_keys(spec, FROM_DATA_KEYS, f"{where}, grid {key}")
        found = values_in_data(str(fixed.get("data_dir", "data/raw")), str(spec["from_data"]),
                               str(spec.get("column", key)), where)
        return (["alle"] if spec.get("alle", True) else []) + found
    raise PlanError(f"{where}: grid {key} is een lijst van waarden of {{from_data: DATASET}}.")


def values_in_data(data_dir: str, dataset: str, column: str, where: str = "plan") -> list[str]:
    """The distinct non-empty values of ``column`` in ``dataset`` (sorted)."""
    from werkplaats.io import find_dataset, read_raw

    try:
        table = read_raw(find_dataset(resolve(data_dir), dataset)).table
    except WerkplaatsError as exc:
        raise PlanError(f"{where}: from_data {dataset}: {exc}") from exc
    except OSError as exc:
        raise PlanError(f"{where}: from_data {dataset}: niet te lezen in {data_dir} ({exc.strerror}).") from exc
    if column not in table.columns:
        raise PlanError(f"{where}: from_data {dataset}: kolom {column} bestaat niet.")
    values = sorted({v.strip() for v in table[column] if v.strip()}, key=str.casefold)
    reserved = [v for v in values if v.lower() == "alle"]
    if reserved:
        raise PlanError(f"{where}: from_data {dataset}: kolom {column} bevat de waarde '{reserved[0]}'; 'alle' "
                        "betekent in een plan het rapport over alle gemeenten samen en kan dus geen gemeentenaam "
                        "zijn. Geef die gemeente in de data haar echte naam.")
    return values


def _check_keys(mapping: Mapping, allowed: set[str], where: str) -> None:
    unknown = sorted(set(map(str, mapping)) - allowed)
    if unknown:
        raise PlanError(f"{where}: onbekende sleutel {', '.join(unknown)} "
                        f"(toegestaan: {', '.join(sorted(allowed))}).")


def _check_unique(jobs: list[ReportJob], name: str) -> None:
    seen: dict[Path, ReportJob] = {}
    for job in jobs:
        if job.final in seen:
            raise PlanError(f"{name}: twee rapporten schrijven naar dezelfde map {job.final}.")
        seen[job.final] = job
