"""Line and column of a character offset in a text.

Kept apart from the compiled modules of the parser (``kb.parse.native``): a checked
document keeps its ``LineIndex``, and documents checked on worker processes travel back to
the parent pickled, which a class compiled by mypyc does not allow."""

from __future__ import annotations

import bisect
import re


class LineIndex:
    """1-based line and column of a character offset.

    Texts without a carriage return are answered by counting line feeds (in C, from the last
    offset asked when offsets come in order); others by binary search over the line starts."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        if "\r" in text:
            self._starts = [0]
            self._starts.extend([m.end() for m in re.finditer(r"\r\n|\r|\n", text)])
        self._last = (0, 1, 0)  # (offset, line, line start) of the previous question

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is not None:
            i = bisect.bisect_right(self._starts, offset) - 1
            return i + 1, offset - self._starts[i] + 1
        t = self._text
        last_offset, line, line_start = self._last
        if offset < last_offset:
            last_offset, line, line_start = 0, 1, 0
        # only the stretch since the previous question is scanned: linear over a whole text
        nl = t.rfind("\n", last_offset, offset)
        if nl >= 0:
            line += t.count("\n", last_offset, offset)
            line_start = nl + 1
        self._last = (offset, line, line_start)
        return line, offset - line_start + 1
