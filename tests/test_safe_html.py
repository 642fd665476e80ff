"""werkplaats.safe_html: values from the data never become markup; pages carry a policy."""

from __future__ import annotations

import pandas as pd
import pytest

from werkplaats.safe_html import CSP_META, escape_text, neutralise_formulas, sanitize_html, with_csp

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "[klik hier](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "Utrecht\n\n<script>alert(1)</script>",
    "`code` **vet** _schuin_",
]


def _render(markdown: str) -> str:
    """Markdown as nbconvert renders a Markdown output."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(markdown)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_value_renders_as_plain_text(payload):
    rendered = _render(f"Dit rapport gaat over {escape_text(payload)}.")
    lower = rendered.lower()
    assert "<script" not in lower and "<img" not in lower and "<svg" not in lower and "<a " not in lower
    assert "<code" not in lower and "<strong" not in lower and "<em" not in lower
    assert "onerror=" not in lower or "&lt;img" in lower


def test_ordinary_names_stay_readable():
    assert escape_text("Den Haag") == "Den Haag"
    assert escape_text("'s-Hertogenbosch") == "'s-Hertogenbosch"
    assert escape_text("Súdwest-Fryslân") == "Súdwest-Fryslân"


@pytest.mark.parametrize("page, gone", [
    ("<p>x<script>alert(1)</script></p>", "<script"),
    ('<img src="x" onerror="alert(1)">', "onerror"),
    ('<a href="  javascript:alert(1)">x</a>', "javascript:"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "ascript:"),
    ('<iframe src="https://example.org"></iframe>', "<iframe"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "javascript"),
    ('<meta http-equiv="refresh" content="0;url=https://example.org">', "refresh"),
    ('<object data="data:text/html,<script>alert(1)</script>"></object>', "<object"),
])
def test_sanitize_removes_what_can_run(page, gone):
    assert gone not in sanitize_html(page).lower()


def test_sanitize_keeps_inline_images_and_tables():
    page = '<table><tr><td>1</td></tr></table><img src="data:image/png;base64,AAAA" alt="fig">'
    assert sanitize_html(page) == '<table><tr><td>1</td></tr></table><img alt="fig" src="data:image/png;base64,AAAA"/>'


def test_with_csp_allows_no_scripts_or_external_requests():
    page = with_csp("<html><head><meta charset='utf-8'></head><body></body></html>")
    assert page.count(CSP_META) == 1 and with_csp(page) == page
    assert "default-src 'none'" in CSP_META and "script-src" not in CSP_META and "img-src data:" in CSP_META


def test_neutralise_formulas():
    table = pd.DataFrame({"gemeente": ["=1+1", "+31", "-x", "@SUM(A1)", "Utrecht"], "n": [1, -2, 3, 4, 5]})
    out = neutralise_formulas(table)
    assert out["gemeente"].tolist() == ["'=1+1", "'+31", "'-x", "'@SUM(A1)", "Utrecht"]
    assert out["n"].tolist() == [1, -2, 3, 4, 5]
    assert table["gemeente"].iloc[0] == "=1+1"  # input unchanged
