"""Sentences cut by a page head of the Công báo (the official gazette).

The heads themselves are masked into spaces before parsing (``kb.parse.textutil.mask_page_heads``);
this says where the text before a head ends and where it goes on, so that a date printed
after the head still belongs to the number before it."""

from __future__ import annotations

import bisect
import re

# the rule above the footnotes at the foot of a page (a line of spaces in the text), and the
# number of the first note after it
_RULE = "\n" + " " * 20
_FOOTNOTE = re.compile(r"\n[ \t\u00a0]{20,}\r?\n[ \t\u00a0]*\d{1,3}[ \t\u00a0]")
_FOOTNOTES_MAX = 1500
_HSPACES = frozenset(" \t\u00a0")
_BLANKS = frozenset(" \t\u00a0\r\n")


class PageHeads:
    """Where a sentence cut by a gazette page head goes on: for the place where the text before
    a head ends (the blank lines before it are masked with it), the end of the head. The text
    before the head ends before the page number of the next page when that is printed above
    its head ("90 \nCÔNG BÁO/…"), and before the footnotes at the foot of the page when there
    are some ("… 26/2016/TT-BLĐTBXH \n<rule>\n2 Điều này được sửa đổi … \n[head] ngày 01
    tháng 9 năm 2016"). The places are found once per text, head by head; a number is then
    looked up by where it ends."""

    __slots__ = ("goes_on", "starts")

    def __init__(self, t: str, heads: list[tuple[int, int]], starts: list[int]) -> None:
        self.starts = starts  # where each citation found starts, in order
        goes_on: dict[int, int] = {}
        for s, e in heads:
            goes_on.setdefault(_text_end_before(t, s), e)
            rule = t.rfind(_RULE, max(0, s - _FOOTNOTES_MAX), s)
            if rule >= 0 and _FOOTNOTE.match(t, rule, s):
                i = rule - 1 if t[rule - 1 : rule] == "\r" else rule
                while i > 0 and t[i - 1] in _HSPACES:
                    i -= 1
                goes_on.setdefault(i, e)
        self.goes_on = goes_on

    def after(self, t: str, pos: int) -> tuple[int, int] | None:
        """Where the text goes on after the page head when the text before it ends at ``pos``,
        and the bound of what is read there (the next citation found)."""
        e = self.goes_on.get(pos)
        if e is None:
            return None
        j = bisect.bisect_right(self.starts, e)
        return e, self.starts[j] if j < len(self.starts) else len(t)


def _text_end_before(t: str, s: int) -> int:
    """Where the text before a masked page head that starts at ``s`` ends: before a page
    number alone on the line above the head (at most four digits), then before white space."""
    i = s
    k = s
    while k > 0 and s - k < 4 and t[k - 1].isdigit():
        k -= 1
    if k < s and not (k > 0 and t[k - 1].isdigit()):
        j = k
        while j > 0 and t[j - 1] in _HSPACES:
            j -= 1
        if j > 0 and t[j - 1] == "\n":
            i = j
    while i > 0 and t[i - 1] in _BLANKS:
        i -= 1
    return i
