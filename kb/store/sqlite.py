"""The SQLite backend of the store: one file (WAL, FTS5), the embedded default.

A build holds SQLite's write lock (``BEGIN IMMEDIATE``) from its first write to its
commit; readers in WAL mode go on seeing the previous KB meanwhile. A second writer waits
a few seconds for the lock, then stops with :class:`BuildRunning`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kb.store.base import (
    BUSY_MESSAGE,
    DOCUMENT_COLUMNS,
    IMPORTED_COLUMNS,
    MENTION_COLUMNS,
    RANK_DIGITS,
    RELATION_COLUMNS,
    UNRESOLVED_COLUMNS,
    BuildRunning,
    Row,
    Store,
    StoreError,
)
from kb.store.migrations import MIGRATIONS

__all__ = [
    "DOCUMENT_COLUMNS",
    "IMPORTED_COLUMNS",
    "MENTION_COLUMNS",
    "RELATION_COLUMNS",
    "UNRESOLVED_COLUMNS",
    "BuildRunning",
    "Row",
    "SQLiteStore",
    "Store",
    "StoreError",
]

LOCK_WAIT_S = 5.0  # how long a writer waits for another writer before giving up


class SQLiteStore(Store):
    """One connection to a KB file (or ``:memory:``)."""

    dialect = "sqlite"
    NOT_A_KB = "không phải tệp cơ sở tri thức"

    def __init__(self, target: str | Path = ":memory:", *, readonly: bool = False) -> None:
        super().__init__(target, readonly=readonly)
        if readonly and self.path != ":memory:":
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            self.conn = self._connect(uri, uri=True)
            if self.schema_version() < len(MIGRATIONS):
                # a KB made by an older version: bring its schema up to date first
                self.conn.close()
                SQLiteStore(self.path).close()
                self.conn = self._connect(uri, uri=True)
        else:
            self.conn = self._connect(self.path)
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            try:
                if self.path != ":memory:":
                    self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.migrate()
            except sqlite3.DatabaseError as err:
                self.conn.close()
                if _busy(err):
                    raise BuildRunning(BUSY_MESSAGE.format(db=self.path)) from err
                raise StoreError(f"{self.path}: không phải tệp cơ sở tri thức ({err})") from err

    @staticmethod
    def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
        return sqlite3.connect(target, uri=uri, isolation_level=None, timeout=LOCK_WAIT_S)

    def close(self) -> None:
        self.conn.close()

    def _errors(self) -> tuple[type[BaseException], ...]:
        return (sqlite3.DatabaseError,)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def _begin_write(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if _busy(err):
                raise BuildRunning(BUSY_MESSAGE.format(db=self.path)) from err
            raise

    def _begin_read(self) -> None:
        # WAL: the snapshot is taken at the first read and kept until the transaction ends
        self.conn.execute("BEGIN")

    # -- full-text search (FTS5) ---------------------------------------------------------------
    def add_fts(self, rows: Iterable[tuple[str, str, str]]) -> None:
        self.conn.executemany(
            "INSERT INTO documents_fts (key, text, text_fold) VALUES (?, ?, ?)", rows
        )

    def search(
        self, tokens: Sequence[str], *, every: bool, limit: int
    ) -> list[tuple[str, str, float]]:
        if not tokens:
            return []
        joint = " AND " if every else " OR "
        match = "text_fold : (" + joint.join(f'"{t}"' for t in tokens) + ")"
        return [
            (r[0], r[1], float(r[2]))
            for r in self.conn.execute(
                "SELECT key, text, bm25(documents_fts) FROM documents_fts"
                " WHERE documents_fts MATCH ?"
                f" ORDER BY round(bm25(documents_fts), {RANK_DIGITS}), rowid LIMIT ?",
                (match, limit),
            )
        ]


def _busy(err: BaseException) -> bool:
    return "locked" in str(err) or "busy" in str(err)
