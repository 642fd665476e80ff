"""Paths resolve from the notebook folder and from the project root alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from werkplaats.errors import WerkplaatsError
from werkplaats.paths import default_output_dir, ensure_not_raw, output_dir_for, project_root, resolve, slug


def test_resolve_relative_to_root_from_another_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert resolve("data/raw") == project_root() / "data" / "raw"


def test_resolve_prefers_existing_path_in_cwd(monkeypatch, tmp_path):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert resolve("data/raw") == tmp_path / "data" / "raw"


def test_output_dir_default_and_explicit(tmp_path):
    scratch = output_dir_for("", "eenzaamheid", "Den Haag")
    assert scratch == project_root() / "werkruimte" / "eenzaamheid" / "den-haag"
    assert "Niet publiceren" in (scratch / "NIET_VOOR_PUBLICATIE.txt").read_text(encoding="utf-8")
    assert output_dir_for(str(tmp_path), "x") == tmp_path
    assert default_output_dir("vroegsignalering").name == "alle"


@pytest.mark.parametrize(("text", "expected"), [("Amersfoort", "amersfoort"), ("Den Haag", "den-haag"),
                                                ("'s-Hertogenbosch", "s-hertogenbosch"), ("", "leeg"),
                                                ("Súdwest-Fryslân", "súdwest-fryslân"),
                                                ("Su\u0301dwest-Frysla\u0302n", "súdwest-fryslân")])
def test_slug(text, expected):
    assert slug(text) == expected


def test_never_write_into_data_raw(tmp_path):
    with pytest.raises(WerkplaatsError, match="data/raw"):
        ensure_not_raw(tmp_path / "data" / "raw" / "x.csv")
    ensure_not_raw(tmp_path / "data" / "processed" / "x.parquet")


def test_only_the_runner_publishes_into_reports():
    from werkplaats.errors import ParameterError

    published = project_root() / "reports" / "eenzaamheid" / "utrecht"
    with pytest.raises(ParameterError, match="Alleen de runner publiceert"):
        output_dir_for(str(published), "eenzaamheid", "Utrecht")
    workspace = project_root() / "reports" / "eenzaamheid" / ".utrecht-werk-1234"
    assert output_dir_for(str(workspace), "eenzaamheid", "Utrecht") == workspace  # the runner's own


def test_a_published_report_reached_through_its_link_or_its_hidden_target_is_refused():
    from werkplaats.errors import ParameterError

    base = project_root() / "reports" / "linktest"
    target = base / ".utrecht.w-1-abc"
    target.mkdir(parents=True, exist_ok=True)
    link = base / "utrecht"
    if not link.is_symlink():
        link.symlink_to(target.name)
    try:
        for path in (link, target, Path("reports/linktest/utrecht")):
            with pytest.raises(ParameterError, match="Alleen de runner publiceert"):
                output_dir_for(str(path), "linktest", "Utrecht")
        workspace = base / ".utrecht.w-2-new"  # the runner's next workspace: no link points to it
        assert output_dir_for(str(workspace), "linktest", "Utrecht") == workspace
    finally:
        import shutil

        shutil.rmtree(base, ignore_errors=True)
