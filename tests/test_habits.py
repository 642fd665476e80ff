"""Habits that keep the test suite in one shape (issue 10, item 7), checked over tests/:
docstring examples run through --doctest-modules (no hand-written doctest wrappers), no
wall-clock assertions in unit tests (timing belongs in bench/), and no importorskip of the
package itself or of a declared dependency (a missing one must fail, not skip)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from test_environment import DISTRIBUTIONS, extra_packages, runtime_packages

TESTS = Path(__file__).resolve().parent
FILES = sorted(TESTS.glob("*.py"))
CLOCKS = {"time", "perf_counter", "monotonic", "process_time", "perf_counter_ns", "monotonic_ns", "time_ns"}
# Files that still hold a wall-clock assertion; their owners are moving the timing to bench/.
# This set only shrinks (the test fails when a listed file is clean).
WALL_CLOCK_PENDING: set[str] = set()


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _calls(node: ast.AST):
    return [n for n in ast.walk(node) if isinstance(n, ast.Call)]


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_hand_written_doctest_wrapper(path: Path):
    wrappers = [c.lineno for c in _calls(_tree(path)) if _name(c) in {"testmod", "run_docstring_examples"}]
    assert not wrappers, f"{path.name}:{wrappers}: docstring examples run via --doctest-modules"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_wall_clock_assertion(path: Path):
    timed = [n.lineno for n in ast.walk(_tree(path)) if isinstance(n, ast.Assert)
             and any(_name(c) in CLOCKS for c in _calls(n.test))]
    if path.name in WALL_CLOCK_PENDING:
        assert timed, f"{path.name} has no wall-clock assertion any more: remove it from WALL_CLOCK_PENDING"
        return
    assert not timed, f"{path.name}:{timed}: timing belongs in bench/, not in an assertion"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_importorskip_of_own_or_declared_modules(path: Path):
    declared = runtime_packages() | extra_packages("test")
    skipped = []
    for call in _calls(_tree(path)):
        if _name(call) == "importorskip" and call.args and isinstance(call.args[0], ast.Constant):
            top = str(call.args[0].value).split(".")[0]
            if top == "werkplaats" or DISTRIBUTIONS.get(top, top).lower().replace("_", "-") in declared:
                skipped.append(f"{call.lineno}: {call.args[0].value}")
    assert not skipped, f"{path.name}: importorskip of a module that must be there: {skipped}"


MAX_MODULE_LINES = 420  # "no module over ~400 lines" (DESIGN.md); split a module before it grows past this
MAX_FUNCTION_LINES = 50


def test_modules_and_functions_stay_small():
    package = Path(__file__).resolve().parents[1] / "werkplaats"
    too_long = []
    for path in sorted(package.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(package.parent).as_posix()
        if source.count("\n") > MAX_MODULE_LINES:
            too_long.append(f"{name}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{name}: {node.name}() {length} lines")
    assert not too_long, too_long
