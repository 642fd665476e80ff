"""Nothing from the data runs in a reader's browser: escaping, a page policy and a last check.

Three layers, so that one forgotten escape is not a hole:

1. :func:`escape_text` makes a value from the data (a gemeente, wijk, team or column name)
   plain text inside a Markdown sentence: HTML special characters become entities and
   Markdown punctuation is backslash-escaped, so ``<script>``, ``<img onerror=...>`` and
   ``[klik](javascript:...)`` are shown as typed, never interpreted.
2. Every reader page carries :data:`CSP_META`: a Content-Security-Policy that allows no
   scripts, no external requests of any kind, and only inline (``data:``) images.
3. :func:`sanitize_html` removes what can run from a finished page anyway: script-like
   elements, event-handler attributes (``onerror=``, ``onload=``...) and ``javascript:``
   links.

Exported tables (CSV, Excel) go through :func:`neutralise_formulas`: a text cell starting
with ``=``, ``+``, ``-`` or ``@`` gets a leading apostrophe so a spreadsheet shows it as text.

>>> escape_text("<script>alert(1)</script>")
'&lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt;'
>>> "<script" in sanitize_html("<p>a<script>alert(1)</script></p>")
False
"""

from __future__ import annotations

import html
import re

import pandas as pd

__all__ = [
    "CSP_META",
    "CSP_POLICY",
    "escape_text",
    "FORMULA_START",
    "neutralise_formulas",
    "sanitize_html",
    "with_csp",
]

CSP_POLICY = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
              "base-uri 'none'; form-action 'none'")
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP_POLICY}">'

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|~$])")
_WHITESPACE = re.compile(r"\s+")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_DROP_ELEMENTS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
                  "link", "noscript", "template", "portal")
_URL_ATTRIBUTES = ("href", "src", "xlink:href", "action", "formaction", "srcset", "poster", "background",
                   "data", "lowsrc", "dynsrc", "ping", "cite", "longdesc")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def escape_text(value: object) -> str:
    """``value`` as literal text for a Markdown sentence (and so for HTML): no markup survives.

    Whitespace (also line breaks, which could start a heading or an HTML block) becomes one space.

    >>> escape_text("Den Haag")
    'Den Haag'
    >>> escape_text("[klik](javascript:alert(1))")
    '\\\\[klik\\\\]\\\\(javascript:alert\\\\(1\\\\)\\\\)'
    >>> escape_text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror="alert\\\\(1\\\\)"&gt;'
    """
    text = _WHITESPACE.sub(" ", str(value)).strip()
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return html.escape(text, quote=False)


def with_csp(page: str) -> str:
    """``page`` with :data:`CSP_META` as the first element of its ``<head>`` (added once).

    >>> with_csp("<html><head><title>x</title></head></html>").count("Content-Security-Policy")
    1
    """
    if CSP_META in page:
        return page
    match = re.search(r"<head[^>]*>", page, flags=re.IGNORECASE)
    if match is None:
        return CSP_META + page
    return page[:match.end()] + CSP_META + page[match.end():]


def sanitize_html(page: str) -> str:
    """Remove everything from an HTML page that can run or fetch: script-like elements,
    ``on*`` attributes, ``javascript:``/``vbscript:`` URLs and non-image ``data:`` URLs, and
    ``<meta http-equiv>`` other than our policy. Text and tables are left as they are.

    >>> sanitize_html('<p><img src="x" onerror="alert(1)"><a href=" JaVaScRiPt:alert(1)">x</a></p>')
    '<p><img src="x"/><a>x</a></p>'
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for tag in soup.find_all(list(_DROP_ELEMENTS)):
        tag.decompose()
    for tag in soup.find_all("meta"):
        equiv = str(tag.get("http-equiv", "")).lower()
        if equiv and equiv != "content-security-policy":
            tag.decompose()
    for tag in soup.find_all(True):
        for name in list(tag.attrs):
            lower = name.lower()
            if lower.startswith("on") or lower == "srcdoc":
                del tag.attrs[name]
            elif lower in _URL_ATTRIBUTES and not _safe_url(tag.name, lower, tag.attrs[name]):
                del tag.attrs[name]
    return str(soup)


def _safe_url(tag: str, attribute: str, value: object) -> bool:
    text = " ".join(value) if isinstance(value, list) else str(value)
    url = _CONTROL.sub("", html.unescape(text)).lower()
    if url.startswith(("javascript:", "vbscript:", "livescript:")):
        return False
    if url.startswith("data:"):
        return tag in {"img", "image"} and attribute in {"src", "xlink:href", "href"} and url.startswith(
            "data:image/")
    return True


def neutralise_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text cells cannot start a spreadsheet formula (CSV/Excel export).

    >>> neutralise_formulas(pd.DataFrame({"gemeente": ["=HYPERLINK(1)", "Utrecht"], "n": [-3, 4]}))["gemeente"].tolist()
    ["'=HYPERLINK(1)", 'Utrecht']
    """
    out = table.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v)
    out.columns = [("'" + c if isinstance(c, str) and c.startswith(FORMULA_START) else c) for c in out.columns]
    return out
