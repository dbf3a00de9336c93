"""What the checker asks of a knowledge base, in two questions.

* ``known(citation)``: the KB's record of the cited document (its own date, số hiệu, type),
  or None when the KB does not know it.
* ``standing(key, on)``: whether that document was in force on a date, and if not, what
  replaced or repealed it and when.

The rules talk to this protocol only; :class:`KnowledgeBaseView` answers it from ``kb``'s
``KnowledgeBase``, and tests can hand in any object with the two methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kb.graph.status import Status, endings, inferred_endings
from kb.models import Citation

if TYPE_CHECKING:
    from kb.queries.knowledge_base import KnowledgeBase


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
    status: str  # a kb.graph.status.Status value: "in_force", "replaced", "expired", …
    by_key: str | None = None
    by_ref: str | None = None
    since: dt.date | None = None
    origin: str = "stated"  # "stated" | "curated" | "imported" | "inferred"


class KBView(Protocol):
    def known(self, citation: Citation) -> KnownDocument | None: ...

    def standing(self, key: str, on: dt.date) -> Standing | None: ...


def _as_date(value: str | None) -> dt.date | None:
    """An ISO date of the KB; None for a partial one (YYYY-MM) or none."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# where a KB date comes from (``DocumentOut.date_source``) → how the checker weighs it
DATE_SOURCES = {
    "corpus": "header",
    "curated": "curated",
    "imported": "imported",
    "mentions": "mentions",
}


class KnowledgeBaseView:
    """``kb``'s :class:`~kb.queries.knowledge_base.KnowledgeBase` answering the two questions."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._known: dict[str, KnownDocument | None] = {}

    def prepare(self, citations: Iterable[Citation]) -> None:
        """Read at once what the questions about these citations will need (inside the read
        snapshot of a check; outside one it does nothing): the records of the documents they
        name, then what the standing of each known one is computed from. Over PostgreSQL a
        check otherwise asks three hundred small questions one at a time."""
        store = self.kb.store
        if not store.in_snapshot:
            return
        cited = [c for c in citations if c.key or c.resolved_to]
        store.prefetch({c.key or c.resolved_to or "" for c in cited})
        keys = {k for k in map(self.kb.resolve, cited) if isinstance(k, str)}
        store.prefetch(keys)
        store.prefetch_standing(keys)

    def known(self, citation: Citation) -> KnownDocument | None:
        key = self.kb.resolve(citation)
        if not isinstance(key, str):  # unknown, or several candidates: nothing to compare
            return None
        if key not in self._known:
            self._known[key] = self._record(key)
        return self._known[key]

    def _record(self, key: str) -> KnownDocument | None:
        rec = self.kb.document(key)
        if rec is None:
            return None
        source = rec.date_source or "kb"
        return KnownDocument(
            key=rec.key,
            ref=rec.ref,
            type=rec.type,
            date=_as_date(rec.date),
            subject=rec.subject,
            date_source=DATE_SOURCES.get(source, source),
        )

    def standing(self, key: str, on: dt.date) -> Standing | None:
        status = self.kb.status_on(key, on)
        if status == Status.EXPIRED:
            effect = self.kb.store.effect(key)
            origin = "imported" if effect and effect[3] == "imported" else "stated"
            return Standing(
                status.value, since=_as_date(effect[2] if effect else None), origin=origin
            )
        if status == Status.PROBABLY_REPLACED:
            guesses = inferred_endings(self.kb.store, key, on)
            if not guesses:
                return Standing(status.value, origin="inferred")
            doc = self.kb.document(guesses[0].by)
            ref = doc.ref if doc is not None else None
            return Standing(
                status.value,
                guesses[0].by,
                ref or guesses[0].by,
                _as_date(guesses[0].date),
                "inferred",
            )
        if status not in (Status.REPLACED, Status.REPEALED):
            return Standing(status.value)
        by_key, by_ref, since, origin = self._ending(key, on)
        return Standing(status.value, by_key, by_ref, since, origin)

    def _ending(self, key: str, on: dt.date) -> tuple[str | None, str | None, dt.date | None, str]:
        """What ended ``key`` and from when: the direct replacement or repeal, else (an
        official register's repeal) what the chain leads to."""
        ends = endings(self.kb.store, key, on)
        if ends:
            first = ends[0]
            doc = self.kb.document(first.by)
            ref = doc.ref if doc is not None else None
            return first.by, ref or first.by, _as_date(first.date), first.origin
        reps = self.kb.replaced_by(key, on)
        if reps:
            return reps[0].key, reps[0].ref, _as_date(reps[0].date), "stated"
        return None, None, None, "stated"
