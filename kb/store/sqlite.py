"""The knowledge-base store: every SQL statement of the KB lives here.

SQLite (WAL, FTS5) today; the statements are kept to portable SQL where it costs
nothing so that a PostgreSQL backend can be added behind the same methods. Schema
changes are numbered migrations recorded in ``schema_migrations``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kb.store.migrations import MIGRATIONS

Row = tuple[Any, ...]

MENTION_COLUMNS = (
    "file_id",
    "seq",
    "raw_key",
    "text",
    "ref",
    "type",
    "family",
    "date",
    "date_text",
    "date_valid",
    "issuer",
    "issuer_code",
    "subject",
    "pinpoint",
    "start_off",
    "end_off",
    "line",
)
DOCUMENT_COLUMNS = (
    "key",
    "ref",
    "type",
    "date",
    "issuer",
    "issuer_code",
    "subject",
    "title",
    "path",
    "n_mentions",
    "in_corpus",
    "key_base",
    "ref_norm",
    "date_source",
)
RELATION_COLUMNS = (
    "source",
    "target",
    "kind",
    "origin",
    "confidence",
    "evidence",
    "path",
    "start_off",
    "end_off",
)
UNRESOLVED_COLUMNS = (
    "source",
    "target",
    "kind",
    "reason",
    "origin",
    "confidence",
    "evidence",
    "path",
    "start_off",
    "end_off",
)
IMPORTED_COLUMNS = (
    "key",
    "ref",
    "type",
    "issuer",
    "date",
    "effective",
    "expiry",
    "status",
    "subject",
    "source_id",
    "file",
)


class StoreError(Exception):
    """A KB file that cannot be used, with a message for the user."""


class Store:
    """One connection to a KB database (a file, or ``:memory:``)."""

    def __init__(self, path: str | Path = ":memory:", *, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly and self.path != ":memory:":
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            if self.schema_version() < len(MIGRATIONS):
                # a KB made by an older version: bring its schema up to date first
                self.conn.close()
                Store(self.path).close()
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        else:
            self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            try:
                if self.path != ":memory:":
                    self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.migrate()
            except sqlite3.DatabaseError as err:
                self.conn.close()
                raise StoreError(f"{self.path}: không phải tệp cơ sở tri thức ({err})") from err

    def close(self) -> None:
        self.conn.close()

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT version FROM schema_migrations")}
        for version, (name, sql) in enumerate(MIGRATIONS, start=1):
            if version in done:
                continue
            with self.transaction():
                for statement in sql.split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
                )

    def schema_version(self) -> int:
        """The last migration applied; raises ``StoreError`` on a file that is not a KB."""
        try:
            row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: không phải tệp cơ sở tri thức ({err})") from err
        return int(row[0] or 0)

    def migrations(self) -> list[Row]:
        return list(self.conn.execute("SELECT version, name FROM schema_migrations ORDER BY 1"))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it is committed, or none of it."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.commit()

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    # -- meta ---------------------------------------------------------------------------
    def get_meta(self, name: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, name: str, value: str) -> None:
        self.conn.execute("DELETE FROM meta WHERE name = ?", (name,))
        self.conn.execute("INSERT INTO meta (name, value) VALUES (?, ?)", (name, value))

    # -- files (per-file facts read by the parser) ----------------------------------------
    def file_hashes(self) -> dict[str, str]:
        return {p: h for p, h in self.conn.execute("SELECT path, sha1 FROM files")}

    def delete_files(self, paths: Iterable[str]) -> None:
        self.conn.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in paths])

    def add_file(
        self,
        path: str,
        sha1: str,
        chars: int,
        doc: Sequence[Any],
        mentions: Sequence[Sequence[Any]],
        relations: Sequence[Sequence[Any]],
    ) -> None:
        """``doc`` = (key, ref, type, date, title, issuer_code, effective_from, effective_to,
        effective_text); mention rows follow
        ``MENTION_COLUMNS`` without file_id; relation rows are (source_seq, target_seq,
        kind, confidence, phrase, evidence, start, end)."""
        self.conn.execute("DELETE FROM files WHERE path = ?", (path,))
        cur = self.conn.execute(
            "INSERT INTO files (path, sha1, chars, doc_key, doc_ref, doc_type, doc_date, doc_title,"
            " doc_issuer_code, doc_effective_from, doc_effective_to, doc_effective_text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (path, sha1, chars, *doc),
        )
        fid = cur.lastrowid
        cols = ", ".join(MENTION_COLUMNS)
        marks = ", ".join("?" * len(MENTION_COLUMNS))
        self.conn.executemany(
            f"INSERT INTO mentions ({cols}) VALUES ({marks})", [(fid, *m) for m in mentions]
        )
        self.conn.executemany(
            "INSERT INTO raw_relations (file_id, source_seq, target_seq, kind, confidence, phrase,"
            " evidence, start_off, end_off) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(fid, *r) for r in relations],
        )

    def file_documents(self) -> list[Row]:
        return list(
            self.conn.execute(
                "SELECT path, doc_key, doc_ref, doc_type, doc_date, doc_title, doc_issuer_code"
                " FROM files ORDER BY path"
            )
        )

    def all_mentions(self) -> Iterator[Row]:
        """(id, raw_key, ref, type, date, issuer, issuer_code, subject, family) of every
        mention."""
        return self.conn.execute(
            "SELECT id, raw_key, ref, type, date, issuer, issuer_code, subject, family"
            " FROM mentions"
        )

    def set_mention_keys(self, rows: Iterable[tuple[str | None, str | None, int]]) -> None:
        self.conn.executemany("UPDATE mentions SET doc_key = ?, ambiguous = ? WHERE id = ?", rows)

    def stated_relations(self) -> Iterator[Row]:
        """Raw stated relations with both ends turned into document keys (NULL if ambiguous)."""
        return self.conn.execute(
            """
            SELECT COALESCE(ms.doc_key, CASE WHEN r.source_seq IS NULL THEN f.doc_key END),
                   COALESCE(mt.doc_key, CASE WHEN r.target_seq IS NULL THEN f.doc_key END),
                   r.kind, r.confidence, r.evidence, f.path, r.start_off, r.end_off
            FROM raw_relations r JOIN files f ON f.id = r.file_id
            LEFT JOIN mentions ms ON ms.file_id = r.file_id AND ms.seq = r.source_seq
            LEFT JOIN mentions mt ON mt.file_id = r.file_id AND mt.seq = r.target_seq
            ORDER BY f.path, r.start_off
            """
        )

    # -- derived tables -------------------------------------------------------------------
    def replace_documents(self, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.execute("DELETE FROM documents")
        self.conn.execute("DELETE FROM documents_fts")
        cols = ", ".join(DOCUMENT_COLUMNS)
        marks = ", ".join("?" * len(DOCUMENT_COLUMNS))
        self.conn.executemany(f"INSERT INTO documents ({cols}) VALUES ({marks})", rows)

    def add_fts(self, rows: Iterable[tuple[str, str, str]]) -> None:
        self.conn.executemany(
            "INSERT INTO documents_fts (key, text, text_fold) VALUES (?, ?, ?)", rows
        )

    def replace_relations(self, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.execute("DELETE FROM relations")
        cols = ", ".join(RELATION_COLUMNS)
        marks = ", ".join("?" * len(RELATION_COLUMNS))
        self.conn.executemany(f"INSERT INTO relations ({cols}) VALUES ({marks})", rows)

    def replace_unresolved(self, rows: Iterable[Sequence[Any]]) -> None:
        """Readings that cannot be edges (``UNRESOLVED_COLUMNS``), kept with their reason."""
        self.conn.execute("DELETE FROM unresolved_relations")
        cols = ", ".join(UNRESOLVED_COLUMNS)
        marks = ", ".join("?" * len(UNRESOLVED_COLUMNS))
        self.conn.executemany(f"INSERT INTO unresolved_relations ({cols}) VALUES ({marks})", rows)

    def unresolved_relations(self) -> list[Row]:
        cols = ", ".join(UNRESOLVED_COLUMNS)
        return list(
            self.conn.execute(f"SELECT {cols} FROM unresolved_relations ORDER BY path, start_off")
        )

    def replace_problems(self, rows: Iterable[tuple[str, str]]) -> None:
        self.conn.execute("DELETE FROM problems")
        self.conn.executemany("INSERT INTO problems (kind, detail) VALUES (?, ?)", rows)

    # -- effective dates ----------------------------------------------------------------------
    def copy_effects(self) -> None:
        """Each document's first and last day in force: what its own file says, else what
        imported metadata says (``effective_source`` tells which)."""
        self.conn.execute(
            "UPDATE documents SET effective_from = NULL, effective_to = NULL,"
            " effective_source = NULL, effective_text = NULL"
        )
        self.conn.execute(
            "UPDATE documents SET"
            " effective_from = (SELECT f.doc_effective_from FROM files f WHERE f.path = documents.path),"
            " effective_to = (SELECT f.doc_effective_to FROM files f WHERE f.path = documents.path),"
            " effective_text = (SELECT f.doc_effective_text FROM files f WHERE f.path = documents.path),"
            " effective_source = 'text'"
            " WHERE path IS NOT NULL AND EXISTS (SELECT 1 FROM files f WHERE f.path = documents.path"
            " AND (f.doc_effective_from IS NOT NULL OR f.doc_effective_to IS NOT NULL))"
        )
        self.conn.execute(
            "UPDATE documents SET"
            " effective_from = (SELECT i.effective FROM imported_documents i WHERE i.key = documents.key),"
            " effective_source = 'imported'"
            " WHERE effective_from IS NULL AND EXISTS (SELECT 1 FROM imported_documents i"
            " WHERE i.key = documents.key AND i.effective IS NOT NULL AND i.effective <> '')"
        )
        self.conn.execute(
            "UPDATE documents SET"
            " effective_to = (SELECT i.expiry FROM imported_documents i WHERE i.key = documents.key),"
            " effective_source = COALESCE(effective_source, 'imported')"
            " WHERE effective_to IS NULL AND EXISTS (SELECT 1 FROM imported_documents i"
            " WHERE i.key = documents.key AND i.expiry IS NOT NULL AND i.expiry <> '')"
        )

    def effect(self, key: str) -> Row | None:
        """(date, effective_from, effective_to, effective_source, effective_text) of a
        document."""
        row = self.conn.execute(
            "SELECT date, effective_from, effective_to, effective_source, effective_text"
            " FROM documents WHERE key = ?",
            (key,),
        ).fetchone()
        return None if row is None else tuple(row)

    def relations_to_date(self, kinds: Sequence[str]) -> list[Row]:
        """(id, source, target, evidence) of the stated relations of ``kinds`` with a
        sentence."""
        marks = ", ".join("?" * len(kinds))
        return list(
            self.conn.execute(
                "SELECT id, source, target, evidence FROM relations WHERE origin = 'stated'"
                f" AND evidence IS NOT NULL AND kind IN ({marks})",
                tuple(kinds),
            )
        )

    def set_relation_effects(self, rows: Iterable[tuple[str | None, int]]) -> None:
        self.conn.executemany("UPDATE relations SET effective = ? WHERE id = ?", rows)

    def set_register_starts(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """(key, first day in force, source) from the register of laws, for documents whose
        own text or import gives no first day."""
        self.conn.executemany(
            "UPDATE documents SET effective_from = ?, effective_text = ?,"
            " effective_source = 'register' WHERE key = ? AND effective_from IS NULL",
            [(day, source, key) for key, day, source in rows],
        )

    def set_stated_ends(self, rows: Iterable[tuple[str, str]]) -> None:
        """(key, first day no longer in force) another text states, for documents whose own
        text or import gives no end."""
        self.conn.executemany(
            "UPDATE documents SET effective_to = ?, effective_source = COALESCE(effective_source,"
            " 'stated') WHERE key = ? AND effective_to IS NULL",
            [(day, key) for key, day in rows],
        )

    def incoming_dated(self, key: str, kinds: Sequence[str]) -> list[Row]:
        """(source, kind, origin, confidence, evidence, effective, the source's first day in
        force, the source's date) of the relations of ``kinds`` that point at ``key``."""
        marks = ", ".join("?" * len(kinds))
        return list(
            self.conn.execute(
                "SELECT r.source, r.kind, r.origin, r.confidence, r.evidence, r.effective,"
                " d.effective_from, d.date FROM relations r"
                " LEFT JOIN documents d ON d.key = r.source"
                f" WHERE r.target = ? AND r.kind IN ({marks})",
                (key, *kinds),
            )
        )

    # -- imported facts -----------------------------------------------------------------------
    def add_imported(
        self,
        docs: Iterable[Sequence[Any]],
        rels: Iterable[Sequence[Any]],
        stubs: Iterable[Sequence[Any]] = (),
    ) -> None:
        """Imported documents (replacing earlier imports of the same key), relations, and
        stubs: documents known only as the other end of a relation, kept unless a full
        record exists."""
        cols = ", ".join(IMPORTED_COLUMNS)
        marks = ", ".join("?" * len(IMPORTED_COLUMNS))
        self.conn.executemany(
            f"INSERT OR IGNORE INTO imported_documents ({cols}) VALUES ({marks})", stubs
        )
        self.conn.executemany(
            f"INSERT OR REPLACE INTO imported_documents ({cols}) VALUES ({marks})", docs
        )
        self.conn.executemany(
            "INSERT INTO imported_relations (source, target, kind, detail, source_id)"
            " VALUES (?, ?, ?, ?, ?)",
            rels,
        )

    def imported_documents(self) -> list[Row]:
        return list(
            self.conn.execute(f"SELECT {', '.join(IMPORTED_COLUMNS)} FROM imported_documents")
        )

    def imported_relations(self) -> list[Row]:
        return list(
            self.conn.execute(
                "SELECT DISTINCT source, target, kind, detail FROM imported_relations"
            )
        )

    def imported_document(self, key: str) -> Row | None:
        cols = ", ".join(IMPORTED_COLUMNS)
        row = self.conn.execute(
            f"SELECT {cols} FROM imported_documents WHERE key = ?", (key,)
        ).fetchone()
        return None if row is None else tuple(row)

    # -- reads ------------------------------------------------------------------------------
    def document(self, key: str) -> Row | None:
        cols = ", ".join(DOCUMENT_COLUMNS)
        row = self.conn.execute(f"SELECT {cols} FROM documents WHERE key = ?", (key,)).fetchone()
        return None if row is None else tuple(row)

    def documents(self, keys: Iterable[str]) -> dict[str, Row]:
        cols = ", ".join(DOCUMENT_COLUMNS)
        out: dict[str, Row] = {}
        for key in set(keys):
            row = self.conn.execute(
                f"SELECT {cols} FROM documents WHERE key = ?", (key,)
            ).fetchone()
            if row is not None:
                out[key] = tuple(row)
        return out

    def all_documents(self) -> list[Row]:
        cols = ", ".join(DOCUMENT_COLUMNS)
        return list(self.conn.execute(f"SELECT {cols} FROM documents ORDER BY key"))

    def keys_by_base(self, base: str) -> list[str]:
        return [
            r[0] for r in self.conn.execute("SELECT key FROM documents WHERE key_base = ?", (base,))
        ]

    def keys_by_base_completion(self, base: str) -> list[str]:
        """Keys whose số hiệu adds an issuer part to ``base`` (``429-QĐ`` → ``429-QĐ/TU``)."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT key FROM documents WHERE key_base LIKE ? ESCAPE '!' OR key_base LIKE ? ESCAPE '!'",
                (_like(base) + "/%", _like(base) + "-%"),
            )
        ]

    def keys_by_ref_norm(self, norm: str) -> list[str]:
        return [
            r[0] for r in self.conn.execute("SELECT key FROM documents WHERE ref_norm = ?", (norm,))
        ]

    def mentions_of(self, key: str) -> list[dict[str, Any]]:
        """Every mention of ``key``, as a mapping named after the output fields."""
        cur = self.conn.execute(
            "SELECT f.path AS path, m.text AS text, m.ref AS ref, m.date AS date,"
            " m.date_text AS date_text, m.issuer AS issuer, m.issuer_code AS issuer_code,"
            " m.subject AS subject, m.pinpoint AS pinpoint, m.start_off AS start,"
            " m.end_off AS end, m.line AS line, m.raw_key AS key_as_written"
            " FROM mentions m JOIN files f ON f.id = m.file_id"
            " WHERE m.doc_key = ? ORDER BY f.path, m.start_off",
            (key,),
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    def ambiguous_mentions(self, base: str | None = None) -> list[Row]:
        sql = (
            "SELECT f.path, m.text, m.raw_key, m.ambiguous, m.line FROM mentions m"
            " JOIN files f ON f.id = m.file_id WHERE m.ambiguous IS NOT NULL"
        )
        if base is None:
            return list(self.conn.execute(sql + " ORDER BY f.path, m.start_off"))
        return list(self.conn.execute(sql + " AND m.raw_key = ?", (base + "@?",)))

    def relations_of(self, key: str) -> list[Row]:
        cols = ", ".join(RELATION_COLUMNS)
        return list(
            self.conn.execute(
                f"SELECT {cols} FROM relations WHERE source = ? OR target = ? ORDER BY origin, kind",
                (key, key),
            )
        )

    def incoming(self, key: str, kinds: Sequence[str]) -> list[Row]:
        """Relations of the given kinds that point at ``key``."""
        return self._relations_by("target", key, kinds)

    def outgoing(self, key: str, kinds: Sequence[str]) -> list[Row]:
        """Relations of the given kinds that start from ``key``."""
        return self._relations_by("source", key, kinds)

    def _relations_by(self, end: str, key: str, kinds: Sequence[str]) -> list[Row]:
        assert end in ("source", "target")
        cols = ", ".join(RELATION_COLUMNS)
        marks = ", ".join("?" * len(kinds))
        return list(
            self.conn.execute(
                f"SELECT {cols} FROM relations WHERE {end} = ? AND kind IN ({marks})",
                (key, *kinds),
            )
        )

    def all_relations(self, kinds: Sequence[str] | None = None) -> list[Row]:
        cols = ", ".join(RELATION_COLUMNS)
        if kinds is None:
            return list(self.conn.execute(f"SELECT {cols} FROM relations"))
        marks = ", ".join("?" * len(kinds))
        return list(
            self.conn.execute(f"SELECT {cols} FROM relations WHERE kind IN ({marks})", kinds)
        )

    def search(self, match: str, limit: int) -> list[tuple[str, str, float]]:
        """FTS5 search over subjects and titles: (key, text, bm25 rank), best first."""
        return [
            (r[0], r[1], float(r[2]))
            for r in self.conn.execute(
                "SELECT key, text, bm25(documents_fts) FROM documents_fts"
                " WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts) LIMIT ?",
                (match, limit),
            )
        ]

    def problems(self) -> list[tuple[str, str]]:
        return [
            (r[0], r[1]) for r in self.conn.execute("SELECT kind, detail FROM problems ORDER BY id")
        ]

    def count_by(self, table: str, column: str) -> list[tuple[str | None, int]]:
        if (table, column) not in _COUNTABLE:
            raise ValueError(f"cannot count {table}.{column}")
        return [
            (r[0], int(r[1]))
            for r in self.conn.execute(
                f"SELECT {column}, COUNT(*) FROM {table} GROUP BY {column} ORDER BY 2 DESC, 1"
            )
        ]

    def count(self, table: str) -> int:
        if table not in {t for t, _ in _COUNTABLE} | {"mentions", "files"}:
            raise ValueError(f"cannot count {table}")
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def unresolved_mentions(self) -> int:
        return int(
            self.conn.execute(
                "SELECT COUNT(*) FROM mentions WHERE doc_key IS NULL AND ambiguous IS NULL"
            ).fetchone()[0]
        )


def _like(text: str) -> str:
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


_COUNTABLE = {
    ("documents", "type"),
    ("documents", "issuer_code"),
    ("relations", "kind"),
    ("relations", "origin"),
    ("unresolved_relations", "reason"),
    ("imported_documents", "type"),
}
