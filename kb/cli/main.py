"""The ``kb`` command: extract citations, build and query the knowledge base."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from kb.cli.clilang import LangGroup, localise

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


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def extract(paths: tuple[Path, ...], fmt: str) -> None:
    """Extract the citations in PATHS (files or directories)."""
    from kb.cli.extracting import JSON_EMPTY, JSON_END, JSON_START, extract_one
    from kb.parse.pool import map_in_order
    from kb.readers import iter_input_paths

    jobs = [(str(path), fmt) for path in iter_input_paths(paths)]
    failed = False
    written = 0
    out = sys.stdout
    # Each file is read, parsed and rendered by a worker; its output is written as soon as
    # the files before it are, so nothing holds the whole run.
    for shown, error in map_in_order(extract_one, jobs):
        if error is not None:
            out.flush()
            click.echo(error, err=True)
            failed = True
        elif fmt == "text":
            click.echo(shown)
        else:
            out.write((",\n" if written else JSON_START) + shown)
            written += 1
    if fmt == "json":
        out.write(JSON_END if written else JSON_EMPTY)
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
