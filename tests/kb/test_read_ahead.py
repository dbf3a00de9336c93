"""Reading ahead inside a snapshot (``Store.prefetch_standing``, ``KnowledgeBaseView.prepare``)
gives the answers the one-at-a-time questions give, on both backends, and a check of a
report asks the database a few dozen questions instead of hundreds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from citecheck.config import Options
from citecheck.engine import check_source
from kb.graph.status import amended_by, endings, inferred_endings, status_on
from kb.queries.knowledge_base import KnowledgeBase
from kb.store.base import Store

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DAYS = [dt.date(2019, 1, 1), dt.date(2022, 7, 1), dt.date(2026, 1, 1)]


def _standing(store: Store, keys: list[str]) -> list[Any]:
    return [
        (
            key,
            day,
            status_on(store, key, day),
            endings(store, key, day),
            inferred_endings(store, key, day),
            amended_by(store, key, day),
            store.effect(key),
        )
        for key in keys
        for day in DAYS
    ]


def test_the_standing_read_ahead_is_the_standing_asked_one_by_one(
    corpus_kb: KnowledgeBase,
) -> None:
    store = corpus_kb.store
    keys = [row[0] for row in store.all_documents()]
    assert len(keys) > 50
    one_by_one = _standing(store, keys)
    with store.snapshot():
        store.prefetch_standing(keys)
        read_ahead = _standing(store, keys)
    assert read_ahead == one_by_one
    assert any(s[2].value != "in_force" for s in one_by_one)  # not all trivially in force


@contextmanager
def _counting(store: Store) -> Iterator[list[str]]:
    """The statements ``store`` sends while the block runs."""
    sent: list[str] = []
    execute = store._execute

    def counted(sql: str, *args: Any, **kwargs: Any) -> Any:
        sent.append(sql)
        return execute(sql, *args, **kwargs)

    store._execute = counted  # type: ignore[method-assign]
    try:
        yield sent
    finally:
        del store._execute


def test_a_check_reads_ahead_and_finds_the_same(corpus_kb: KnowledgeBase) -> None:
    """The web check runs in one snapshot and reads ahead; the command line asks one by one.
    Both give the same report for every seed; the snapshot sends a fraction of the
    statements (a count of the work, not a time)."""
    counts: list[tuple[int, int]] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text("utf-8")
        with _counting(corpus_kb.store) as one_by_one:
            plain = check_source(path.name, text, Options(lang="vi"), corpus_kb).report
        with _counting(corpus_kb.store) as ahead, corpus_kb.store.snapshot():
            read = check_source(path.name, text, Options(lang="vi"), corpus_kb).report
        assert read.model_dump() == plain.model_dump(), path.name
        counts.append((len(ahead), len(one_by_one)))
    # the largest report names about eighty documents: 300 statements one by one
    assert max(n for _, n in counts) > 200
    for ahead_n, plain_n in counts:
        assert ahead_n <= max(40, plain_n // 4), counts
