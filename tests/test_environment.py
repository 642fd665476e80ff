"""environment.yml (conda) and pyproject.toml (pip) list the same packages; the lock pins them all;
every third-party package the code imports is declared."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# Extras a fresh machine installs (make installs requirements.lock, pinned from these).
INSTALLED_EXTRAS = ("test", "lab")
# conda-forge names that differ from the PyPI names
CONDA_NAMES = {"pyyaml": "pyyaml", "scikit-learn": "scikit-learn"}
# import name -> distribution name, where they differ
DISTRIBUTIONS = {"yaml": "pyyaml", "sklearn": "scikit-learn", "IPython": "ipython", "bs4": "beautifulsoup4"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def runtime_packages() -> set[str]:
    return {_name(r) for r in _project()["dependencies"]}


def extra_packages(extra: str) -> set[str]:
    return {_name(r) for r in _project()["optional-dependencies"][extra]}


def pyproject_packages() -> set[str]:
    """What a fresh machine gets: the runtime dependencies and the installed extras."""
    return runtime_packages().union(*(extra_packages(e) for e in INSTALLED_EXTRAS))


def conda_packages() -> set[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = {_name(d) for d in env["dependencies"] if isinstance(d, str)}
    return names - {"python", "pip"}


def imported_packages() -> set[str]:
    """Top-level names of the third-party packages werkplaats/ imports (anywhere in a module)."""
    names: set[str] = set()
    for path in (ROOT / "werkplaats").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "werkplaats"}


def test_environment_yml_matches_pyproject():
    pip_side = {CONDA_NAMES.get(n, n) for n in pyproject_packages()}
    conda_side = conda_packages()
    assert pip_side - conda_side == set(), f"ontbreekt in environment.yml: {sorted(pip_side - conda_side)}"
    assert conda_side - pip_side == set(), f"ontbreekt in pyproject.toml: {sorted(conda_side - pip_side)}"


def test_environment_yml_uses_conda_forge_and_python_311():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    assert "python=3.11" in env["dependencies"]


def test_lock_pins_every_dependency_exactly():
    lines = [ln.strip() for ln in (ROOT / "requirements.lock").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    pinned = {_name(ln): ln for ln in lines}
    assert all("==" in ln for ln in lines), [ln for ln in lines if "==" not in ln]
    missing = pyproject_packages() - set(pinned)
    assert not missing, f"niet vastgepind in requirements.lock: {sorted(missing)}"


def test_every_imported_package_is_a_runtime_dependency():
    """The package imports only what `pip install werkplaats` brings (not an extra)."""
    imported = {DISTRIBUTIONS.get(n, n).lower().replace("_", "-") for n in imported_packages()}
    missing = imported - runtime_packages()
    assert not missing, f"geïmporteerd maar niet in [project] dependencies: {sorted(missing)}"


def test_every_package_the_tests_import_is_declared():
    """`make test` on a fresh machine has what tests/ imports: runtime deps or the test extra."""
    names: set[str] = set()
    local = {p.stem for p in (ROOT / "tests").glob("*.py")} | {"werkplaats", "conftest"}
    for path in [*(ROOT / "tests").glob("*.py"), ROOT / "conftest.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    third_party = {DISTRIBUTIONS.get(n, n).lower().replace("_", "-")
                   for n in names if n not in sys.stdlib_module_names and n not in local}
    missing = third_party - runtime_packages() - extra_packages("test")
    assert not missing, f"tests/ importeert, maar niet in dependencies of de test-extra: {sorted(missing)}"


def test_tools_are_extras_not_runtime_dependencies():
    tools = {"pytest", "nbval", "ruff", "mypy", "jupyterlab", "jupytext"}
    assert not tools & runtime_packages(), sorted(tools & runtime_packages())
    assert {"pytest", "nbval", "ruff", "mypy", "jupytext"} <= extra_packages("test")
    assert {"jupyterlab", "jupytext"} <= extra_packages("lab")


def test_no_declared_dependency_is_dead_weight():
    """A runtime dependency is imported, or listed here with the reason it is needed anyway."""
    needed_without_import = {
        "ipykernel": "the kernel papermill and nbval run the notebooks in",
        "openpyxl": "pandas reads .xlsx with it",
        "pyarrow": "pandas' string dtype of loaded text columns (validate.TEXT_DTYPE) and parquet files",
        "scikit-learn": "kept for the coming prediction work (issue 10)",
    }
    imported = {DISTRIBUTIONS.get(n, n).lower().replace("_", "-") for n in imported_packages()}
    unused = runtime_packages() - imported - set(needed_without_import)
    assert not unused, f"in dependencies maar nergens geïmporteerd: {sorted(unused)}"
