"""Type weights for ``kb applies`` (data: ``kb/data/applies.toml``)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "applies.toml"


@lru_cache(maxsize=1)
def _weights() -> tuple[float, dict[str, float]]:
    data = tomllib.loads(DATA_FILE.read_text("utf-8"))
    return float(data["default"]), {k: float(v) for k, v in data["weights"].items()}


def type_weight(doc_type: str | None) -> float:
    default, weights = _weights()
    return weights.get(doc_type or "", default)
