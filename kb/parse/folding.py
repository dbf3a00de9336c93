"""Accent folding for matching: lowercase, no diacritics, Đ → d.

``fold`` (from ``kb.parse.textutil``) is for short strings: queries, subjects.
``fold_with_offsets`` folds a whole text and keeps a way back to the original offsets,
so phrase hits found in the folded text can be reported against the text as read.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

from kb.parse.textutil import fold

__all__ = ["fold", "fold_with_offsets", "original_offset"]

_D_VARIANTS = {"Đ": "d", "đ": "d", "Ð": "d", "ð": "d"}


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """One-to-one character map: each precomposed Latin letter to its bare lowercase base."""
    table: dict[int, str] = {}
    for cp in range(0x41, 0x2000):
        ch = chr(cp)
        if ch in _D_VARIANTS:
            table[cp] = _D_VARIANTS[ch]
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        if base.isascii() and base.isalpha():
            low = base.lower()
            if low != ch:
                table[cp] = low
    for cp in range(0x1E00, 0x1F00):  # Latin Extended Additional (ạ, ầ, ệ, ữ, …)
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base.isascii() and base.isalpha():
            table[cp] = base.lower()
    return table


_MARKS = re.compile("[\u0300-\u036f]")


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text`` keeping offsets.

    Returns the folded text and ``None`` when it has the same length as ``text`` (so
    offsets are shared); for texts with decomposed accents, whose combining marks are
    dropped, a sorted list of shifts to pass to ``original_offset``.
    """
    folded = text.translate(_table())
    if unicodedata.is_normalized("NFC", text) or not _MARKS.search(folded):
        return folded, None
    shifts = [m.start() - k for k, m in enumerate(_MARKS.finditer(folded))]
    return _MARKS.sub("", folded), shifts


def original_offset(shifts: list[int] | None, offset: int) -> int:
    """The offset in the original text of ``offset`` in the folded one."""
    if shifts is None:
        return offset
    return offset + bisect.bisect_right(shifts, offset)
