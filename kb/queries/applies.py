"""``kb applies``: which texts govern a subject on a date, answered as a legal librarian would.

The principal texts in force on the date come first, each followed by the texts that amend,
guide or implement it; then the texts no longer in force (replaced, repealed, expired, or
probably replaced), marked so; then what was only issued (reports, plans, letters). Texts
not issued or not yet in force on the date are never among them: they go to ``later``.
A law asked for by its name ("luật đất đai") comes first; an amending text is never placed
above the text in force it amends.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kb.graph.identity import is_file_key
from kb.graph.ranking import ISSUED, name_types, type_class, type_weight
from kb.graph.record_fields import clean_subject
from kb.graph.status import (
    ENDED,
    IN_FORCE,
    LATER,
    Status,
    amended_by,
    effective_from,
    inferred_endings,
    label,
    status_on,
    successors,
)
from kb.parse.dates import vn_date
from kb.parse.textutil import fold
from kb.records import AppliesItem, AppliesResult, DocRef, InferredRef
from kb.store.sqlite import Row, Store

FTS_CANDIDATES = 200
JUDGED = 60  # the best matches whose status is read; the answers come from them
MIN_MATCH = 70  # rapidfuzz partial_ratio (0–100) a subject needs to count as a match
NAME_MATCH = 90  # ratio of the query's name to a text's own name for "asked by its name"
ATTACHED = ("amends", "guides", "implements")
ENDING_KINDS = ("replaces", "repeals")
SUBJECT_LIMIT = 320  # a trích yếu is rarely longer; past it, body text has run on
# where a subject shown runs on into the next sentence
_NEXT_SENTENCE = re.compile(r"\.\s+[A-ZĐÀ-Ỹ]")
_FOLDED_ISSUED = re.compile(r"\s+ban hanh$")
_TRAILING_ISSUED = re.compile(r"\s+ban\s+hành\s*$", re.IGNORECASE)
_AMENDING = re.compile(r"^(?:về\s+việc\s+|về\s+)?sửa\s+đổi", re.IGNORECASE)


def shown_subject(subject: str | None) -> str | None:
    """A subject as an answer shows it: cleaned as the record keeps it (an alias defined after
    it cut, a trailing "ban hành" dropped), cut before a next sentence, and at a word
    boundary past SUBJECT_LIMIT. A ";" stays: a trích yếu may hold one ("… cấp ủy, chính
    quyền các cấp; người đứng đầu các sở …")."""
    text = clean_subject(" ".join(subject.split())) if subject else None
    if not text:
        return None
    m = _NEXT_SENTENCE.search(text)
    if m:
        text = text[: m.start()]
    text = _TRAILING_ISSUED.sub("", text).rstrip(" ,:;(")
    if len(text) > SUBJECT_LIMIT:
        cut = text.rfind(" ", 0, SUBJECT_LIMIT)
        text = text[: cut if cut > 0 else SUBJECT_LIMIT].rstrip(" ,;:") + " …"
    return text or None


def doc_label(key: str, row: Row | None) -> str:
    """How a reader is told which text: "Nghị định 138/2020/NĐ-CP"; a corpus file whose
    number was not read by its type, title and date — never by its path."""
    if row is None:
        return key if not is_file_key(key) else "Văn bản không rõ số hiệu"
    doc_type, ref, date = row[2], row[1], row[3]
    if ref and not is_file_key(key):
        return f"{doc_type} {ref}" if doc_type else str(ref)
    title = shown_subject(row[6] or row[7])
    name = doc_type or "Văn bản"
    if title:
        short = title if len(title) <= 90 else title[: title.rfind(" ", 0, 90)] + " …"
        name += f" “{short}”"
    else:
        name += " không rõ số hiệu"
    return f"{name} ({vn_date(date)})" if date else name


def doc_ref(store: Store, key: str) -> DocRef:
    row = store.document(key)
    return DocRef(
        key=key,
        ref=row[1] if row else None,
        date=row[3] if row else None,
        type=row[2] if row else None,
        label=doc_label(key, row),
    )


def inferred_refs(store: Store, key: str, on: dt.date) -> list[InferredRef]:
    out = []
    for e in inferred_endings(store, key, on):
        ref = doc_ref(store, e.by)
        out.append(InferredRef(**ref.model_dump(), confidence=e.confidence, evidence=e.evidence))
    return out


def split_query(query: str) -> tuple[str | None, str]:
    """(the type a query names a text by, the rest): "luật đất đai" → ("Luật", "dat dai")."""
    folded = fold(query)
    for word, doc_type in name_types():
        if folded == word or folded.startswith(word + " "):
            return doc_type, folded[len(word) :].strip()
    return None, folded


@dataclass
class _Candidate:
    key: str
    row: Row
    score: float
    status: Status
    kind: str
    named: bool = False
    amending: bool = False
    role: str = "principal"
    under: str | None = None
    children: list[_Candidate] = field(default_factory=list)


def _coverage(words: set[str], part: str) -> float:
    """The share (0–100) of the query's words found as words in ``part``."""
    if not words:
        return 0.0
    return 100 * len(words & set(re.findall(r"[a-z0-9]+", part))) / len(words)


def _name_core(part: str) -> str:
    """A folded subject without a leading type word and a trailing "ban hanh"."""
    part = _FOLDED_ISSUED.sub("", part)
    for word, _t in name_types():
        if part.startswith(word + " "):
            return part[len(word) + 1 :]
    return part


def answer(
    store: Store,
    query: str,
    on: dt.date,
    limit: int = 10,
    lang: str = "vi",
) -> AppliesResult:
    from rapidfuzz import fuzz

    wanted, rest = split_query(query)
    folded = rest or fold(query)
    tokens = re.findall(r"[a-z0-9]+", folded)
    hits: list[tuple[str, str, float]] = []
    if tokens:
        hits = store.search(tokens, every=True, limit=FTS_CANDIDATES)
        if not hits:
            hits = store.search(tokens, every=False, limit=FTS_CANDIDATES)
    store.prefetch(k for k, _, _ in hits)  # the candidates' records in a few reads
    docs = store.documents(k for k, _, _ in hits)
    words = set(tokens)
    found: dict[str, _Candidate] = {}
    for key, text, _rank in hits:
        row = docs.get(key)
        if row is None or key in found:
            continue
        kind = type_class(row[2])
        if is_file_key(key) and (kind == ISSUED or not (row[6] or row[7])):
            continue  # a draft or report of the corpus without its number answers nothing
        parts = [_FOLDED_ISSUED.sub("", p) for p in fold(text).split(" | ")]
        # the query as a phrase, or all its words, in one of the text's subjects
        best = max(max(fuzz.partial_ratio(folded, p), _coverage(words, p)) for p in parts)
        if best < MIN_MATCH:
            continue
        # its own name; a text known only from citations is named as they name it
        own = [fold(t) for t in (row[6], row[7]) if t] or parts
        named = (
            wanted is not None
            and row[2] == wanted
            and any(fuzz.ratio(folded, _name_core(p)) >= NAME_MATCH for p in own)
        )
        # how much of the subject is about the query, not only mentions it
        focus = max(fuzz.token_sort_ratio(folded, p) for p in parts) / 100
        score = best / 100 * type_weight(row[2]) + 0.15 * focus
        if wanted is not None and row[2] == wanted:
            score += 0.3
        if named:
            score += 1.0
        subject = row[6] or ""
        found[key] = _Candidate(
            key, row, round(score, 4), Status.UNKNOWN, kind, named, bool(_AMENDING.match(subject))
        )
    # the status (and what acts on each text) is read for the best matches only
    best_first = sorted(found.values(), key=lambda c: (not c.named, -c.score, c.key))
    found = {c.key: c for c in best_first[: max(JUDGED, 3 * limit)]}
    for c in found.values():
        c.status = _shown_status(c.kind, status_on(store, c.key, on))
    _bring_in(store, found, on)
    _attach(store, found, on)
    return _assemble(store, found, query, on, limit, lang)


def _shown_status(kind: str, status: Status) -> Status:
    """The status a person is shown: a report, notice or plan is issued, never in force."""
    if kind == ISSUED and status in (*IN_FORCE, Status.NOT_YET_IN_FORCE):
        return Status.ISSUED
    return status


def _group(c: _Candidate) -> str:
    if c.status in LATER:
        return "later"
    if c.kind == ISSUED and c.status == Status.ISSUED:
        return "issued"
    if c.status in IN_FORCE:
        return "in_force"
    return "ended"


def _bring_in(store: Store, found: dict[str, _Candidate], on: dt.date) -> None:
    """The texts that govern in place of a matching one: what a text not yet in force
    replaces or repeals (it still governs until then), and what a replaced or repealed text
    ended up replaced by (it governs now), when they are in force on the date."""
    for c in list(found.values()):
        group = _group(c)
        if group == "later":
            keys = [r[1] for r in store.outgoing(c.key, ENDING_KINDS) if r[3] != "inferred"]
        elif c.status in (Status.REPLACED, Status.REPEALED):
            keys = successors(store, c.key, on)[0]
        else:
            continue
        for key in keys:
            if key in found or is_file_key(key):
                continue
            row = store.document(key)
            if row is None:
                continue
            kind = type_class(row[2])
            status = _shown_status(kind, status_on(store, key, on))
            # a text only inferred to be replaced still governs until the one that ends it
            # takes effect: it is listed, marked "probably replaced"
            if status not in IN_FORCE and not (
                group == "later" and status == Status.PROBABLY_REPLACED
            ):
                continue
            named = c.named and row[2] == c.row[2]
            found[key] = _Candidate(key, row, round(c.score - 0.01, 4), status, kind, named)


def _attach(store: Store, found: dict[str, _Candidate], on: dt.date) -> None:
    """Put each text that amends, guides or implements another under it: under a matching
    text, else under the text in force it acts on (brought in as a principal). An amending
    text whose target is unknown is kept below the principal texts."""
    for c in sorted(found.values(), key=lambda c: -c.score):
        if _group(c) == "later" or c.named:
            continue
        targets = [(r[1], r[2]) for r in store.outgoing(c.key, ATTACHED) if r[3] != "inferred"]
        for target, kind in sorted(targets, key=lambda t: ATTACHED.index(t[1])):
            if target == c.key:
                continue
            parent = found.get(target)
            if parent is None:
                row = store.document(target)
                if row is None or is_file_key(target):
                    continue
                status = _shown_status(type_class(row[2]), status_on(store, target, on))
                if status not in IN_FORCE:
                    continue
                # brought in for what acts on it: just below that text's own relevance
                parent = _Candidate(target, row, c.score - 0.05, status, type_class(row[2]))
                found[target] = parent
            if parent.under is not None or _group(parent) == "later":
                continue
            c.role, c.under = kind, target
            if kind == "amends":
                c.amending = True
            parent.score = max(parent.score, c.score)
            parent.children.append(c)
            break


def _assemble(
    store: Store,
    found: dict[str, _Candidate],
    query: str,
    on: dt.date,
    limit: int,
    lang: str,
) -> AppliesResult:
    def order(c: _Candidate) -> tuple[bool, bool, float, str]:
        return (not c.named, c.amending, -c.score, c.key)

    tops = sorted((c for c in found.values() if c.under is None), key=order)
    ordered: list[tuple[_Candidate, str]] = []
    for group in ("in_force", "ended", "issued"):
        for top in tops:
            if _group(top) != group:
                continue
            ordered.append((top, group))
            for child in sorted(top.children, key=lambda c: (ATTACHED.index(c.role), order(c))):
                ordered.append((child, group))
    later = [c for c in tops if _group(c) == "later"][:limit]
    item = _item_maker(store, on, lang)
    return AppliesResult(
        query=query,
        on=on.isoformat(),
        results=[item(c, group) for c, group in ordered[:limit]],
        later=[item(c, "later") for c in later],
    )


def _item_maker(store: Store, on: dt.date, lang: str) -> Callable[[_Candidate, str], AppliesItem]:
    def related(key: str, kinds: tuple[str, ...], *, outgoing: bool) -> list[DocRef]:
        rows = store.outgoing(key, kinds) if outgoing else store.incoming(key, kinds)
        keys = sorted({r[1] if outgoing else r[0] for r in rows if r[3] != "inferred"})
        refs = [doc_ref(store, k) for k in keys]
        return sorted(refs, key=lambda d: (d.date or "", d.key))

    def make(c: _Candidate, group: str) -> AppliesItem:
        row = c.row
        status = c.status
        ended = status not in (*IN_FORCE, Status.ISSUED)
        return AppliesItem(
            key=c.key,
            ref=row[1],
            type=row[2],
            date=row[3],
            subject=shown_subject(row[6] or row[7]),
            label=doc_label(c.key, row),
            status=status.value,
            status_label=label(status, lang),
            kind=c.kind,
            group=group,
            role=c.role,
            under=c.under,
            effective_from=effective_from(store, c.key),
            replaced_by=[doc_ref(store, k) for k in successors(store, c.key, on)[0]]
            if ended
            else [],
            probably_replaced_by=inferred_refs(store, c.key, on)
            if status == Status.PROBABLY_REPLACED
            else [],
            amended_by=sorted(
                (doc_ref(store, e.by) for e in amended_by(store, c.key, on)),
                key=lambda d: (d.date or "", d.key),
                reverse=True,
            ),
            score=c.score,
            replaces=related(c.key, ("replaces", "repeals"), outgoing=True),
            guided_by=related(c.key, ("guides",), outgoing=False),
            implemented_by=related(c.key, ("implements",), outgoing=False),
        )

    return make


__all__ = ["ENDED", "answer", "doc_label", "doc_ref", "shown_subject", "split_query"]
