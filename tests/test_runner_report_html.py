"""The reader's HTML: no code, no stderr, figures inline, Dutch, provenance footer."""

from __future__ import annotations

import base64

import nbformat
import pytest

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


# --- Nothing from the data runs in a reader's browser (issue 16) ---

PAYLOADS = {  # where a hostile name is planted in a copy of the reference data
    ("eenzaamheid_metingen", "gemeente", "Utrecht"): "<script>alert(1)</script>",
    ("eenzaamheid_metingen", "wijk", "Utrecht Oost"): '<img src=x onerror="alert(2)">',
    ("vroegsignalering_signalen", "gemeente", "Utrecht"): "[klik](javascript:alert(3))",
    ("vroegsignalering_signalen", "team", "Nieuwegein team A"): "<svg onload=alert(4)>",
    ("clientervaring_antwoorden", "gemeente", "Utrecht"): "<script>alert(5)</script>",
    ("clientervaring_populatie", "gemeente", "Utrecht"): "<script>alert(5)</script>",
}
FOCUS = {"eenzaamheid": "<script>alert(1)</script>", "vroegsignalering": "[klik](javascript:alert(3))",
         "clientervaring": "<script>alert(5)</script>"}


def _hostile_copy(target):
    import pandas as pd
    from support import REFERENCE_DIR

    target.mkdir()
    for path in REFERENCE_DIR.glob("*.csv"):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        for (name, column, old), new in PAYLOADS.items():
            if name == path.stem:
                table[column] = table[column].replace(old, new)
        table.to_csv(target / path.name, index=False)


def _what_can_run(page: str) -> list[str]:
    """Script elements, event-handler attributes and script URLs in a page (empty = safe)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    found = [str(t)[:80] for t in soup.find_all(["script", "iframe", "object", "embed"])]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") or "javascript:" in text.replace(" ", "").lower():
                found.append(f"<{tag.name} {name}={text[:60]}>")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("analysis", sorted(FOCUS))
def test_hostile_names_in_the_data_never_run_in_a_report(analysis, tmp_path, monkeypatch):
    """A gemeente, wijk or team named like a script reaches the reader's HTML only as text."""
    from support import ROOT

    from werkplaats.runner.execute import SUCCEEDED, prepare_job, run_report
    from werkplaats.runner.index import write_index
    from werkplaats.safe_html import CSP_META

    data = tmp_path / "ruw"
    _hostile_copy(data)
    monkeypatch.setenv("WERKPLAATS_ROOT", str(tmp_path))  # data/processed goes to tmp_path
    job = prepare_job(ROOT / "notebooks" / f"{analysis}.ipynb", {"data_dir": str(data), "gemeente": FOCUS[analysis]},
                      reports_dir=tmp_path / "reports")
    outcome = run_report(job)
    assert outcome.status == SUCCEEDED, outcome.message
    page = (job.final / "rapport.html").read_text(encoding="utf-8")
    assert CSP_META in page
    assert _what_can_run(page) == []
    assert "alert(" in page  # the name did reach the report, as text
    index = write_index(tmp_path / "reports").read_text(encoding="utf-8")
    assert CSP_META in index and _what_can_run(index) == []


def test_the_check_finds_what_can_run():
    unsafe = ('<p><script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'
              '<svg onload=alert(4)></svg></p>')
    assert len(_what_can_run(unsafe)) == 4
    assert _what_can_run("<p>&lt;script&gt;alert(1)&lt;/script&gt; \\[klik\\](javascript:alert(3))</p>") == []
