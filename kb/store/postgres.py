"""The PostgreSQL backend of the store (psycopg 3, the ``postgres`` extra): one KB shared
by the offices of a province.

The same migrations as SQLite, translated here (the only place that knows the dialect):
``INTEGER PRIMARY KEY`` becomes an identity column, ``REAL`` a double, and the FTS5 table a
plain table with the folded words and their count, indexed with GIN. Search computes the
same BM25 rank as FTS5 on the same rows, so both backends answer alike.

A build or an import is one transaction holding a transaction-level advisory lock: a second
writer stops at once with :class:`BuildRunning`; a writer killed mid-way loses its
connection and the server rolls everything back. Readers take a repeatable-read snapshot
per question, so an answer comes wholly from the old KB or wholly from the new one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kb.store.base import (
    BUSY_MESSAGE,
    FILE_COLUMNS,
    MENTION_COLUMNS,
    RANK_DIGITS,
    RAW_RELATION_COLUMNS,
    BuildRunning,
    Store,
    StoreError,
)
from kb.store.config import redact, scrub
from kb.store.migrations import MIGRATIONS

FILE_BATCH = 200  # parsed files written to the server at once
WRITE_LOCK = 0x6B62_6275_696C_64  # the advisory lock every writer of a KB takes ("kbbuild")
CONNECT_TIMEOUT_S = 10
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The tokens FTS5's default tokenizer (unicode61) makes of a folded text."""
    return _WORD.findall(text.lower())


class PostgresStore(Store):
    """One connection to a KB in a PostgreSQL database, named by a ``postgresql://`` URL."""

    dialect = "postgresql"

    def __init__(self, target: str | Path = ":memory:", *, readonly: bool = False) -> None:
        super().__init__(target, readonly=readonly)
        try:
            import psycopg
        except ImportError as err:
            raise StoreError(
                "cơ sở tri thức PostgreSQL cần gói psycopg: pip install 'citecheck[postgres]'"
            ) from err
        self._psycopg = psycopg
        self._sql_cache: dict[str, str] = {}
        self._pending: list[tuple[Any, ...]] = []
        settings: dict[str, Any] = {
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "citecheck-kb",
        }
        if readonly:  # the web app's connections: no write even with a writing role
            settings["options"] = "-c default_transaction_read_only=on"
        try:
            self.conn = psycopg.connect(self.path, autocommit=True, **settings)
        except psycopg.Error as err:
            raise StoreError(
                f"{self.name}: không kết nối được cơ sở dữ liệu ({self._scrub(err)})"
            ) from err
        try:
            if readonly:
                version = self.schema_version()
                if version < len(MIGRATIONS):
                    raise StoreError(
                        f"{self.name}: lược đồ cơ sở tri thức cũ (phiên bản {version}): "
                        "hãy chạy `kb build` với vai trò được ghi để nâng cấp"
                    )
            else:
                self.migrate()
        except psycopg.Error as err:
            self.conn.close()
            raise StoreError(f"{self.name}: {self._scrub(err)}") from err
        except StoreError:
            self.conn.close()
            raise

    @property
    def name(self) -> str:
        return redact(self.path)

    def _scrub(self, err: BaseException) -> str:
        return scrub(" ".join(str(err).split()), self.path)

    def close(self) -> None:
        self.conn.close()

    def _errors(self) -> tuple[type[BaseException], ...]:
        return (self._psycopg.Error, StoreError)

    @contextmanager
    def _told(self) -> Iterator[None]:
        """A database error as a one-line :class:`StoreError` (a role without the right to
        write, a server that went away), without the password."""
        try:
            yield
        except self._psycopg.Error as err:
            raise StoreError(f"{self.name}: {self._scrub(err)}") from err

    def _sql(self, sql: str) -> str:
        """``?`` marks as psycopg's ``%s`` (the store's SQL has no ``?`` in literals)."""
        out = self._sql_cache.get(sql)
        if out is None:
            out = self._sql_cache[sql] = sql.replace("%", "%%").replace("?", "%s")
        return out

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        self._flush()
        with self._told():
            return self.conn.execute(self._sql(sql), tuple(params) or None)

    def _raw(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        """A statement in psycopg's own form (``%s``), errors told as for the others."""
        with self._told():
            return self.conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._flush()
        batch = [tuple(r) for r in rows]
        if batch:
            with self._told(), self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), batch)

    # -- bulk writes ------------------------------------------------------------------------
    def add_file(
        self,
        path: str,
        sha1: str,
        chars: int,
        doc: Sequence[Any],
        mentions: Sequence[Sequence[Any]],
        relations: Sequence[Sequence[Any]],
    ) -> None:
        # kept until FILE_BATCH files wait, or anything else is asked: a round trip to the
        # server per statement per file would cost a build more than the parsing
        self._pending.append((path, sha1, chars, doc, mentions, relations))
        if len(self._pending) >= FILE_BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        with self._told():
            self._write_files(pending)

    def _write_files(self, pending: list[tuple[Any, ...]]) -> None:
        paths = [p[0] for p in pending]
        self._raw("DELETE FROM files WHERE path = ANY(%s)", (paths,))
        ids: dict[str, int] = {}
        with self.conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO files ({', '.join(FILE_COLUMNS)})"
                f" VALUES ({', '.join(['%s'] * len(FILE_COLUMNS))}) RETURNING id, path",
                [(path, sha1, chars, *doc) for path, sha1, chars, doc, _, _ in pending],
                returning=True,
            )
            while True:
                for file_id, path in cur.fetchall():
                    ids[path] = int(file_id)
                if not cur.nextset():
                    break
        self._insert("mentions", MENTION_COLUMNS, ((ids[p[0]], *m) for p in pending for m in p[4]))
        self._insert(
            "raw_relations",
            RAW_RELATION_COLUMNS,
            ((ids[p[0]], *r) for p in pending for r in p[5]),
        )

    def _insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        # COPY: a build writes hundreds of thousands of rows
        self._flush()
        with (
            self._told(),
            self.conn.cursor() as cur,
            cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def set_mention_keys(self, rows: Iterable[tuple[str | None, str | None, int]]) -> None:
        self._raw(
            "CREATE TEMP TABLE IF NOT EXISTS mention_keys"
            " (doc_key TEXT, ambiguous TEXT, id INTEGER) ON COMMIT DELETE ROWS"
        )
        self._raw("DELETE FROM mention_keys")
        self._insert("mention_keys", ("doc_key", "ambiguous", "id"), rows)
        self._raw(
            "UPDATE mentions m SET doc_key = k.doc_key, ambiguous = k.ambiguous"
            " FROM mention_keys k WHERE m.id = k.id"
        )

    def _begin_write(self) -> None:
        self._raw("BEGIN")
        row = self._raw("SELECT pg_try_advisory_xact_lock(%s)", (WRITE_LOCK,)).fetchone()
        if not row or not row[0]:
            self._raw("ROLLBACK")
            raise BuildRunning(BUSY_MESSAGE.format(db=self.name))

    def _before_commit(self) -> None:
        # fresh statistics for the planner, or the first questions after a build scan
        # whole tables (autovacuum would come to it only later)
        for table in ("documents", "documents_fts", "documents_fts_terms", "relations", "mentions"):
            self._raw(f"ANALYZE {table}")

    def _rollback(self) -> None:
        self._pending = []  # files of a transaction that is given up
        super()._rollback()

    def _begin_read(self) -> None:
        self._raw("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def _migration_sql(self, sql: str) -> str:
        return translate(sql)

    # -- full-text search -----------------------------------------------------------------------
    def add_fts(self, rows: Iterable[tuple[str, str, str]]) -> None:
        self._insert(
            "documents_fts",
            ("key", "text", "text_fold", "words", "ntokens"),
            (
                (key, text, folded, words(folded), len(words(text)) + len(words(folded)))
                for key, text, folded in rows
            ),
        )
        # how many rows hold each word: BM25's document frequency, read at every search
        self._raw("DELETE FROM documents_fts_terms")
        self._raw(
            "INSERT INTO documents_fts_terms (tok, hits)"
            " SELECT w, COUNT(DISTINCT id) FROM documents_fts, unnest(words) AS w GROUP BY w"
        )

    def search(
        self, tokens: Sequence[str], *, every: bool, limit: int
    ) -> list[tuple[str, str, float]]:
        toks = list(tokens)
        if not toks:
            return []
        n, avgdl = self._raw(
            "SELECT COUNT(*)::float8, COALESCE(AVG(ntokens), 1)::float8 FROM documents_fts"
        ).fetchone() or (0.0, 1.0)
        hits = dict(
            self._raw(
                "SELECT tok, hits FROM documents_fts_terms WHERE tok = ANY(%s)", (toks,)
            ).fetchall()
        )
        idf = [_idf(n, hits.get(t, 0)) for t in toks]
        match = "@>" if every else "&&"
        found = self._raw(
            f"SELECT id, key, text, words, ntokens FROM documents_fts WHERE words {match} %s",
            (toks,),
        ).fetchall()
        scored = []
        for row_id, key, text, row_words, ntokens in found:
            rank = -bm25(toks, idf, Counter(row_words), ntokens, avgdl)
            scored.append((round(rank, RANK_DIGITS), row_id, key, text, rank))
        scored.sort()
        return [(key, text, rank) for _, _, key, text, rank in scored[:limit]]


K1, B = 1.2, 0.75  # FTS5's bm25() constants


def _idf(rows: float, hits: int) -> float:
    """FTS5's inverse document frequency, floored at a millionth."""
    raw = math.log((rows - hits + 0.5) / (hits + 0.5))
    return raw if raw > 0 else 1e-6


def bm25(
    tokens: Sequence[str], idf: Sequence[float], counts: Counter[str], size: int, avgdl: float
) -> float:
    """The BM25 score as FTS5 sums it, token by token in query order."""
    score = 0.0
    for token, weight in zip(tokens, idf, strict=True):
        freq = counts.get(token, 0)
        score += weight * (freq * (K1 + 1)) / (freq + K1 * (1 - B + B * size / avgdl))
    return score


_FTS5 = re.compile(r"CREATE\s+VIRTUAL\s+TABLE\s+(\w+)\s+USING\s+fts5\s*\(([^)]*)\)", re.I)


def translate(sql: str) -> str:
    """A migration's portable SQL (as SQLite runs it) in PostgreSQL's dialect."""

    def fts(m: re.Match[str]) -> str:
        table = m.group(1)
        columns = [c.split()[0] for c in m.group(2).split(",") if c.strip()]
        cols = ", ".join(f"{c} TEXT" for c in columns)
        return (
            f"CREATE TABLE {table} (id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
            f" {cols}, words TEXT[] NOT NULL DEFAULT '{{}}', ntokens INTEGER NOT NULL DEFAULT 0);"
            f" CREATE INDEX {table}_words ON {table} USING gin (words);"
            f" CREATE TABLE {table}_terms (tok TEXT PRIMARY KEY, hits INTEGER NOT NULL)"
        )

    sql = _FTS5.sub(fts, sql)
    sql = re.sub(
        r"\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b",
        "INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        sql,
        flags=re.I,
    )
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)
    sql = re.sub(r"\bBLOB\b", "BYTEA", sql)
    return re.sub(r"\bWITHOUT\s+ROWID\b", "", sql, flags=re.I)
