"""reports/index.html: every report with status, date, duration and links; failures stand out."""

from __future__ import annotations

import json
from pathlib import Path

from werkplaats.runner.execute import RunOutcome
from werkplaats.runner.index import collect_entries, write_index
from werkplaats.runner.publish import new_workspace, publish


def _publish(final: Path, name: str, payload: dict) -> None:
    workspace = new_workspace(final)
    (workspace / name).write_text(json.dumps(payload))
    publish(workspace, final)


def _reports(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    ok = {"status": "geslaagd", "started": "2026-03-01T10:00:00+01:00", "duration_seconds": 12.5}
    _publish(reports / "eenzaamheid" / "utrecht", "run.json", ok)
    _publish(reports / "eenzaamheid" / "zeist", "run.json", ok)
    _publish(reports / "eenzaamheid" / "zeist.fout", "fout.json",
             {"status": "mislukt", "started": "2026-03-02T09:00:00+01:00", "duration_seconds": 3.0,
              "error": "DataError", "message": "kolom djg_03 ontbreekt"})
    _publish(reports / "clientervaring" / "alle.fout", "fout.json",
             {"status": "mislukt", "started": "2026-03-02T09:00:00+01:00", "error": "KeyError",
              "message": "'v03'"})
    (reports / "eenzaamheid" / "utrecht.log").write_text("log")
    (reports / "eenzaamheid" / ".zeist.w-999999-0badc0de").mkdir()  # a workspace: never a report
    return reports


def test_entries_from_disk(tmp_path):
    entries = {(e.analysis, e.name): e for e in collect_entries(_reports(tmp_path))}
    assert set(entries) == {("eenzaamheid", "utrecht"), ("eenzaamheid", "zeist"), ("clientervaring", "alle")}
    utrecht, zeist = entries["eenzaamheid", "utrecht"], entries["eenzaamheid", "zeist"]
    alle = entries["clientervaring", "alle"]
    assert utrecht.status == "geslaagd" and utrecht.duration == 12.5
    assert utrecht.report_link == "eenzaamheid/utrecht/rapport.html"
    assert utrecht.log_link == "eenzaamheid/utrecht.log"
    assert zeist.status == "mislukt" and zeist.report_link
    assert zeist.error_link == "eenzaamheid/zeist.fout/fout.html"
    assert alle.status == "mislukt" and alle.report_link is None


def test_index_page_is_dutch_and_shows_failures(tmp_path):
    reports = _reports(tmp_path)
    outcomes = [RunOutcome("eenzaamheid/utrecht", reports / "eenzaamheid" / "utrecht", "ongewijzigd")]
    page = write_index(reports, outcomes).read_text()
    assert '<html lang="nl">' in page and "3 rapporten, 2 mislukt" in page
    zeist = page[page.index("<td>zeist</td>"):].split("</tr>")[0]
    assert "MISLUKT" in zeist and "het vorige goede rapport staat er nog" in zeist
    assert "DataError: kolom djg_03 ontbreekt" in zeist and 'href="eenzaamheid/zeist.fout/fout.html"' in zeist
    utrecht = page[page.index("<td>utrecht</td>"):].split("</tr>")[0]
    assert "ongewijzigd" in utrecht and "12,5 s" in utrecht and "2026-03-01 10:00" in utrecht
    assert ".w-" not in page


def test_empty_reports_folder(tmp_path):
    path = write_index(tmp_path / "nieuw")
    assert "Nog geen rapporten" in path.read_text()
    assert path.stat().st_mode & 0o044  # readable for a web server, unlike a 0600 temporary file


def test_index_hides_data_values_quoted_in_error_messages(tmp_path):
    reports = tmp_path / "reports"
    message = ("signalen.csv: kolom toelichting, rij 4 en 9: te lang 'O'Brien belt' en "
               "'mevrouw De Vries, BSN 123456782'\nTraceback regel met \"geheim\"")
    _publish(reports / "vroegsignalering" / "alle.fout", "fout.json",
             {"status": "mislukt", "started": "2026-03-02T09:00:00+01:00", "error": "DataError",
              "message": message})
    page = write_index(reports).read_text()
    assert "De Vries" not in page and "123456782" not in page and "geheim" not in page and "Brien" not in page
    assert "DataError: signalen.csv: kolom toelichting, rij 4 en 9: te lang" in page
