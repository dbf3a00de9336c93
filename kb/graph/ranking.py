"""Type weights and type classes for ``kb applies`` (data: ``kb/data/applies.toml``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from kb.parse.textutil import fold
from kb.tables import load_table

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "applies.toml"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """``applies.toml``, read once for the three tables below."""
    return load_table("kb", DATA_FILE.name)


@lru_cache(maxsize=1)
def _weights() -> tuple[float, dict[str, float]]:
    data = _data()
    return float(data["default"]), {k: float(v) for k, v in data["weights"].items()}


def type_weight(doc_type: str | None) -> float:
    default, weights = _weights()
    return weights.get(doc_type or "", default)


REGULATION = "regulation"
ISSUED = "issued"


@lru_cache(maxsize=1)
def _classes() -> dict[str, str]:
    return {t: cls for cls, types in _data()["classes"].items() for t in types}


def type_class(doc_type: str | None) -> str:
    """``regulation`` (has legal force: in force, replaced …) or ``issued`` (a report,
    notice, letter or plan: issued, never in force); an unlisted type is a regulation."""
    return _classes().get(doc_type or "", REGULATION)


@lru_cache(maxsize=1)
def name_types() -> tuple[tuple[str, str], ...]:
    """(folded type word, type) a question may ask a text by its name with, longest first."""
    pairs = [(fold(word), str(t)) for word, t in _data()["names"].items()]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))
