"""The five seed documents against citations read from them by hand (``seeds/*.toml``).

Every citation in order: its số hiệu (or, for a law cited by name, its name), its date, its type;
where the expectation gives them, also the issuer named after it, the pinpoint, the identity key,
an anomaly code and the exact text. Where the parser and a hand reading differ, the parser is
fixed, not the expectation.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from kb.models import Citation, ExtractedFile
from kb.parse.extract import extract_text

SEEDS = Path(__file__).resolve().parent / "seeds"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEED_FILES = sorted(SEEDS.glob("*.toml"))


def _load(expectation: Path) -> tuple[str, ExtractedFile, dict[str, Any]]:
    text = (CORPUS / f"{expectation.stem}.txt").read_text(encoding="utf-8")
    with open(expectation, "rb") as f:
        want = tomllib.load(f)
    return text, extract_text(text, expectation.stem), want


def _cited(result: ExtractedFile) -> list[Citation]:
    """Citations of other documents (self- and back-references left out)."""
    return [
        c
        for c in result.citations
        if not c.self_reference and c.resolved_to is None and c.unresolved_reason is None
    ]


def _row(c: Citation) -> tuple[str | None, str | None, str | None]:
    # a law cited by name is told by its name (the register may also give its số hiệu)
    by_name = c.name and c.ref_start is None
    ident = (
        f"{c.type} {c.name}" if by_name else (c.ref or (f"{c.type} {c.name}" if c.name else None))
    )
    return ident, c.date.isoformat() if c.date else None, c.type


def _want_row(w: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    ident = w.get("ref") or f"{w['type']} {w['name']}"
    return ident, w.get("date"), w.get("type")


def test_every_seed_has_an_expectation() -> None:
    assert {p.stem for p in SEED_FILES} == {p.stem for p in CORPUS.glob("*.txt")}


@pytest.mark.parametrize("expectation", SEED_FILES, ids=lambda p: p.stem)
def test_seed_citations_in_order(expectation: Path) -> None:
    _, result, want = _load(expectation)
    got = [_row(c) for c in _cited(result)]
    assert got == [_want_row(w) for w in want["citation"]]


@pytest.mark.parametrize("expectation", SEED_FILES, ids=lambda p: p.stem)
def test_seed_citation_details(expectation: Path) -> None:
    text, result, want = _load(expectation)
    cites = _cited(result)
    assert len(cites) == len(want["citation"])
    for c, w in zip(cites, want["citation"], strict=True):
        assert text[c.start : c.end] == c.text
        if "issuer" in w:
            assert c.issuer == w["issuer"], c.text
        if "pinpoint" in w:
            assert c.pinpoint == w["pinpoint"], c.text
        if "key" in w:
            assert c.key == w["key"], c.text
        if "anomaly" in w:
            assert w["anomaly"] in c.anomalies, c.text
        if "text" in w:
            assert c.text == w["text"]


@pytest.mark.parametrize("expectation", SEED_FILES, ids=lambda p: p.stem)
def test_seed_header(expectation: Path) -> None:
    _, result, want = _load(expectation)
    doc = result.document.model_dump()
    for field, value in want["document"].items():
        assert doc[field] == value, field
