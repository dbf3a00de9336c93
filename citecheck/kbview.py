"""What the checker asks of a knowledge base, in two questions.

* ``known(citation)``: the KB's record of the cited document (its own date, số hiệu, type),
  or None when the KB does not know it.
* ``standing(key, on)``: whether that document was in force on a date, and if not, what
  replaced or repealed it and when.

The rules talk to this protocol only; :class:`KnowledgeBaseView` adapts ``kb``'s
``KnowledgeBase`` to it, and tests can hand in any object with the two methods.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from kb.models import Citation


@dataclass(frozen=True)
class KnownDocument:
    key: str
    ref: str | None
    type: str | None
    date: dt.date | None
    subject: str | None = None
    date_source: str = "kb"  # "header" (the document's own text), "curated", "imported", "kb"


@dataclass(frozen=True)
class Standing:
    status: str  # "in_force" | "replaced" | "repealed" | "not_yet" | "amended" | "unknown"
    by_key: str | None = None
    by_ref: str | None = None
    since: dt.date | None = None
    origin: str = "stated"  # "stated" | "curated" | "imported" | "inferred"


class KBView(Protocol):
    def known(self, citation: Citation) -> KnownDocument | None: ...

    def standing(self, key: str, on: dt.date) -> Standing | None: ...


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


# where a KB date comes from (``DocumentOut.date_source``) → how the checker weighs it
DATE_SOURCES = {
    "corpus": "header",
    "curated": "curated",
    "imported": "imported",
    "mentions": "mentions",
}


class KnowledgeBaseView:
    """Adapter from ``kb``'s ``KnowledgeBase`` (``resolve``, ``document``, ``status_on``,
    ``replaced_by``)."""

    def __init__(self, kb: Any) -> None:
        self.kb = kb
        self._known: dict[str, KnownDocument | None] = {}

    def _key(self, citation: Citation) -> str | None:
        try:
            res = self.kb.resolve(citation)
        except (LookupError, TypeError, ValueError):
            return None
        key = res if isinstance(res, str) or res is None else _get(res, "key")
        return str(key) if key else None

    def known(self, citation: Citation) -> KnownDocument | None:
        key = self._key(citation)
        if key is None:
            return None
        if key not in self._known:
            self._known[key] = self._record(key)
        return self._known[key]

    def _record(self, key: str) -> KnownDocument | None:
        try:
            rec = self.kb.document(key)
        except (LookupError, TypeError, ValueError):
            return None
        if rec is None:
            return None
        source = str(_get(rec, "date_source") or "kb")
        return KnownDocument(
            key=str(_get(rec, "key") or key),
            ref=_get(rec, "ref"),
            type=_get(rec, "type"),
            date=_as_date(_get(rec, "date")),
            subject=_get(rec, "subject"),
            date_source=DATE_SOURCES.get(source, source),
        )

    def standing(self, key: str, on: dt.date) -> Standing | None:
        try:
            st = self.kb.status_on(key, on)
        except (LookupError, ValueError):
            return None
        if st is None:
            return None
        status = str(getattr(st, "value", st)).lower()
        if status not in ("replaced", "repealed"):
            return Standing(status)
        by_key, by_ref, since, origin = self._ending(key, on)
        return Standing(status, by_key, by_ref, since, origin)

    def _ending(self, key: str, on: dt.date) -> tuple[str | None, str | None, dt.date | None, str]:
        """What ended ``key`` and from when: the direct replacement or repeal."""
        store = getattr(self.kb, "store", None)
        try:
            from kb.status import endings

            ends = endings(store, key, on) if store is not None else []
        except (ImportError, LookupError, ValueError):
            ends = []
        if ends:
            first = ends[0]
            by = _get(first, "by")
            ref = None
            try:
                doc = self.kb.document(by) if by else None
                ref = _get(doc, "ref") if doc is not None else None
            except (LookupError, ValueError):
                ref = None
            origin = str(_get(first, "origin") or "stated")
            return by, ref or by, _as_date(_get(first, "date")), origin
        try:
            reps = self.kb.replaced_by(key, on)
        except (LookupError, TypeError, ValueError):
            reps = []
        if reps:
            first = reps[0]
            return _get(first, "key"), _get(first, "ref"), _as_date(_get(first, "date")), "stated"
        return None, None, None, "stated"
