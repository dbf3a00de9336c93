"""Status of a document on a date (DESIGN §3.5), following replaces / repeals chains.

On a date a document is *not issued* before its signing date; *not yet in force* between
its signing and the first day it is in force (its own "… có hiệu lực kể từ ngày …", or
imported metadata); *replaced* or *repealed* once a replacement or repeal has taken effect —
on the day the sentence stating it names, else on the day the acting text takes effect
(not the day it was signed); *expired* after the last day its own text gives it (or an
official register's expiry); *probably replaced* when only an inferred replacement exists
(shown with its confidence and evidence, never plainly "in force"); *amended* once an
amendment has taken effect; else *in force*. An act whose own date is unknown has not taken
effect. Chains are followed transitively to the document in force; a cycle in the data is
reported, never looped on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from kb.store.sqlite import Store

ENDING = ("replaces", "repeals")
# Inferred edges ("probably replaces") give the status "probably replaced" only: a checker
# must not call a citation outdated on a guess, nor a librarian call it plainly in force.
COUNTED_ORIGINS = ("stated", "curated", "imported")
INFERRED = "inferred"


class Status(StrEnum):
    NOT_ISSUED = "not_issued"
    NOT_YET_IN_FORCE = "not_yet_in_force"
    IN_FORCE = "in_force"
    AMENDED = "amended"
    REPLACED = "replaced"
    REPEALED = "repealed"
    EXPIRED = "expired"
    PROBABLY_REPLACED = "probably_replaced"
    UNKNOWN = "unknown"
    ISSUED = "issued"  # a report, notice or plan once issued: it has no legal force


IN_FORCE = (Status.IN_FORCE, Status.AMENDED)
ENDED = (Status.REPLACED, Status.REPEALED, Status.EXPIRED)
LATER = (Status.NOT_ISSUED, Status.NOT_YET_IN_FORCE)

LABELS = {
    "vi": {
        Status.NOT_ISSUED: "chưa ban hành",
        Status.NOT_YET_IN_FORCE: "chưa có hiệu lực",
        Status.IN_FORCE: "còn hiệu lực",
        Status.AMENDED: "còn hiệu lực, đã được sửa đổi, bổ sung",
        Status.REPLACED: "hết hiệu lực (bị thay thế)",
        Status.REPEALED: "hết hiệu lực (bị bãi bỏ)",
        Status.EXPIRED: "hết hiệu lực (hết thời hạn)",
        Status.PROBABLY_REPLACED: "có thể đã bị thay thế",
        Status.UNKNOWN: "chưa xác định",
        Status.ISSUED: "đã ban hành",
    },
    "en": {
        Status.NOT_ISSUED: "not yet issued",
        Status.NOT_YET_IN_FORCE: "not yet in force",
        Status.IN_FORCE: "in force",
        Status.AMENDED: "in force, amended",
        Status.REPLACED: "replaced",
        Status.REPEALED: "repealed",
        Status.EXPIRED: "expired",
        Status.PROBABLY_REPLACED: "probably replaced",
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
    date: str | None  # the day it took effect
    confidence: float = 1.0
    evidence: str | None = None


def _issued(date: str | None, on: str) -> bool:
    """Whether a (possibly partial) ISO date is on or before ``on``; unknown counts as yes."""
    return date is None or date[: len(on)] <= on


def _in_effect(date: str | None, on: str) -> bool:
    """Whether an act dated ``date`` has taken effect by ``on``; an act of unknown date
    (a file without its header) is not assumed to have."""
    return date is not None and date[: len(on)] <= on


def effective_from(store: Store, key: str) -> str | None:
    """The first day ``key`` is in force: its own clause or imported metadata, else its
    signing date."""
    row = store.effect(key)
    if row is None:
        return None
    return row[1] or row[0]


def _incoming(store: Store, key: str, kinds: tuple[str, ...], on: dt.date) -> list[Ending]:
    day = on.isoformat()
    out = []
    for (
        source,
        kind,
        origin,
        conf,
        evidence,
        effective,
        source_from,
        source_date,
    ) in store.incoming_dated(key, kinds):
        when = effective or source_from or source_date
        if _in_effect(when, day):
            out.append(
                Ending(source, kind, origin, when, 1.0 if conf is None else float(conf), evidence)
            )
    return sorted(out, key=lambda e: (e.kind != "replaces", e.date or "", e.by))


def endings(store: Store, key: str, on: dt.date) -> list[Ending]:
    """The stated, curated or imported replacements and repeals of ``key`` in effect on
    ``on``."""
    return [e for e in _incoming(store, key, ENDING, on) if e.origin in COUNTED_ORIGINS]


def inferred_endings(store: Store, key: str, on: dt.date) -> list[Ending]:
    """The inferred replacements of ``key`` whose replacing text is in force on ``on``."""
    return [e for e in _incoming(store, key, ENDING, on) if e.origin == INFERRED]


def status_on(store: Store, key: str, on: dt.date) -> Status:
    row = store.effect(key)
    if row is None:
        return Status.UNKNOWN
    signed, first, last = row[0], row[1], row[2]
    day = on.isoformat()
    if signed is not None and not _issued(signed, day):
        return Status.NOT_ISSUED
    if first is not None and not _in_effect(first, day):
        return Status.NOT_YET_IN_FORCE
    acts = _incoming(store, key, (*ENDING, "amends"), on)  # one query for all three
    ends = [e for e in acts if e.kind in ENDING and e.origin in COUNTED_ORIGINS]
    if ends:
        return Status.REPLACED if ends[0].kind == "replaces" else Status.REPEALED
    if last is not None and _in_effect(last, day):
        return Status.EXPIRED
    if any(e.kind in ENDING and e.origin == INFERRED for e in acts):
        return Status.PROBABLY_REPLACED
    if any(e.kind == "amends" for e in acts):
        return Status.AMENDED
    return Status.IN_FORCE


def amended_by(store: Store, key: str, on: dt.date) -> list[Ending]:
    """The amendments of ``key`` in effect on ``on``."""
    return _incoming(store, key, ("amends",), on)


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
