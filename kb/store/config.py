"""``[tool.citecheck]`` in the nearest ``pyproject.toml``: found and read here only.

Which KB file a command uses: ``--db``, else ``db`` under ``[tool.citecheck]`` in the
nearest ``pyproject.toml`` (relative to that file), else ``kb.sqlite`` in the working
directory. ``citecheck`` reads its own options (select, ignore, fail-on …) from the same
table, through :func:`tool_settings`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_DB", "ConfigError", "db_path", "find_pyproject", "tool_settings"]

DEFAULT_DB = "kb.sqlite"


class ConfigError(Exception):
    """A setting that cannot be used; the message is one line for the user."""


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def tool_settings(start: Path | None = None) -> tuple[dict[str, Any], Path | None]:
    """The ``[tool.citecheck]`` table of the nearest pyproject.toml, and that file's path
    (``{}, None`` when there is none); :class:`ConfigError` when it cannot be read."""
    path = find_pyproject(start)
    if path is None:
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    tool = data.get("tool", {})
    table = tool.get("citecheck", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.citecheck] must be a table")
    return table, path


def db_path(option: str | Path | None = None, cwd: Path | None = None) -> Path:
    """The KB file: ``option``, else the configured ``db``, else ``kb.sqlite`` here.

    A pyproject.toml that cannot be read is passed over: the default file is used."""
    if option:
        return Path(option)
    here = (cwd or Path.cwd()).resolve()
    try:
        table, pyproject = tool_settings(here)
    except ConfigError:
        table, pyproject = {}, None
    configured = table.get("db")
    if configured and pyproject is not None:
        return pyproject.parent / str(configured)
    return here / DEFAULT_DB
