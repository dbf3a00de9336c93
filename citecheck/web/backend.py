"""What the web application asks of the engine, in one place.

The pages and the JSON API call a :class:`Backend`; :class:`EngineBackend` answers with
the same functions and pydantic models as the command line (``citecheck --format json``,
``kb applies``, ``kb show``). Everything heavy is imported on first use.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections import OrderedDict
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from citecheck.web.uploads import Draft


class KBUnavailable(Exception):
    """The knowledge base file is missing or cannot be opened."""


class Ambiguous(LookupError):
    """A số hiệu that names several documents (e.g. plans of different years)."""

    def __init__(self, ref: str, candidates: list[str]) -> None:
        super().__init__(ref)
        self.ref = ref
        self.candidates = candidates


class Backend(Protocol):
    """The questions the web application asks."""

    def models(self) -> tuple[type[BaseModel], type[BaseModel], type[BaseModel]]:
        """The response models of check, applies and show (for the OpenAPI description)."""
        ...

    def check(self, draft: Draft, lang: str) -> BaseModel: ...

    def annotate(self, draft: Draft, report: BaseModel, lang: str) -> bytes | None: ...

    def applies(self, query: str, on: dt.date, lang: str) -> BaseModel: ...

    def show(self, ref: str, on: dt.date, lang: str) -> BaseModel | None: ...


class EngineBackend:
    """The real engine: ``kb`` (read-only) and ``citecheck``.

    Answers of ``applies`` and ``show`` are kept in a small LRU cache: the KB is opened
    read-only, so an answer only changes when the KB does. For a file, its identity (inode,
    size, modification time) is looked at on every question; when ``kb build`` has replaced
    it, the cache is emptied and every thread reopens the KB. For PostgreSQL (``db`` a
    ``postgresql://`` address, best a read-only role's), the KB's generation — changed by
    every committed build or import — is read instead, on the thread's own connection.
    """

    def __init__(self, db: Path | str | None, cache_size: int = 512) -> None:
        from kb.store.config import is_dsn

        self.dsn = str(db) if is_dsn(db) else None
        self.db: Path | None = None if db is None or self.dsn else Path(db)
        self.cache_size = cache_size
        self._local = threading.local()
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._stamp: tuple[Any, ...] | None = None

    # -- models --------------------------------------------------------------------------
    def models(self) -> tuple[type[BaseModel], type[BaseModel], type[BaseModel]]:
        from citecheck.models import CheckReport
        from kb.records import AppliesResult, ShowResult

        return CheckReport, AppliesResult, ShowResult

    # -- knowledge base ------------------------------------------------------------------
    def _file_stamp(self) -> tuple[Any, ...] | None:
        if self.dsn is not None:
            return self._generation()
        if self.db is None:
            return None
        try:
            st = os.stat(self.db)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _generation(self) -> tuple[Any, ...] | None:
        """The PostgreSQL KB's generation, read on this thread's connection (opened, or
        opened again after the server went away, as needed)."""
        for _attempt in range(2):
            kb = getattr(self._local, "kb", None)
            if kb is None:
                try:
                    kb = self._open()
                except KBUnavailable:
                    return None
                self._local.kb = kb
                self._local.stamp = None
            try:
                return ("generation", kb.store.generation())
            except Exception:
                kb.close()
                self._local.kb = None
        return None

    def _fresh(self) -> tuple[Any, ...] | None:
        """The KB file's stamp; empties the cache when the file changed."""
        stamp = self._file_stamp()
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    self._cache.clear()
                    self._stamp = stamp
        return stamp

    def kb(self) -> Any:
        """One read-only KnowledgeBase per worker thread (SQLite connections are per thread)."""
        stamp = self._fresh()
        kb = getattr(self._local, "kb", None)
        if self.dsn is not None:  # one connection per thread, kept across builds
            if kb is None:
                raise KBUnavailable("PostgreSQL")
            return kb
        if kb is not None and getattr(self._local, "stamp", None) != stamp:
            kb.close()
            kb = None
        if kb is None:
            kb = self._open()
            self._local.kb = kb
            self._local.stamp = stamp
        return kb

    def _open(self) -> Any:
        from kb.queries.knowledge_base import KnowledgeBase

        if self.dsn is not None:
            try:
                return KnowledgeBase.open(self.dsn, readonly=True)
            except Exception as err:
                raise KBUnavailable("PostgreSQL") from err
        path = self.db
        if path is None or not path.is_file():
            raise KBUnavailable(str(path.name) if path else "kb.sqlite")
        try:
            return KnowledgeBase.open(path, readonly=True)
        except Exception as err:
            raise KBUnavailable(path.name) from err

    def _cached(self, key: tuple[Any, ...], compute: Any) -> Any:
        self._fresh()
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = compute()
        if self.cache_size > 0:
            with self._lock:
                self._cache[key] = value
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return value

    def applies(self, query: str, on: dt.date, lang: str) -> BaseModel:
        def compute() -> BaseModel:
            result: BaseModel = self.kb().applies(query, on=on, lang=lang)
            return result

        value: BaseModel = self._cached(("applies", query, on, lang), compute)
        return value

    def show(self, ref: str, on: dt.date, lang: str) -> BaseModel | None:
        def compute() -> BaseModel | None:
            from kb.queries.knowledge_base import AmbiguousRef

            try:
                result: BaseModel | None = self.kb().show(ref, on=on, lang=lang)
            except AmbiguousRef as err:  # a số hiệu naming several documents
                raise Ambiguous(ref, err.candidates) from err
            return result

        value: BaseModel | None = self._cached(("show", ref, on, lang), compute)
        return value

    # -- checker -------------------------------------------------------------------------
    def check(self, draft: Draft, lang: str) -> BaseModel:
        """The ``citecheck --format json`` report of one draft held in memory, checked as
        the named text it is (never looked up as a path on the server)."""
        from citecheck.config import Options
        from citecheck.engine import check_source

        try:
            kb = self.kb()
        except KBUnavailable:
            kb = None
        locate = draft.source.locate if draft.source is not None else None
        # one committed state of the KB for the whole check, each record asked for once
        with kb.store.snapshot() if kb is not None else nullcontext():
            report: BaseModel = check_source(
                draft.name, draft.text, Options(lang=lang), kb, locate
            ).report
        return report

    def annotate(self, draft: Draft, report: BaseModel, lang: str) -> bytes | None:
        """The draft .docx with one Word comment per finding, built in memory."""
        if draft.kind != "docx" or draft.data is None:
            return None
        from citecheck.annotate import annotate_bytes
        from citecheck.models import CheckReport

        findings = report.all_findings() if isinstance(report, CheckReport) else []
        return annotate_bytes(draft.data, findings, lang) if findings else None
