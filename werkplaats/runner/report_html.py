"""The reader's report: the executed notebook as one HTML file without code.

Inputs, prompts, stderr output (warnings) and cells tagged ``remove-cell`` are left out;
figures are embedded (base64), no script or style is fetched from the internet, the page
is marked Dutch (``lang="nl"``) and ends with a provenance footer. Nothing on the page can
run: it carries a Content-Security-Policy without scripts or external requests, and scripts,
event handlers and ``javascript:`` links are removed (:mod:`werkplaats.safe_html`).

>>> footer = provenance_footer({"parameters": {"gemeente": "Utrecht"}, "inputs": {"a.csv": "ff"},
...     "werkplaats_version": "0.1.0", "git_commit": None, "created": "2026-01-05T10:00:00+01:00",
...     "duration_seconds": 3.25})
>>> "gemeente" in footer and "3,2 s" in footer
True
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping

from werkplaats.safe_html import sanitize_html, with_csp

__all__ = ["format_seconds", "html_exporter", "not_for_publication", "provenance_footer", "report_html"]

TEMPLATE = r"""
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block extra_css -%}
<style type="text/css">
footer.herkomst { margin: 3em 1em 1em; padding-top: 1em; border-top: 1px solid #ccc;
  font-size: 0.85em; color: #444; font-family: sans-serif; }
footer.herkomst table { border-collapse: collapse; }
footer.herkomst td, footer.herkomst th { text-align: left; padding: 0.1em 0.8em 0.1em 0;
  vertical-align: top; }
footer.herkomst code { word-break: break-all; }
</style>
{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
{{ resources.werkplaats_banner }}
{%- endblock body_header -%}
{%- block body_footer -%}
{{ resources.werkplaats_footer }}
</main>
</body>
{%- endblock body_footer -%}
"""


def format_seconds(seconds: float) -> str:
    """Seconds the Dutch way: ``3,2 s`` or ``2 min 05 s``."""
    if seconds < 60:
        return f"{seconds:.1f} s".replace(".", ",")
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes} min {rest:02d} s"


def _row(label: str, value: str) -> str:
    return f"<tr><th>{html.escape(label)}</th><td>{value}</td></tr>"


def provenance_footer(provenance: Mapping[str, object]) -> str:
    """The footer: parameters, SHA-256 per input file, version, commit, date and duration."""
    params = provenance.get("parameters")
    inputs = provenance.get("inputs")
    params = params if isinstance(params, Mapping) else {}
    inputs = inputs if isinstance(inputs, Mapping) else {}
    rows = [_row(f"parameter {k}", f"<code>{html.escape(repr(v))}</code>") for k, v in params.items()]
    rows += [_row(f"invoer {name}", f"SHA-256 <code>{html.escape(str(sha))}</code>")
             for name, sha in inputs.items()]
    rows.append(_row("werkbankversie", html.escape(str(provenance.get("werkplaats_version", "onbekend")))))
    commit = html.escape(str(provenance.get("git_commit") or "geen"))
    rows.append(_row("git-commit", f"<code>{commit}</code>"))
    created = str(provenance.get("created", "onbekend")).replace("T", " ")[:16]
    rows.append(_row("gemaakt op", html.escape(created)))
    duration = provenance.get("duration_seconds")
    if isinstance(duration, (int, float)):
        rows.append(_row("duur", format_seconds(float(duration))))
    return ('<footer class="herkomst"><h2>Herkomst van dit rapport</h2>'
            f"<table>{''.join(rows)}</table></footer>")


def not_for_publication(provenance: Mapping[str, object]) -> str:
    """A banner at the top of a report made with a ``min_cel`` below the default, else ``""``.

    >>> "niet voor publicatie" in not_for_publication({"parameters": {"min_cel": 5}})
    True
    >>> not_for_publication({"parameters": {"min_cel": 10}})
    ''
    """
    from werkplaats.privacy import MIN_CEL

    params = provenance.get("parameters")
    min_cel = params.get("min_cel") if isinstance(params, Mapping) else None
    if not isinstance(min_cel, int) or min_cel >= MIN_CEL:
        return ""
    return (f'<p role="alert" class="niet-voor-publicatie" style="border:2px solid #b00;padding:0.6em;'
            f'font-family:sans-serif"><strong>Dit rapport is niet voor publicatie</strong>: het is gemaakt met '
            f"min_cel {min_cel}, lager dan de standaard {MIN_CEL}. Cijfers over kleine groepen zijn minder "
            f"afgeschermd.</p>")


def report_html(notebook, *, title: str, provenance: Mapping[str, object]) -> str:
    """The reader's HTML (one self-contained file) of an executed ``nbformat`` notebook."""
    notebook = _without_stderr(notebook)
    notebook.metadata["title"] = title
    resources = {"werkplaats_footer": provenance_footer(provenance),
                 "werkplaats_banner": not_for_publication(provenance)}
    body, _ = html_exporter().from_notebook_node(notebook, resources=resources)
    return with_csp(sanitize_html(body))


@functools.lru_cache(maxsize=1)
def html_exporter():
    """One exporter per process: compiling the templates is the slow part."""
    import jinja2
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        extra_loaders=[jinja2.DictLoader({"werkplaats_rapport.html.j2": TEMPLATE})],
        template_file="werkplaats_rapport.html.j2",
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        language_code="nl",
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={"remove-cell", "parameters", "injected-parameters"},
                              remove_all_outputs_tags={"remove-output"}, enabled=True),
        enabled=True,
    )
    return exporter


def _without_stderr(notebook):
    """A copy of the notebook without stderr streams and tracebacks (not for readers)."""
    import copy

    clean = copy.deepcopy(notebook)
    for cell in clean.cells:
        if cell.get("cell_type") == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
                            and o.get("output_type") != "error"]
    return clean
