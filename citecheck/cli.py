"""``citecheck PATH...`` checks documents; ``citecheck rule NAME|CODE`` explains a rule.

Exit status: 0 when nothing is at or above ``--fail-on``, 1 when something is, 2 for a
usage error or an unreadable input (one line on stderr per unreadable file; the other files
are still checked).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from kb.cli.clilang import LangGroup, current_lang

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

FORMATS = ("text", "json", "sarif", "github", "authorities", "html")


def _say(key: str, lang: str | None = None, **params: Any) -> str:
    """A sentence of the command line in ``lang``, else the language it runs in (``--lang``)."""
    from citecheck.messages import message

    return message("cli", key, lang or current_lang(), **params)


class _DefaultGroup(LangGroup):
    """A group whose default command is ``check``: ``citecheck a.txt`` = ``citecheck check a.txt``."""

    def default_lang(self, args: Sequence[str]) -> str:
        """``lang`` of ``[tool.citecheck]`` (unless ``--no-config``), else Vietnamese."""
        if "--no-config" in args:
            return "vi"
        from kb.store.config import ConfigError, tool_settings  # light: no rules imported

        try:
            table, _ = tool_settings(Path.cwd())
        except (ConfigError, OSError):
            return "vi"
        lang = table.get("lang")
        return lang if lang in ("vi", "en") else "vi"

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
    raise click.BadParameter(_say("bad_date", value=value), param_hint="'--as-of'")


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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--select", multiple=True, help="Only these rules: code, code prefix or name.")
@click.option("--ignore", multiple=True, help="Skip these rules: code, code prefix or name.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Exit 1 when a finding is at or above this severity.",
)
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default=None,
    help="Language of the output: vi (default) or en.",
)
@click.option(
    "--db",
    type=str,
    default=None,
    help="A KB built by `kb build`: a file, or postgresql://user@host:port/dbname.",
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
    db: str | None,
    as_of: str | None,
    annotate: Path | None,
    no_config: bool,
) -> None:
    """Check PATH... (files, or directories checked together as one corpus)."""
    from citecheck.config import ConfigError, load_settings, options_from_settings
    from citecheck.engine import check_paths
    from citecheck.messages import message
    from citecheck.reporters import REPORTERS, RenderOptions
    from kb.store.config import is_dsn

    if annotate is not None:
        docx = [p for p in paths if p.suffix.lower() == ".docx"]
        if len(docx) != 1:
            raise click.UsageError(_say("annotate_one_docx"))
    try:
        table, pyproject = ({}, None) if no_config else load_settings(Path.cwd())
        options = options_from_settings(table, pyproject.parent if pyproject else None)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    if options.db and not is_dsn(options.db) and not Path(options.db).is_file():
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
        raise click.UsageError(_say("unknown_rule", options.lang, names=", ".join(unknown)))

    try:
        outcome = check_paths(list(paths), options)
    except ConfigError as exc:
        says = getattr(exc, "says", None)
        raise click.UsageError(says(options.lang) if says else str(exc)) from exc
    for note in outcome.notes:
        click.echo(note, err=True)
    for path, reason in outcome.unreadable:
        click.echo(
            message("report", "unreadable", options.lang, path=path, reason=reason), err=True
        )

    sources = {d.path: d for d in outcome.documents}
    render = RenderOptions(
        lang=options.lang,
        color=fmt == "text" and sys.stdout.isatty(),
        statistics=statistics,
        unreadable=outcome.unreadable,
    )
    nothing_read = not outcome.documents and bool(outcome.unreadable)
    # when nothing could be read there is no report to give in text ("0 tệp: …" would read
    # as a clean result); the machine formats still say what could not be read
    if not (nothing_read and fmt in ("text", "github", "authorities")):
        written = False
        for chunk in REPORTERS[fmt]().chunks(outcome.report, sources, render):
            if chunk:
                click.echo(chunk, nl=False)
                written = True
        if written:
            click.echo("")
    if annotate is not None:
        _annotate(paths, annotate, outcome.report.all_findings(), options.lang)

    if outcome.unreadable:
        sys.exit(EXIT_ERROR)
    from citecheck.models import SEVERITY_RANK

    threshold = SEVERITY_RANK[options.fail_on]
    failing = [f for f in outcome.report.all_findings() if SEVERITY_RANK[f.severity] >= threshold]
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def _known_token(token: str) -> bool:
    from citecheck.rules import RULES, matches

    return any(matches(r, token) for r in RULES)


def _annotate(paths: tuple[Path, ...], out: Path, findings: list[Any], lang: str) -> None:
    """Write a copy of the one .docx input with each finding as a Word comment."""
    docx = [p for p in paths if p.suffix.lower() == ".docx" and p.is_file()]
    if len(docx) != 1:
        raise click.UsageError(_say("annotate_one_docx"))
    from citecheck.annotate import annotate_file

    src = str(docx[0])
    try:
        annotate_file(docx[0], out, [f for f in findings if f.path == src], lang)
    except (OSError, ValueError) as exc:
        raise click.UsageError(_say("annotate_failed", reason=exc)) from exc


@main.command("rule")
@click.argument("name", required=False)
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    help="Language of the output: vi (default) or en.",
)
def rule_cmd(name: str | None, lang: str) -> None:
    """Explain the rule NAME or CODE (list every rule without an argument)."""
    from citecheck.ruledocs import SEVERITY_VI, render_rule, summary
    from citecheck.rules import RULES, find_rule

    if name is None:
        for r in RULES:
            severity = SEVERITY_VI[r.severity] if lang == "vi" else r.severity
            click.echo(f"{r.code}  {r.name:<22} {severity:<9} {summary(r, lang)}")
        return
    rule = find_rule(name)
    if rule is None:
        raise click.UsageError(_say("unknown_rule", names=name))
    click.echo(render_rule(rule, lang))


def _register_serve() -> None:
    from citecheck.web.command import serve

    main.add_command(serve, "serve")


_register_serve()


if __name__ == "__main__":  # pragma: no cover
    main()
