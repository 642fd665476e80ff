"""The start-here and exercise notebooks speak to students in one voice (je), with code a
first-year student reads without help, and every function they name explains itself with an
example (run by ``pytest --doctest-modules``)."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import jupytext
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
START = NOTEBOOKS / "00_start_hier.py"
STUDENT_TWINS = [START, *sorted((NOTEBOOKS / "opdrachten").glob("*.py"))]


def _cells(path: Path, kind: str) -> list[str]:
    return [cell.source for cell in jupytext.read(path, fmt="py:percent").cells if cell.cell_type == kind]


def _code(path: Path) -> ast.Module:
    return ast.parse("\n".join(line for source in _cells(path, "code") for line in source.splitlines()
                               if not line.lstrip().startswith("%")))


@pytest.mark.parametrize("path", STUDENT_TWINS, ids=lambda p: p.name)
def test_students_are_addressed_with_je(path):
    text = "\n".join(_cells(path, "markdown") + _cells(path, "code"))
    text = text.replace('"Bedoelt u ...?"', "")  # the message a student sees, quoted
    formal = re.findall(r"\b(u|uw|U|Uw)\b", text)
    assert not formal, f"{path.name}: 'u'/'uw' gevonden; spreek studenten aan met 'je'"


def test_start_here_code_is_plain():
    tree = _code(START)
    assert not [node for node in ast.walk(tree) if isinstance(node, ast.Lambda)], "no lambda in start-here"
    imported = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import | ast.ImportFrom) for alias in node.names}
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert imported <= used, f"unused imports in start-here: {sorted(imported - used)}"


def _named_functions() -> dict[str, object]:
    """Every workbench function the start-here notebook calls or names in backticks."""
    tree = _code(START)
    namespace: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("werkplaats"):
            for alias in node.names:
                try:  # a submodule (from werkplaats import eenzaamheid) or a function
                    value = importlib.import_module(f"{node.module}.{alias.name}")
                except ModuleNotFoundError:
                    value = getattr(importlib.import_module(node.module), alias.name)
                namespace[alias.asname or alias.name] = value
    found: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            target = node.func
            if isinstance(target, ast.Name) and target.id in namespace:
                found[target.id] = namespace[target.id]
            elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                    and target.value.id in namespace:
                found[f"{target.value.id}.{target.attr}"] = getattr(namespace[target.value.id], target.attr)
    text = "\n".join(_cells(START, "markdown"))
    for module, names in re.findall(r"`(werkplaats\.\w+)` \| [^|]*?((?:`\w+`[^`|]*)+)\|", text):
        for name in re.findall(r"`(\w+)`", names):
            found[f"{module}.{name}"] = getattr(importlib.import_module(module), name)
    return found


def test_start_here_names_the_public_surface():
    named = _named_functions()
    assert {"load_line", "lijn.prepare", "lijn.analyse", "lijn.tables", "show", "friendly_errors"} <= set(named)
    assert "werkplaats.eenzaamheid.analysis" not in START.read_text(encoding="utf-8")


@pytest.mark.parametrize("name, function", sorted(_named_functions().items()))
def test_every_function_start_here_names_has_an_example(name, function):
    original = inspect.unwrap(function)
    assert ">>>" in (inspect.getdoc(original) or ""), f"{name}: docstring zonder voorbeeld"
