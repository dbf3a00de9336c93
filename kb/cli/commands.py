"""The KB commands of ``kb``: build, import, show, applies, graph, stats.

Each reads its flags, calls one library function, prints text (Vietnamese, or English
with ``--lang en``) or JSON, and exits 0 (done), 1 (nothing found) or 2 (usage error,
unreadable input, no KB).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kb.store.config import db_path

EXIT_OK, EXIT_NOT_FOUND, EXIT_ERROR = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])

MESSAGES = {
    "vi": {
        "no_kb": "chưa có cơ sở tri thức {db}: hãy chạy `kb build` trước",
        "not_found": "không có văn bản {ref} trong cơ sở tri thức",
        "ambiguous": "{ref} chỉ nhiều văn bản, hãy ghi rõ năm: {keys}",
        "built": "{db}: {files} tệp ({parsed} đọc lại, {unchanged} không đổi, {removed} bỏ đi); "
        "{documents} văn bản, {relations} quan hệ",
        "imported": "{db}: nhập {documents} văn bản, {relations} quan hệ từ {path}",
        "status": "Tình trạng ngày {on}: {label}",
        "replaced_by": "thay bằng",
        "relations": "Quan hệ",
        "mentions": "Được nhắc đến {n} lần",
        "variants": "cách ghi",
        "dates": "ngày",
        "disagree": "Khác với dữ liệu nhập",
        "no_results": "không tìm thấy văn bản nào về “{query}”",
        "replaces": "thay thế",
        "guided_by": "hướng dẫn",
        "implemented_by": "thực hiện",
        "results": "Văn bản điều chỉnh “{query}” ngày {on}",
        "group_in_force": "Đang có hiệu lực",
        "group_ended": "Không còn hiệu lực",
        "group_issued": "Văn bản chỉ ban hành (báo cáo, kế hoạch, công văn…)",
        "group_later": "Chưa ban hành hoặc chưa có hiệu lực vào ngày đó",
        "role_amends": "sửa đổi, bổ sung văn bản trên",
        "role_guides": "hướng dẫn văn bản trên",
        "role_implements": "thực hiện văn bản trên",
        "probably_by": "có thể đã bị thay thế bởi {ref} (suy luận, độ tin cậy {confidence:.2f})",
        "effective_from": "có hiệu lực từ {date}",
        "effective_to": "hết hiệu lực từ {date}",
        "effect_clause": "Căn cứ hiệu lực",
        "amended_by": "sửa đổi, bổ sung bởi",
    },
    "en": {
        "no_kb": "no knowledge base at {db}: run `kb build` first",
        "not_found": "no document {ref} in the knowledge base",
        "ambiguous": "{ref} names several documents, give the year: {keys}",
        "built": "{db}: {files} files ({parsed} parsed, {unchanged} unchanged, {removed} removed); "
        "{documents} documents, {relations} relations",
        "imported": "{db}: imported {documents} documents, {relations} relations from {path}",
        "status": "Status on {on}: {label}",
        "replaced_by": "replaced by",
        "relations": "Relations",
        "mentions": "Mentioned {n} times",
        "variants": "written as",
        "dates": "dates",
        "disagree": "Differs from imported data",
        "no_results": "no document about “{query}”",
        "replaces": "replaces",
        "guided_by": "guided by",
        "implemented_by": "implemented by",
        "results": "Documents governing “{query}” on {on}",
        "group_in_force": "In force",
        "group_ended": "No longer in force",
        "group_issued": "Issued only (reports, plans, letters…)",
        "group_later": "Not issued or not yet in force on that date",
        "role_amends": "amends the text above",
        "role_guides": "guides the text above",
        "role_implements": "implements the text above",
        "probably_by": "probably replaced by {ref} (inferred, confidence {confidence:.2f})",
        "effective_from": "in force from {date}",
        "effective_to": "no longer in force from {date}",
        "effect_clause": "Days in force read from",
        "amended_by": "amended by",
    },
}

KIND_LABELS = {
    "vi": {
        ("replaces", "out"): "thay thế",
        ("replaces", "in"): "bị thay thế bởi",
        ("repeals", "out"): "bãi bỏ",
        ("repeals", "in"): "bị bãi bỏ bởi",
        ("amends", "out"): "sửa đổi, bổ sung",
        ("amends", "in"): "được sửa đổi, bổ sung bởi",
        ("guides", "out"): "hướng dẫn",
        ("guides", "in"): "được hướng dẫn bởi",
        ("implements", "out"): "thực hiện",
        ("implements", "in"): "được thực hiện bởi",
        ("based_on", "out"): "căn cứ",
        ("based_on", "in"): "là căn cứ của",
        ("corrects", "out"): "đính chính",
        ("corrects", "in"): "được đính chính bởi",
        ("cites", "out"): "dẫn chiếu",
        ("cites", "in"): "được dẫn chiếu bởi",
    },
    "en": {
        ("replaces", "out"): "replaces",
        ("replaces", "in"): "replaced by",
        ("repeals", "out"): "repeals",
        ("repeals", "in"): "repealed by",
        ("amends", "out"): "amends",
        ("amends", "in"): "amended by",
        ("guides", "out"): "guides",
        ("guides", "in"): "guided by",
        ("implements", "out"): "implements",
        ("implements", "in"): "implemented by",
        ("based_on", "out"): "based on",
        ("based_on", "in"): "basis of",
        ("corrects", "out"): "corrects",
        ("corrects", "in"): "corrected by",
        ("cites", "out"): "cites",
        ("cites", "in"): "cited by",
    },
}


def msg(lang: str, name: str, **kw: Any) -> str:
    return MESSAGES.get(lang, MESSAGES["vi"])[name].format(**kw)


def vn_date(iso: str | None) -> str:
    """ISO date as written in Vietnamese documents: 27/02/2019, 01/7/2022."""
    if not iso:
        return "?"
    parts = iso.split("-")
    if len(parts) != 3:
        return iso
    y, m, d = (int(p) for p in parts)
    return f"{d:02d}/{m:02d}/{y}" if m < 3 else f"{d:02d}/{m}/{y}"


def db_option(f: F) -> F:
    return click.option(
        "--db",
        "db",
        type=click.Path(path_type=Path),
        default=None,
        help="KB file (default: [tool.citecheck] db in pyproject.toml, else kb.sqlite)",
    )(f)


def format_option(f: F) -> F:
    return click.option(
        "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
    )(f)


def lang_option(f: F) -> F:
    return click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)(
        f
    )


def on_option(f: F) -> F:
    return click.option(
        "--on",
        "on",
        type=click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"]),
        default=None,
        help="the date to answer for (default: today)",
    )(f)


def _open(db: Path | None, lang: str) -> Any:
    from kb.queries.knowledge_base import KnowledgeBase
    from kb.store.sqlite import StoreError

    path = db_path(db)
    if not path.is_file():
        click.echo(msg(lang, "no_kb", db=path), err=True)
        sys.exit(EXIT_ERROR)
    try:
        return KnowledgeBase.open(path)
    except StoreError as err:
        click.echo(str(err), err=True)
        sys.exit(EXIT_ERROR)


def _writable(path: Path) -> Any:
    from kb.store.sqlite import Store, StoreError

    try:
        return Store(path)
    except StoreError as err:
        click.echo(str(err), err=True)
        sys.exit(EXIT_ERROR)


def _day(on: dt.datetime | None) -> dt.date:
    return on.date() if on else dt.date.today()


def _json(model: Any) -> None:
    click.echo(model.model_dump_json(indent=2))


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@format_option
@lang_option
def build_cmd(paths: tuple[Path, ...], db: Path | None, fmt: str, lang: str) -> None:
    """Build or update the knowledge base from PATHS (files, directories, facts.toml)."""
    from kb.graph.curated import FactsError
    from kb.ingest.build import build
    from kb.records import BuildReport

    path = db_path(db)
    store = _writable(path)
    try:
        result = build(store, list(paths))
        report = BuildReport(
            db=str(path),
            files=result.files,
            parsed=result.parsed,
            unchanged=result.unchanged,
            removed=result.removed,
            errors=result.errors,
            documents=store.count("documents"),
            relations=store.count("relations"),
        )
    except FactsError as err:
        click.echo(str(err), err=True)
        sys.exit(EXIT_ERROR)
    finally:
        store.close()
    for error in result.errors:
        click.echo(error, err=True)
    if fmt == "json":
        _json(report)
    else:
        click.echo(msg(lang, "built", **report.model_dump(exclude={"errors"})))
    sys.exit(EXIT_ERROR if result.errors else EXIT_OK)


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@lang_option
def import_cmd(path: Path, db: Path | None, lang: str) -> None:
    """Import authoritative metadata (JSON Lines) into the knowledge base, kept apart."""
    from kb.ingest.importer import import_jsonl

    target = db_path(db)
    store = _writable(target)
    try:
        result = import_jsonl(store, path)
    finally:
        store.close()
    for line in result.skipped + result.errors:
        click.echo(line, err=True)
    click.echo(
        msg(
            lang,
            "imported",
            db=target,
            documents=result.documents,
            relations=result.relations,
            path=path,
        )
    )
    sys.exit(EXIT_ERROR if result.errors else EXIT_OK)


@click.command("show")
@click.argument("ref")
@on_option
@db_option
@format_option
@lang_option
def show_cmd(ref: str, on: dt.datetime | None, db: Path | None, fmt: str, lang: str) -> None:
    """Show a document: its record, mentions, relations and status on a date."""
    from kb.queries.knowledge_base import AmbiguousRef

    kb = _open(db, lang)
    try:
        result = kb.show(ref, _day(on), lang)
    except AmbiguousRef as err:
        click.echo(msg(lang, "ambiguous", ref=ref, keys=", ".join(err.candidates)), err=True)
        sys.exit(EXIT_NOT_FOUND)
    if result is None:
        click.echo(msg(lang, "not_found", ref=ref), err=True)
        sys.exit(EXIT_NOT_FOUND)
    if fmt == "json":
        _json(result)
        return
    from kb.cli.text_output import print_show

    print_show(result, lang)


@click.command("applies")
@click.argument("query")
@on_option
@click.option("--limit", type=click.IntRange(1, 200), default=10, show_default=True)
@db_option
@format_option
@lang_option
def applies_cmd(
    query: str, on: dt.datetime | None, limit: int, db: Path | None, fmt: str, lang: str
) -> None:
    """Which documents govern QUERY on a date: in force first, with what they replaced,
    what guides them and what implements them."""
    kb = _open(db, lang)
    result = kb.applies(query, _day(on), limit, lang)
    if fmt == "json":
        _json(result)
    else:
        from kb.cli.text_output import print_applies

        print_applies(result, lang)
    sys.exit(EXIT_OK if result.results else EXIT_NOT_FOUND)


@click.command("graph")
@click.option("--around", default=None, help="only the documents around this số hiệu")
@click.option("--depth", type=click.IntRange(0, 10), default=1, show_default=True)
@click.option("--kind", "kinds", multiple=True, help="only these relation kinds")
@on_option
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "dot", "graphml"]),
    default="json",
    show_default=True,
)
@lang_option
def graph_cmd(
    around: str | None,
    depth: int,
    kinds: tuple[str, ...],
    on: dt.datetime | None,
    db: Path | None,
    fmt: str,
    lang: str,
) -> None:
    """The relation graph, for a picture (dot) or another tool (graphml, node-link JSON)."""
    from kb.queries.graph_export import relation_graph, render
    from kb.queries.knowledge_base import AmbiguousRef

    kb = _open(db, lang)
    key = None
    if around is not None:
        try:
            key = kb.key(around)
        except AmbiguousRef as err:
            click.echo(msg(lang, "ambiguous", ref=around, keys=", ".join(err.candidates)), err=True)
            sys.exit(EXIT_NOT_FOUND)
        if key is None:
            click.echo(msg(lang, "not_found", ref=around), err=True)
            sys.exit(EXIT_NOT_FOUND)
    graph = relation_graph(kb.store, _day(on), key, depth, list(kinds) or None)
    click.echo(render(graph, fmt), nl=False)


@click.command("stats")
@db_option
@format_option
@lang_option
def stats_cmd(db: Path | None, fmt: str, lang: str) -> None:
    """Counts by type, issuer, relation and origin; unresolved and ambiguous mentions;
    cycles; disagreements with imported data."""
    kb = _open(db, lang)
    result = kb.stats()
    if fmt == "json":
        _json(result)
    else:
        from kb.cli.text_output import print_stats

        print_stats(result, lang)


COMMANDS: list[click.Command] = [build_cmd, import_cmd, show_cmd, applies_cmd, graph_cmd, stats_cmd]
