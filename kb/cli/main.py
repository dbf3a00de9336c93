"""The ``kb`` command: extract citations, build and query the knowledge base."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from kb.cli.clilang import LangGroup, localise
from kb.models import Citation, ExtractedFile, ExtractReport

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class _KbGroup(LangGroup):
    """The ``kb`` commands, and those other packages add through the ``kb.commands`` entry
    point (``citecheck`` adds ``serve``): looked up only when a name is not one of ours."""

    def _plugins(self) -> dict[str, Any]:
        from importlib.metadata import entry_points

        return {ep.name: ep for ep in entry_points(group="kb.commands")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._plugins()})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        plugin = self._plugins().get(cmd_name)
        if plugin is None:
            return None
        loaded = plugin.load()
        return localise(loaded) if isinstance(loaded, click.Command) else None


@click.group(cls=_KbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="citecheck")
def main() -> None:
    """Knowledge base of Vietnamese legal and administrative documents."""


def _format_citation(c: Citation) -> str:
    parts = [c.ref or c.name or "", c.type or ""]
    if c.date_text:
        parts.append(c.date_text if c.date_valid else f"{c.date_text} (ngày không hợp lệ)")
    if c.issuer:
        parts.append(f"của {c.issuer}")
    if c.self_reference:
        parts.append(f"→ chính văn bản này ({c.resolved_to or 'chưa rõ số hiệu'})")
    elif c.resolved_to:
        parts.append(f"→ {c.resolved_to}")
    elif c.unresolved_reason:
        parts.append(f"(chưa xác định: {c.unresolved_reason})")
    if c.anomalies:
        parts.append("[" + ", ".join(c.anomalies) + "]")
    where = c.location.label() if c.location and c.location.label() else f"{c.line}:{c.column}"
    return f"  {where}  " + "  ".join(p for p in parts if p)


def _print_text(result: ExtractedFile) -> None:
    d = result.document
    click.echo(click.style(result.path, bold=True))
    own = d.ref or ("(số để trống)" if d.number_blank else "(không có số)")
    when = d.date.isoformat() if d.date else (d.date_text or "(không có ngày)")
    click.echo(f"  văn bản: {d.type or '?'} {own}, {when}" + (f" — {d.title}" if d.title else ""))
    cites = [c for c in result.citations if not c.self_reference and c.resolved_to is None]
    click.echo(f"  {len(cites)} trích dẫn")
    for c in result.citations:
        click.echo(_format_citation(c))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def extract(paths: tuple[Path, ...], fmt: str) -> None:
    """Extract the citations in PATHS (files or directories)."""
    from kb.parse.extract import extract_file
    from kb.readers import ReadError, iter_input_paths

    results: list[ExtractedFile] = []
    failed = False
    for path in iter_input_paths(paths):
        try:
            result = extract_file(path)
        except ReadError as err:
            click.echo(f"{path}: {err}", err=True)
            failed = True
            continue
        if fmt == "text":
            _print_text(result)
        else:
            results.append(result)
    if fmt == "json":
        sys.stdout.write(ExtractReport(files=results).model_dump_json(indent=2) + "\n")
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


@main.command()
@click.argument("model", required=False, default="extract")
def schema(model: str) -> None:
    """Print the JSON schema of an output (extract, or another command's name)."""
    from kb.cli.schemas import SCHEMAS

    if model not in SCHEMAS:
        from kb.cli.clilang import current_lang
        from kb.cli.wording import msg

        names = ", ".join(sorted(SCHEMAS))
        raise click.UsageError(msg(current_lang(), "no_schema", model=model, names=names))
    click.echo(json.dumps(SCHEMAS[model].model_json_schema(), ensure_ascii=False, indent=2))


def _register_commands() -> None:
    from kb.cli.commands import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_register_commands()
