"""``citecheck PATH...`` checks documents; ``citecheck rule NAME|CODE`` explains a rule.

Exit status: 0 when nothing is at or above ``--fail-on``, 1 when something is, 2 for a
usage error or an unreadable input (one line on stderr per unreadable file; the other files
are still checked).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

FORMATS = ("text", "json", "sarif", "github", "authorities", "html")


class _DefaultGroup(click.Group):
    """A group whose default command is ``check``: ``citecheck a.txt`` = ``citecheck check a.txt``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] in ("--help", "-h", "--version"):
            return super().parse_args(ctx, args)
        if not args or args[0] not in self.commands:
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _split(values: tuple[str, ...]) -> list[str]:
    return [t.strip() for v in values for t in v.split(",") if t.strip()]


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise click.BadParameter(f"{value!r}: use YYYY-MM-DD or DD/MM/YYYY", param_hint="--as-of")


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="citecheck", prog_name="citecheck")
def main() -> None:
    """Check the citations, dates, numbers and headings of Vietnamese documents.

    \b
    citecheck PATH...          check files, or directories as one corpus
    citecheck rule NAME|CODE   explain a rule (citecheck rule: list them all)
    citecheck serve            the web application (also `kb serve`)
    """


@main.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--select", multiple=True, help="Only these rules: code, code prefix or name.")
@click.option("--ignore", multiple=True, help="Skip these rules: code, code prefix or name.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None)
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None)
@click.option(
    "--db", type=click.Path(path_type=Path), default=None, help="A KB built by `kb build`."
)
@click.option("--as-of", "as_of", default=None, help="Judge every document at this date.")
@click.option(
    "--annotate",
    type=click.Path(path_type=Path),
    default=None,
    help="Write OUT.docx with the findings as comments.",
)
@click.option("--no-config", is_flag=True, help="Ignore [tool.citecheck] in pyproject.toml.")
def check_cmd(
    paths: tuple[Path, ...],
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    statistics: bool,
    lang: str | None,
    db: Path | None,
    as_of: str | None,
    annotate: Path | None,
    no_config: bool,
) -> None:
    """Check PATH... (files, or directories checked together as one corpus)."""
    from citecheck.config import ConfigError, load_settings, options_from_settings
    from citecheck.engine import check_paths
    from citecheck.messages import message
    from citecheck.reporters import REPORTERS, RenderOptions

    try:
        table, pyproject = ({}, None) if no_config else load_settings(Path.cwd())
        options = options_from_settings(table, pyproject.parent if pyproject else None)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    if options.db and not Path(options.db).is_file():
        options.db = None  # the configured default KB is used only when it has been built
    if select:
        options.select = _split(select)
    if ignore:
        options.ignore = [*options.ignore, *_split(ignore)]
    if fail_on:
        options.fail_on = fail_on
    if lang:
        options.lang = lang
    if db is not None:
        options.db = str(db)
    options.as_of = _parse_date(as_of)
    unknown = [t for t in [*options.select, *options.ignore] if not _known_token(t)]
    if unknown:
        raise click.UsageError(f"unknown rule: {', '.join(unknown)} (see `citecheck rule`)")

    try:
        outcome = check_paths(list(paths), options)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    for note in outcome.notes:
        click.echo(note, err=True)
    for path, reason in outcome.unreadable:
        click.echo(
            message("report", "unreadable", options.lang, path=path, reason=reason), err=True
        )

    sources = {d.path: d for d in outcome.documents}
    render = RenderOptions(
        lang=options.lang, color=fmt == "text" and sys.stdout.isatty(), statistics=statistics
    )
    written = False
    for chunk in REPORTERS[fmt]().chunks(outcome.report, sources, render):
        if chunk:
            click.echo(chunk, nl=False)
            written = True
    if written:
        click.echo("")
    if annotate is not None:
        _annotate(paths, annotate, outcome.report.all_findings())

    if outcome.unreadable:
        sys.exit(EXIT_ERROR)
    from citecheck.models import SEVERITY_RANK

    threshold = SEVERITY_RANK[options.fail_on]
    failing = [f for f in outcome.report.all_findings() if SEVERITY_RANK[f.severity] >= threshold]
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def _known_token(token: str) -> bool:
    from citecheck.rules import RULES, matches

    return any(matches(r, token) for r in RULES)


def _annotate(paths: tuple[Path, ...], out: Path, findings: list[Any]) -> None:
    """Write a copy of the one .docx input with each finding as a Word comment."""
    docx = [p for p in paths if p.suffix.lower() == ".docx" and p.is_file()]
    if len(docx) != 1:
        raise click.UsageError("--annotate needs exactly one .docx input")
    from citecheck.annotate import annotate_file

    src = str(docx[0])
    try:
        annotate_file(docx[0], out, [f for f in findings if f.path == src])
    except (OSError, ValueError) as exc:
        raise click.UsageError(f"--annotate: {exc}") from exc


@main.command("rule")
@click.argument("name", required=False)
def rule_cmd(name: str | None) -> None:
    """Explain the rule NAME or CODE (list every rule without an argument)."""
    from citecheck.ruledocs import render_rule
    from citecheck.rules import RULES, find_rule

    if name is None:
        for r in RULES:
            click.echo(f"{r.code}  {r.name:<22} {r.severity:<8} {r.summary()}")
        return
    rule = find_rule(name)
    if rule is None:
        raise click.UsageError(f"unknown rule: {name} (see `citecheck rule`)")
    click.echo(render_rule(rule))


def _register_serve() -> None:
    from citecheck.web.command import serve

    main.add_command(serve, "serve")


_register_serve()


if __name__ == "__main__":  # pragma: no cover
    main()
