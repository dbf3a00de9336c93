"""Small text helpers: folding for comparison, line/column of an offset, NFC with an offset map."""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
_STRIP_D = str.maketrans({"\u0110": "D", "\u0111": "d"})
_SPACES = re.compile(r"\s+")


def canon_letters(s: str) -> str:
    """Replace the look-alike eth (Ð, U+00D0) by the Vietnamese Đ (U+0110)."""
    return s.translate(_ETH)


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """NFC, Ð→Đ, lower case, accents removed, spaces collapsed: for accent-insensitive matching."""
    s = unicodedata.normalize("NFD", canon_letters(s))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.translate(_STRIP_D).lower()
    return _SPACES.sub(" ", s).strip()


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)+(?P<next>\S?)")


def crosses_paragraph(s: str) -> bool:
    """True when ``s`` runs over a paragraph break: an empty line not followed by a lower-case
    letter. PDF text puts an empty line after every printed line, so "Luật Cán \\n\\nbộ" is one
    name broken by the layout, while "…;\\n\\nQuyết định" starts a new paragraph."""
    for m in _PARAGRAPH_BREAK.finditer(s):
        nxt = m.group("next")
        if not nxt or not nxt.islower():
            return True
    return False


def squash_spaces(s: str) -> str:
    """Collapse runs of white space (line breaks included) to one space."""
    return _SPACES.sub(" ", s).strip()


class LineIndex:
    """1-based line and column of a character offset, by binary search over line starts."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", text))

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1


class NfcView:
    """The NFC form of a text with a map from its offsets back to the original.

    Most texts are already NFC and then the view is the text itself (no map).
    Decomposed texts (a combining accent after its base letter) are composed on a copy;
    ``to_original`` turns an offset in the copy into an offset in the text as read.
    """

    def __init__(self, text: str) -> None:
        self.original = text
        if unicodedata.is_normalized("NFC", text):
            self.text = text
            self._map: list[int] | None = None
            return
        out: list[str] = []
        offsets: list[int] = []
        i = 0
        n = len(text)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            composed = unicodedata.normalize("NFC", text[i:j])
            out.append(composed)
            offsets.extend([i] * len(composed))
            i = j
        offsets.append(n)
        self.text = "".join(out)
        self._map = offsets

    def to_original(self, offset: int) -> int:
        if self._map is None:
            return offset
        return self._map[offset]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        if self._map is None:
            return start, end
        o_start = self._map[start]
        # the end maps to the start of the next cluster, so the whole last cluster is included
        o_end = self._map[end] if end < len(self._map) else len(self.original)
        return o_start, o_end
