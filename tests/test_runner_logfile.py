"""One log per report: child processes and papermill's messages end up in it."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from werkplaats.runner.logfile import note, report_log


def test_child_processes_and_papermill_log_go_to_the_file(tmp_path):
    log = tmp_path / "sub" / "utrecht.log"
    with report_log(log):
        code = "import sys; print('kernel uit'); print('kernel fout', file=sys.stderr)"
        subprocess.run([sys.executable, "-c", code], check=True)
        logging.getLogger("papermill").info("Executing Cell 3")
        note("klaar")
    text = log.read_text()
    assert "kernel uit" in text and "kernel fout" in text and "Executing Cell 3" in text and "klaar" in text
    assert logging.getLogger("papermill").handlers == []
    os.write(1, b"")  # stdout works again after the block


def test_a_new_run_overwrites_the_log(tmp_path):
    log = tmp_path / "r.log"
    with report_log(log):
        note("eerste")
    with report_log(log):
        note("tweede")
    assert log.read_text() == "tweede\n"
