"""Accent folding for matching: lowercase, no diacritics, Đ → d.

``fold`` (from ``kb.textutil``) is for short strings: queries, subjects.
``fold_with_offsets`` folds a whole text and keeps a way back to the original offsets,
so phrase hits found in the folded text can be reported against the text as read.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from kb.textutil import fold

__all__ = ["fold", "fold_with_offsets"]

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


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) == "Mn"


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text`` keeping offsets.

    Returns the folded text and ``None`` when it has the same length as ``text`` (so
    offsets are shared), else a list mapping each folded index to its original index
    (only for texts with decomposed accents, where combining marks are dropped).
    """
    if unicodedata.is_normalized("NFC", text):
        return text.translate(_table()), None
    table = _table()
    out: list[str] = []
    back: list[int] = []
    for i, ch in enumerate(text):
        if _is_mark(ch):
            continue
        out.append(table.get(ord(ch), ch))
        back.append(i)
    back.append(len(text))
    return "".join(out), back
