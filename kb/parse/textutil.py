"""Small text helpers: folding for comparison, line/column of an offset, NFC with an offset map."""

from __future__ import annotations

import bisect
import itertools
import operator
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


# the running head of a Công báo page ("CÔNG BÁO/Số 342/Ngày 21-06-2026", or "Số 1163 + 1164"),
# the page number on the line after it, and the blank lines after them
_PAGE_HEAD = re.compile(
    r"CÔNG BÁO/Số [\d +]{1,20}/Ngày \d{1,2}-\d{1,2}-\d{4}"
    r"[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*\d{1,4}[ \t\u00a0]*(?=\r?\n))?(?:[ \t\u00a0]*\r?\n)*"
)
_BLANK = " \t\u00a0\r\n"


def mask_page_heads(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    """The text with every gazette page head (and the page number and blank lines around it)
    turned into spaces of the same length, so that a citation cut by a page break reads as one
    and offsets stay those of the text. The stretches masked are added to ``spans``, in order,
    when it is given."""
    if not _holds_page_head(text):
        return text
    parts: list[str] = []
    last = 0
    for m in _PAGE_HEAD.finditer(text):
        before = text[last : m.start()].rstrip(_BLANK)  # the blank lines before the head
        s = last + len(before)
        parts.append(before)
        parts.append(" " * (m.end() - s))
        if spans is not None:
            spans.append((s, m.end()))
        last = m.end()
    parts.append(text[last:])
    return "".join(parts)


def _holds_page_head(text: str) -> bool:
    """Whether ``text`` holds "CÔNG BÁO/Số", looked for from each "Ô": few texts hold that
    letter at all, and a text is searched for one character many times faster than for a
    word (a tenth of the time, over the bench corpus)."""
    i = text.find("Ô")
    while i >= 0:
        if i >= 1 and text.startswith("CÔNG BÁO/Số", i - 1):
            return True
        i = text.find("Ô", i + 1)
    return False


def one_space(s: str) -> str:
    """``s`` with every run of white space turned into one space, as ``re.sub(r"\\s+", " ", s)``
    gives it, but without a regex (cheaper on the short strings of a citation)."""
    if not s or (s.isprintable() and "  " not in s):
        return s  # printable: its only white space is " " (the usual case, checked in C)
    joined = " ".join(s.split())
    if not joined:
        return " "
    if s[0].isspace():
        joined = " " + joined
    if s[-1].isspace():
        joined += " "
    return joined


def squash_spaces(s: str) -> str:
    """Collapse runs of white space (line breaks included) to one space."""
    return _SPACES.sub(" ", s).strip()


_MARKS = "\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# blocks that hold characters NFC replaces on their own (Ω OHM SIGN → Ω, Å ANGSTROM SIGN → Å …)
_SINGLETON_BLOCKS = ((0x0340, 0x0390), (0x1F00, 0x2000), (0x2000, 0x2400), (0xF900, 0xFB00))


@lru_cache(maxsize=1)
def _cluster_re() -> re.Pattern[str]:
    """A run of combining marks (composed with the base character before it), or a character
    NFC replaces alone: the places where NFC changes a text. Built on the first decomposed
    text, not at import."""
    return re.compile(_cluster_pattern(_singletons()))


def _singletons() -> str:
    """The characters of ``_SINGLETON_BLOCKS`` that NFC replaces, escaped for a class."""
    return "".join(
        re.escape(chr(cp))
        for lo, hi in _SINGLETON_BLOCKS
        for cp in range(lo, hi)
        if unicodedata.normalize("NFC", chr(cp)) != chr(cp)
    )


def _cluster_pattern(singles: str) -> str:
    """``[marks]+|[singles]`` written to start with one character class, which the scan skips
    ahead on (an alternation is tried at every character): a mark takes the marks after it."""
    return rf"[{_MARKS}{singles}](?:(?<=[{_MARKS}])[{_MARKS}]*)?"


# The accents of decomposed Vietnamese (dot below, hook, tilde, grave, acute). The first three
# are found by ``memchr`` on their low byte; the last two are looked for last, as NFC texts
# are searched for all five (see ``_may_be_decomposed``).
_COMMON_MARKS = ("\u0323", "\u0309", "\u0303", "\u0300", "\u0301")


def _may_be_decomposed(text: str) -> bool:
    """True when ``text`` holds one of the common Vietnamese accents as a combining mark.

    ``in`` looks for a character of a two-byte string by ``memchr`` on its low byte. For
    U+0301 that byte is the high byte of ă, đ, ơ and ư, so each of them is a false start and
    the search is slower than ``count``'s plain loop; U+0300 (low byte 0) is a plain loop
    either way."""
    return any(mark in text for mark in _COMMON_MARKS[:4]) or text.count("\u0301") > 0


@lru_cache(maxsize=1)
def _cluster_split_re() -> re.Pattern[str]:
    """``_cluster_re`` in a group, so that ``split`` keeps the clusters between the pieces."""
    return re.compile(f"({_cluster_re().pattern})")


# Characters that are stable under NFC: they and the first character of their decomposition
# have combining class 0 and are never the second of a composition pair, and NFC leaves them.
# NFC never joins or reorders anything across such a character, so a text is the sequence of
# the NFC forms of its pieces cut before each of them. Latin with its Vietnamese letters,
# Greek and Cyrillic letters, punctuation, symbols and private use; no mark or singleton of
# ``_cluster_re`` is among them (the tests check all of it against ``unicodedata``).
_STABLE_RANGES = (
    (0x0000, 0x02FF),
    (0x0375, 0x037D),
    (0x037F, 0x0386),
    (0x0388, 0x0482),
    (0x0488, 0x052F),
    (0x1E00, 0x1EFF),
    (0x2002, 0x20CF),
    (0x2100, 0x2125),
    (0x2127, 0x2129),
    (0x212C, 0x2328),
    (0x232B, 0x27FF),
    (0xE000, 0xF8FF),
)


@lru_cache(maxsize=1)
def _unstable_split_re() -> re.Pattern[str]:
    """A run of marks, or any one character outside ``_STABLE_RANGES``, in a group for
    ``split``. On a text whose only such characters are marks after a base character it
    cuts where ``_cluster_split_re`` cuts."""
    stable = "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _STABLE_RANGES)
    return re.compile(f"([^{stable}](?:(?<=[{_MARKS}])[{_MARKS}]*)?)")


_MARK = re.compile(f"[{_MARKS}]")


class _ComposedClusters(dict[str, str]):
    """The NFC of a base character and the marks after it, by the pair as written.

    A decomposed text repeats a few such clusters (a vowel and its accents) thousands of
    times, so each is normalized once. The value is "" when the cluster's second character
    is not a combining mark (a singleton such as OHM SIGN, a mark of class 0, or a character
    ``_unstable_split_re`` cut out alone): the split then does not line up with the clusters
    the marks make."""

    def __missing__(self, cluster: str) -> str:
        if len(self) >= 4096:  # a text of many scripts must not grow the table without end
            self.clear()
        mark = cluster[1]
        composed = (
            unicodedata.normalize("NFC", cluster)
            if _MARK.match(mark) and unicodedata.combining(mark)
            else ""
        )
        self[cluster] = composed
        return composed


_COMPOSED = _ComposedClusters()
_ALL_BUT_LAST = slice(None, -1)


def _compose_split(parts: list[str]) -> tuple[list[str], list[str]] | None:
    """The pieces of the composed copy and the clusters as written, from the split of a text
    (plain piece, cut-out piece, plain piece …); None when a cut-out piece is not a run of
    combining marks right after a base character. ``parts`` is reused for the pieces."""
    heads = parts[0:-1:2]
    if "" in heads:
        return None
    # a cluster's base is the last character of the piece before it
    clusters = list(map(operator.add, map(operator.itemgetter(-1), heads), parts[1::2]))
    composed = list(map(_COMPOSED.__getitem__, clusters))
    if "" in composed:
        return None
    parts[0:-1:2] = map(operator.getitem, heads, itertools.repeat(_ALL_BUT_LAST))
    parts[1::2] = composed
    return parts, clusters


class NfcView:
    """The NFC form of a text with a map from its offsets back to the original.

    Most texts are already NFC and then the view is the text itself (no map).
    Decomposed texts (a combining accent after its base letter) are composed on a copy;
    ``to_original`` turns an offset in the copy into an offset in the text as read. The map
    keeps one entry per composed cluster, not per character.
    """

    def __init__(self, text: str) -> None:
        self.original = text
        self._vstarts: list[int] | None = None
        self.text = text
        # A decomposed text is composed straight away: asking first whether it is NFC costs a
        # whole normalization of it. The composed copy tells the same (``_compose_clusters``).
        if not _may_be_decomposed(text) and unicodedata.is_normalized("NFC", text):
            return
        if not self._compose_clusters(text) and not unicodedata.is_normalized("NFC", text):
            self._compose_every_character(text)

    def _compose_clusters(self, text: str) -> bool:
        """Compose each cluster (a base character and its marks, or a singleton) on its own;
        False when the copy is still not NFC.

        The text is split around its clusters, and the copy and the map are built from the
        pieces by whole-list operations; only distinct clusters are normalized one by one.
        The first split cuts at every character outside ``_STABLE_RANGES``: when all of them
        are marks after a base, the copy is NFC without a check of its own. Otherwise the
        text is cut at its clusters only and the copy checked. A text where a cluster has no
        base (marks at the start, after a singleton, or starting with a mark of class 0)
        goes through ``_compose_cluster_by_cluster``, which says the same for every text."""
        split = _compose_split(_unstable_split_re().split(text))
        if split is not None:
            # every character outside the clusters is stable: the copy is the text's NFC
            pieces, clusters = split
            view = "".join(pieces)
        else:
            split = _compose_split(_cluster_split_re().split(text))
            if split is None:
                return self._compose_cluster_by_cluster(text)
            pieces, clusters = split
            view = "".join(pieces)
            if not unicodedata.is_normalized("NFC", view):
                return False
        # the copy is canonically equivalent to the text and NFC, so it is the text's NFC: the
        # text is NFC exactly when the copy is the text, and then no map is needed
        if view == text:
            return True
        self.text = view
        lengths = list(map(len, pieces))
        del lengths[-1]  # where the last piece starts is all the map needs of it
        self._vstarts = list(itertools.accumulate(lengths, initial=0))
        lengths[1::2] = map(len, clusters)
        self._ostarts = list(itertools.accumulate(lengths, initial=0))
        self._folded = [False, *[True, False] * len(clusters)]
        return True

    def _compose_cluster_by_cluster(self, text: str) -> bool:
        """``_compose_clusters`` one cluster at a time, for any text: a cluster without a
        base character (marks at the start, after a singleton, or opened by a mark of class
        0) keeps the split pieces from lining up with the clusters."""
        out: list[str] = []
        vstarts: list[int] = [0]  # view offset where a segment starts
        ostarts: list[int] = [0]  # original offset where it starts
        # True for a composed cluster (offsets inside it map to its start)
        folded: list[bool] = [False]
        last = 0
        vpos = 0
        for m in _cluster_re().finditer(text):
            i, j = m.span()
            if i > last and unicodedata.combining(text[i]):
                i -= 1  # the base character the marks sit on
            out.append(text[last:i])
            vpos += i - last
            composed = unicodedata.normalize("NFC", text[i:j])
            vstarts.append(vpos)
            ostarts.append(i)
            folded.append(True)
            out.append(composed)
            vpos += len(composed)
            vstarts.append(vpos)
            ostarts.append(j)
            folded.append(False)
            last = j
        out.append(text[last:])
        view = "".join(out)
        if not unicodedata.is_normalized("NFC", view):
            return False
        if view == text:
            return True
        self.text = view
        self._vstarts, self._ostarts, self._folded = vstarts, ostarts, folded
        return True

    def _compose_every_character(self, text: str) -> None:
        out: list[str] = []
        vstarts: list[int] = []
        ostarts: list[int] = []
        folded: list[bool] = []
        i = 0
        n = len(text)
        vpos = 0
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            composed = unicodedata.normalize("NFC", text[i:j])
            out.append(composed)
            vstarts.append(vpos)
            ostarts.append(i)
            folded.append(True)
            vpos += len(composed)
            i = j
        vstarts.append(vpos)
        ostarts.append(n)
        folded.append(False)
        self.text = "".join(out)
        self._vstarts, self._ostarts, self._folded = vstarts, ostarts, folded

    @property
    def mapped(self) -> bool:
        """True when the view is a composed copy (offsets need mapping back)."""
        return self._vstarts is not None

    def to_original(self, offset: int) -> int:
        if self._vstarts is None:
            return offset
        k = bisect.bisect_right(self._vstarts, offset) - 1
        if self._folded[k]:
            return self._ostarts[k]
        return self._ostarts[k] + offset - self._vstarts[k]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        if self._vstarts is None:
            return start, end
        if end >= len(self.text):
            return self.to_original(start), len(self.original)
        # an end inside a composed cluster maps to its start: the cluster is left out whole
        return self.to_original(start), self.to_original(end)
