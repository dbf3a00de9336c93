from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
BENCH_CORPUS = SHARED / "bench-corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def bench_corpus() -> Path:
    if not (BENCH_CORPUS / "docs").is_dir():
        pytest.skip("the bench corpus (../shared/bench-corpus) is not next to this checkout")
    return BENCH_CORPUS
