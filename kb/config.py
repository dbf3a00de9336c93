"""Which KB file a command uses: ``--db``, else ``db`` under ``[tool.citecheck]`` in the
nearest ``pyproject.toml`` (relative to that file), else ``kb.sqlite`` here."""

from __future__ import annotations

import tomllib
from pathlib import Path

DEFAULT_DB = "kb.sqlite"


def find_pyproject(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def db_path(option: str | Path | None = None, cwd: Path | None = None) -> Path:
    if option:
        return Path(option)
    here = (cwd or Path.cwd()).resolve()
    pyproject = find_pyproject(here)
    if pyproject is not None:
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            data = {}
        configured = data.get("tool", {}).get("citecheck", {}).get("db")
        if configured:
            return pyproject.parent / configured
    return here / DEFAULT_DB
