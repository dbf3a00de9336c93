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


class KnowledgeBaseView:
    """Adapter from ``kb``'s ``KnowledgeBase`` (resolve / status_on / replaced_by)."""

    def __init__(self, kb: Any) -> None:
        self.kb = kb

    def known(self, citation: Citation) -> KnownDocument | None:
        try:
            rec = self.kb.resolve(citation)
        except (KeyError, LookupError, TypeError, ValueError):
            return None
        if rec is None:
            return None
        if isinstance(rec, str):
            key = rec
            rec = self.kb.document(key) if hasattr(self.kb, "document") else {"key": key}
            if rec is None:
                return None
        key = _get(rec, "key")
        if not key:
            return None
        return KnownDocument(
            key=str(key),
            ref=_get(rec, "ref"),
            type=_get(rec, "type"),
            date=_as_date(_get(rec, "date")),
            subject=_get(rec, "subject"),
            date_source=str(_get(rec, "date_source") or _get(rec, "origin") or "kb"),
        )

    def standing(self, key: str, on: dt.date) -> Standing | None:
        try:
            st = self.kb.status_on(key, on)
        except (KeyError, LookupError, ValueError):
            return None
        if st is None:
            return None
        status = str(_get(st, "status") or st).lower().replace(" ", "_").replace("-", "_")
        if status.startswith("status."):
            status = status.removeprefix("status.")
        by_key = _get(st, "by") or _get(st, "by_key")
        by_ref = _get(st, "by_ref")
        since = _as_date(_get(st, "since") or _get(st, "date"))
        if status in ("replaced", "repealed") and by_key is None:
            try:
                reps = self.kb.replaced_by(key, on)
            except (KeyError, LookupError, ValueError):
                reps = None
            if reps:
                first = reps[0]
                by_key = _get(first, "key") if not isinstance(first, str) else first
                by_ref = by_ref or (_get(first, "ref") if not isinstance(first, str) else None)
                since = since or _as_date(_get(first, "date"))
        return Standing(status, by_key, by_ref, since)
