"""Codebooks: one YAML file per dataset declaring columns, types, allowed values and rules.

>>> cb = get_codebook("eenzaamheid_metingen")
>>> cb.key, cb.columns["groep"].values
(['deelnemer_id', 'meting'], ['interventie', 'controle'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

__all__ = ["Codebook", "CODEBOOK_DIR", "ColumnSpec", "dataset_names", "get_codebook", "TYPES"]

CODEBOOK_DIR = Path(__file__).resolve().parent / "codebooks"
TYPES = {"text", "category", "date", "integer", "decimal", "free_text"}


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its type, whether empty cells are allowed, and allowed values or range."""

    name: str
    type: str
    required: bool = False
    values: list[str] = field(default_factory=list)
    min: float | None = None
    max: float | None = None
    min_exclusive: float | None = None
    pattern: str | None = None
    pattern_text: str | None = None
    reserved: list[str] = field(default_factory=list)
    max_length: int = 200  # text: a name or code longer than this is a mistake (a pasted text, a broken file)

    def allowed_text(self) -> str:
        """Dutch description of what the column accepts (for error messages)."""
        if self.pattern_text:
            return self.pattern_text
        if self.values:
            return ", ".join(self.values)
        bounds = []
        if self.min_exclusive is not None:
            bounds.append(f"groter dan {_number(self.min_exclusive)}")
        if self.min is not None:
            bounds.append(f"minstens {_number(self.min)}")
        if self.max is not None:
            bounds.append(f"hoogstens {_number(self.max)}")
        kind = {"integer": "een geheel getal", "decimal": "een getal", "date": "een datum als 2025-02-13 of 13-02-2025",
                "text": "tekst"}.get(self.type, self.type)
        return kind + (" " + " en ".join(bounds) if bounds else "")


def _number(x: float) -> str:
    """Dutch number display: ``1000000`` -> ``1.000.000``."""
    return f"{x:,.0f}".replace(",", ".") if float(x).is_integer() else f"{x}".replace(".", ",")


@dataclass(frozen=True)
class Codebook:
    """A dataset's declared shape; see werkplaats/codebooks/*.yaml."""

    name: str
    title: str
    columns: dict[str, ColumnSpec]
    key: list[str]
    rules: list[dict]
    period: str | None = None

    @property
    def free_text(self) -> list[str]:
        return [c.name for c in self.columns.values() if c.type == "free_text"]

    @property
    def analysed(self) -> list[str]:
        """Columns that stay in the loaded data (everything but free text)."""
        return [c.name for c in self.columns.values() if c.type != "free_text"]


@cache
def get_codebook(name: str) -> Codebook:
    """Load ``codebooks/<name>.yaml``."""
    import yaml

    path = CODEBOOK_DIR / f"{name}.yaml"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in CODEBOOK_DIR.glob("*.yaml")))
        raise KeyError(f"onbekende dataset '{name}' (bekend: {known})")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    columns = {}
    for col, spec in raw["columns"].items():
        spec = dict(spec)
        if spec["type"] not in TYPES:
            raise ValueError(f"{path.name}: kolom {col}: onbekend type {spec['type']}")
        spec["values"] = [str(v) for v in spec.get("values", [])]
        spec["reserved"] = [str(v).lower() for v in spec.get("reserved", [])]
        columns[col] = ColumnSpec(name=col, **spec)
    return Codebook(
        name=raw["name"], title=raw.get("title", raw["name"]), columns=columns,
        key=list(raw.get("key", [])), rules=list(raw.get("rules", [])), period=raw.get("period"),
    )


def dataset_names() -> list[str]:
    """Every dataset that has a codebook."""
    return sorted(p.stem for p in CODEBOOK_DIR.glob("*.yaml"))
