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

from kb.cli.wording import msg
from kb.store.config import db_path

EXIT_OK, EXIT_NOT_FOUND, EXIT_ERROR = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])


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
    if not query.strip():
        raise click.UsageError(msg(lang, "empty_query"))
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
