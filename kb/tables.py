"""The data tables (TOML files shipped in ``kb/data`` and ``citecheck/data``), parsed once
per process and kept, parsed, for the next process.

Python's TOML parser is written in Python: the tables a command reads at its first text take
about 15 ms to parse, a tenth of a short command's start. The parsed form is written as JSON
(read by a C parser in about a tenth of that time) into ``kb-cache`` beside the interpreter
(``KB_CACHE_DIR`` to put it elsewhere), under the digest of the TOML bytes: an edited table
has a new digest and is parsed again, and a cache that cannot be written or read is simply
not used. TOML dates and times are kept as tagged strings and come back as the same objects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

CACHE_ENV = "KB_CACHE_DIR"
_TAG = "$toml"


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path(sys.prefix) / "kb-cache")


def load_table(package: str, name: str) -> dict[str, Any]:
    """The TOML file ``name`` of ``package``'s ``data`` folder, parsed."""
    raw = resources.files(package).joinpath("data", name).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()[:24]
    kept = cache_dir() / f"{package}-{Path(name).stem}-{digest}.json"
    try:
        data: dict[str, Any] = json.loads(kept.read_bytes(), object_hook=_decode)
        return data
    except (OSError, ValueError):
        pass
    data = tomllib.loads(raw.decode("utf-8"))
    _keep(kept, data)
    return data


def _keep(path: Path, data: dict[str, Any]) -> None:
    """Write the parsed table, whole or not at all (another process may read it meanwhile)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_text(json.dumps(data, ensure_ascii=False, default=_encode), "utf-8")
        os.replace(part, path)
    except OSError:
        pass


def _encode(value: object) -> dict[str, str]:
    if isinstance(value, dt.datetime):
        return {_TAG: "datetime", "value": value.isoformat()}
    if isinstance(value, dt.date):
        return {_TAG: "date", "value": value.isoformat()}
    if isinstance(value, dt.time):
        return {_TAG: "time", "value": value.isoformat()}
    raise TypeError(f"not a TOML value: {value!r}")


def _decode(obj: dict[str, Any]) -> Any:
    kind = obj.get(_TAG)
    if kind is None or len(obj) != 2:
        return obj
    value = obj["value"]
    if kind == "datetime":
        return dt.datetime.fromisoformat(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    return dt.time.fromisoformat(value)
