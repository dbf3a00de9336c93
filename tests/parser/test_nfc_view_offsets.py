"""``NfcView`` gives the text and the offsets a plain character-by-character composition gives.

The view is built from whole-list operations over the text split around its clusters; the
reference below walks the clusters one at a time and records, for every offset of the
copy, the offset in the text it comes from. Both are run on the decomposed texts of the
bench corpus (when it is next to the checkout) and on generated strings with the odd cases:
singletons such as OHM SIGN, marks at the start of a text or after a singleton, marks of
combining class 0, Hangul jamo and vowel signs that compose without a combining class.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kb.parse import textutil
from kb.parse.textutil import (
    _MARKS,
    _STABLE_RANGES,
    NfcView,
    _cluster_re,
    _may_be_decomposed,
    _singletons,
)
from kb.readers import read_path

# the five accents of decomposed Vietnamese
_FIVE = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


@cache
def _plain_cluster() -> re.Pattern[str]:
    return re.compile(f"[{_MARKS}]+|[{_singletons()}]")


def _reference(text: str) -> tuple[str, list[int] | None]:
    """The NFC copy of ``text`` and, for each offset of the copy up to its end, the offset
    in ``text`` it stands for (``None`` when the text is NFC and is its own view).

    A run of combining marks is composed with the character before it (unless the run
    starts the text, follows a singleton or starts with a mark of class 0), a singleton on
    its own; an offset inside a composed cluster stands for the cluster's start. When that
    copy is still not NFC, each character is composed with the combining characters after
    it instead."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    where: list[int] = []
    last = 0
    for m in _plain_cluster().finditer(text):
        i, j = m.span()
        if i > last and unicodedata.combining(text[i]):
            i -= 1
        pieces.append(text[last:i])
        where.extend(range(last, i))
        composed = unicodedata.normalize("NFC", text[i:j])
        pieces.append(composed)
        where.extend([i] * len(composed))
        last = j
    pieces.append(text[last:])
    where.extend(range(last, len(text) + 1))
    view = "".join(pieces)
    if unicodedata.is_normalized("NFC", view):
        return view, where
    pieces, where = [], []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j])
        pieces.append(composed)
        where.extend([i] * len(composed))
        i = j
    where.append(len(text))
    return "".join(pieces), where


def _assert_same(text: str, *, every_span: bool = True) -> None:
    view = NfcView(text)
    expected, where = _reference(text)
    assert view.text == expected
    assert view.mapped == (where is not None)
    n = len(view.text)
    beyond = range(n + 1, n + 4)
    if where is None:
        assert view.text is text
        assert [view.to_original(v) for v in range(n + 4)] == list(range(n + 4))
        assert view.span_to_original(1, 5) == (1, 5)
        return
    assert [view.to_original(v) for v in range(n + 1)] == where
    assert [view.to_original(v) for v in beyond] == [len(text) + v - n for v in beyond]
    starts = range(n + 1) if every_span else range(0, n + 1, 97)
    for start in starts:
        for end in {start, start + 1, start + 2, n - 1, n}:
            if start <= end:
                expected_end = len(text) if end >= n else where[end]
                assert view.span_to_original(start, end) == (where[start], expected_end)


_PIECES = st.sampled_from(
    [
        *("a", "e", "o", "ơ", "ư", "q", "A", "Đ", "ế", "Ω", " ", "\n", "1", "x"),
        *_FIVE,
        *("\u0302", "\u0306", "\u031b", "\u0345", "\u0344", "\u0340", "\u0305", "\u1dc4"),
        *("\u20d7", "\ufe20"),  # marks of the other blocks
        *("\u034f", "\u20dd"),  # combining class 0: no base is taken for them
        *("\u2126", "\u212b", "\u212a", "\u0374", "\u037e", "\u0387", "\u1f71", "\uf900"),
        *("\u1100", "\u1161", "\u11a8", "\uac00", "\u0b47", "\u0b3e", "\u0958", "\u0f73"),
        *("\u05b0", "\u0591", "\u093c", "\U0001d15e", "\U0001d165"),
        *("α", "Ж", "≥", "\ue000"),  # stable bases outside Latin
        *("\u2000", "\u1f00"),  # EN QUAD (a singleton), a Greek letter with a mark in it
    ]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
@example("\u0301abc")  # a mark at the start: no base before it
@example("\u2126\u0301")  # OHM SIGN and a mark: the mark has no base either
@example("q\u0301")  # NFC, marks that do not compose
@example("a\u0301q\u0301")
@example("e\u0302\u0301e\u0301")  # two clusters with no text between them
@example("a\u034f\u0301")  # a mark of class 0 starts the run
@example("\u1100\u1161a\u0301")  # Hangul jamo: the copy is not NFC, every character is composed
@example("Thông tư")
@example("α\u0301 Ж\u0308 ≥\u0338")  # Greek, Cyrillic and a symbol as bases
@example("a\u0301 \u05b0\u0301")  # a point outside the mark blocks, marks after it
@example("a\u0301 x\u05b0 y")  # a point outside the mark blocks is no cluster
@example("a\u0301 \u1100\u1161")  # Hangul after a cluster: the fast cut does not hold
@example(unicodedata.normalize("NFD", "Quyết định số 834/QĐ-UBND ngày 10/4/2019"))
def test_nfc_view_is_the_reference_on_odd_strings(text: str) -> None:
    _assert_same(text)


@given(st.text(st.characters(codec="utf-8"), max_size=40))
def test_nfc_view_is_the_reference_on_any_text(text: str) -> None:
    _assert_same(text)


@given(
    st.lists(
        st.sampled_from(["a", "ư", "Đ", " ", "\n", "của", "Luật", *_FIVE, "\u0302", "\u2126"]),
        max_size=200,
    ).map("".join)
)
def test_nfc_view_is_the_reference_on_long_decomposed_strings(text: str) -> None:
    _assert_same(unicodedata.normalize("NFD", text))
    _assert_same(text)


def test_nfc_view_is_the_reference_past_the_table_of_clusters() -> None:
    # more distinct clusters than the table keeps: it is emptied on the way, not the answer
    text = "".join(f"{chr(0x4E00 + i)}\u0301 " for i in range(5000))
    assert len(textutil._COMPOSED) <= 4096
    _assert_same(text, every_span=False)
    assert len(textutil._COMPOSED) <= 4096


def _seconds() -> set[int]:
    """Every character that is the second of a canonical pair (composing or not)."""
    seconds = {*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)}  # Hangul vowels and finals
    for cp in range(0x110000):
        mapping = unicodedata.decomposition(chr(cp)).split()
        if len(mapping) == 2 and not mapping[0].startswith("<"):
            seconds.add(int(mapping[1], 16))
    return seconds


def test_the_stable_ranges_are_stable() -> None:
    seconds = _seconds()
    for lo, hi in _STABLE_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            first = unicodedata.normalize("NFD", ch)[0]
            assert unicodedata.combining(ch) == 0, hex(cp)
            assert unicodedata.normalize("NFC", ch) == ch, hex(cp)
            assert unicodedata.combining(first) == 0, hex(cp)
            assert ord(first) not in seconds, hex(cp)
            assert not _cluster_re().match(ch), hex(cp)


_STABLE_CHARS = st.sampled_from(_STABLE_RANGES).flatmap(lambda r: st.integers(r[0], r[1]).map(chr))


@given(
    st.lists(_PIECES, max_size=8).map("".join),
    _STABLE_CHARS,
    st.lists(_PIECES, max_size=8).map("".join),
)
def test_nfc_cuts_before_a_stable_character(before: str, stable: str, after: str) -> None:
    nfc = unicodedata.normalize
    assert nfc("NFC", before + stable + after) == nfc("NFC", before) + nfc("NFC", stable + after)


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_may_be_decomposed_looks_for_the_five_accents(text: str) -> None:
    assert _may_be_decomposed(text) == any(mark in text for mark in _FIVE)


@pytest.mark.bench_corpus
def test_nfc_view_is_the_reference_on_the_decomposed_texts_of_the_bench_corpus(
    bench_corpus: Path,
) -> None:
    # every fourth document, as the parser's timing sample takes them
    paths = sorted((bench_corpus / "docs").rglob("*.txt"))[::4]
    decomposed = 0
    for path in paths:
        text = read_path(path).text
        if not unicodedata.is_normalized("NFC", text):
            decomposed += 1
            _assert_same(text, every_span=False)
        else:
            assert NfcView(text).text is text
    assert decomposed, "no decomposed text in the sample: nothing was compared"
