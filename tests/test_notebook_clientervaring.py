"""The clientervaring notebook, run with papermill on the R reference data plus a tiny gemeente
and planted identifiers: results.json agrees with R, nothing about the tiny gemeente is
published, and no identifier or free text reaches any output."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from support import execute_notebook

from werkplaats.clientervaring.synth import fake_identifiers

pytestmark = pytest.mark.notebook

TINY = "Veenendaal"
REL = 1e-6


def _augment(reference_dir: Path, folder: Path) -> list[str]:
    """Reference data + 6 respondents of a tiny gemeente + identifiers in extra columns and
    toelichting. The tiny rows leave v03 and v08 empty, so R's funnel target and alpha hold."""
    raw = pd.read_csv(reference_dir / "clientervaring_antwoorden.csv", dtype=str, keep_default_na=False)
    pop = pd.read_csv(reference_dir / "clientervaring_populatie.csv", dtype=str, keep_default_na=False)
    tiny = raw[raw["gemeente"] == "Leusden"].head(6)
    tiny = tiny.assign(gemeente=TINY, gemeente_code="GM0345", v03="", v08="")
    tiny["respondent_id"] = [f"RESP-KLEIN-{i}" for i in range(6)]
    raw = pd.concat([raw, tiny], ignore_index=True)
    rng = np.random.default_rng(99)
    people = [fake_identifiers(rng) for _ in range(len(raw))]
    for col in ("bsn", "naam", "telefoon", "email"):
        raw[col] = [p[col] for p in people]
    raw["toelichting"] = [f"Bel {p['naam']} op {p['telefoon']} of mail {p['email']}, BSN {p['bsn']}."
                          for p in people]
    folder.mkdir(parents=True)
    raw.to_csv(folder / "clientervaring_antwoorden.csv", index=False)
    pop_tiny = pop[pop["gemeente"] == "Leusden"].assign(gemeente=TINY, gemeente_code="GM0345")
    pd.concat([pop, pop_tiny]).to_csv(folder / "clientervaring_populatie.csv", index=False)
    secrets = [p[c] for p in people[:200] + people[-6:] for c in ("bsn", "naam", "telefoon", "email")]
    return secrets + ["RESP-KLEIN-0", raw["toelichting"].iloc[0]]


@pytest.fixture(scope="module")
def run(reference_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("nb")
    secrets = _augment(reference_dir, root / "raw")
    out = root / "rapport"
    results = execute_notebook("clientervaring", root, {"data_dir": str(root / "raw"), "gemeente": "Leusden",
                                                        "min_cel": 10, "output_dir": str(out)})
    return root, out, secrets, results


def test_results_json_agrees_with_r(run, r_results):
    results = run[3]
    for gemeente, items in r_results["ceo_percent_agree"].items():
        for item, expected in items.items():
            got = results["percent_agree"][gemeente][item]
            if gemeente == "Leusden" and got["n"] is None:  # hidden with the tiny gemeente, the smallest
                assert results["percent_agree"][TINY][item]["n"] is None  # other: region - others gave it back
                continue
            assert got["n"] == expected["n"]
            assert got["agree"] == pytest.approx(expected["agree"], rel=REL)
            assert got["ci"] == pytest.approx(expected["ci"], rel=REL)
    assert sum(cell["n"] is None for cell in results["percent_agree"]["Leusden"].values()) == 8  # tiny answered 8
    for gemeente, expected in r_results["ceo_raked_v06"].items():
        got = results["weighted"][gemeente]["v06"]
        assert got["agree"] == pytest.approx(expected["v06_weighted"], rel=REL)
        assert got["kish_deff"] == pytest.approx(expected["kish_deff"], rel=REL)
        assert got["se"] == pytest.approx(expected["v06_se"], rel=0.05)
    assert results["funnel"]["target"] == pytest.approx(r_results["funnel_v03"]["target"], rel=REL)
    for gemeente, limits in r_results["funnel_v03"]["limits"].items():
        assert results["funnel"]["limits"][gemeente]["lo998"] == pytest.approx(limits["lo998"], rel=REL)
    alpha = results["cronbach_alpha"]["items9"]["alpha"]
    assert alpha == pytest.approx(r_results["cronbach_alpha_9"]["alpha"], rel=REL)
    assert results["cronbach_alpha"]["outcome"]["n"] == r_results["cronbach_alpha_outcome"]["n"]
    for term, value in r_results["casemix_v06"]["coef"].items():
        assert results["casemix"]["coef"][term]["estimate"] == pytest.approx(value["estimate"], rel=1e-4)


def test_report_writes_figures_and_provenance(run):
    _, out, _, results = run
    names = {p.name for p in (out / "figuren").iterdir()}
    assert {"stellingen_regio.png", "gemeente_vergeleken_met_regio.png", "trechterdiagram.png",
            "gewogen_ongewogen.png", "casemix.png"} <= names
    assert results["provenance"]["parameters"]["gemeente"] == "Leusden"
    assert results["provenance"]["parameters"]["funnel_item"] == "v03"


def test_tiny_gemeente_is_not_published(run):
    results = run[3]
    assert all(cell == {"n": None, "agree": None, "ci": None, "suppressed": True}
               for cell in results["percent_agree"][TINY].values())
    assert TINY not in results["weighted"] and TINY not in results["casemix"]["adjusted"]
    published = {k: v for k, v in results["funnel"]["limits"][TINY].items() if v is not None}
    assert published == {"suppressed": True}


def _html_without_input(notebook: Path) -> str:
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True)
    return exporter.from_notebook_node(nbformat.read(notebook, as_version=4))[0]


def test_no_identifier_or_free_text_anywhere(run):
    root, out, secrets, _ = run
    processed = root / "data" / "processed" / "clientervaring_antwoorden.parquet"
    assert processed.exists()
    stored = pd.read_parquet(processed)
    assert not {"toelichting", "respondent_id", "bsn", "naam", "telefoon", "email"} & set(stored.columns)
    texts = {
        "notebook": (root / "uitgevoerd.ipynb").read_text(encoding="utf-8"),
        "results": (out / "results.json").read_text(encoding="utf-8"),
        "processed": " ".join(stored.astype(str).to_numpy().ravel()),
        "html": _html_without_input(root / "uitgevoerd.ipynb"),
    }
    blobs = [p.read_bytes() for p in (out / "figuren").glob("*.png")] + [processed.read_bytes()]
    for secret in secrets:
        for where, text in texts.items():
            assert secret not in text, f"{secret!r} in {where}"
        assert not any(secret.encode("utf-8") in blob for blob in blobs)
    assert "import " not in texts["html"]
