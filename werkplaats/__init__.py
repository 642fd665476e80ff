"""Wmo-werkplaats research workbench: load, check, analyse and report.

Importing the package is light (no statsmodels, seaborn, matplotlib or scikit-learn):
heavy libraries are imported inside the functions that need them.

>>> import werkplaats
>>> werkplaats.__version__
'0.1.0'
"""

from werkplaats.errors import DataError, ParameterError, PrivacyError, WerkplaatsError

__version__ = "0.1.0"

__all__ = ["DataError", "ParameterError", "PrivacyError", "WerkplaatsError", "__version__", "load_dataset"]


def __getattr__(name: str):
    if name == "load_dataset":
        from werkplaats.validate import load_dataset

        return load_dataset
    raise AttributeError(f"module 'werkplaats' has no attribute {name!r}")
