"""Options of a check, read from ``[tool.citecheck]`` in the nearest ``pyproject.toml``
(which :mod:`kb.store.config` finds).

```toml
[tool.citecheck]
select = ["CC1", "date-mismatch"]     # codes, code prefixes or names; default: all
ignore = ["CC402"]
fail-on = "warning"                    # error | warning | info
lang = "en"                            # vi | en
db = "kb.sqlite"
[tool.citecheck.per-file-ignores]
"corpus/2024-*.txt" = ["section-numbering"]
```
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citecheck.rules import RULES, Rule, matches
from kb.store.config import ConfigError, is_dsn, tool_settings

__all__ = ["FAIL_ON", "ConfigError", "Options", "load_settings", "options_from_settings"]

FAIL_ON = ("error", "warning", "info")


@dataclass
class Options:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: str = "error"
    lang: str = "vi"
    db: str | None = None
    as_of: dt.date | None = None

    def rules(self) -> list[type[Rule]]:
        chosen = [r for r in RULES if not self.select or any(matches(r, t) for t in self.select)]
        return [r for r in chosen if not any(matches(r, t) for t in self.ignore)]

    def ignored_for(self, path: str) -> list[str]:
        out: list[str] = []
        p = Path(path).as_posix()
        for pattern, tokens in self.per_file_ignores.items():
            if (
                fnmatch.fnmatch(p, pattern)
                or fnmatch.fnmatch(Path(p).name, pattern)
                or p.endswith("/" + pattern.lstrip("./"))
            ):
                out.extend(tokens)
        return out


def _list(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"[tool.citecheck] {name} must be a list of strings")


def load_settings(start: Path | None = None) -> tuple[dict[str, Any], Path | None]:
    """The ``[tool.citecheck]`` table of the nearest pyproject.toml, and that file's path
    (found and read by :mod:`kb.store.config`, the one place that does)."""
    return tool_settings(start)


def options_from_settings(table: dict[str, Any], base: Path | None = None) -> Options:
    opts = Options()
    opts.select = _list(table.get("select"), "select")
    opts.ignore = _list(table.get("ignore"), "ignore")
    pfi = table.get("per-file-ignores", table.get("per_file_ignores", {}))
    if not isinstance(pfi, dict):
        raise ConfigError("[tool.citecheck] per-file-ignores must be a table")
    opts.per_file_ignores = {str(k): _list(v, f"per-file-ignores.{k}") for k, v in pfi.items()}
    fail_on = table.get("fail-on", table.get("fail_on", "error"))
    if fail_on not in FAIL_ON:
        raise ConfigError(f"[tool.citecheck] fail-on must be one of {', '.join(FAIL_ON)}")
    opts.fail_on = str(fail_on)
    lang = table.get("lang", "vi")
    if lang not in ("vi", "en"):
        raise ConfigError("[tool.citecheck] lang must be 'vi' or 'en'")
    opts.lang = str(lang)
    db = table.get("db")
    if db is not None and is_dsn(str(db)):
        opts.db = str(db)  # a PostgreSQL address, not a file
    elif db is not None:
        opts.db = str((base / db) if base is not None and not Path(db).is_absolute() else db)
    return opts
