"""Error reports: the failing cell and message, in Dutch."""

from __future__ import annotations

import json

from papermill.exceptions import PapermillExecutionError

from werkplaats.runner.failure import failure_details, summary, write_error_files


def _papermill_error():
    return PapermillExecutionError(cell_index=5, exec_count=4, source="raise KeyError('v03')",
                                   ename="KeyError", evalue="'v03'",
                                   traceback=["\x1b[0;31mKeyError\x1b[0m: 'v03'"])


def test_details_of_a_failing_cell():
    details = failure_details(_papermill_error())
    assert details["cell"] == 4 and details["error"] == "KeyError" and details["message"] == "'v03'"
    assert details["traceback"] == "KeyError: 'v03'"  # colour codes removed
    assert summary(details) == "cel In [4]: KeyError: 'v03'"


def test_details_of_another_failure():
    details = failure_details(TimeoutError("kernel reageert niet"))
    assert details["cell"] is None and summary(details) == "TimeoutError: kernel reageert niet"


def test_error_files(tmp_path):
    details = {**failure_details(_papermill_error()), "parameters": {"gemeente": "Zeist"}}
    write_error_files(tmp_path, details, title="clientervaring/zeist", previous="../zeist/rapport.html",
                      notebook_file="clientervaring.ipynb", log_file="../zeist.log")
    assert json.loads((tmp_path / "fout.json").read_text())["cell_source"] == "raise KeyError('v03')"
    page = (tmp_path / "fout.html").read_text()
    assert '<html lang="nl">' in page and "Mislukt: clientervaring/zeist" in page
    assert "Het vorige goede rapport blijft staan" in page and "../zeist/rapport.html" in page
    assert "raise KeyError(&#x27;v03&#x27;)" in page and "&#x27;Zeist&#x27;" in page
