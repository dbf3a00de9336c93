from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kb.cli.commands import COMMANDS
from kb.queries.knowledge_base import KnowledgeBase
from kb.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[2]
# helpers shared by the tests of this folder and the benchmarks (relation_sample)
sys.path.insert(0, str(Path(__file__).resolve().parent))
CORPUS = ROOT / "corpus"
BENCH = ROOT / ".." / "shared" / "bench-corpus"
VNLEGALTEXT = ROOT / ".." / "shared" / "vnlegaltext"


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


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A KB built once from the shipped corpus."""
    db = tmp_path_factory.mktemp("kb") / "kb.sqlite"
    result = CliRunner().invoke(kb_group, ["build", str(CORPUS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def corpus_kb(corpus_db: Path) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase(Store(corpus_db, readonly=True))
    yield kb
    kb.close()


def bench_docs() -> Path:
    docs = BENCH / "docs"
    if not docs.is_dir():
        pytest.skip("the bench corpus (shared/bench-corpus next to the repository) is absent")
    return docs
