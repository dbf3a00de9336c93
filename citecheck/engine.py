"""Runs the rules over documents: read, parse, check, filter, fingerprint, summarise.

The CLI and the web layer are thin layers over :func:`check_paths`, :func:`check_texts`,
:func:`check_source` and the public :func:`check` and :func:`check_text`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citecheck import knowledge
from citecheck.authorities import build_authorities
from citecheck.config import Options
from citecheck.inputs import Unreadable, iter_paths, load
from citecheck.kbview import KBView
from citecheck.messages import message
from citecheck.models import CheckReport, FileFindings, Finding, Summary
from citecheck.rules import CheckContext, SourceDoc, matches
from citecheck.rules.base import Rule
from kb.parse.pool import map_in_order


@dataclass
class Outcome:
    report: CheckReport
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    documents: list[SourceDoc] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _extract(text: str, path: str) -> Any:
    from kb.parse.extract import extract_text

    return extract_text(text, path=path)


def make_document(path: str, text: str, locate: Any = None) -> SourceDoc:
    return SourceDoc(path=path, text=text, extracted=_extract(text, path), locate=locate)


# A finding of the key's rule is not repeated when a finding of one of the value's rules
# sits on the same span: date-mismatch already says what the KB records.
SHADOWED_BY = {"CC301": ("CC201",)}


def _drop_shadowed(findings: list[Finding]) -> list[Finding]:
    at = {(f.path, f.start, f.code) for f in findings}
    return [
        f
        for f in findings
        if not any((f.path, f.start, other) in at for other in SHADOWED_BY.get(f.code, ()))
    ]


def _fingerprint(f: Finding, text: str, seen: Counter[str]) -> str:
    span = " ".join(text[f.start : f.end].split())
    base = "|".join((f.code, Path(f.path).name, f.ref or "", span))
    seen[base] += 1
    return hashlib.sha1(f"{base}|{seen[base]}".encode()).hexdigest()[:16]


def per_document(rule_cls: type[Rule]) -> bool:
    """A rule that looks at one document at a time and needs no KB: it can run where the
    document is parsed (a worker process), before the documents are brought together."""
    return rule_cls.check is Rule.check and not rule_cls.needs_kb


def document_findings(doc: SourceDoc, options: Options) -> dict[str, list[Finding]]:
    """The findings of the selected per-document rules on ``doc``, by rule code."""
    ctx = CheckContext(documents=[doc], lang=options.lang, as_of=options.as_of)
    return {
        rule_cls.code: list(rule_cls().check_document(doc, ctx))
        for rule_cls in options.rules()
        if per_document(rule_cls)
    }


def run_rules(
    docs: list[SourceDoc],
    options: Options,
    kb: KBView | None = None,
    done: Sequence[dict[str, list[Finding]]] | None = None,
) -> list[Finding]:
    """Every finding of the selected rules on ``docs``, filtered, sorted, fingerprinted.
    ``done`` holds, for each document in order, the findings of the per-document rules
    already run on it (where it was parsed); they keep their place in the order of rules."""
    ctx = CheckContext(documents=docs, lang=options.lang, kb=kb, as_of=options.as_of)
    prepare = getattr(kb, "prepare", None)  # a KB view that can read its answers at once
    if prepare is not None:
        prepare(c for d in docs for c in d.extracted.citations)
    findings: list[Finding] = []
    for rule_cls in options.rules():
        rule: Rule = rule_cls()
        if rule.needs_kb and kb is None:
            continue
        if done is not None and per_document(rule_cls):
            for found in done:
                findings.extend(found[rule_cls.code])
        else:
            findings.extend(rule.check(ctx))
    by_path = {d.path: d for d in docs}
    by_code = {r.code: r for r in options.rules()}
    kept: list[Finding] = []
    for f in findings:
        ignored = options.ignored_for(f.path)
        if any(matches(by_code[f.code], t) for t in ignored):
            continue
        kept.append(f)
    kept = _drop_shadowed(kept)
    kept.sort(key=Finding.sort_key)
    seen: Counter[str] = Counter()
    for f in kept:
        f.fingerprint = _fingerprint(f, by_path[f.path].text, seen)
    return kept


def summarise(
    docs: Sequence[SourceDoc], findings: Iterable[Finding], unreadable: Sequence[tuple[str, str]]
) -> CheckReport:
    per_file: dict[str, list[Finding]] = {d.path: [] for d in docs}
    for f in findings:
        per_file.setdefault(f.path, []).append(f)
    all_f = [f for fs in per_file.values() for f in fs]
    sev = Counter(f.severity for f in all_f)
    summary = Summary(
        files=len(docs),
        findings=len(all_f),
        errors=sev["error"],
        warnings=sev["warning"],
        infos=sev["info"],
        by_code=dict(sorted(Counter(f.code for f in all_f).items())),
        unreadable=[p for p, _ in unreadable],
    )
    return CheckReport(
        files=[FileFindings(path=p, findings=fs) for p, fs in per_file.items()], summary=summary
    )


def check_documents(
    docs: list[SourceDoc],
    options: Options,
    kb: Any = None,
    unreadable: Sequence[tuple[str, str]] = (),
    corpus: bool = False,
    roots: Sequence[Path] = (),
    done: Sequence[dict[str, list[Finding]]] | None = None,
) -> Outcome:
    view = knowledge.resolve_kb(kb, options.db, docs if corpus else None, roots)
    notes: list[str] = []
    if view is None and corpus and len(docs) > knowledge.MAX_IN_MEMORY_FILES:
        notes.append(
            message(
                "report",
                "no_memory_kb",
                options.lang,
                n=len(docs),
                limit=knowledge.MAX_IN_MEMORY_FILES,
            )
        )
    findings = run_rules(docs, options, view, done)
    report = summarise(docs, findings, unreadable)
    ctx = CheckContext(documents=docs, lang=options.lang, kb=view, as_of=options.as_of)
    report.authorities = build_authorities(ctx, findings)
    return Outcome(report, list(unreadable), docs, notes)


def check_paths(paths: Sequence[str | Path], options: Options, kb: Any = None) -> Outcome:
    """Check files and directories; a directory is checked as one corpus."""
    docs: list[SourceDoc] = []
    unreadable: list[tuple[str, str]] = []
    roots = [Path(p) for p in paths if Path(p).is_dir()]
    corpus = bool(roots)
    seen: set[str] = set()
    files: list[Path] = []
    for path in iter_paths(paths):
        if str(path) not in seen:
            seen.add(str(path))
            files.append(path)
    done: list[dict[str, list[Finding]]] = []
    # Files are read, parsed and checked by the per-document rules on two worker processes
    # (a few in-process), in order; the rules that compare documents run here after.
    jobs = [(path, options) for path in files]
    for path, got in zip(files, map_in_order(_read_parse_check, jobs), strict=True):
        if isinstance(got[0], str):
            unreadable.append((str(path), got[1] if options.lang == "en" else got[0]))
        else:
            docs.append(got[0])
            done.append(got[1])
    return check_documents(docs, options, kb, unreadable, corpus=corpus, roots=roots, done=done)


def _read_parse_check(
    job: tuple[Path, Options],
) -> tuple[SourceDoc, dict[str, list[Finding]]] | tuple[str, str]:
    """One file read, parsed and checked by the per-document rules; or why it cannot be
    read (in Vietnamese and in English)."""
    path, options = job
    try:
        loaded = load(path)
    except Unreadable as exc:
        return exc.says("vi"), exc.says("en")
    doc = make_document(loaded.path, loaded.text, loaded.locate)
    return doc, document_findings(doc, options)


def check_texts(named: Sequence[tuple[str, str]], options: Options, kb: Any = None) -> Outcome:
    """Check texts given in memory as (name, text) pairs, together as one corpus."""
    docs = [make_document(name, text) for name, text in named]
    return check_documents(docs, options, kb, corpus=False)


def check_source(
    path: str, text: str, options: Options, kb: Any = None, locate: Any = None
) -> Outcome:
    """Check one text held in memory under the name ``path`` (never read from disk);
    ``locate`` maps an offset to a place in the original file (paragraph, page)."""
    return check_documents([make_document(path, text, locate)], options, kb, corpus=False)


def _looks_like_path(value: str) -> bool:
    if "\n" in value or len(value) > 4096:
        return False
    try:
        return Path(value).exists()
    except OSError:
        return False


def _options(
    lang: str, as_of: dt.date | None, select: Sequence[str], ignore: Sequence[str], db: str | None
) -> Options:
    return Options(select=list(select), ignore=list(ignore), lang=lang, as_of=as_of, db=db)


def check_text(
    text: str,
    *,
    path: str = "<text>",
    kb: Any = None,
    lang: str = "vi",
    as_of: dt.date | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    db: str | None = None,
) -> list[Finding]:
    """Check ``text`` itself; return the findings. ``path`` is only the name the findings
    carry: nothing is read from disk, whatever the text or the name look like."""
    options = _options(lang, as_of, select, ignore, db)
    return check_source(path, text, options, kb).report.all_findings()


def check(
    text_or_path: str | Path | Sequence[str | Path],
    kb: Any = None,
    *,
    lang: str = "vi",
    as_of: dt.date | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    db: str | None = None,
) -> list[Finding]:
    """Check a text, a file, a directory (as a corpus) or several paths; return the findings.

    Which one is meant follows one rule: a :class:`~pathlib.Path` or a list is read from
    disk; a string is read from disk when it is one line naming an existing file or
    directory, and is checked as text otherwise. Text that comes from users (a form, an
    upload) must go to :func:`check_text`, which never touches the disk.

    ``kb`` is a knowledge base (``kb``'s ``KnowledgeBase`` or any object with ``known`` and
    ``standing``); ``as_of`` judges every document at that date instead of its own.
    """
    options = _options(lang, as_of, select, ignore, db)
    if isinstance(text_or_path, Path) or (
        isinstance(text_or_path, str) and _looks_like_path(text_or_path)
    ):
        outcome = check_paths([text_or_path], options, kb)
    elif isinstance(text_or_path, str):
        outcome = check_source("<text>", text_or_path, options, kb)
    else:
        outcome = check_paths(list(text_or_path), options, kb)
    return outcome.report.all_findings()
