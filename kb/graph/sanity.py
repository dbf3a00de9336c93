"""Edges that cannot be true, whatever a sentence seems to say (design notes §3.5).

Time runs one way: no document replaces, repeals, amends, guides, implements, rests on
or corrects a document issued after it, nor itself. And a lower-rank text never amends,
replaces or repeals a higher-rank one (ranks in ``kb/data/ranks.toml``). A reading that
breaks either rule is an extraction error: it is kept as *unresolved*, with its sentence
and the reason, never drawn as an edge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kb.tables import load_table

RANKS_FILE = Path(__file__).resolve().parents[1] / "data" / "ranks.toml"

# kinds that say the source acts on, or rests on, a document that already exists
TIMED_KINDS = frozenset(
    {"replaces", "repeals", "amends", "guides", "implements", "based_on", "corrects"}
)
# kinds that only a text of the same rank or a higher one can state
RANKED_KINDS = frozenset({"replaces", "repeals", "amends"})

# reasons, as stored and counted by ``kb stats``
SELF = "self"
LATER = "later"
RANK = "rank"

_YEAR_IN_REF = re.compile(r"^\d+[A-Za-z]?/(?P<y>(?:19|20)\d\d)/")
_YEAR_IN_KEY = re.compile(r"@(?P<y>(?:19|20)\d\d)(?:-\d\d){0,2}$")
_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?")


@dataclass(frozen=True)
class DocumentTime:
    """What the check needs of one document: its date as far as known, type and issuer."""

    date: str | None  # ISO, possibly only "yyyy" or "yyyy-mm"
    type: str | None
    issuer_code: str | None
    ref: str | None = None
    key: str | None = None  # "…@2012": the year a document known only by name was cited with


@dataclass(frozen=True)
class _Rank:
    level: int
    types: frozenset[str]
    issuers: frozenset[str]


@lru_cache(maxsize=1)
def _ranks() -> tuple[_Rank, ...]:
    data = load_table("kb", RANKS_FILE.name)
    return tuple(
        _Rank(int(r["level"]), frozenset(r["types"]), frozenset(r.get("issuers", [])))
        for r in data["rank"]
    )


def rank(doc_type: str | None, issuer_code: str | None) -> int | None:
    """The rank of a document of this type and issuer code, or None when it has none."""
    if not doc_type:
        return None
    code = _code_family(issuer_code)
    for r in _ranks():
        if doc_type in r.types and (not r.issuers or code in r.issuers):
            return r.level
    return None


def _code_family(code: str | None) -> str | None:
    """``QH13`` → ``QH``, ``UBTVQH14`` → ``UBTVQH``: the term number is not the issuer."""
    if not code:
        return None
    return re.sub(r"\d+$", "", code.replace("Ð", "Đ"))


def when(doc: DocumentTime) -> tuple[int, ...] | None:
    """The document's date as (year[, month[, day]]), from its date or, failing that, the
    year its số hiệu carries."""
    if doc.date:
        m = _ISO.match(doc.date)
        if m:
            return tuple(int(p) for p in m.group("y", "m", "d") if p)
    if doc.ref:
        m = _YEAR_IN_REF.match(doc.ref)
        if m:
            return (int(m.group("y")),)
    if doc.key:
        m = _YEAR_IN_KEY.search(doc.key)
        if m:
            return (int(m.group("y")),)
    return None


def issued_before(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether ``a`` is certainly earlier than ``b``, at the precision both are known."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def impossible(
    source_key: str,
    target_key: str,
    kind: str,
    source: DocumentTime | None,
    target: DocumentTime | None,
) -> str | None:
    """Why an edge ``source --kind--> target`` cannot be true, or None when it can."""
    if kind not in TIMED_KINDS:
        return None
    if source_key == target_key:
        return SELF
    if source is None or target is None:
        return None
    a, b = when(source), when(target)
    if a is not None and b is not None and issued_before(a, b):
        return LATER
    if kind in RANKED_KINDS:
        ra = rank(source.type, source.issuer_code)
        rb = rank(target.type, target.issuer_code)
        if ra is not None and rb is not None and ra < rb:
            return RANK
    return None
