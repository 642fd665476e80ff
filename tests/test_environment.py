"""environment.yml (conda) and pyproject.toml (pip) list the same packages; the lock pins them all."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda-forge names that differ from the PyPI names
CONDA_NAMES = {"pyyaml": "pyyaml", "scikit-learn": "scikit-learn"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def pyproject_packages() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {_name(r) for r in project["dependencies"]}


def conda_packages() -> set[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = {_name(d) for d in env["dependencies"] if isinstance(d, str)}
    return names - {"python", "pip"}


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
