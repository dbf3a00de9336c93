"""Status of a document on a date, following replaces / repeals chains.

A document is *not yet issued* before its date, *replaced* or *repealed* once a
document that replaces or repeals it has been issued (its effective date when known),
*amended* once one amends it, else *in force*. An act whose own date is unknown, and an
inferred relation not yet confirmed in the curated facts, are shown among the relations
but change no status. Chains are followed transitively to the
document in force; a cycle in the data is reported, never looped on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from kb.store.sqlite import Store

ENDING = ("replaces", "repeals")
# Inferred edges ("probably replaces") are shown but change no status until a person
# confirms them in the curated facts: a checker must not call a citation outdated on a
# guess.
COUNTED_ORIGINS = ("stated", "curated", "imported")


class Status(StrEnum):
    NOT_YET_ISSUED = "not_yet_issued"
    IN_FORCE = "in_force"
    AMENDED = "amended"
    REPLACED = "replaced"
    REPEALED = "repealed"
    UNKNOWN = "unknown"
    ISSUED = "issued"  # a report, notice or plan once issued: it has no legal force


LABELS = {
    "vi": {
        Status.NOT_YET_ISSUED: "chưa ban hành",
        Status.IN_FORCE: "còn hiệu lực",
        Status.AMENDED: "còn hiệu lực, đã được sửa đổi, bổ sung",
        Status.REPLACED: "hết hiệu lực (bị thay thế)",
        Status.REPEALED: "hết hiệu lực (bị bãi bỏ)",
        Status.UNKNOWN: "chưa xác định",
        Status.ISSUED: "đã ban hành",
    },
    "en": {
        Status.NOT_YET_ISSUED: "not yet issued",
        Status.IN_FORCE: "in force",
        Status.AMENDED: "in force, amended",
        Status.REPLACED: "replaced",
        Status.REPEALED: "repealed",
        Status.UNKNOWN: "unknown",
        Status.ISSUED: "issued",
    },
}


def label(status: Status, lang: str = "vi") -> str:
    return LABELS.get(lang, LABELS["vi"])[status]


@dataclass(frozen=True)
class Ending:
    by: str  # key of the replacing / repealing document
    kind: str
    origin: str
    date: str | None


def _issued(date: str | None, on: str) -> bool:
    """Whether a (possibly partial) ISO date is on or before ``on``; unknown counts as yes."""
    return date is None or date[: len(on)] <= on


def _in_effect(date: str | None, on: str) -> bool:
    """Whether an act dated ``date`` has taken effect by ``on``; an act of unknown date
    (a file without its header) is not assumed to have."""
    return date is not None and date[: len(on)] <= on


def _effective(store: Store, key: str) -> str | None:
    imported = store.imported_document(key)
    if imported is not None and imported[5]:
        return str(imported[5])
    doc = store.document(key)
    return None if doc is None else doc[3]


def endings(store: Store, key: str, on: dt.date) -> list[Ending]:
    """The replacements and repeals of ``key`` in effect on ``on``."""
    day = on.isoformat()
    out = []
    for source, _t, kind, origin, *_ in store.incoming(key, ENDING):
        if origin not in COUNTED_ORIGINS:
            continue
        when = _effective(store, source)
        if _in_effect(when, day):
            out.append(Ending(source, kind, origin, when))
    return sorted(out, key=lambda e: (e.kind != "replaces", e.date or "", e.by))


def status_on(store: Store, key: str, on: dt.date) -> Status:
    doc = store.document(key)
    if doc is None:
        return Status.UNKNOWN
    day = on.isoformat()
    if doc[3] is not None and not _issued(doc[3], day):
        return Status.NOT_YET_ISSUED
    ends = endings(store, key, on)
    if ends:
        return Status.REPLACED if ends[0].kind == "replaces" else Status.REPEALED
    imported = store.imported_document(key)
    if imported is not None and imported[6] and _issued(imported[6], day):
        return Status.REPEALED
    for source, *_ in store.incoming(key, ("amends",)):
        if _in_effect(_effective(store, source), day):
            return Status.AMENDED
    return Status.IN_FORCE


def successors(store: Store, key: str, on: dt.date) -> tuple[list[str], list[str]]:
    """Documents in force that ``key`` ended up replaced by on ``on`` (following chains),
    and the cycle met on the way (empty when none)."""
    final: list[str] = []
    seen = {key}
    stack = [(key, [key])]
    cycle: list[str] = []
    while stack:
        current, path = stack.pop()
        ends = endings(store, current, on)
        if not ends and current != key:
            if current not in final:
                final.append(current)
            continue
        for end in ends:
            if end.by in seen:
                if end.by in path:
                    cycle = [*path, end.by]
                continue
            seen.add(end.by)
            stack.append((end.by, [*path, end.by]))
    return final, cycle
