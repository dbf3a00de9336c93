"""Reading input files into text (plain text only in this first version)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.models import Location

SUPPORTED_SUFFIXES = (".txt", ".md")


class ReadError(Exception):
    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class SourceText:
    path: str
    kind: str
    text: str

    def locate(self, offset: int) -> Location | None:
        return None


def read_path(path: Path) -> SourceText:
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as err:
        raise ReadError(path, f"không đọc được tệp: {err.strerror}") from err
    except UnicodeDecodeError as err:
        raise ReadError(path, "tệp không phải văn bản UTF-8") from err
    return SourceText(str(path), "txt", text)


def iter_input_paths(paths: Iterable[Path]) -> Iterator[Path]:
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if (
                    f.is_file()
                    and f.suffix.lower() in SUPPORTED_SUFFIXES
                    and not f.name.startswith(".")
                ):
                    yield f
        else:
            yield p
