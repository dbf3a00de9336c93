"""``[tool.citecheck]`` in the nearest ``pyproject.toml``: found and read here only.

Which KB a command uses: ``--db``, else the ``CITECHECK_DB`` environment variable, else
``db`` under ``[tool.citecheck]`` in the nearest ``pyproject.toml`` (a file relative to
that file), else ``kb.sqlite`` in the working directory. A ``postgresql://`` address names
a KB in PostgreSQL; its password is never shown (:func:`redact`, :func:`scrub`). ``citecheck`` reads its own options (select, ignore, fail-on …) from the same
table, through :func:`tool_settings`.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

__all__ = [
    "DEFAULT_DB",
    "ENV_DB",
    "ConfigError",
    "db_path",
    "db_target",
    "find_pyproject",
    "is_dsn",
    "redact",
    "scrub",
    "shown",
    "tool_settings",
]

DEFAULT_DB = "kb.sqlite"
ENV_DB = "CITECHECK_DB"
DSN_SCHEMES = ("postgresql://", "postgres://")
HIDDEN = "***"


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


def is_dsn(target: str | Path | None) -> bool:
    """True for a PostgreSQL address (``postgresql://…``), false for a file."""
    return isinstance(target, str) and target.lower().startswith(DSN_SCHEMES)


def db_target(option: str | Path | None = None, cwd: Path | None = None) -> str | Path:
    """The KB a command uses: a ``postgresql://`` address (str), or a file (Path).

    ``option`` (``--db``), else ``CITECHECK_DB``, else ``db`` in ``[tool.citecheck]``, else
    ``kb.sqlite`` in the working directory."""
    for given in (option, os.environ.get(ENV_DB)):
        if given:
            return str(given) if is_dsn(str(given)) else Path(given)
    here = (cwd or Path.cwd()).resolve()
    try:
        table, _ = tool_settings(here)
    except ConfigError:
        table = {}
    configured = table.get("db")
    if configured and is_dsn(str(configured)):
        return str(configured)
    return db_path(None, cwd)


def _passwords(dsn: str) -> list[str]:
    found: list[str] = []
    try:
        parts = urlsplit(dsn)
        if parts.password:
            found += [parts.password, unquote(parts.password)]
    except ValueError:
        pass
    for m in re.finditer(r"(?:^|[?&\s])password=([^&\s]*)", dsn):
        found += [m.group(1), unquote(m.group(1))]
    return sorted({p for p in found if p}, key=len, reverse=True)


def redact(dsn: str) -> str:
    """The address with its password (in the user part or as ``password=``) hidden."""
    if not is_dsn(dsn):
        return dsn
    try:
        parts = urlsplit(dsn)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, host = netloc.rsplit("@", 1)
            if ":" in userinfo:
                netloc = f"{userinfo.split(':', 1)[0]}:{HIDDEN}@{host}"
        query = re.sub(r"(^|&)password=[^&]*", rf"\1password={HIDDEN}", parts.query)
        out = urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return f"{dsn.split('://', 1)[0]}://{HIDDEN}"
    return out


def scrub(text: str, dsn: str) -> str:
    """``text`` (an error message, a log line) with every password of ``dsn`` hidden."""
    for secret in _passwords(dsn):
        text = text.replace(secret, HIDDEN)
    return text


def shown(target: str | Path) -> str:
    """A KB as it may be printed: the file, or the address without its password."""
    return redact(target) if isinstance(target, str) else str(target)
