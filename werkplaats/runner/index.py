"""reports/index.html: every report with its status, date, duration and links (Dutch).

The index is built from what is on disk: each report folder's run.json (last success)
and each error report's fout.json (last failure), so reports made by single runs show up
too. The outcomes of the plan run that writes it add "ongewijzigd" and "onderbroken".

>>> render_index([], generated="2026-01-05 10:00").count("<table")
1
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from werkplaats.io import write_text
from werkplaats.runner.execute import HTML_NAME, MANIFEST_NAME
from werkplaats.runner.report_html import format_seconds
from werkplaats.safe_html import CSP_META

__all__ = [
    "collect_entries",
    "IndexEntry",
    "MAX_MESSAGE",
    "public_message",
    "QUOTE",
    "render_index",
    "STATUS_TEXT",
    "write_index",
]

QUOTE = re.compile(r"['\"‘’“”]")
MAX_MESSAGE = 300

STATUS_TEXT = {
    "geslaagd": "geslaagd",
    "ongewijzigd": "geslaagd (ongewijzigd, niet opnieuw gedraaid)",
    "mislukt": "MISLUKT",
    "onderbroken": "onderbroken",
}


@dataclass
class IndexEntry:
    """One report in the index."""

    analysis: str
    name: str
    status: str
    date: str = ""
    duration: float | None = None
    report_link: str | None = None
    error_link: str | None = None
    log_link: str | None = None
    message: str = ""


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def collect_entries(reports_dir: str | os.PathLike[str], outcomes: Iterable = ()) -> list[IndexEntry]:
    """Every report and error report under ``reports_dir/<analysis>/``."""
    reports_dir = Path(reports_dir)
    latest = {(Path(o.final).parent.name, Path(o.final).name): o for o in outcomes}
    entries = []
    for folder in sorted(p for p in reports_dir.iterdir() if p.is_dir() and not p.name.startswith(".")) \
            if reports_dir.is_dir() else []:
        names = {p.name.removesuffix(".fout") for p in folder.iterdir()
                 if not p.name.startswith(".") and (p.is_dir() or p.is_symlink())}
        for name in sorted(names, key=str.casefold):
            entry = _entry(folder, name, latest.get((folder.name, name)))
            if entry is not None:
                entries.append(entry)
    return entries


def _entry(folder: Path, name: str, outcome) -> IndexEntry | None:
    good = _read_json(folder / name / MANIFEST_NAME)
    bad = _read_json(folder / f"{name}.fout" / "fout.json")
    if good is None and bad is None:
        return None
    rel = f"{folder.name}/{name}"
    entry = IndexEntry(folder.name, name, "geslaagd")
    if good is not None:
        entry.date, entry.duration = good.get("started", ""), good.get("duration_seconds")
        entry.report_link = f"{rel}/{HTML_NAME}"
    if bad is not None and (good is None or str(bad.get("started", "")) >= str(good.get("started", ""))):
        entry.status, entry.error_link = "mislukt", f"{rel}.fout/fout.html"
        entry.message = public_message(bad)
        entry.date, entry.duration = bad.get("started", ""), bad.get("duration_seconds")
    if outcome is not None and outcome.status in {"ongewijzigd", "onderbroken"} and entry.status != "mislukt":
        entry.status = outcome.status
    if (folder / f"{name}.log").exists():
        entry.log_link = f"{rel}.log"
    return entry


def public_message(details: dict) -> str:
    """The error for the index: its first line up to the first quoted value.

    Error messages quote data values (a :class:`DataError` names up to five cells); those
    stay in the analyst's error report and log, never on the index page.

    >>> public_message({"error": "DataError", "message": "a.csv: kolom x, rij 3: onbekend 'O'Brien' (toegestaan: a)"})
    "DataError: a.csv: kolom x, rij 3: onbekend '…'"
    """
    first = (str(details.get("message", "")).strip().splitlines() or [""])[0]
    cut = QUOTE.search(first)  # everything from the first quote on (a value may hold quotes itself)
    if cut:
        first = first[:cut.start()].rstrip() + " '…'"
    if len(first) > MAX_MESSAGE:
        first = first[:MAX_MESSAGE] + " …"
    return f"{details.get('error', '')}: {first}"


def _link(href: str | None, text: str) -> str:
    return f'<a href="{html.escape(href)}">{text}</a>' if href else ""


def _row(entry: IndexEntry) -> str:
    status = STATUS_TEXT.get(entry.status, entry.status)
    if entry.status == "mislukt" and entry.report_link:
        status += " — het vorige goede rapport staat er nog"
    links = " · ".join(filter(None, [_link(entry.report_link, "rapport"),
                                     _link(entry.error_link, "foutrapport"), _link(entry.log_link, "log")]))
    duration = format_seconds(float(entry.duration)) if isinstance(entry.duration, (int, float)) else ""
    css = "fout" if entry.status in {"mislukt", "onderbroken"} else "goed"
    message = f"<br><small>{html.escape(entry.message)}</small>" if entry.message else ""
    return (f'<tr class="{css}"><td>{html.escape(entry.analysis)}</td><td>{html.escape(entry.name)}</td>'
            f"<td>{html.escape(status)}{message}</td>"
            f"<td>{html.escape(str(entry.date).replace('T', ' ')[:16])}</td>"
            f"<td>{duration}</td><td>{links}</td></tr>")


def render_index(entries: list[IndexEntry], *, generated: str) -> str:
    """The index page as one HTML string."""
    failed = sum(e.status in {"mislukt", "onderbroken"} for e in entries)
    rows = "".join(_row(e) for e in entries) or '<tr><td colspan="6">Nog geen rapporten.</td></tr>'
    style = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
             "td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
             "tr.fout td{background:#fde8e8}small{color:#555}")
    return (f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">{CSP_META}<title>Rapporten</title>'
            f"<style>{style}</style></head><body><h1>Rapporten van de Wmo-werkplaats</h1>"
            f"<p>Bijgewerkt op {html.escape(generated)}: {len(entries)} rapporten, {failed} mislukt.</p>"
            "<table><tr><th>Analyse</th><th>Rapport</th><th>Status</th><th>Datum</th><th>Duur</th><th>Links</th></tr>"
            f"{rows}</table></body></html>\n")


def write_index(reports_dir: str | os.PathLike[str], outcomes: Iterable = ()) -> Path:
    """Write ``reports_dir/index.html`` atomically and return its path."""
    reports_dir = Path(reports_dir)
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    page = render_index(collect_entries(reports_dir, outcomes), generated=now)
    path = write_text(page, reports_dir / "index.html")
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o666 & ~umask)  # readable like any new file (the temporary file was 0600)
    return path
