"""Finding the files to check and reading their text.

``kb.readers`` reads every supported format (.txt, .md, .docx, .odt, .pdf) into a text with
a way to locate an offset in the file (paragraph, page). When that module is not installed,
plain-text files are still read, as UTF-8, with offsets counting every character as written.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.models import Location

TEXT_SUFFIXES = (".txt", ".md", ".text")


class Unreadable(Exception):
    """A file that cannot be read; the message is one line for the user (vi, and en)."""

    def __init__(self, reason: str, reason_en: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_en = reason_en or reason

    def says(self, lang: str) -> str:
        return self.reason_en if lang == "en" else self.reason


@dataclass
class Loaded:
    path: str
    text: str
    locate: Callable[[int], Location | None] | None = None


def _readers() -> Any | None:
    try:
        return importlib.import_module("kb.readers")
    except ImportError:
        return None


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the supported files under the directories named, in a stable order."""
    readers = _readers()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            if readers is not None and hasattr(readers, "iter_input_paths"):
                for x in readers.iter_input_paths([path]):
                    if not Path(x).name.lower().startswith("readme."):
                        yield Path(x)
                continue
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(TEXT_SUFFIXES) and not name.lower().startswith(
                        "readme."
                    ):
                        yield Path(root) / name
        else:
            yield path


def _without_path(message: str, path: Path) -> str:
    """The reason alone: the CLI prints the path in front of it."""
    for prefix in (f"{path}: ", f"{path.name}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def load(path: Path) -> Loaded:
    """Read one file; raise :class:`Unreadable` with a clear reason."""
    if not path.exists():
        raise Unreadable("không có tệp này", "no such file")
    if path.is_dir():
        raise Unreadable("là một thư mục", "is a directory")
    readers = _readers()
    if readers is not None and hasattr(readers, "read_path"):
        err = getattr(readers, "ReadError", None)
        try:
            src = readers.read_path(path)
        except Exception as exc:  # a reader error is reported, never raised as a traceback
            if err is not None and isinstance(exc, err):
                vi = _without_path(getattr(exc, "message", None) or str(exc), path)
                en = _without_path(getattr(exc, "message_en", None) or vi, path)
                raise Unreadable(vi.splitlines()[0], en.splitlines()[0]) from exc
            if isinstance(exc, OSError | ValueError):
                raise Unreadable(str(exc).splitlines()[0] or type(exc).__name__) from exc
            raise
        locate = getattr(src, "locate", None)
        return Loaded(str(path), src.text, locate)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        kind = path.suffix or "(none)"
        raise Unreadable(f"không hỗ trợ loại tệp {kind}", f"unsupported file type {kind}")
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return Loaded(str(path), fh.read())
    except UnicodeDecodeError as exc:
        raise Unreadable(
            f"không phải văn bản UTF-8 (byte {exc.start})",
            f"not UTF-8 text ({exc.reason} at byte {exc.start})",
        ) from exc
    except OSError as exc:
        raise Unreadable(exc.strerror or str(exc)) from exc
