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

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kb.store.base import BUSY_MESSAGE, RANK_DIGITS, BuildRunning, Store, StoreError
from kb.store.config import redact, scrub
from kb.store.migrations import MIGRATIONS

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
        return (self._psycopg.Error,)

    def _sql(self, sql: str) -> str:
        """``?`` marks as psycopg's ``%s`` (the store's SQL has no ``?`` in literals)."""
        out = self._sql_cache.get(sql)
        if out is None:
            out = self._sql_cache[sql] = sql.replace("%", "%%").replace("?", "%s")
        return out

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._sql(sql), tuple(params) or None)

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(r) for r in rows]
        if batch:
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), batch)

    def _begin_write(self) -> None:
        self.conn.execute("BEGIN")
        row = self.conn.execute("SELECT pg_try_advisory_xact_lock(%s)", (WRITE_LOCK,)).fetchone()
        if not row or not row[0]:
            self.conn.execute("ROLLBACK")
            raise BuildRunning(BUSY_MESSAGE.format(db=self.name))

    def _begin_read(self) -> None:
        self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def _migration_sql(self, sql: str) -> str:
        return translate(sql)

    # -- full-text search -----------------------------------------------------------------------
    def add_fts(self, rows: Iterable[tuple[str, str, str]]) -> None:
        self._executemany(
            "INSERT INTO documents_fts (key, text, text_fold, words, ntokens)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                (key, text, folded, " ".join(words(folded)), len(words(text)) + len(words(folded)))
                for key, text, folded in rows
            ),
        )

    def search(
        self, tokens: Sequence[str], *, every: bool, limit: int
    ) -> list[tuple[str, str, float]]:
        if not tokens:
            return []
        match = "@>" if every else "&&"
        sql = f"""
            WITH q AS (SELECT unnest(%s::text[]) AS tok),
            totals AS (
                SELECT COUNT(*)::float8 AS n, COALESCE(AVG(ntokens), 1)::float8 AS avgdl
                FROM documents_fts
            ),
            df AS (
                SELECT q.tok, ln((t.n - h.hits + 0.5) / (h.hits + 0.5)) AS raw
                FROM q CROSS JOIN totals t CROSS JOIN LATERAL (
                    SELECT COUNT(*)::float8 AS hits FROM documents_fts d
                    WHERE string_to_array(d.words, ' ') @> ARRAY[q.tok]
                ) h
            ),
            cand AS (
                SELECT id, key, text, words, ntokens FROM documents_fts
                WHERE string_to_array(words, ' ') {match} %s::text[]
            )
            SELECT key, text, rank FROM (
                SELECT c.id, c.key, c.text,
                       -SUM(
                           (CASE WHEN df.raw <= 0 THEN 1e-6 ELSE df.raw END)
                           * (f.f * 2.2) / (f.f + 1.2 * (0.25 + 0.75 * c.ntokens / t.avgdl))
                       ) AS rank
                FROM cand c CROSS JOIN totals t CROSS JOIN df
                CROSS JOIN LATERAL (
                    SELECT COALESCE(cardinality(
                        array_positions(string_to_array(c.words, ' '), df.tok)), 0)::float8 AS f
                ) f
                GROUP BY c.id, c.key, c.text
            ) hits
            ORDER BY round(rank::numeric, {RANK_DIGITS}), id
            LIMIT %s
        """
        toks = list(tokens)
        return [(r[0], r[1], float(r[2])) for r in self.conn.execute(sql, (toks, toks, limit))]


_FTS5 = re.compile(r"CREATE\s+VIRTUAL\s+TABLE\s+(\w+)\s+USING\s+fts5\s*\(([^)]*)\)", re.I)


def translate(sql: str) -> str:
    """A migration's portable SQL (as SQLite runs it) in PostgreSQL's dialect."""

    def fts(m: re.Match[str]) -> str:
        table = m.group(1)
        columns = [c.split()[0] for c in m.group(2).split(",") if c.strip()]
        cols = ", ".join(f"{c} TEXT" for c in columns)
        return (
            f"CREATE TABLE {table} (id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
            f" {cols}, words TEXT NOT NULL DEFAULT '', ntokens INTEGER NOT NULL DEFAULT 0);"
            f" CREATE INDEX {table}_words ON {table} USING gin (string_to_array(words, ' '))"
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
