"""JupyterLab for students (jupyter_server_config.py, started by `make lab`): every notebook listed
once, and opening a notebook does not mark it as modified.

JupyterLab marks a notebook modified when it writes metadata that differs from what it loaded:
the kernelspec of the kernel it starts and that kernel's ``language_info``. These tests go
through the contents manager the server uses (jupytext's, as configured), do what JupyterLab
does on opening, and save the notebook back."""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
STUDENT_NOTEBOOKS = ["00_start_hier.ipynb", "opdrachten/eenzaamheid.ipynb", "opdrachten/clientervaring.ipynb",
                     "opdrachten/vroegsignalering.ipynb"]

class _Config:
    """Records what the config file sets (``c.Section.trait = value``), as Jupyter's Config does."""

    def __init__(self) -> None:
        self.__dict__["sections"] = {}

    def __getattr__(self, section: str) -> SimpleNamespace:
        return self.sections.setdefault(section, SimpleNamespace())


def _config() -> _Config:
    config = _Config()
    namespace = {"get_config": lambda: config, "__file__": str(ROOT / "jupyter_server_config.py")}
    exec(compile((ROOT / "jupyter_server_config.py").read_text(encoding="utf-8"), "jupyter_server_config.py",
                 "exec"), namespace)
    return config


@pytest.fixture
def contents(tmp_path):
    """The configured contents manager on a copy of notebooks/ (with jupytext.toml, as in the repo)."""
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copy(ROOT / "jupytext.toml", tmp_path / "jupytext.toml")
    config = _config()
    return config.ServerApp.contents_manager_class(root_dir=str(tmp_path / "notebooks"),
                                                   hide_globs=config.ContentsManager.hide_globs)


def _run(coroutine):
    return asyncio.run(coroutine)


def test_the_file_browser_lists_every_notebook_once(contents):
    listed = {item["name"] for item in _run(contents.get(""))["content"]}
    assert {"00_start_hier.ipynb", "eenzaamheid.ipynb", "opdrachten"} <= listed
    assert not [name for name in listed if name.endswith(".py")]
    exercises = {item["name"] for item in _run(contents.get("opdrachten"))["content"]}
    assert exercises == {"eenzaamheid.ipynb", "clientervaring.ipynb", "vroegsignalering.ipynb"}


def _kernel_from_makefile() -> dict:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    name = re.search(r"^KERNEL := (\S+)", text, flags=re.M).group(1)
    display = re.search(r'--display-name "([^"]+)"', text).group(1)
    return {"name": name, "display_name": display, "language": "python"}


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS)
def test_opening_a_notebook_does_not_mark_it_modified(contents, path):
    from ipykernel.ipkernel import IPythonKernel

    metadata = _run(contents.get(path))["content"]["metadata"]
    # what JupyterLab sets once the kernel runs (NotebookPanel._updateSpec / _updateLanguage);
    # it marks the notebook modified only when the value differs (JSONExt.deepEqual)
    assert metadata["kernelspec"] == _kernel_from_makefile()
    assert metadata["language_info"] == IPythonKernel.language_info


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS)
def test_saving_an_opened_notebook_changes_no_file(contents, path):
    root = Path(contents.root_dir)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    model = _run(contents.get(path))
    _run(contents.save({"type": "notebook", "format": "json", "content": model["content"]}, path))
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts}
    assert after == before


def test_the_twin_is_still_paired_when_hidden(contents):
    """Editing a notebook in JupyterLab updates its hidden py:percent twin (for diffs)."""
    model = _run(contents.get("00_start_hier.ipynb"))
    model["content"]["cells"][0]["source"] += "\nEen extra regel."
    _run(contents.save({"type": "notebook", "format": "json", "content": model["content"]}, "00_start_hier.ipynb"))
    twin = Path(contents.root_dir) / "00_start_hier.py"
    assert "# Een extra regel." in twin.read_text(encoding="utf-8")
