from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kb.cli.commands import COMMANDS
from kb.queries.knowledge_base import KnowledgeBase
from kb.store.base import Store
from kb.store.scratch import reader_of

ROOT = Path(__file__).resolve().parents[2]
# helpers shared by the tests of this folder and the benchmarks (relation_sample)
sys.path.insert(0, str(Path(__file__).resolve().parent))
CORPUS = ROOT / "corpus"
BENCH = ROOT / ".." / "shared" / "bench-corpus"
VNLEGALTEXT = ROOT / ".." / "shared" / "vnlegaltext"
BACKENDS = ["sqlite", "postgresql"]


@click.group()
def kb_group() -> None:
    """The KB commands, as the ``kb`` program groups them."""


for _command in COMMANDS:
    kb_group.add_command(_command)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli() -> click.Group:
    return kb_group


@pytest.fixture(scope="session")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped corpus (documents and facts), so tests may build from it."""
    target = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session", params=BACKENDS)
def corpus_db(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    new_kb: Callable[[str, Path], str],
) -> str:
    """A KB built once from the shipped corpus, on each backend in turn (a file, or a
    PostgreSQL address)."""
    db = new_kb(request.param, tmp_path_factory.mktemp("kb"))
    result = CliRunner().invoke(kb_group, ["build", str(CORPUS), "--db", db])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def corpus_kb(corpus_db: str) -> Iterator[KnowledgeBase]:
    """The corpus KB opened read-only (on PostgreSQL, as the read-only role)."""
    kb = KnowledgeBase(Store(reader_of(corpus_db), readonly=True))
    yield kb
    kb.close()


def bench_docs() -> Path:
    docs = BENCH / "docs"
    if not docs.is_dir():
        pytest.skip("the bench corpus (shared/bench-corpus next to the repository) is absent")
    return docs
