"""What every reader returns: the text as read, and where each part of it sits in the file."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from kb.models import Location

# Limits that keep memory bounded whatever the input (bytes or characters).
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_PARAGRAPH_CHARS = 5 * 1024 * 1024


class ReadError(Exception):
    """A file that cannot be read, with one clear line for the user (Vietnamese and English)."""

    def __init__(self, path: str, message: str, message_en: str, code: str = "unreadable") -> None:
        super().__init__(message)  # str(err) is the message; err.text() adds the path
        self.path = path
        self.message = message
        self.message_en = message_en
        self.code = code

    def text(self, lang: str = "vi") -> str:
        """The one-line message, ``path: message``, in the asked language."""
        return f"{self.path}: {self.message_en if lang == 'en' else self.message}"


@dataclass(frozen=True)
class Segment:
    """A range ``[start, end)`` of the text that a person finds at ``location``."""

    start: int
    end: int
    location: Location


@dataclass(frozen=True)
class SourceText:
    """The text of a file exactly as the checker reads it, with its map back to the file.

    Offsets reported anywhere point into ``text``. ``segments`` are sorted and do not
    overlap; the characters between two segments are separators added by the reader
    (the ``"\\n"`` between two paragraphs). Plain-text files have no segments: a person
    finds a place in them by line and column.
    """

    path: str
    kind: str
    text: str
    segments: tuple[Segment, ...] = ()
    encoding: str | None = None
    notes: tuple[str, ...] = ()
    _starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.start for s in self.segments))

    def locate(self, offset: int) -> Location | None:
        """Where the character at ``offset`` sits, with ``offset`` made relative to its
        paragraph or page; ``None`` outside every segment (or for plain text)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        seg = self.segments[i]
        # A separator just after a segment still belongs to it (end of paragraph).
        if offset > seg.end:
            return None
        return seg.location.model_copy(update={"offset": offset - seg.start})


class TextBuilder:
    """Builds the text once, recording one segment per paragraph (or page)."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.segments: list[Segment] = []

    @property
    def length(self) -> int:
        return self._length

    def add(self, text: str, location: Location | None, separator: str = "\n") -> None:
        """Append ``text`` (after ``separator`` unless it is the first piece)."""
        if self._parts and separator:
            self._parts.append(separator)
            self._length += len(separator)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        if location is not None:
            self.segments.append(Segment(start, self._length, location))

    def build(
        self,
        path: str,
        kind: str,
        *,
        encoding: str | None = None,
        notes: Sequence[str] = (),
    ) -> SourceText:
        return SourceText(
            path=path,
            kind=kind,
            text="".join(self._parts),
            segments=tuple(self.segments),
            encoding=encoding,
            notes=tuple(notes),
        )
