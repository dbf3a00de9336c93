"""``kb build``: read files, parse them on every core, and (re)write the KB in one go.

Incremental: a file whose content hash is unchanged is not parsed again, a file no
longer given is dropped. Atomic: everything a build writes — per-file facts and the
derived documents and relations — goes into one transaction, so a build that fails or
is killed leaves the previous KB answering as before.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.graph.identity import FILE_KEY_PREFIX
from kb.graph.relations import Mention, find_relations
from kb.models import ExtractedFile
from kb.parse.effect import RelationDay, read_effect, relation_effect
from kb.parse.pool import POOL_MIN_ITEMS, map_in_order
from kb.store.sqlite import Store

# bump when what a build stores changes: the next build then redoes everything
# (2: facts files are stored by their path relative to the build root)
BUILD_VERSION = "2"
POOL_MIN_FILES = POOL_MIN_ITEMS  # fewer files are parsed in-process

FileData = tuple[str, str, int, tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]]]


class InputError(Exception):
    """A file that cannot be read; the message is for the user."""


@dataclass
class BuildResult:
    files: int = 0
    parsed: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: list[str] = field(default_factory=list)


def display_path(path: Path, roots: Sequence[Path] = ()) -> str:
    """The path as stored: relative to the working directory when under it, else
    relative to the folder holding the given directory it was found in
    (``corpus/a.txt``), else absolute."""
    resolved = path.resolve()
    for base in [Path.cwd(), *(r.resolve().parent for r in roots if r.is_dir())]:
        try:
            return resolved.relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return resolved.as_posix()


def read_text(path: Path) -> str:
    """The text of one input file, through the readers package."""
    from kb.readers import ReadError, read_path

    try:
        return read_path(path).text
    except ReadError as err:
        message = str(err)
        if path.name not in message:
            message = f"{display_path(path)}: {message}"
        raise InputError(message) from err


def iter_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(document files, facts files) under ``paths``."""
    from kb.graph.curated import FACTS_NAME
    from kb.readers import iter_input_paths

    docs: list[Path] = []
    facts: list[Path] = []
    given = list(paths)
    for p in given:
        if p.is_dir() and (p / FACTS_NAME).is_file():
            facts.append(p / FACTS_NAME)
        elif p.suffix == ".toml" and p.is_file():
            facts.append(p)
    for p in iter_input_paths([p for p in given if p.suffix != ".toml"]):
        if not p.name.upper().startswith("README"):
            docs.append(p)
    return docs, facts


_PARSER_MODULES = (
    "parse/*.py",
    "graph/relations.py",
    "ingest/build.py",
)


def fingerprint() -> str:
    """Changes when the parser, its data or the relation phrases change: then every file
    is parsed again."""
    h = hashlib.sha1(BUILD_VERSION.encode())
    here = Path(__file__).resolve().parents[1]
    files = sorted((here / "data").glob("*.toml"))
    for pattern in _PARSER_MODULES:
        files += sorted(here.glob(pattern))
    for f in files:
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def file_rows(extracted: ExtractedFile, text: str, shown_path: str, sha1: str) -> FileData:
    """Turn one parsed file into the rows the store keeps for it."""
    d = extracted.document
    key = d.key if d.ref and d.key else f"{FILE_KEY_PREFIX}{shown_path}"
    if d.date is not None:
        date: str | None = d.date.isoformat()
    elif d.date_year:
        date = f"{d.date_year}-{d.date_month:02d}" if d.date_month else str(d.date_year)
    else:
        date = None
    effect = read_effect(text, d.type, d.date)
    doc = (
        key,
        d.ref,
        d.type,
        date,
        d.title,
        d.issuer_code,
        effect.start.isoformat() if effect.start else None,
        effect.end.isoformat() if effect.end else None,
        effect.evidence,
    )
    kept = sorted(
        (c for c in extracted.citations if not c.self_reference and (c.key or c.resolved_to)),
        key=lambda c: c.start,
    )
    mentions = [
        (
            seq,
            c.key or c.resolved_to,
            c.text,
            c.ref or c.name,
            c.type,
            c.family.value if c.family else None,
            c.date.isoformat() if c.date else None,
            c.date_text,
            int(c.date_valid),
            c.issuer,
            c.issuer_code,
            c.subject or c.name,  # a law's name is its title: "Luật <name> số …"
            c.pinpoint,
            c.start,
            c.end,
            c.line,
        )
        for seq, c in enumerate(kept)
    ]
    views = [Mention(c.start, c.end, c.type, c.pinpoint) for c in kept]
    relations = [
        (
            r.source,
            r.target,
            r.kind,
            r.confidence,
            r.phrase,
            None if r.kind == "cites" and not _keeps_in_force(r.evidence) else r.evidence,
            r.start,
            r.end,
        )
        for r in find_relations(text, views, acting_type=d.type)
        if not (r.kind == "cites" and r.source is not None)
    ]
    return (shown_path, sha1, len(text), doc, mentions, relations)


def _keeps_in_force(evidence: str | None) -> bool:
    """Whether a plain citation's sentence keeps the cited text in force up to a day ("…
    tiếp tục có hiệu lực thi hành đến ngày …"): its sentence is kept, since it dates the
    cited text's end."""
    if evidence is None or "hiệu lực" not in evidence:
        return False
    found = relation_effect(evidence)
    return found is not None and found.how == RelationDay.CONTINUES


def parse_one(job: tuple[str, str, str]) -> FileData | str:
    """Worker: read and parse one file. Returns its rows, or an error message."""
    from kb.parse.extract import extract_text

    path, shown, sha1 = job
    try:
        text = read_text(Path(path))
    except InputError as err:
        return str(err)
    return file_rows(extract_text(text, shown), text, shown, sha1)


def _hash(path: Path) -> str | None:
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _parse_all(
    jobs: list[tuple[str, str, str]], progress: Callable[[int], None]
) -> Iterable[FileData | str]:
    # on two worker processes (few files in-process), which end with a killed build
    for result in map_in_order(parse_one, jobs):
        yield result
        progress(1)


def build(store: Store, paths: Sequence[Path], *, show_progress: bool | None = None) -> BuildResult:
    """Bring the KB in ``store`` up to date with the files under ``paths``."""
    from kb.graph.derive import derive

    docs, facts_paths = iter_inputs(paths)
    result = BuildResult(files=len(docs))
    old = store.file_hashes()
    full = store.get_meta("fingerprint") != fingerprint()
    jobs: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for p in docs:
        shown = display_path(p, paths)
        seen.add(shown)
        sha1 = _hash(p)
        if sha1 is None:
            result.errors.append(f"{shown}: không đọc được tệp")
            continue
        if not full and old.get(shown) == sha1:
            result.unchanged += 1
        else:
            jobs.append((str(p), shown, sha1))
    removed = [p for p in old if p not in seen]
    if show_progress is None:
        show_progress = sys.stderr.isatty() and len(jobs) >= POOL_MIN_FILES
    facts_hash = _facts_hash(facts_paths)
    if not jobs and not removed and not full and store.get_meta("facts_hash") == facts_hash:
        return result  # nothing to do: the KB already says all this
    # One transaction from the first write to the last: the files are stored as they
    # come back from the workers, then everything is derived again.
    with store.transaction():
        store.delete_files(removed)
        if show_progress:
            import click

            with click.progressbar(length=len(jobs), label="kb build", file=sys.stderr) as bar:
                for item in _parse_all(jobs, bar.update):
                    _store(store, item, result)
        else:
            for item in _parse_all(jobs, lambda n: None):
                _store(store, item, result)
        store.set_meta("fingerprint", fingerprint())
        names = {p: display_path(p, paths) for p in facts_paths}
        store.set_meta("facts", "\n".join(f"{p.resolve()}\t{names[p]}" for p in facts_paths))
        store.set_meta("facts_hash", facts_hash)
        derive(store, facts_paths, names)
    result.removed = len(removed)
    return result


def stored_facts(store: Store) -> tuple[list[Path], dict[Path, str]]:
    """The facts files of the last build, and the name each is stored under."""
    paths: list[Path] = []
    names: dict[Path, str] = {}
    for line in (store.get_meta("facts") or "").splitlines():
        where, _, name = line.partition("\t")
        if where:
            paths.append(Path(where))
            names[Path(where)] = name or display_path(Path(where))
    return paths, names


def _facts_hash(paths: Sequence[Path]) -> str:
    h = hashlib.sha1()
    for p in paths:
        h.update(str(p.resolve()).encode())
        h.update((_hash(p) or "-").encode())
    return h.hexdigest()


def _store(store: Store, item: FileData | str, result: BuildResult) -> None:
    if isinstance(item, str):
        result.errors.append(item)
        return
    store.add_file(*item)
    result.parsed += 1


def add_extracted(
    store: Store, files: Iterable[tuple[ExtractedFile, str]], facts: Sequence[Path] = ()
) -> None:
    """Add already parsed files (with their texts) and re-derive, in one transaction."""
    from kb.graph.derive import derive

    with store.transaction():
        for extracted, text in files:
            sha1 = hashlib.sha1(text.encode("utf-8")).hexdigest()
            path, sha, chars, doc, mentions, relations = file_rows(
                extracted, text, extracted.path, sha1
            )
            store.add_file(path, sha, chars, doc, mentions, relations)
        derive(store, list(facts), {p: display_path(p, [p.parent]) for p in facts})
