"""The command lines speak Vietnamese unless ``--lang en`` is given: help texts, usage lines
and click's own errors ("Invalid value for …", "Missing argument", "No such option").

click writes its sentences through ``gettext``; :func:`install` points those calls at the
catalogue ``kb/data/cli_vi.toml`` while one of our commands runs in Vietnamese, and leaves
them as they are otherwise (other click programs in the same process are not affected).
:class:`LangGroup` reads ``--lang`` from the arguments before click parses them, so that
``--help`` and parameter errors (which come before any command runs) follow it, and swaps
each command's help for its translation.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

import click

from kb.tables import load_table

LANG: ContextVar[str | None] = ContextVar("kb_cli_lang", default=None)
DEFAULT_LANG = "vi"
LANG_HELP = "Language of the output: vi (default) or en."
_CLICK_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "types",
    "termui",
    "utils",
)


@lru_cache(maxsize=1)
def _catalogue() -> tuple[dict[str, str], dict[tuple[str, str], tuple[str, str]], dict[str, str]]:
    data = load_table("kb", "cli_vi.toml")
    texts = {inspect.cleandoc(row["en"]): row["vi"] for row in data.get("text", [])}
    plurals = {
        (row["one"], row["many"]): (row["vi_one"], row["vi_many"]) for row in data.get("plural", [])
    }
    return texts, plurals, dict(data.get("metavar", {}))


def lang_from_args(args: Sequence[str], default: str = DEFAULT_LANG) -> str:
    """The value of ``--lang`` among ``args`` (``--lang en`` or ``--lang=en``)."""
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1] if args[i + 1] in ("vi", "en") else default
        if a.startswith("--lang="):
            value = a.split("=", 1)[1]
            return value if value in ("vi", "en") else default
    return default


def translate(text: str) -> str:
    """``text`` in the language of the command running (unchanged outside our commands)."""
    if LANG.get() != "vi":
        return text
    texts = _catalogue()[0]
    return texts.get(text) or texts.get(inspect.cleandoc(text), text)


def translate_plural(one: str, many: str, n: int) -> str:
    if LANG.get() == "vi":
        vi = _catalogue()[1].get((one, many))
        if vi is not None:
            return vi[0] if n == 1 else vi[1]
    return one if n == 1 else many


@lru_cache(maxsize=1)
def install() -> None:
    """Route click's ``gettext`` calls through :func:`translate` (once per process)."""
    import importlib

    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural  # type: ignore[attr-defined]


def localise(cmd: click.Command) -> click.Command:
    """Set ``cmd``'s help and its options' help in the running language (the English kept);
    give it a ``--lang`` option if it has none, so that ``--lang`` is accepted everywhere."""
    if not any(p.name == "lang" for p in cmd.params):
        cmd.params.append(
            click.Option(
                ["--lang"],
                type=click.Choice(["vi", "en"]),
                default=DEFAULT_LANG,
                expose_value=False,
                help=LANG_HELP,
            )
        )
    for p in cmd.params:
        if p.name == "lang" and isinstance(p, click.Option) and not p.help:
            p.help = LANG_HELP
    metavars = _catalogue()[2]
    vi = LANG.get() == "vi"
    cmd._help_option = None  # click keeps the --help option it made, in its language then
    for obj, attr in [(cmd, "help"), (cmd, "short_help"), *((p, "help") for p in cmd.params)]:
        original_attr = f"_en_{attr}"
        if not hasattr(obj, original_attr):
            setattr(obj, original_attr, getattr(obj, attr, None))
        english = getattr(obj, original_attr)
        if english:
            setattr(obj, attr, translate(english) if vi else english)
    if not hasattr(cmd, "_en_options_metavar"):
        cmd._en_options_metavar = cmd.options_metavar  # type: ignore[attr-defined]
    english_metavar = cmd._en_options_metavar  # type: ignore[attr-defined]
    cmd.options_metavar = metavars.get("options", english_metavar) if vi else english_metavar
    if isinstance(cmd, click.Group):
        if not hasattr(cmd, "_en_subcommand_metavar"):
            cmd._en_subcommand_metavar = cmd.subcommand_metavar  # type: ignore[attr-defined]
        english_sub = cmd._en_subcommand_metavar  # type: ignore[attr-defined]
        cmd.subcommand_metavar = metavars.get("subcommand", english_sub) if vi else english_sub
    return cmd


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Our commands run in ``lang`` inside this block."""
    install()
    token = LANG.set(lang)
    try:
        yield
    finally:
        LANG.reset(token)


class LangGroup(click.Group):
    """A group whose help, usage and errors follow ``--lang`` (Vietnamese by default)."""

    def default_lang(self, args: Sequence[str]) -> str:
        """The language when ``--lang`` is not given (a subclass may read a setting)."""
        return DEFAULT_LANG

    def main(self, args: Sequence[str] | None = None, *more: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        with speaking(lang_from_args(argv, self.default_lang(argv))):
            localise(self)
            for name in self.commands:
                localise(self.commands[name])
            return super().main(argv, *more, **kwargs)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None and LANG.get() is not None:
            localise(command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None:
                localise(command)
        super().format_commands(ctx, formatter)


def current_lang(default: str = DEFAULT_LANG) -> str:
    return LANG.get() or default
