"""Finding the files to check and reading their text.

``kb.readers`` reads every supported format (.txt, .md, .docx, .odt, .pdf, .doc) into a
text with a way to locate an offset in the file (paragraph, page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.models import Location
from kb.readers import ReadError, iter_input_paths, read_path


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


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the supported files under the directories named (READMEs left
    out), in a stable order."""
    for p in paths:
        path = Path(p)
        if not path.is_dir():
            yield path
            continue
        for x in iter_input_paths([path]):
            if not x.name.lower().startswith("readme."):
                yield x


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
    try:
        src = read_path(path)
    except ReadError as exc:  # a reader error is reported, never raised as a traceback
        vi = _without_path(exc.message or str(exc), path)
        en = _without_path(exc.message_en or vi, path)
        raise Unreadable(vi.splitlines()[0], en.splitlines()[0]) from exc
    except (OSError, ValueError) as exc:
        raise Unreadable(str(exc).splitlines()[0] or type(exc).__name__) from exc
    return Loaded(str(path), src.text, src.locate)
