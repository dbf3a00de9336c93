"""Merging mentions into documents (design notes §3.4).

The parser gives every citation a key: the canonical số hiệu for normative documents,
``<ref>@<year>`` for administrative and Party documents, ``<ref>@?`` when the mention
has no date; laws, National Assembly resolutions and ordinances (``/QHnn``, ``/UBTVQHnn``,
whose types do not share one number sequence) ``<ref>@<sequence>`` (``93/2015/QH13@Luật``,
``93/2015/QH13@Nghị quyết``) and ``<ref>@?`` when no type word says which. Here those keys become documents: a ``@?`` key goes to the one document
with that số hiệu, stays its own record when there is none, and is marked ambiguous
(never merged) when there are several. Each document's fields are chosen from what
its mentions say, and every mention is kept so conflicts stay visible.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kb.parse.textutil import fold

UNKNOWN_YEAR = "?"
FILE_KEY_PREFIX = "file:"  # the key of a corpus file without a number of its own (a draft)


def is_file_key(key: str) -> bool:
    """Whether ``key`` names a corpus file by its path (it has no số hiệu of its own)."""
    return key.startswith(FILE_KEY_PREFIX)


def split_key(key: str) -> tuple[str, str | None]:
    """``"62/KH-VPUB@2024"`` → ``("62/KH-VPUB", "2024")``; normative keys have no suffix."""
    if is_file_key(key) or "@" not in key:
        return key, None
    base, _, suffix = key.rpartition("@")
    return base, suffix


def ref_norm(ref: str) -> str:
    """A forgiving form of a số hiệu for look-ups typed by people: no accents, no spaces,
    no leading zeros, Party ``QĐi`` read as ``QĐ``."""
    s = fold(ref).replace(" ", "")
    s = re.sub(r"(?<![0-9])0+(?=[0-9])", "", s)
    return re.sub(r"-qdi/", "-qd/", s)


@dataclass(frozen=True)
class Resolution:
    key: str | None  # the document, or None when ambiguous
    candidates: tuple[str, ...] = ()


class KeyIndex:
    """Known document keys by their số hiệu base, to resolve the raw key of a mention.

    A raw key with a year (or none: normative) is its own document; an undated one
    (``…@?``) goes to the unique known document of that base; a số hiệu that lacks the
    issuer part (``429-QĐ@2022``) goes to the unique known document completing it with the
    same number, type and year (``429-QĐ/TU@2022``). Several candidates stay ambiguous:
    two documents are never merged on a guess (design notes §3.4)."""

    def __init__(self, known: Iterable[str]) -> None:
        self.by_base: dict[str, set[str]] = {}
        for key in known:
            base, suffix = split_key(key)
            if suffix != UNKNOWN_YEAR:
                self.by_base.setdefault(base, set()).add(key)
        self.bases = sorted(self.by_base)

    def resolve(self, raw: str, no_issuer: bool = False) -> Resolution:
        base, suffix = split_key(raw)
        if no_issuer:
            candidates = sorted(
                k
                for b in _completions(self.bases, base)
                for k in self.by_base[b]
                if suffix == UNKNOWN_YEAR or split_key(k)[1] == suffix
            )
        elif suffix != UNKNOWN_YEAR:
            return Resolution(raw)
        else:
            candidates = sorted(self.by_base.get(base, ()))
        if len(candidates) == 1:
            return Resolution(candidates[0])
        if not candidates:
            return Resolution(raw)
        return Resolution(None, tuple(candidates))


def resolve_keys(
    raw_keys: Iterable[str], known: Iterable[str], no_issuer: Iterable[str] = ()
) -> dict[str, Resolution]:
    """Resolve every raw key; ``known`` are the keys of documents known for sure, and
    ``no_issuer`` the raw keys of mentions whose số hiệu lacks the issuer part
    (``429-QĐi``), which go to the unique known document completing them."""
    index = KeyIndex(known)
    partial = set(no_issuer)
    return {raw: index.resolve(raw, raw in partial) for raw in set(raw_keys) | partial}


def _completions(bases: list[str], base: str) -> list[str]:
    """Known bases that add an issuer part to ``base``: ``429-QĐ`` → ``429-QĐ/TU``."""
    out = []
    for sep in ("/", "-"):
        prefix = base + sep
        i = bisect.bisect_left(bases, prefix)
        while i < len(bases) and bases[i].startswith(prefix):
            out.append(bases[i])
            i += 1
    return out


@dataclass
class _Votes:
    ref: Counter[str] = field(default_factory=Counter)
    type: Counter[str] = field(default_factory=Counter)
    date: Counter[str] = field(default_factory=Counter)
    issuer: Counter[str] = field(default_factory=Counter)
    issuer_code: Counter[str] = field(default_factory=Counter)
    subject: Counter[str] = field(default_factory=Counter)
    n: int = 0

    def add(self, ref: Any, typ: Any, date: Any, issuer: Any, code: Any, subject: Any) -> None:
        self.n += 1
        for counter, value in (
            (self.ref, ref),
            (self.type, typ),
            (self.date, date),
            (self.issuer, issuer),
            (self.issuer_code, code),
            (self.subject, subject),
        ):
            if value:
                counter[value] += 1


_NO_VOTES = _Votes()


def _top(counter: Counter[str], prefer_long: bool = False) -> str | None:
    if not counter:
        return None
    best = max(counter.values())
    tied = [v for v, n in counter.items() if n == best]
    return max(tied, key=len) if prefer_long else min(tied)


@dataclass
class DocumentFacts:
    """Fields of one document that a person or a header states outright."""

    ref: str | None = None
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    issuer_code: str | None = None
    subject: str | None = None
    title: str | None = None
    path: str | None = None


def merge(
    mentions: Iterable[tuple[str | None, Any, Any, Any, Any, Any, Any]],
    corpus: Mapping[str, DocumentFacts],
    curated: Mapping[str, DocumentFacts],
    imported: Mapping[str, DocumentFacts],
) -> list[tuple[Any, ...]]:
    """Document rows (``store.DOCUMENT_COLUMNS``) from resolved mentions and stated facts.

    ``mentions`` yields (document key, ref, type, date, issuer, issuer_code, subject);
    precedence for each field: curated facts, then the document's own header, then the
    most frequent value among its mentions, then imported metadata (which is also kept
    apart, untouched, for comparison).
    """
    votes: dict[str, _Votes] = {}
    for key, *fields in mentions:
        if key is None:
            continue
        if key not in votes:
            votes[key] = _Votes()
        votes[key].add(*fields)
    keys = set(votes) | set(corpus) | set(curated) | set(imported)
    rows = []
    for key in sorted(keys):
        v = votes.get(key, _NO_VOTES)
        sources: list[tuple[str, DocumentFacts]] = [
            (name, facts[key])
            for name, facts in (("curated", curated), ("corpus", corpus))
            if key in facts
        ]
        from_mentions = DocumentFacts(
            ref=_top(v.ref),
            type=_top(v.type),
            date=_top(v.date),
            issuer=_top(v.issuer),
            issuer_code=_top(v.issuer_code),
            subject=_top(v.subject, prefer_long=True),
        )
        sources.append(("mentions", from_mentions))
        if key in imported:
            sources.append(("imported", imported[key]))

        def pick(attr: str, _sources: list[tuple[str, DocumentFacts]] = sources) -> Any:
            for _, facts in _sources:
                value = getattr(facts, attr)
                if value:
                    return value
            return None

        date_source = next((name for name, f in sources if f.date), None)
        ref = pick("ref")
        base, _ = split_key(key)
        rows.append(
            (
                key,
                ref,
                pick("type"),
                pick("date"),
                pick("issuer"),
                pick("issuer_code"),
                pick("subject"),
                pick("title"),
                pick("path"),
                v.n,
                int(key in corpus),
                base,
                ref_norm(ref) if ref else None,
                date_source,
            )
        )
    return rows
