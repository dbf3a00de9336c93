from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# No test times the wall clock: hypothesis's deadline per example (200 ms) is one, and fails
# on a busy machine for no fault in the code; slowness belongs in make bench.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")

# The suite tests the parser's Python sources, which some tests patch; the compiled build of
# the same sources is compared with them on real text in tests/parser/test_native_parser.py.
os.environ.setdefault("KB_PURE_PYTHON", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
BENCH_CORPUS = SHARED / "bench-corpus"
BACKENDS = ["sqlite", "postgresql"]
_DATABASES = itertools.count(1)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def bench_corpus() -> Path:
    if not (BENCH_CORPUS / "docs").is_dir():
        pytest.skip("the bench corpus (../shared/bench-corpus) is not next to this checkout")
    return BENCH_CORPUS


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A throw-away PostgreSQL cluster for the whole session (unix socket only). Skipped,
    with the reason, on a machine without PostgreSQL; in CI (CI=true) that is a failure."""
    from kb.store.scratch import ScratchCluster, missing

    reason = missing()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is needed in CI: {reason}")
        pytest.skip(reason)
    cluster = ScratchCluster().start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def new_kb(request: pytest.FixtureRequest) -> Callable[[str, Path], str]:
    """``new_kb(backend, folder)``: where a new, empty KB lives on ``backend`` — a file in
    ``folder``, or a new database of the session's cluster (its writing role's address)."""

    def make(backend: str, folder: Path) -> str:
        if backend == "sqlite":
            return str(folder / "kb.sqlite")
        cluster = request.getfixturevalue("pg_cluster")
        return str(cluster.create_database(f"kb_{next(_DATABASES)}"))

    return make


@pytest.fixture(params=BACKENDS)
def kb_target(
    request: pytest.FixtureRequest, tmp_path: Path, new_kb: Callable[[str, Path], str]
) -> str:
    """A new, empty KB on each backend in turn (``--db`` accepts both)."""
    return new_kb(request.param, tmp_path)
