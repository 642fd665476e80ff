"""What a failed run leaves for the analyst: where it failed and why (fout.json, fout.html).

The error report sits beside the report (``<report>.fout``); the previous good report stays
in place. It is for the analyst, not for readers: it may show the failing cell's code.

>>> class Boom(Exception):
...     pass
>>> failure_details(Boom("kolom ontbreekt"))["message"]
'kolom ontbreekt'
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from pathlib import Path

from werkplaats.safe_html import CSP_META

__all__ = ["ANSI", "error_page", "failure_details", "summary", "write_error_files"]

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def failure_details(exc: BaseException) -> dict[str, object]:
    """The failing cell (papermill's ``In [n]`` and its code) and the error, as plain data."""
    if hasattr(exc, "ename") and hasattr(exc, "evalue"):
        return {
            "cell": getattr(exc, "exec_count", None),
            "cell_index": getattr(exc, "cell_index", None),
            "cell_source": getattr(exc, "source", None),
            "error": str(exc.ename),
            "message": ANSI.sub("", str(exc.evalue)),
            "traceback": ANSI.sub("", "\n".join(getattr(exc, "traceback", []) or [])),
        }
    return {"cell": None, "cell_index": None, "cell_source": None, "error": type(exc).__name__,
            "message": str(exc) or type(exc).__name__, "traceback": ""}


def summary(details: Mapping[str, object]) -> str:
    """One Dutch line: ``cel In [4]: RuntimeError: ...``."""
    where = f"cel In [{details['cell']}]: " if details.get("cell") is not None else ""
    return f"{where}{details['error']}: {details['message']}"


def error_page(details: Mapping[str, object], *, title: str, previous: str | None,
               notebook_file: str | None, log_file: str | None) -> str:
    """A small Dutch HTML page describing the failure (self-contained)."""
    esc = html.escape
    parts = [f"<h1>Mislukt: {esc(title)}</h1>",
             f"<p><strong>{esc(summary(details))}</strong></p>"]
    if previous:
        link = f'<a href="{esc(previous)}">{esc(previous)}</a>'
        parts.append(f"<p>Het vorige goede rapport blijft staan: {link}.</p>")
    else:
        parts.append("<p>Er is nog geen eerder goed rapport.</p>")
    if details.get("cell_source"):
        parts.append(f"<h2>De cel die faalde (In [{details.get('cell')}])</h2>"
                     f"<pre>{esc(str(details['cell_source']))}</pre>")
    if details.get("traceback"):
        parts.append("<details><summary>Volledige foutmelding</summary>"
                     f"<pre>{esc(str(details['traceback']))}</pre></details>")
    files = ((notebook_file, "uitgevoerd notebook (tot de fout)"), (log_file, "logbestand"))
    links = [f'<a href="{esc(f)}">{esc(label)}</a>' for f, label in files if f]
    if links:
        parts.append("<p>Zie ook: " + " · ".join(links) + "</p>")
    params = details.get("parameters") or {}
    if isinstance(params, Mapping) and params:
        rows = "".join(f"<tr><th>{esc(str(k))}</th><td><code>{esc(repr(v))}</code></td></tr>"
                       for k, v in params.items())
        parts.append(f"<h2>Parameters</h2><table>{rows}</table>")
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
             "pre{background:#f6f6f6;padding:1em;overflow:auto}th{text-align:left;padding-right:1em}")
    return (f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">{CSP_META}<title>Mislukt: {esc(title)}</title>'
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>\n")


def write_error_files(folder: Path, details: Mapping[str, object], **page) -> None:
    """``fout.json`` and ``fout.html`` in ``folder``."""
    text = json.dumps(dict(details), ensure_ascii=False, indent=2, default=str)
    (folder / "fout.json").write_text(text + "\n", encoding="utf-8")
    (folder / "fout.html").write_text(error_page(details, **page), encoding="utf-8")
