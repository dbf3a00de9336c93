"""Derive documents and relations from what the files, the facts and imports say.

Runs inside the build's transaction, over everything stored: identity merging, the
document records and their full-text index, stated / curated / imported / inferred
relations, and the problems found on the way (cycles, unknown keys in facts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kb.graph.curated import CuratedFacts, load_facts
from kb.graph.effect import apply_effects
from kb.graph.identity import DocumentFacts, is_file_key, merge, resolve_keys, split_key
from kb.graph.infer import Candidate, infer_replacements
from kb.graph.record_fields import clean_subject, issuer_for_code, register_entry
from kb.graph.sanity import DocumentTime, impossible
from kb.parse.textutil import fold
from kb.store.sqlite import Store

ENDING = ("replaces", "repeals")
_PARTIAL_FAMILIES = {"party", "administrative", "normative"}
_FTS_SUBJECTS = 8  # distinct subjects of a document put into the full-text index


def derive(
    store: Store, facts_paths: Sequence[Path], names: Mapping[Path, str] | None = None
) -> None:
    """Documents and relations from the stored files, the facts files (``names``: each
    file's path as stored, relative to the build root) and the imported records."""
    facts = load_facts([p for p in facts_paths if p.is_file()], names)
    imported_rows = store.imported_documents()
    imported = {
        row[0]: DocumentFacts(ref=row[1], type=row[2], issuer=row[3], date=row[4], subject=row[8])
        for row in imported_rows
    }
    files = store.file_documents()
    # a file without its own header (no số hiệu) that imported metadata describes is
    # that document
    same = _files_described(files, imported_rows)
    corpus: dict[str, DocumentFacts] = {}
    for path, key, ref, typ, date, title, code in files:
        corpus[same.get(str(key), str(key))] = DocumentFacts(
            ref=ref, type=typ, date=date, title=title, issuer_code=code, path=path
        )
    mentions = list(store.all_mentions())
    no_issuer = {m[1] for m in mentions if m[6] is None and m[2] and m[8] in _PARTIAL_FAMILIES}
    raw_keys = {m[1] for m in mentions}
    known = set(corpus) | set(facts.documents) | set(imported)
    known |= {k for k in raw_keys if split_key(k)[1] != "?" and k not in no_issuer}
    imported_rels = store.imported_relations()
    rel_keys = {k for r in imported_rels for k in r[:2]}
    resolved = resolve_keys(raw_keys | rel_keys, known, no_issuer)
    store.set_mention_keys(
        (resolved[m[1]].key, ",".join(resolved[m[1]].candidates) or None, m[0]) for m in mentions
    )
    rows = merge(
        ((resolved[m[1]].key, *m[2:8]) for m in mentions), corpus, facts.documents, imported
    )
    rows = [_sane(row) for row in rows]
    store.replace_documents(rows)
    store.add_fts(_fts_rows(rows, mentions, resolved, facts))
    documents = {r[0]: r for r in rows}
    imported_edges = [
        (resolved[src].key, resolved[tgt].key, kind, detail)
        for src, tgt, kind, detail in imported_rels
    ]
    relations, problems, unresolved = _relations(store, facts, documents, imported_edges, same)
    store.replace_relations(relations)
    store.replace_unresolved(unresolved)
    problems.extend(_cycles(relations))
    store.replace_problems(problems)
    apply_effects(store)


def _sane(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A document row with its subject cut at the end of the subject and the issuer a
    central code names (``store.DOCUMENT_COLUMNS``: issuer 4, issuer code 5, subject 6)."""
    issuer = issuer_for_code(row[5]) or row[4]
    entry = register_entry(str(row[0]))
    if entry is not None:
        # a law in the register: its official name is its subject (what mentions say of it
        # may be body text), and the day it was passed is its date when none was read
        date = row[3] or entry.passed.isoformat()
        return (*row[:3], date, issuer, row[5], entry.name, *row[7:])
    return (*row[:4], issuer, row[5], clean_subject(row[6]), *row[7:])


def _files_described(
    files: list[tuple[Any, ...]], imported: list[tuple[Any, ...]]
) -> dict[str, str]:
    """``file:`` keys of corpus files → the key of the imported document whose ``file``
    names them (the stored path ends with it)."""
    by_name: dict[str, list[tuple[str, str]]] = {}
    for row in imported:
        name = row[10]
        if name:
            by_name.setdefault(Path(name).name, []).append((str(name), str(row[0])))
    out: dict[str, str] = {}
    for path, key, *_ in files:
        if not is_file_key(key):
            continue
        for name, imported_key in by_name.get(Path(path).name, ()):
            if path == name or path.endswith("/" + name):
                out[key] = imported_key
                break
    return out


def _fts_rows(
    rows: list[tuple[Any, ...]], mentions: list[Any], resolved: Any, facts: CuratedFacts
) -> list[tuple[str, str, str]]:
    subjects: dict[str, set[str]] = {}
    for m in mentions:
        key = resolved[m[1]].key
        if key is not None and m[7]:
            subjects.setdefault(key, set()).add(" ".join(m[7].split()))
    out = []
    for row in rows:
        key, subject, title = row[0], row[6], row[7]
        texts = sorted(subjects.get(key, ()), key=len, reverse=True)[:_FTS_SUBJECTS]
        for extra in (subject, title):
            if extra and extra not in texts:
                texts.insert(0, extra)
        if texts:
            text = " | ".join(texts)
            out.append((key, text, fold(text)))
    return out


def _relations(
    store: Store,
    facts: CuratedFacts,
    documents: dict[str, tuple[Any, ...]],
    imported: list[tuple[str | None, str | None, str, str]],
    same: dict[str, str],
) -> tuple[list[tuple[Any, ...]], list[tuple[str, str]], list[tuple[Any, ...]]]:
    problems: list[tuple[str, str]] = []
    edges: dict[tuple[str, str, str, str], tuple[Any, ...]] = {}
    times = {
        key: DocumentTime(date=row[3], type=row[2], issuer_code=row[5], ref=row[1], key=key)
        for key, row in documents.items()
    }
    unresolved: list[tuple[Any, ...]] = []

    def refused(row: tuple[Any, ...]) -> bool:
        """Whether the edge cannot be true; then it is kept as unresolved, with why."""
        src, tgt, kind = row[0], row[1], row[2]
        reason = impossible(src, tgt, kind, times.get(src), times.get(tgt))
        if reason is None:
            return False
        unresolved.append((src, tgt, kind, reason, *row[3:]))
        return True

    for src, tgt, kind, conf, evidence, path, start, end in store.stated_relations():
        src, tgt = same.get(src, src), same.get(tgt, tgt)
        if src is None or tgt is None:
            continue
        row = (src, tgt, kind, "stated", conf, evidence, path, start, end)
        if (src == tgt and kind == "cites") or refused(row):
            continue
        k = (src, tgt, kind, "stated")
        if k not in edges or (conf or 0) > (edges[k][4] or 0):
            edges[k] = row
    specific = {(s, t) for s, t, kind, _ in edges if kind != "cites"}
    # a plain citation gives way to a typed edge of the same pair, unless it kept its sentence
    # (one that dates the cited text's end: "… tiếp tục có hiệu lực thi hành đến ngày …")
    edges = {
        k: v
        for k, v in edges.items()
        if k[2] != "cites" or (k[0], k[1]) not in specific or v[5] is not None
    }
    rejected: set[tuple[str, str, str]] = set()
    for rel in facts.relations:
        for key in (rel.source, rel.target):
            if key not in documents:
                problems.append(("facts", f"{rel.path}: no document with key {key}"))
        if rel.verdict == "rejected":
            rejected.add((rel.source, rel.target, rel.kind))
            continue
        edges[(rel.source, rel.target, rel.kind, "curated")] = (
            rel.source,
            rel.target,
            rel.kind,
            "curated",
            1.0,
            rel.evidence,
            rel.path,
            None,
            None,
        )
    for src, tgt, kind, detail in imported:
        if src is None or tgt is None or src == tgt:
            continue
        edges[(src, tgt, kind, "imported")] = (
            src,
            tgt,
            kind,
            "imported",
            1.0,
            detail,
            None,
            None,
            None,
        )
    settled = {frozenset((s, t)) for s, t, kind, _ in edges if kind in ENDING}
    candidates = [Candidate(r[0], r[1], r[2], r[5], r[3], r[6]) for r in documents.values()]
    for inf in infer_replacements(candidates):
        if frozenset((inf.source, inf.target)) in settled:
            continue
        if (inf.source, inf.target, "replaces") in rejected:
            continue
        row = (
            inf.source,
            inf.target,
            "replaces",
            "inferred",
            inf.confidence,
            inf.evidence,
            None,
            None,
            None,
        )
        if not refused(row):
            edges[(inf.source, inf.target, "replaces", "inferred")] = row
    return list(edges.values()), problems, unresolved


def _cycles(relations: list[tuple[Any, ...]]) -> list[tuple[str, str]]:
    """Replacement / repeal cycles: a document that (transitively) ends itself."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_edges_from((r[0], r[1]) for r in relations if r[2] in ENDING)
    out = []
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            out.append(("cycle", " → ".join(sorted(component))))
    return out
