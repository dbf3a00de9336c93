"""Recall, precision and dates on real text nobody here wrote (skipped without the corpus).

The figures over the whole corpus come from ``bench/bench_extract.py``; these tests hold the
parser to thresholds on a fixed subset so that a regression shows up in ``make test``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    name = "bench_extract"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "bench_extract.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _phapdien_subset(corpus: Path) -> list[str]:
    """Every 12th pháp điển document with notes, in id order: about 230 documents."""
    ids = sorted(p.stem for p in (corpus / "docs").glob("pd-*.txt"))
    return ids[::12]


@pytest.mark.bench_corpus
def test_phapdien_source_notes(bench_corpus: Path) -> None:
    source, amending = _bench().phapdien_eval(bench_corpus, _phapdien_subset(bench_corpus))
    assert source.expected > 2000
    assert source.recall >= 0.99, source.misses[:10]
    assert source.dated > 100
    assert source.date_accuracy >= 0.95, source.misses[:10]
    assert source.date_extra == 0, source.misses[:10]
    assert amending.recall >= 0.98, amending.misses[:10]


@pytest.mark.bench_corpus
def test_congbao_headers(bench_corpus: Path) -> None:
    numbers, dates = _bench().congbao_header_eval(bench_corpus, limit=120)
    assert numbers.expected > 60
    assert numbers.recall >= 0.98, numbers.misses
    assert dates.recall >= 0.98, dates.misses


@pytest.mark.bench_corpus
def test_vnlegaltext_labelled_references() -> None:
    path = _bench().VNLEGALTEXT
    if not path.exists():
        pytest.skip("the vnlegaltext sample is not next to this checkout")
    score = _bench().vnlegaltext_eval(path)
    assert score.expected == 62
    assert score.recall >= 0.97, score.misses
    assert score.date_accuracy >= 0.95, score.misses


@pytest.mark.bench_corpus
def test_congbao_paragraphs_precision_and_recall(bench_corpus: Path) -> None:
    pr = _bench().paragraph_eval(bench_corpus)
    assert pr.tp >= 45
    assert pr.precision >= 0.97, pr.notes
    assert pr.recall >= 0.97, pr.notes


@pytest.mark.bench_corpus
def test_hard_paragraphs_precision_and_recall(bench_corpus: Path) -> None:
    """The 93 windows of the ugliest text (numbers broken across lines and page heads, odd
    forms, form numbers and other look-alikes), read by hand."""
    path = ROOT / "tests" / "parser" / "data" / "hard_paragraphs.toml"
    pr = _bench().paragraph_eval(bench_corpus, path=path)
    assert pr.tp >= 160
    assert pr.precision >= 0.97, pr.notes
    assert pr.recall >= 0.97, pr.notes
