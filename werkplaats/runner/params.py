"""A notebook's parameters (its ``parameters`` cell) and checking values against them.

Everything here reads the notebook file only: no kernel is started, so a wrong name or a
value of the wrong type is reported before any run begins.

>>> import nbformat, tempfile, os
>>> cell = nbformat.v4.new_code_cell('gemeente = "alle"  # gemeente of alle\\nmin_cel = 10  # kleinste groep')
>>> cell.metadata["tags"] = ["parameters"]
>>> nb = nbformat.v4.new_notebook(cells=[cell])
>>> path = os.path.join(tempfile.mkdtemp(), "voorbeeld.ipynb"); nbformat.write(nb, path)
>>> check_parameters(path, {"min_cel": "5"})
{'gemeente': 'alle', 'min_cel': 5}
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import os
import tokenize
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from werkplaats.checks import did_you_mean
from werkplaats.errors import ParameterError, dutch_list

__all__ = [
    "check_parameters",
    "coerce_value",
    "FALSE_WORDS",
    "notebook_parameters",
    "NotebookParameter",
    "parameter_listing",
    "parse_parameters_cell",
    "TRUE_WORDS",
    "TYPE_LABELS",
]

TYPE_LABELS = {
    "str": "tekst",
    "int": "geheel getal",
    "float": "getal",
    "bool": "ja/nee (True/False)",
    "list": "lijst",
    "dict": "woordenboek",
    "NoneType": "leeg (None)",
}
TRUE_WORDS = {"true", "ja", "yes", "1", "waar"}
FALSE_WORDS = {"false", "nee", "no", "0", "onwaar"}


@dataclass(frozen=True)
class NotebookParameter:
    """One line of a notebook's parameters cell: name, default value, type and comment."""

    name: str
    default: object
    source: str
    type_name: str
    help: str = ""

    @property
    def type_label(self) -> str:
        """The type in Dutch words (``'geheel getal'``)."""
        return TYPE_LABELS.get(self.type_name, self.type_name)

    def describe(self) -> str:
        """``name = default  (type)  comment`` for listings and error messages."""
        text = f"{self.name} = {self.source}  ({self.type_label})"
        return f"{text}  {self.help}" if self.help else text


def notebook_parameters(notebook: str | os.PathLike[str]) -> list[NotebookParameter]:
    """The parameters declared in the notebook's first cell tagged ``parameters``.

    Reads the notebook as JSON and the cell with :mod:`ast` (the same rules as papermill's
    inspection: one ``name = literal`` per statement, the comment on its line is the help),
    without importing papermill or nbformat (slow to import) and without starting a kernel.
    Unlike papermill it also reads a line whose comment contains ``=``.
    """
    path = Path(notebook)
    if not path.is_file():
        raise ParameterError(f"{path}: notebook bestaat niet.")
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (ValueError, UnicodeDecodeError, AttributeError) as exc:
        raise ParameterError(f"{path.name}: geen leesbaar notebook ({type(exc).__name__}: {exc}).") from exc
    for cell in cells:
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            return parse_parameters_cell("".join(source) if isinstance(source, list) else source, path.name)
    return []


def parse_parameters_cell(source: str, notebook: str = "notebook") -> list[NotebookParameter]:
    """The ``name = value  # comment`` statements of a parameters cell's source.

    >>> [p.describe() for p in parse_parameters_cell('min_cel = 10  # n >= min_cel wordt getoond')]
    ['min_cel = 10  (geheel getal)  n >= min_cel wordt getoond']
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ParameterError(
            f"{notebook}: de parametercel is geen geldige Python (regel {exc.lineno})."
        ) from exc
    comments = _comments_by_line(source)
    found = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, annotation = node.targets[0].id, None
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            target, annotation = node.target.id, ast.get_source_segment(source, node.annotation)
        else:
            continue
        help_text = comments.get(node.end_lineno or node.lineno) or comments.get(node.lineno - 1, "")
        value_source = (ast.get_source_segment(source, node.value) if node.value is not None else None) or ""
        found.append(_to_parameter(target, value_source, annotation, help_text))
    return found


def _comments_by_line(source: str) -> dict[int, str]:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return {}
    return {tok.start[0]: tok.string.lstrip("#").strip() for tok in tokens if tok.type == tokenize.COMMENT}


def _to_parameter(name: str, source: str, annotation: str | None, help_text: str) -> NotebookParameter:
    try:
        default = ast.literal_eval(source)
        type_name = type(default).__name__
    except (ValueError, SyntaxError):
        default, type_name = source, annotation or "expressie"
    return NotebookParameter(name, default, source, type_name, help_text)


def parameter_listing(parameters: Sequence[NotebookParameter]) -> str:
    """All parameters, one per line (empty notebook: a sentence saying so)."""
    if not parameters:
        return "  (dit notebook heeft geen cel met de tag 'parameters')"
    return "\n".join("  " + p.describe() for p in parameters)


def coerce_value(parameter: NotebookParameter, value: object, *, notebook: str = "notebook") -> object:
    """``value`` (text from the command line, or a YAML value) as the type of the default.

    >>> p = NotebookParameter("min_cel", 10, "10", "int", "kleinste groep")
    >>> coerce_value(p, "5")
    5
    """
    kind = parameter.type_name
    if kind in {"expressie", "NoneType"}:
        return _literal_or_text(value) if isinstance(value, str) else value
    if isinstance(value, str) and kind != "str":
        return _parse_text(parameter, value, notebook)
    if isinstance(value, dt.date) and kind == "str":
        return value.isoformat()
    if kind == "float" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if type(value).__name__ != kind:
        raise _type_error(parameter, value, notebook)
    return value


def _parse_text(parameter: NotebookParameter, text: str, notebook: str) -> object:
    kind, clean = parameter.type_name, text.strip()
    try:
        if kind == "int":
            return int(clean)
        if kind == "float":
            decimal_comma = clean.count(",") == 1 and "." not in clean
            return float(clean.replace(",", ".") if decimal_comma else clean)
        if kind == "bool":
            if clean.lower() in TRUE_WORDS | FALSE_WORDS:
                return clean.lower() in TRUE_WORDS
            raise ValueError(clean)
        if kind == "list" and not clean.startswith("["):
            return [_literal_or_text(part.strip()) for part in clean.split(",") if part.strip()]
        value = ast.literal_eval(clean)
    except (ValueError, SyntaxError):
        raise _type_error(parameter, text, notebook) from None
    if type(value).__name__ != kind:
        raise _type_error(parameter, text, notebook)
    return value


def _literal_or_text(text: str) -> object:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def _type_error(parameter: NotebookParameter, value: object, notebook: str) -> ParameterError:
    hint = " Zet tekst in YAML tussen aanhalingstekens." if parameter.type_name == "str" else ""
    return ParameterError(
        f"{notebook}: parameter {parameter.name} verwacht {parameter.type_label} "
        f"(standaard {parameter.source}), maar kreeg {value!r}.{hint}"
    )


def check_parameters(
    notebook: str | os.PathLike[str],
    given: Mapping[str, object],
    *,
    declared: Sequence[NotebookParameter] | None = None,
) -> dict[str, object]:
    """All parameters of ``notebook``: its defaults overridden by ``given``, each checked.

    Raises :class:`ParameterError` (Dutch, listing the notebook's parameters with defaults
    and comments) for an unknown name or a value of the wrong type. Starts no kernel.
    """
    declared = notebook_parameters(notebook) if declared is None else list(declared)
    by_name = {p.name: p for p in declared}
    name = Path(notebook).name
    unknown = [key for key in given if key not in by_name]
    if unknown:
        raise ParameterError(_unknown_message(name, unknown, declared))
    values = {p.name: p.default for p in declared}
    for key, value in given.items():
        try:
            values[key] = coerce_value(by_name[key], value, notebook=name)
        except ParameterError as exc:
            raise ParameterError(f"{exc}\nParameters van {name}:\n{parameter_listing(declared)}") from None
    return values


def _unknown_message(name: str, unknown: list[str], declared: Sequence[NotebookParameter]) -> str:
    word = "onbekende parameter" if len(unknown) == 1 else "onbekende parameters"
    text = f"{name}: {word} {dutch_list(unknown, quote=True)}."
    text += did_you_mean(unknown[0], [p.name for p in declared])
    return f"{text}\nParameters van {name}:\n{parameter_listing(declared)}"
