"""Shared paths and a small fact-based knowledge base for the checker tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from citecheck.kbview import KnownDocument, Standing
from kb.models import Citation

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
BENCH = REPO / ".." / "shared" / "bench-corpus"


def bench_docs() -> Path:
    docs = BENCH / "docs"
    if not docs.is_dir():
        pytest.skip("the shared bench corpus is not next to this checkout")
    return docs


def seed(name: str) -> str:
    with open(CORPUS / name, encoding="utf-8", newline="") as fh:
        return fh.read()


@dataclass
class FactKB:
    docs: dict[str, KnownDocument] = field(default_factory=dict)
    gone: dict[str, tuple[str, str, dt.date, str]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]]) -> FactKB:
        kb = cls()
        for row in rows:
            date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
            kb.docs[row["key"]] = KnownDocument(
                key=row["key"],
                ref=row.get("ref"),
                type=row.get("type"),
                date=date,
                date_source=row.get("source", "header"),
            )
            if row.get("replaced_by"):
                status = row.get("status", "replaced")
                kb.gone[row["key"]] = (
                    status,
                    row["replaced_by"],
                    dt.date.fromisoformat(row["replaced_on"]),
                    row.get("origin", "stated"),
                )
        return kb

    def known(self, citation: Citation) -> KnownDocument | None:
        return self.docs.get(citation.key or "")

    def standing(self, key: str, on: dt.date) -> Standing | None:
        if key not in self.docs:
            return None
        if key in self.gone:
            status, by, since, origin = self.gone[key]
            if on >= since:
                return Standing(status, by_key=by, by_ref=by, since=since, origin=origin)
        return Standing("in_force")


@pytest.fixture
def make_kb() -> Callable[[list[dict[str, Any]]], FactKB]:
    """Build a KB from rows: key, ref, date, source, replaced_by, replaced_on, status."""
    return FactKB.from_rows
