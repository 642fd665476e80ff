# JupyterLab for the workbench; `make lab` starts JupyterLab with this file (--config).
#
# 1. The py:percent twins (jupytext.toml) stay next to their notebooks, so that diffs show code
#    and `jupytext --sync` keeps working (docs/docent.md), but the file browser does not list
#    them: students see every notebook once.
# 2. Opening a notebook does not mark it as modified. JupyterLab writes the running kernel's
#    `language_info` into the notebook as soon as the kernel starts; the committed notebooks do
#    not carry it (it names the exact Python version). So the contents manager fills it in when
#    a notebook is opened (the values of the kernel that JupyterLab will start, the Python this
#    server runs on) and leaves it out when a notebook is saved. The kernelspec in the notebooks
#    is the `werkplaats` kernel that `make` installs, so the kernel JupyterLab starts matches it.
from ipykernel.ipkernel import IPythonKernel
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupytext.async_contentsmanager import build_async_jupytext_contents_manager_class

c = get_config()  # noqa: F821 - provided by Jupyter when it reads this file

c.ContentsManager.hide_globs = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", "*.so", "*.dylib", "*.py"]

LANGUAGE_INFO = dict(IPythonKernel.language_info)  # what the kernel reports for this Python


class WerkplaatsContentsManager(build_async_jupytext_contents_manager_class(AsyncLargeFileManager)):
    """Jupytext's contents manager; a notebook opens with the kernel's language_info, saves without."""

    async def get(self, path, content=True, type=None, format=None, **kwargs):  # noqa: A002
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        if content and model.get("type") == "notebook" and model.get("content") is not None:
            metadata = model["content"]["metadata"]
            if metadata.get("kernelspec", {}).get("language", "python") == "python":
                metadata.setdefault("language_info", dict(LANGUAGE_INFO))
        return model

    async def save(self, model, path=""):
        if model.get("type") == "notebook" and model.get("content") is not None:
            model["content"]["metadata"].pop("language_info", None)
        return await super().save(model, path)


c.ServerApp.contents_manager_class = WerkplaatsContentsManager
