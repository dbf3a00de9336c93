"""The knowledge base as a library: look-ups, status at a date, "which regulation applies?".

Every query goes through the store's indexes; nothing loads the whole KB.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kb.graph.identity import KeyIndex, ref_norm, split_key
from kb.graph.ranking import ISSUED, type_class
from kb.graph.status import IN_FORCE, Status, label, status_on, successors
from kb.parse.textutil import fold
from kb.queries.applies import answer, doc_ref, inferred_refs
from kb.records import (
    AppliesResult,
    Count,
    Disagreement,
    DocRef,
    DocumentOut,
    MentionOut,
    RelationOut,
    ShowResult,
    StatsResult,
    Variants,
)
from kb.store.base import Store

if TYPE_CHECKING:
    from kb.models import Citation, ExtractedFile

_COMPARED = (("ref", 1, 1), ("type", 2, 2), ("date", 3, 4), ("issuer", 4, 3))


@dataclass(frozen=True)
class Ambiguous:
    """A citation that fits several documents; never merged into one of them."""

    candidates: tuple[str, ...]
    key: None = None


class AmbiguousRef(LookupError):
    """A số hiệu that names several documents; ``candidates`` lists their keys."""

    def __init__(self, ref: str, candidates: list[str]) -> None:
        super().__init__(f"{ref}: {len(candidates)} documents — {', '.join(candidates)}")
        self.candidates = candidates


class KnowledgeBase:
    """Queries over one KB store (a file, or ``:memory:`` built on the fly)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = True) -> KnowledgeBase:
        return cls(Store(path, readonly=readonly))

    @classmethod
    def in_memory(cls) -> KnowledgeBase:
        return cls(Store(":memory:"))

    def close(self) -> None:
        self.store.close()

    # -- filling --------------------------------------------------------------------------
    def build(self, paths: Iterable[str | Path]) -> Any:
        """Build (or bring up to date) from files and directories; see ``kb.ingest.build``."""
        from kb.ingest.build import build

        return build(self.store, [Path(p) for p in paths], show_progress=False)

    def add_files(
        self, extracted: Iterable[ExtractedFile], texts: dict[str, str] | None = None
    ) -> None:
        """Add parsed files. Relations need the text: taken from ``texts`` by path, else
        read from the file."""
        from kb.ingest.build import add_extracted, read_text

        texts = texts or {}
        pairs = [
            (e, texts[e.path] if e.path in texts else read_text(Path(e.path))) for e in extracted
        ]
        add_extracted(self.store, pairs)

    # -- identity -------------------------------------------------------------------------
    def keys_for(self, ref_or_key: str) -> list[str]:
        """Keys of the documents a số hiệu (or key) names: exact key, then the số hiệu
        without year, then a forgiving comparison (accents, spaces, leading zeros)."""
        text = " ".join(ref_or_key.split())
        if self.store.document(text) is not None:
            return [text]
        keys = self.store.keys_by_base(split_key(text)[0])
        if not keys:
            keys = self.store.keys_by_ref_norm(ref_norm(text))
        if not keys:
            keys = self._keys_via_parser(text)
        return sorted(set(keys))

    def _keys_via_parser(self, text: str) -> list[str]:
        from kb.parse.extract import extract_text

        for c in extract_text(text).citations:
            if c.key:
                res = self.resolve(c)
                if isinstance(res, Ambiguous):
                    return list(res.candidates)
                return [res] if res else []
        return []

    def key(self, ref_or_key: str) -> str | None:
        """The one document a số hiệu names; ``AmbiguousRef`` when several."""
        keys = self.keys_for(ref_or_key)
        if len(keys) > 1:
            raise AmbiguousRef(ref_or_key, keys)
        return keys[0] if keys else None

    def resolve(self, citation: Citation) -> str | Ambiguous | None:
        """The key of the document a citation refers to; ``Ambiguous`` (with the
        candidates) when several fit; ``None`` when the KB does not know it."""
        key = citation.key or citation.resolved_to
        if key is None:
            return None
        if self.store.document(key) is not None:
            return key
        base, _suffix = split_key(key)
        known = self.store.keys_by_base(base)
        no_issuer = not known and citation.issuer_code is None and bool(citation.ref)
        if no_issuer:
            known = self.store.keys_by_base_completion(base)
        found = KeyIndex(known).resolve(key, no_issuer)
        if found.key is None:
            return Ambiguous(found.candidates)
        return found.key if self.store.document(found.key) is not None else None

    # -- records --------------------------------------------------------------------------
    def _docref(self, key: str) -> DocRef:
        return doc_ref(self.store, key)

    def document(
        self, ref_or_key: str, on: dt.date | None = None, lang: str = "vi"
    ) -> DocumentOut | None:
        key = self.key(ref_or_key)
        if key is None:
            return None
        row = self.store.document(key)
        if row is None:
            return None
        on = on or dt.date.today()
        status = _shown_status(type_class(row[2]), status_on(self.store, key, on))
        effect = self.store.effect(key)
        return DocumentOut(
            key=key,
            ref=row[1],
            type=row[2],
            date=row[3],
            issuer=row[4],
            subject=row[6],
            status=status.value,
            status_on=on.isoformat(),
            status_label=label(status, lang),
            replaced_by=self.replaced_by(key, on),
            probably_replaced_by=inferred_refs(self.store, key, on)
            if status == Status.PROBABLY_REPLACED
            else [],
            effective_from=effect[1] if effect else None,
            effective_to=effect[2] if effect else None,
            effective_source=effect[3] if effect else None,
            effective_text=effect[4] if effect else None,
            in_corpus=bool(row[10]),
            path=row[8],
            date_source=row[13],
        )

    def status_on(self, key: str, on: dt.date) -> Status:
        return status_on(self.store, key, on)

    def replaced_by(self, key: str, on: dt.date) -> list[DocRef]:
        """What ended ``key`` by ``on``, followed through chains to what is in force."""
        final, _cycle = successors(self.store, key, on)
        return [self._docref(k) for k in final]

    def mentions(self, key: str) -> list[MentionOut]:
        return [MentionOut(**m) for m in self.store.mentions_of(key)]

    def relations(self, key: str) -> list[RelationOut]:
        out = []
        for src, tgt, kind, origin, conf, evidence, path, start, end in self.store.relations_of(
            key
        ):
            outgoing = src == key
            out.append(
                RelationOut(
                    kind=kind,
                    direction="out" if outgoing else "in",
                    other=self._docref(tgt if outgoing else src),
                    origin=origin,
                    confidence=conf if conf is not None else 1.0,
                    evidence=evidence,
                    path=path,
                    start=start,
                    end=end,
                )
            )
        order = {"curated": 0, "stated": 1, "imported": 2, "inferred": 3}
        out.sort(key=lambda r: (r.kind == "cites", order.get(r.origin, 9), r.kind, r.other.key))
        return out

    def show(
        self, ref_or_key: str, on: dt.date | None = None, lang: str = "vi"
    ) -> ShowResult | None:
        with self.store.snapshot():  # one committed state of the KB for the whole answer
            return self._show(ref_or_key, on, lang)

    def _show(self, ref_or_key: str, on: dt.date | None, lang: str) -> ShowResult | None:
        doc = self.document(ref_or_key, on, lang)
        if doc is None:
            return None
        mentions = self.mentions(doc.key)
        variants = Variants(
            refs=dict(Counter(m.ref for m in mentions if m.ref)),
            dates=dict(Counter(m.date for m in mentions if m.date)),
            issuers=dict(Counter(m.issuer for m in mentions if m.issuer)),
        )
        return ShowResult(
            document=doc,
            mentions=mentions,
            relations=self.relations(doc.key),
            variants=variants,
            disagreements=self.disagreements(doc.key),
        )

    # -- which regulation applies -----------------------------------------------------------
    def applies(
        self, query: str, on: dt.date | None = None, limit: int = 10, lang: str = "vi"
    ) -> AppliesResult:
        """The texts governing ``query`` on ``on`` (see ``kb.queries.applies``)."""
        with self.store.snapshot():  # one committed state of the KB for the whole answer
            return answer(self.store, query, on or dt.date.today(), limit, lang)

    # -- imported facts and statistics -------------------------------------------------------
    def disagreements(self, key: str | None = None) -> list[Disagreement]:
        """Fields where imported metadata and the corpus disagree (both kept)."""
        rows = (
            [r for r in [self.store.imported_document(key)] if r is not None]
            if key is not None
            else self.store.imported_documents()
        )
        out = []
        for imp in rows:
            doc = self.store.document(imp[0])
            if doc is None or not (doc[10] or doc[9]):  # known only from the import
                continue
            for name, doc_i, imp_i in _COMPARED:
                mine, theirs = doc[doc_i], imp[imp_i]
                if mine and theirs and _differs(name, mine, theirs):
                    out.append(Disagreement(key=imp[0], field=name, corpus=mine, imported=theirs))
        return out

    def stats(self) -> StatsResult:
        with self.store.snapshot():
            return self._stats()

    def _stats(self) -> StatsResult:
        s = self.store

        def counts(table: str, column: str) -> list[Count]:
            return [Count(name=n, count=c) for n, c in s.count_by(table, column)]

        return StatsResult(
            files=s.count("files"),
            documents=s.count("documents"),
            mentions=s.count("mentions"),
            relations=s.count("relations"),
            by_type=counts("documents", "type"),
            by_issuer=counts("documents", "issuer_code"),
            by_relation=counts("relations", "kind"),
            by_origin=counts("relations", "origin"),
            unresolved_mentions=s.unresolved_mentions(),
            unresolved_relations=counts("unresolved_relations", "reason"),
            ambiguous_mentions=[f"{r[0]}:{r[4]}: {r[1]} → {r[3]}" for r in s.ambiguous_mentions()],
            problems=[f"{kind}: {detail}" for kind, detail in s.problems()],
            disagreements=self.disagreements(),
        )


def _shown_status(kind: str, status: Status) -> Status:
    """The status a person is shown: a report, notice or plan is issued, never in force."""
    if kind == ISSUED and status in (*IN_FORCE, Status.NOT_YET_IN_FORCE):
        return Status.ISSUED
    return status


def _differs(name: str, mine: str, theirs: str) -> bool:
    if name == "date":
        return mine[:10] != theirs[:10]
    if name == "ref":
        return ref_norm(mine) != ref_norm(theirs)
    a, b = fold(mine), fold(theirs)
    if name == "issuer":  # "Ban Dân vận" and "Ban Dân vận Tỉnh ủy" name one body
        return a not in b and b not in a
    return a != b
