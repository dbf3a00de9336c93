"""The knowledge-base store: every SQL statement of the KB lives here or in a backend.

:class:`Store` holds the statements both backends share (portable SQL, ``?`` marks);
``Store(target)`` opens the backend the target names: a file (or ``:memory:``) is SQLite
(:mod:`kb.store.sqlite`), a ``postgresql://`` address is PostgreSQL (:mod:`kb.store.postgres`).
What differs between the two — connecting, locking a write, a read snapshot, the dialect of
the migrations and the full-text search — is in those two modules only. Schema changes are
numbered migrations (:mod:`kb.store.migrations`), recorded in ``schema_migrations``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from kb.store.config import is_dsn
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
FILE_COLUMNS = (
    "path",
    "sha1",
    "chars",
    "doc_key",
    "doc_ref",
    "doc_type",
    "doc_date",
    "doc_title",
    "doc_issuer_code",
    "doc_effective_from",
    "doc_effective_to",
    "doc_effective_text",
)
RAW_RELATION_COLUMNS = (
    "file_id",
    "source_seq",
    "target_seq",
    "kind",
    "confidence",
    "phrase",
    "evidence",
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
    """A KB that cannot be used, with a message for the user."""


class BuildRunning(StoreError):
    """Another build or import holds the KB's write lock."""


# search ranks are ordered rounded to this many digits, then by insertion: both backends sum
# the same terms, not always in the same order, and so may differ in the last bits
RANK_DIGITS = 9
BUSY_MESSAGE = (
    "{db}: một lần dựng hoặc nhập khác đang chạy trên cơ sở tri thức này; hãy thử lại sau"
)


_BACKENDS: dict[str, type[Store]] = {}
# the module of each backend, imported the first time a KB of its kind is opened: a command that
# opens no KB (``kb extract``, ``citecheck`` without ``--kb``) loads neither
_BACKEND_MODULES = {"sqlite": "kb.store.sqlite", "postgresql": "kb.store.postgres"}


def backend(dialect: str) -> type[Store]:
    """The Store class of a dialect; its module registers it when imported."""
    if dialect not in _BACKENDS:
        importlib.import_module(_BACKEND_MODULES[dialect])
    return _BACKENDS[dialect]


class Store:
    """One connection to a KB. ``Store(target)`` opens the backend the target names."""

    dialect: ClassVar[str] = ""
    NOT_A_KB: ClassVar[str] = "không phải cơ sở tri thức"

    def __new__(cls, target: str | Path = ":memory:", *, readonly: bool = False) -> Store:
        if cls is Store:
            return super().__new__(backend("postgresql" if is_dsn(str(target)) else "sqlite"))
        return super().__new__(cls)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.dialect:
            _BACKENDS[cls.dialect] = cls

    def __init__(self, target: str | Path = ":memory:", *, readonly: bool = False) -> None:
        self.path = str(target)
        self.readonly = readonly
        self._depth = 0  # open transactions or snapshots (they nest)
        self._cache: _Prefetched | None = None  # what prefetch() read, inside a snapshot

    # -- what a backend supplies ------------------------------------------------------------
    @property
    def name(self) -> str:
        """The KB as it may be shown to a user (never with a password)."""
        return self.path

    def close(self) -> None:
        raise NotImplementedError

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement with ``?`` marks; returns a cursor to iterate."""
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Insert many rows into ``table`` (a backend may do it in bulk)."""
        marks = ", ".join("?" * len(columns))
        self._executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def _begin_write(self) -> None:
        """Start the write transaction, holding the KB's write lock; ``BuildRunning``
        when another writer holds it."""
        raise NotImplementedError

    def _begin_read(self) -> None:
        """Start a read-only transaction that sees one committed state of the KB."""
        raise NotImplementedError

    def _before_commit(self) -> None:
        """Anything the backend does at the end of a build's or an import's transaction."""

    def _migration_sql(self, sql: str) -> str:
        """A migration's portable SQL in this backend's dialect."""
        return sql

    def add_fts(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """The full-text rows: (key, text, folded text)."""
        raise NotImplementedError

    def search(
        self, tokens: Sequence[str], *, every: bool, limit: int
    ) -> list[tuple[str, str, float]]:
        """Full-text search of the folded subjects and titles for the folded ``tokens``
        (all of them when ``every``, else any): (key, text, rank), best (lowest) first.
        The rank is BM25 (k1 = 1.2, b = 0.75) as SQLite FTS5 computes it, on both backends."""
        raise NotImplementedError

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one statement of portable SQL (``?`` marks) on either backend: for tools,
        tests and repairs; the KB's own statements are the methods below."""
        cur = self._execute(sql, params)
        return [tuple(r) for r in cur] if cur.description else []

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> None:
        """Apply the migrations not applied yet, in one write transaction. A KB already up
        to date is only read (so a read-only role may open it)."""
        try:
            done = self._applied()
        except self._errors():
            done = set()  # a new KB: no schema_migrations yet
        if len(done) >= len(MIGRATIONS):
            return
        with self.transaction(generation=False):
            self._execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = self._applied()  # read again under the write lock: another may have migrated
            for version, (name, sql) in enumerate(MIGRATIONS, start=1):
                if version in done:
                    continue
                for statement in self._migration_sql(sql).split(";"):
                    if statement.strip():
                        self._execute(statement)
                self._execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
                )

    def _applied(self) -> set[int]:
        return {int(r[0]) for r in self._execute("SELECT version FROM schema_migrations")}

    def schema_version(self) -> int:
        """The last migration applied; raises ``StoreError`` on a database that is not a KB."""
        try:
            row = self._execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        except self._errors() as err:
            raise StoreError(f"{self.name}: {self.NOT_A_KB} ({_one_line(err)})") from err
        return int(row[0] or 0)

    def _errors(self) -> tuple[type[BaseException], ...]:
        return (Exception,)

    def migrations(self) -> list[Row]:
        return list(self._execute("SELECT version, name FROM schema_migrations ORDER BY 1"))

    @contextmanager
    def transaction(self, *, generation: bool = True) -> Iterator[None]:
        """One write transaction: all of it is committed, or none of it. Readers see the
        KB as it was before, until the commit. ``generation`` marks the KB as changed."""
        if self._depth:
            raise StoreError(f"{self.name}: giao dịch lồng nhau")
        self._begin_write()
        self._depth = 1
        try:
            yield
            if generation:
                self.set_meta("generation", uuid.uuid4().hex)
                self._before_commit()
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        self.commit()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that all see one committed state of the KB (a build committing meanwhile
        is seen by the next snapshot). Nests; inside a write transaction it does nothing."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin_read()
        self._depth = 1
        self._cache = _Prefetched()
        try:
            yield
        finally:
            self._depth = 0
            self._cache = None
            self._rollback()

    @property
    def in_snapshot(self) -> bool:
        """Whether reads are inside a read snapshot (and so can be read ahead and kept)."""
        return self._cache is not None

    def prefetch(self, keys: Iterable[str]) -> None:
        """Inside a read snapshot: read the records, the imported records and the relations
        of ``keys`` (and the records at the other ends of those relations) in a few
        statements, so that the questions that follow about them need no round trip to the
        database. Outside a snapshot it does nothing."""
        cache = self._cache
        if cache is None:
            return
        wanted = sorted(set(keys) - cache.relations_of)
        if not wanted:
            return
        rel_cols = ", ".join(RELATION_COLUMNS)
        ends: set[str] = set()
        for key in wanted:
            cache.incoming[key], cache.outgoing[key] = [], []
        for end, store in (("target", cache.incoming), ("source", cache.outgoing)):
            for chunk in _chunks(wanted):
                marks = ", ".join("?" * len(chunk))
                sql = f"SELECT {rel_cols} FROM relations WHERE {end} IN ({marks}) ORDER BY kind, id"
                for row in self._execute(sql, chunk):
                    row = tuple(row)
                    store[row[1] if end == "target" else row[0]].append(row)
                    ends.update((row[0], row[1]))
        cache.relations_of.update(wanted)
        records = sorted((set(wanted) | ends) - set(cache.documents))
        doc_cols, imp_cols = ", ".join(DOCUMENT_COLUMNS), ", ".join(IMPORTED_COLUMNS)
        for table, cols, found in (
            ("documents", doc_cols, cache.documents),
            ("imported_documents", imp_cols, cache.imported),
        ):
            for chunk in _chunks(records):
                marks = ", ".join("?" * len(chunk))
                rows = self._execute(f"SELECT {cols} FROM {table} WHERE key IN ({marks})", chunk)
                got = {r[0]: tuple(r) for r in rows}
                for key in chunk:
                    found[key] = got.get(key)

    def prefetch_standing(self, keys: Iterable[str]) -> None:
        """Inside a read snapshot: what the status of each of ``keys`` on any day is computed
        from (its dates in force, and the dated relations pointing at it), in two statements
        for all of them, so that asking the status of each needs no round trip to the
        database. Outside a snapshot it does nothing."""
        cache = self._cache
        if cache is None:
            return
        wanted = sorted(set(keys) - set(cache.incoming_dated))
        for chunk in _chunks(wanted):
            marks = ", ".join("?" * len(chunk))
            rows = self._execute(
                "SELECT key, date, effective_from, effective_to, effective_source, effective_text"
                f" FROM documents WHERE key IN ({marks})",
                chunk,
            )
            got = {r[0]: tuple(r[1:]) for r in rows}
            for key in chunk:
                found = got.get(key)
                cache.asked[("effect", key, ())] = [found] if found is not None else []
                cache.incoming_dated[key] = []
            # the rows ``incoming_dated`` reads, of every kind, in its order (kind, then id)
            for r in self._execute(
                "SELECT r.target, r.source, r.kind, r.origin, r.confidence, r.evidence,"
                " r.effective, d.effective_from, d.date FROM relations r"
                " LEFT JOIN documents d ON d.key = r.source"
                f" WHERE r.target IN ({marks}) ORDER BY r.kind, r.id",
                chunk,
            ):
                cache.incoming_dated[r[0]].append(tuple(r[1:]))

    def _rollback(self) -> None:
        try:
            self._execute("ROLLBACK")
        except self._errors():
            pass  # the connection is gone: the server has rolled back already

    def commit(self) -> None:
        self._execute("COMMIT")

    def generation(self) -> str | None:
        """Changes with every committed build or import (for caches of answers)."""
        return self.get_meta("generation")

    # -- meta ---------------------------------------------------------------------------
    def get_meta(self, name: str) -> str | None:
        row = self._execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, name: str, value: str) -> None:
        self._execute("DELETE FROM meta WHERE name = ?", (name,))
        self._execute("INSERT INTO meta (name, value) VALUES (?, ?)", (name, value))

    # -- files (per-file facts read by the parser) ----------------------------------------
    def file_hashes(self) -> dict[str, str]:
        return {p: h for p, h in self._execute("SELECT path, sha1 FROM files ORDER BY path")}

    def delete_files(self, paths: Iterable[str]) -> None:
        self._executemany("DELETE FROM files WHERE path = ?", [(p,) for p in paths])

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
        self._execute("DELETE FROM files WHERE path = ?", (path,))
        fid = self._execute(
            f"INSERT INTO files ({', '.join(FILE_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(FILE_COLUMNS))}) RETURNING id",
            (path, sha1, chars, *doc),
        ).fetchone()[0]
        self._insert("mentions", MENTION_COLUMNS, [(fid, *m) for m in mentions])
        self._insert("raw_relations", RAW_RELATION_COLUMNS, [(fid, *r) for r in relations])

    def file_documents(self) -> list[Row]:
        return list(
            self._execute(
                "SELECT path, doc_key, doc_ref, doc_type, doc_date, doc_title, doc_issuer_code"
                " FROM files ORDER BY path"
            )
        )

    def all_mentions(self) -> Iterator[Row]:
        """(id, raw_key, ref, type, date, issuer, issuer_code, subject, family) of every
        mention."""
        return self._execute(
            "SELECT id, raw_key, ref, type, date, issuer, issuer_code, subject, family"
            " FROM mentions ORDER BY id"
        )

    def set_mention_keys(self, rows: Iterable[tuple[str | None, str | None, int]]) -> None:
        self._executemany("UPDATE mentions SET doc_key = ?, ambiguous = ? WHERE id = ?", rows)

    def stated_relations(self) -> Iterator[Row]:
        """Raw stated relations with both ends turned into document keys (NULL if ambiguous)."""
        return self._execute(
            """
            SELECT COALESCE(ms.doc_key, CASE WHEN r.source_seq IS NULL THEN f.doc_key END),
                   COALESCE(mt.doc_key, CASE WHEN r.target_seq IS NULL THEN f.doc_key END),
                   r.kind, r.confidence, r.evidence, f.path, r.start_off, r.end_off
            FROM raw_relations r JOIN files f ON f.id = r.file_id
            LEFT JOIN mentions ms ON ms.file_id = r.file_id AND ms.seq = r.source_seq
            LEFT JOIN mentions mt ON mt.file_id = r.file_id AND mt.seq = r.target_seq
            ORDER BY f.path, r.start_off, r.id
            """
        )

    # -- derived tables -------------------------------------------------------------------
    def replace_documents(self, rows: Iterable[Sequence[Any]]) -> None:
        self._execute("DELETE FROM documents")
        self._execute("DELETE FROM documents_fts")
        self._insert("documents", DOCUMENT_COLUMNS, rows)

    def replace_relations(self, rows: Iterable[Sequence[Any]]) -> None:
        self._execute("DELETE FROM relations")
        self._insert("relations", RELATION_COLUMNS, rows)

    def replace_unresolved(self, rows: Iterable[Sequence[Any]]) -> None:
        """Readings that cannot be edges (``UNRESOLVED_COLUMNS``), kept with their reason."""
        self._execute("DELETE FROM unresolved_relations")
        self._insert("unresolved_relations", UNRESOLVED_COLUMNS, rows)

    def unresolved_relations(self) -> list[Row]:
        cols = ", ".join(UNRESOLVED_COLUMNS)
        return list(
            self._execute(
                f"SELECT {cols} FROM unresolved_relations"
                " ORDER BY path NULLS FIRST, start_off NULLS FIRST, source, target, kind"
            )
        )

    def replace_problems(self, rows: Iterable[tuple[str, str]]) -> None:
        self._execute("DELETE FROM problems")
        self._insert("problems", ("kind", "detail"), rows)

    # -- effective dates ----------------------------------------------------------------------
    def copy_effects(self) -> None:
        """Each document's first and last day in force: what its own file says, else what
        imported metadata says (``effective_source`` tells which)."""
        self._execute(
            "UPDATE documents SET effective_from = NULL, effective_to = NULL,"
            " effective_source = NULL, effective_text = NULL"
        )
        self._execute(
            "UPDATE documents SET"
            " effective_from = (SELECT f.doc_effective_from FROM files f WHERE f.path = documents.path),"
            " effective_to = (SELECT f.doc_effective_to FROM files f WHERE f.path = documents.path),"
            " effective_text = (SELECT f.doc_effective_text FROM files f WHERE f.path = documents.path),"
            " effective_source = 'text'"
            " WHERE path IS NOT NULL AND EXISTS (SELECT 1 FROM files f WHERE f.path = documents.path"
            " AND (f.doc_effective_from IS NOT NULL OR f.doc_effective_to IS NOT NULL))"
        )
        self._execute(
            "UPDATE documents SET"
            " effective_from = (SELECT i.effective FROM imported_documents i WHERE i.key = documents.key),"
            " effective_source = 'imported'"
            " WHERE effective_from IS NULL AND EXISTS (SELECT 1 FROM imported_documents i"
            " WHERE i.key = documents.key AND i.effective IS NOT NULL AND i.effective <> '')"
        )
        self._execute(
            "UPDATE documents SET"
            " effective_to = (SELECT i.expiry FROM imported_documents i WHERE i.key = documents.key),"
            " effective_source = COALESCE(effective_source, 'imported')"
            " WHERE effective_to IS NULL AND EXISTS (SELECT 1 FROM imported_documents i"
            " WHERE i.key = documents.key AND i.expiry IS NOT NULL AND i.expiry <> '')"
        )

    def effect(self, key: str) -> Row | None:
        """(date, effective_from, effective_to, effective_source, effective_text) of a
        document."""
        asked = ("effect", key, ())
        if self._cache is not None and asked in self._cache.asked:
            cached = self._cache.asked[asked]
            return cached[0] if cached else None
        row = self._execute(
            "SELECT date, effective_from, effective_to, effective_source, effective_text"
            " FROM documents WHERE key = ?",
            (key,),
        ).fetchone()
        found = None if row is None else tuple(row)
        if self._cache is not None:  # a snapshot does not change: ask once
            self._cache.asked[asked] = [found] if found is not None else []
        return found

    def relations_to_date(self, kinds: Sequence[str]) -> list[Row]:
        """(id, source, target, evidence) of the stated relations of ``kinds`` with a
        sentence."""
        marks = ", ".join("?" * len(kinds))
        return list(
            self._execute(
                "SELECT id, source, target, evidence FROM relations WHERE origin = 'stated'"
                f" AND evidence IS NOT NULL AND kind IN ({marks}) ORDER BY id",
                tuple(kinds),
            )
        )

    def set_relation_effects(self, rows: Iterable[tuple[str | None, int]]) -> None:
        self._executemany("UPDATE relations SET effective = ? WHERE id = ?", rows)

    def set_register_starts(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """(key, first day in force, source) from the register of laws, for documents whose
        own text or import gives no first day."""
        self._executemany(
            "UPDATE documents SET effective_from = ?, effective_text = ?,"
            " effective_source = 'register' WHERE key = ? AND effective_from IS NULL",
            [(day, source, key) for key, day, source in rows],
        )

    def set_stated_ends(self, rows: Iterable[tuple[str, str]]) -> None:
        """(key, first day no longer in force) another text states, for documents whose own
        text or import gives no end."""
        self._executemany(
            "UPDATE documents SET effective_to = ?, effective_source = COALESCE(effective_source,"
            " 'stated') WHERE key = ? AND effective_to IS NULL",
            [(day, key) for key, day in rows],
        )

    def incoming_dated(self, key: str, kinds: Sequence[str]) -> list[Row]:
        """(source, kind, origin, confidence, evidence, effective, the source's first day in
        force, the source's date) of the relations of ``kinds`` that point at ``key``."""
        asked = ("incoming_dated", key, tuple(kinds))
        if self._cache is not None and asked in self._cache.asked:
            return list(self._cache.asked[asked])
        if self._cache is not None and key in self._cache.incoming_dated:
            return [r for r in self._cache.incoming_dated[key] if r[1] in kinds]
        marks = ", ".join("?" * len(kinds))
        rows = [
            tuple(r)
            for r in self._execute(
                "SELECT r.source, r.kind, r.origin, r.confidence, r.evidence, r.effective,"
                " d.effective_from, d.date FROM relations r"
                " LEFT JOIN documents d ON d.key = r.source"
                f" WHERE r.target = ? AND r.kind IN ({marks}) ORDER BY r.kind, r.id",
                (key, *kinds),
            )
        ]
        if self._cache is not None:  # a snapshot does not change: ask once
            self._cache.asked[asked] = list(rows)
        return rows

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
        self._executemany(
            f"INSERT INTO imported_documents ({cols}) VALUES ({marks})"
            " ON CONFLICT (key) DO NOTHING",
            stubs,
        )
        updates = ", ".join(f"{c} = excluded.{c}" for c in IMPORTED_COLUMNS[1:])
        self._executemany(
            f"INSERT INTO imported_documents ({cols}) VALUES ({marks})"
            f" ON CONFLICT (key) DO UPDATE SET {updates}",
            docs,
        )
        self._executemany(
            "INSERT INTO imported_relations (source, target, kind, detail, source_id)"
            " VALUES (?, ?, ?, ?, ?)",
            rels,
        )

    def imported_documents(self) -> list[Row]:
        cols = ", ".join(IMPORTED_COLUMNS)
        return list(self._execute(f"SELECT {cols} FROM imported_documents ORDER BY key"))

    def imported_relations(self) -> list[Row]:
        return list(
            self._execute(
                "SELECT source, target, kind, detail FROM imported_relations"
                " GROUP BY source, target, kind, detail ORDER BY MIN(id)"
            )
        )

    def imported_document(self, key: str) -> Row | None:
        if self._cache is not None and key in self._cache.imported:
            return self._cache.imported[key]
        cols = ", ".join(IMPORTED_COLUMNS)
        row = self._execute(
            f"SELECT {cols} FROM imported_documents WHERE key = ?", (key,)
        ).fetchone()
        found = None if row is None else tuple(row)
        if self._cache is not None:  # a snapshot does not change: ask once
            self._cache.imported[key] = found
        return found

    # -- reads ------------------------------------------------------------------------------
    def document(self, key: str) -> Row | None:
        if self._cache is not None and key in self._cache.documents:
            return self._cache.documents[key]
        cols = ", ".join(DOCUMENT_COLUMNS)
        row = self._execute(f"SELECT {cols} FROM documents WHERE key = ?", (key,)).fetchone()
        found = None if row is None else tuple(row)
        if self._cache is not None:  # a snapshot does not change: ask once
            self._cache.documents[key] = found
        return found

    def documents(self, keys: Iterable[str]) -> dict[str, Row]:
        cols = ", ".join(DOCUMENT_COLUMNS)
        out: dict[str, Row] = {}
        wanted = sorted(set(keys))
        for start in range(0, len(wanted), 500):  # one statement per 500 keys
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for row in self._execute(f"SELECT {cols} FROM documents WHERE key IN ({marks})", chunk):
                out[row[0]] = tuple(row)
        return out

    def all_documents(self) -> list[Row]:
        cols = ", ".join(DOCUMENT_COLUMNS)
        return list(self._execute(f"SELECT {cols} FROM documents ORDER BY key"))

    def keys_by_base(self, base: str) -> list[str]:
        return [
            r[0] for r in self._execute("SELECT key FROM documents WHERE key_base = ?", (base,))
        ]

    def keys_by_base_completion(self, base: str) -> list[str]:
        """Keys whose số hiệu adds an issuer part to ``base`` (``429-QĐ`` → ``429-QĐ/TU``)."""
        return [
            r[0]
            for r in self._execute(
                "SELECT key FROM documents WHERE key_base LIKE ? ESCAPE '!' OR key_base LIKE ? ESCAPE '!'",
                (_like(base) + "/%", _like(base) + "-%"),
            )
        ]

    def keys_by_ref_norm(self, norm: str) -> list[str]:
        return [
            r[0] for r in self._execute("SELECT key FROM documents WHERE ref_norm = ?", (norm,))
        ]

    def mentions_of(self, key: str) -> list[dict[str, Any]]:
        """Every mention of ``key``, as a mapping named after the output fields."""
        cur = self._execute(
            "SELECT f.path AS path, m.text AS text, m.ref AS ref, m.date AS date,"
            " m.date_text AS date_text, m.issuer AS issuer, m.issuer_code AS issuer_code,"
            " m.subject AS subject, m.pinpoint AS pinpoint, m.start_off AS start,"
            ' m.end_off AS "end", m.line AS line, m.raw_key AS key_as_written'
            " FROM mentions m JOIN files f ON f.id = m.file_id"
            " WHERE m.doc_key = ? ORDER BY f.path, m.start_off, m.id",
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
            return list(self._execute(sql + " ORDER BY f.path, m.start_off, m.id"))
        return list(self._execute(sql + " AND m.raw_key = ?", (base + "@?",)))

    def relations_of(self, key: str) -> list[Row]:
        cols = ", ".join(RELATION_COLUMNS)
        return list(
            self._execute(
                f"SELECT {cols} FROM relations WHERE source = ? OR target = ? ORDER BY origin, kind, id",
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
        if self._cache is not None and key in self._cache.relations_of:
            rows = (self._cache.incoming if end == "target" else self._cache.outgoing)[key]
            return [r for r in rows if r[2] in kinds]
        asked = (end, key, tuple(kinds))
        if self._cache is not None and asked in self._cache.asked:
            return list(self._cache.asked[asked])
        cols = ", ".join(RELATION_COLUMNS)
        marks = ", ".join("?" * len(kinds))
        rows = [
            tuple(r)
            for r in self._execute(
                f"SELECT {cols} FROM relations WHERE {end} = ? AND kind IN ({marks})"
                " ORDER BY kind, id",
                (key, *kinds),
            )
        ]
        if self._cache is not None:
            self._cache.asked[asked] = list(rows)
        return rows

    def all_relations(self, kinds: Sequence[str] | None = None) -> list[Row]:
        cols = ", ".join(RELATION_COLUMNS)
        if kinds is None:
            return list(self._execute(f"SELECT {cols} FROM relations ORDER BY id"))
        marks = ", ".join("?" * len(kinds))
        return list(
            self._execute(
                f"SELECT {cols} FROM relations WHERE kind IN ({marks}) ORDER BY id", kinds
            )
        )

    def problems(self) -> list[tuple[str, str]]:
        return [
            (r[0], r[1]) for r in self._execute("SELECT kind, detail FROM problems ORDER BY id")
        ]

    def count_by(self, table: str, column: str) -> list[tuple[str | None, int]]:
        if (table, column) not in _COUNTABLE:
            raise ValueError(f"cannot count {table}.{column}")
        return [
            (r[0], int(r[1]))
            for r in self._execute(
                f"SELECT {column}, COUNT(*) FROM {table} GROUP BY {column} ORDER BY 2 DESC, 1 NULLS FIRST"
            )
        ]

    def count(self, table: str) -> int:
        if table not in {t for t, _ in _COUNTABLE} | {"mentions", "files"}:
            raise ValueError(f"cannot count {table}")
        return int(self._execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def unresolved_mentions(self) -> int:
        return int(
            self._execute(
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


@dataclass
class _Prefetched:
    """What :meth:`Store.prefetch` read inside one read snapshot (None: not found)."""

    documents: dict[str, Row | None] = field(default_factory=dict)
    imported: dict[str, Row | None] = field(default_factory=dict)
    incoming: dict[str, list[Row]] = field(default_factory=dict)
    outgoing: dict[str, list[Row]] = field(default_factory=dict)
    relations_of: set[str] = field(default_factory=set)
    asked: dict[tuple[str, str, tuple[str, ...]], list[Row]] = field(default_factory=dict)
    incoming_dated: dict[str, list[Row]] = field(default_factory=dict)  # every kind, in order


def _chunks(keys: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())
