"""The cycle collector is paused while a text is read, which is safe only because reading
makes no reference cycles."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from kb.parse.extract import extract_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def test_reading_makes_no_reference_cycles() -> None:
    texts = _seed_texts()
    for t in texts:  # the patterns are compiled on first use, which does make cycles
        extract_text(t)
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        for t in texts:
            extract_text(t)
        extract_text("Nghị định này thay thế Nghị định số 45/2020/NĐ-CP ngày 08/4/2020.")
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()


def test_the_collector_runs_again_after_a_text_is_read() -> None:
    assert gc.isenabled()
    extract_text("Quyết định số 429-QĐ/TU ngày 01/7/2022 của Ban Thường vụ Tỉnh ủy")
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    gc.disable()
    try:
        extract_text("Quyết định số 429-QĐ/TU ngày 01/7/2022 của Ban Thường vụ Tỉnh ủy")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_runs_again_when_reading_fails() -> None:
    with pytest.raises((TypeError, AttributeError)):
        extract_text(None)  # type: ignore[arg-type]
    assert gc.isenabled()
