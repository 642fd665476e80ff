"""The reader's HTML: no code, no stderr, figures inline, Dutch, provenance footer."""

from __future__ import annotations

import base64

import nbformat

from werkplaats.runner.report_html import format_seconds, provenance_footer, report_html

PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")).decode()


def _notebook():
    code = nbformat.v4.new_code_cell("geheime_code = 1\nprint('zichtbaar')", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="zichtbare uitvoer\n"),
        nbformat.v4.new_output("stream", name="stderr", text="Warning in /pad/naar/code.py\n"),
        nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
    ])
    hidden = nbformat.v4.new_code_cell("x = 2", outputs=[
        nbformat.v4.new_output("stream", text="verborgen\n")])
    hidden.metadata["tags"] = ["remove-cell"]
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Titel\n\nUitleg."), code, hidden])


def test_report_without_code_with_inline_figure_and_footer():
    page = report_html(_notebook(), title="Titel — Utrecht",
                       provenance={"parameters": {"gemeente": "Utrecht"}, "inputs": {"a.csv": "abc123"},
                                   "werkplaats_version": "0.1.0", "git_commit": "deadbeef",
                                   "created": "2026-03-01", "duration_seconds": 75})
    body = page.split("<body", 1)[1]
    assert "geheime_code" not in page and "print(" not in page
    assert "zichtbare uitvoer" in body and "/pad/naar/code.py" not in page and "verborgen" not in page
    assert f"data:image/png;base64,{PNG}" in body
    assert '<html lang="nl">' in page and "<title>Titel — Utrecht</title>" in page
    assert "<script src=" not in page
    footer = body[body.index("Herkomst"):]
    assert "abc123" in footer and "deadbeef" in footer and "1 min 15 s" in footer and "'Utrecht'" in footer


def test_tracebacks_with_data_values_never_reach_readers():
    """A cell tagged raises-exception lets a run go on; its traceback quotes data (here an id)."""
    cell = nbformat.v4.new_code_cell("tabel.loc['P-0001']", outputs=[
        nbformat.v4.new_output("error", ename="KeyError", evalue="'P-0001'",
                               traceback=["KeyError: 'P-0001' in rij van mevrouw Jansen"]),
        nbformat.v4.new_output("stream", name="stdout", text="verder met de analyse\n"),
    ])
    cell.metadata["tags"] = ["raises-exception"]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Titel"), cell])
    page = report_html(notebook, title="Titel", provenance={})
    assert "verder met de analyse" in page
    assert "P-0001" not in page and "Jansen" not in page and "KeyError" not in page


def test_footer_without_git_and_seconds_in_dutch():
    footer = provenance_footer({"parameters": {}, "inputs": {}})
    assert "git-commit" in footer and "geen" in footer
    assert format_seconds(3.25) == "3,2 s" and format_seconds(125) == "2 min 05 s"
