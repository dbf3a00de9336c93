"""The KB schema, as numbered migrations (applied and recorded by ``kb.store.sqlite``).

Append a migration to change the schema; never edit one that has shipped. Plain SQL,
portable where it costs nothing (the full-text table is SQLite FTS5).
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "initial schema",
        """
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE files (
            id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha1 TEXT NOT NULL,
            chars INTEGER NOT NULL, doc_key TEXT NOT NULL, doc_ref TEXT, doc_type TEXT,
            doc_date TEXT, doc_title TEXT, doc_issuer_code TEXT
        );
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, raw_key TEXT NOT NULL, doc_key TEXT, ambiguous TEXT,
            text TEXT, ref TEXT, type TEXT, family TEXT, date TEXT, date_text TEXT,
            date_valid INTEGER, issuer TEXT, issuer_code TEXT, subject TEXT, pinpoint TEXT,
            start_off INTEGER, end_off INTEGER, line INTEGER
        );
        CREATE INDEX mentions_doc ON mentions(doc_key);
        CREATE INDEX mentions_file ON mentions(file_id, seq);
        CREATE TABLE raw_relations (
            id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            source_seq INTEGER, target_seq INTEGER, kind TEXT NOT NULL, confidence REAL,
            phrase TEXT, evidence TEXT, start_off INTEGER, end_off INTEGER
        );
        CREATE INDEX raw_relations_file ON raw_relations(file_id);
        CREATE TABLE documents (
            key TEXT PRIMARY KEY, ref TEXT, type TEXT, date TEXT, issuer TEXT, issuer_code TEXT,
            subject TEXT, title TEXT, path TEXT, n_mentions INTEGER, in_corpus INTEGER,
            key_base TEXT, ref_norm TEXT, date_source TEXT
        );
        CREATE INDEX documents_base ON documents(key_base);
        CREATE INDEX documents_ref_norm ON documents(ref_norm);
        CREATE TABLE relations (
            id INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL,
            origin TEXT NOT NULL, confidence REAL, evidence TEXT, path TEXT,
            start_off INTEGER, end_off INTEGER
        );
        CREATE INDEX relations_source ON relations(source, kind);
        CREATE INDEX relations_target ON relations(target, kind);
        CREATE TABLE imported_documents (
            key TEXT PRIMARY KEY, ref TEXT, type TEXT, issuer TEXT, date TEXT, effective TEXT,
            expiry TEXT, status TEXT, subject TEXT, source_id TEXT
        );
        CREATE TABLE imported_relations (
            id INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL,
            detail TEXT, source_id TEXT
        );
        CREATE TABLE problems (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, detail TEXT NOT NULL);
        CREATE VIRTUAL TABLE documents_fts USING fts5(key UNINDEXED, text, text_fold);
        """,
    ),
    (
        "imported documents: the file of the corpus they describe",
        "ALTER TABLE imported_documents ADD COLUMN file TEXT",
    ),
    (
        "effective dates: the first and last day a text is in force, apart from its signing"
        " date, and the day a replacement or repeal takes effect",
        """
        ALTER TABLE files ADD COLUMN doc_effective_from TEXT;
        ALTER TABLE files ADD COLUMN doc_effective_to TEXT;
        ALTER TABLE files ADD COLUMN doc_effective_text TEXT;
        ALTER TABLE documents ADD COLUMN effective_from TEXT;
        ALTER TABLE documents ADD COLUMN effective_to TEXT;
        ALTER TABLE documents ADD COLUMN effective_source TEXT;
        ALTER TABLE documents ADD COLUMN effective_text TEXT;
        ALTER TABLE relations ADD COLUMN effective TEXT
        """,
    ),
    (
        "unresolved relations: readings that cannot be edges, with their reason",
        """
        CREATE TABLE unresolved_relations (
            source TEXT, target TEXT, kind TEXT NOT NULL,
            reason TEXT NOT NULL, origin TEXT NOT NULL, confidence REAL, evidence TEXT,
            path TEXT, start_off INTEGER, end_off INTEGER
        );
        CREATE INDEX unresolved_relations_reason ON unresolved_relations(reason);
        """,
    ),
]
