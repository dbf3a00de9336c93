"""The cheap paths of the parser give what the plain ones give."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from unittest.mock import patch

from hypothesis import example, given
from hypothesis import strategies as st

from kb.models import Citation, Family, citation_of
from kb.parse import context, laws
from kb.parse.context import (
    _TITLE_DATE,
    Backward,
    _token_before,
    _type_word_ending_at,
    _type_words_folded,
    _WordsBack,
    look_before,
    pinpoint_before,
    pinpoint_before_plain,
    title_dates,
)
from kb.parse.grammar import load_grammar
from kb.parse.header import _DATE_LINE, _date_line
from kb.parse.laws import law_anchors
from kb.parse.refs import _number_back_re, _number_backs, _scan, ref_pattern
from kb.parse.selfrefs import _type_word_before, _type_word_before_re
from kb.parse.textutil import (
    _MARKS,
    NfcView,
    _cluster_pattern,
    _cluster_re,
    _singletons,
    fold,
    one_space,
)

_LAW_ANCHOR = re.compile(
    r"Bộ[\s\u00a0]+luật|BỘ[\s\u00a0]+LUẬT|Luật|LUẬT|Pháp[\s\u00a0]+lệnh|Hiến[\s\u00a0]+pháp"
)
_PIECES = st.sampled_from(
    [
        *("Bộ", "BỘ", "luật", "Luật", "LUẬT", "Pháp", "pháp", "lệnh", "Hiến", "Bộluật"),
        *(" ", "\n", "\u00a0", "x", ",", " ngày", "Hà Nội", "tháng", "5", "2020"),
    ]
)


def test_citation_of_is_the_constructed_record() -> None:
    values = dict(text="", start=3, end=9, line=1, column=4, family=Family.LAW, ref="59/2020/QH14")
    fast = citation_of(**values)
    assert fast == Citation(**values) == Citation.model_construct(**values)
    assert fast.model_dump_json() == Citation(**values).model_dump_json()
    assert fast.model_fields_set == Citation(**values).model_fields_set
    fast.anomalies.append("odd-dash")
    assert citation_of(**values).anomalies == []


@given(st.text())
def test_one_space_is_the_regex(s: str) -> None:
    assert one_space(s) == re.sub(r"\s+", " ", s)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_law_anchors_are_the_regex_scan_but_for_undated_luat(t: str) -> None:
    # "Luật" and "Bộ luật" no date follows are left out (see test_scan_filters)
    plain = [m.span() for m in _LAW_ANCHOR.finditer(t)]
    dropped = set(plain) - set(law_anchors(t))
    assert set(law_anchors(t)) <= set(plain)
    assert all(t[s:e].endswith(("Luật", "luật")) for s, e in dropped)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_date_line_is_the_plain_search(zone: str) -> None:
    fast, plain = _date_line(zone), _DATE_LINE.search(zone)
    assert (fast and fast.span()) == (plain and plain.span())


def _token_before_plain(text: str, pos: int, floor: int, skip: str) -> tuple[str, int]:
    """Skip ``skip`` back from ``pos``, then the run of letters, accents, digits and dots that
    ends there, read from a window of 20 characters."""
    j = pos
    while j > floor and text[j - 1] in skip:
        j -= 1
    m = re.search(r"[\w.\u0300-\u036f]+$", text[max(floor, j - 20) : j])
    if m is None:
        return "", j
    return m.group(), max(floor, j - 20) + m.start()


_BACK_PIECES = st.sampled_from(
    [
        *("Điều", "khoản", "5", "2.1", "a)", "số", "Quyết", "định", "của", "e\u0301", "x_1"),
        *(" ", "  ", "\n", "\r\n", "\t", "\u00a0", ":", ",", "\u2009", "(", "”", "\u0301"),
        "abcdefghijklmnopqrstuvwxyz",
    ]
)


@given(st.lists(_BACK_PIECES, max_size=20).map("".join))
@example("khoản 2 Điều 5 của abcdefghijklmnopqrstuvwxyz:, 12")
def test_token_before_on_the_reversed_text_is_the_plain_read(text: str) -> None:
    back = Backward(text)
    for pos in range(len(text) + 1):
        for floor in {0, pos // 2, max(0, pos - 1), pos}:
            for punctuation, skip in ((True, " \t\r\n\u00a0:,"), (False, " \t\r\n\u00a0")):
                expected = _token_before_plain(text, pos, floor, skip)
                assert _token_before(back, pos, floor, punctuation) == expected


@given(st.lists(_BACK_PIECES, max_size=30).map("".join))
@example("điểm a khoản 2 Điều 5, mục 3 phần II chương 4 của Nghị định số 12")
def test_words_read_eight_at_a_time_are_the_words_read_one_by_one(text: str) -> None:
    back = Backward(text)
    for floor in (0, len(text) // 3):
        words = _WordsBack(back, len(text), floor)
        at = len(text)
        for _ in range(20):
            expected = _token_before(back, at, floor)
            assert words.next() == expected
            at = expected[1]


def _type_word_ending_at_plain(text: str, pos: int, floor: int) -> tuple[str, int] | None:
    """Every syllable read back, then the longest run that is a type word."""
    known = _type_words_folded()
    syllables: list[str] = []
    starts: list[int] = []
    at = pos
    for _ in range(4):
        word, start = _token_before(Backward(text), at, floor, punctuation=False)
        if not word or not word[0].isalpha():
            break
        syllables.insert(0, word)
        starts.insert(0, start)
        at = start
    for i in range(len(syllables)):
        if fold(" ".join(syllables[i:])) in known:
            s = starts[i]
            return text[s : _token_end(text, s, pos)], s
    return None


_WORDS = st.sampled_from(
    [
        *("Nghị", "định", "quyết", "Quyết", "ĐỊNH", "liên", "tịch", "Thông", "tư", "số"),
        *("Chỉ", "thị", "Văn", "bản", "Luật", "Bộ", "luật", "của", " ", "\n", "\u00a0", "5."),
    ]
)


@given(st.lists(_WORDS, max_size=12).map(" ".join), st.integers(0, 5))
def test_type_word_ending_at_reads_back_as_far_as_needed(text: str, cut: int) -> None:
    pos = max(0, len(text) - cut)
    assert _type_word_ending_at(Backward(text), pos, 0) == _type_word_ending_at_plain(text, pos, 0)


_REF_PIECES = st.sampled_from(
    [
        *("1", "12", "123456", "2020", ".", ".12", "a", "b", "/", "-", "–", "\u2215", "\u00ad"),
        *(" ", "  ", "\n", "\r\n", "\t", "\u00a0", "\x0c", "\n\n\n\n", "_", "x"),
        *("QĐ", "TTg", "NĐ", "CP", "BTC", "UBND", "TT", "BNN&PTNT", "QH14", "Ngày", "đ", "năm"),
        *("//", "/ /", "1998", "2023/"),
    ]
)


@given(st.lists(_REF_PIECES, max_size=30).map("".join))
@example("Nghị định số 64//2023/NĐ-CP ngày 23 tháng 8 năm 2023")
@example("số 143/2025//NĐ-CP; 1//2020/NĐ-CP 12/ /2020/TT-BTC 95/1998-NĐ-CP 115/2017 - BTC")
@example("12/-2020/NĐ-CP, 12-/2020/NĐ-CP, 12//-2020//NĐ-CP")
def test_scan_from_separators_is_the_finditer(t: str) -> None:
    expected = [(m.span(), m.groupdict()) for m in ref_pattern().finditer(t)]
    assert [(m.span(), m.groupdict()) for m in _scan(t)] == expected


@given(st.lists(_REF_PIECES, max_size=30).map("".join))
@example("64//2023/NĐ-CP 143/2025//NĐ-CP 12/-2020/NĐ-CP 12-/2020/NĐ-CP 12//-2020//NĐ-CP")
def test_numbers_found_separator_by_separator_are_the_finditer(t: str) -> None:
    rev = t[::-1]
    expected = [(m.span(), m.groups()) for m in _number_back_re().finditer(rev)]
    assert [(m.span(), m.groups()) for m in _number_backs(rev)] == expected


def test_scan_from_separators_on_the_seeds() -> None:
    for path in sorted(Path(__file__).resolve().parents[2].joinpath("corpus").glob("*.txt")):
        t = path.read_text(encoding="utf-8")
        assert [m.span() for m in _scan(t)] == [m.span() for m in ref_pattern().finditer(t)]


_NFC_PIECES = st.sampled_from(
    [
        *(
            "a",
            "e",
            "o",
            "ơ",
            "ư",
            "q",
            "A",
            "Đ",
            "ế",
            "\u1ebf",
            " ",
            "\n",
            "1",
            "\u212b",
            "\u0958",
        ),
        *("\u0301", "\u0300", "\u0309", "\u0303", "\u0323", "\u0302", "\u031b", "\u0306", "\u0345"),
        *("\u1100", "\u1161", "\u11a8", "\uac00", "\u0344", "\u0f73", "\u05b0", "\u0591"),
    ]
)


@given(st.lists(_NFC_PIECES, max_size=12).map("".join))
def test_nfc_view_is_a_copy_exactly_when_the_text_is_not_nfc(t: str) -> None:
    view = NfcView(t)
    assert view.mapped == (not unicodedata.is_normalized("NFC", t))
    if not view.mapped:
        assert view.text is t
    elif unicodedata.is_normalized("NFC", view.text):
        assert view.text == unicodedata.normalize("NFC", t)


@given(
    st.lists(_NFC_PIECES | st.sampled_from(["\u0340", "\u0374", "\u1f71", "\u2126"])).map("".join)
)
def test_cluster_pattern_is_the_alternation(t: str) -> None:
    singles = "\u0340\u0341\u0343\u0344\u0374\u037e\u0387\u1f71\u2126"
    plain = re.compile(rf"[{_MARKS}]+|[{singles}]")
    spans = [m.span() for m in re.finditer(_cluster_pattern(singles), t)]
    assert spans == [m.span() for m in plain.finditer(t)]
    real = re.compile(rf"[{_MARKS}]+|[{_singletons()}]")
    assert [m.span() for m in _cluster_re().finditer(t)] == [m.span() for m in real.finditer(t)]


_TITLE_PIECES = st.sampled_from(
    [
        *("ngày", "ngay", " ", ", ", "\n", "\u00a0", " " * 40, "10", "3", "03", "2020", "1999"),
        *("/", "-", ".", "tháng", "năm", "của", "củaX", "Của", "Luật", "Quốc hội", "x" * 30, "123"),
        *("ngày 10 tháng 3 năm 2020", "10/3/2020", "ngày 01/7/2022", "ngày   10 \n\n tháng  3"),
        *("ngày" + " " * 70 + "10/3/2020", "10 - 03 -" + " " * 60 + "2014", " ,  năm   2014"),
    ]
)


@given(st.lists(_TITLE_PIECES, max_size=40).map("".join))
@example("Luật Báo chí ngày 10 tháng 3 năm 2020 của Quốc hội")
@example("ngày 01/7/2022 của x, ngày 02/7/2022 của y")
@example("Luật ngày" + " " * 70 + "10/3/2020 , của Quốc hội")
def test_title_dates_from_each_cua_are_the_plain_scan(text: str) -> None:
    for pos, limit in {(0, len(text)), (3, len(text)), (0, len(text) - 2), (7, len(text) // 2)}:
        if not 0 <= pos <= limit:
            continue
        plain = [(m.span(), m.group("date")) for m in _TITLE_DATE.finditer(text, pos, limit)]
        assert [(m.span(), m.group("date")) for m in title_dates(text, pos, limit)] == plain


_TYPE_WORD_PIECES = st.sampled_from(
    [
        *("Quyết định", "QUYẾT ĐỊNH", "quyết", "định", "Nghị", "Nghị quyết", "liên tịch", "Luật"),
        *("Bộ luật", "luật", "Pháp lệnh", "lệnh", "Thông tư", "tư", "Ðịnh", "Văn bản", "Chỉ thị"),
        *(" ", "  ", "\n", "\n\n", "\u00a0", "x", "1", ",", "này", "trên", "abcdefghij" * 4),
    ]
)


@given(st.lists(_TYPE_WORD_PIECES, max_size=25).map("".join))
@example("xQuyết định này")
@example("x Bộ luật này, Nghị quyết liên tịch trên")
@example("xQuyết định" + " " * 30 + "này")  # the window's edge falls on the type word
@example("x" + "abcdefghij" * 3 + "Thông tư liên tịch này")
def test_type_word_before_on_the_reversed_text_is_the_plain_search(text: str) -> None:
    back = Backward(text)
    for s in range(len(text) + 1):
        plain = _type_word_before_re().search(text, max(0, s - 40), s)
        assert _type_word_before(back, s) == (plain and (plain.group("tw"), plain.start("tw")))


_LAW_NAME_PIECES = st.sampled_from(
    [
        *("Luật", "Bộ luật", "Pháp lệnh", " ", "\n", "Đất đai", "Báo chí", "số", "45/2013/QH13"),
        *("ngày", "10/3/2020", "10 tháng 3 năm 2020", "10 - 3 -", "2014", "năm", "2020", ","),
        *("được Quốc hội", "khóa", "XIV", "14", "thông qua", "(", ";", "sửa đổi", "x"),
    ]
)


@given(st.lists(_LAW_NAME_PIECES, max_size=20).map(" ".join))
@example("Luật Tổ chức Quốc hội được Quốc hội khóa 14 thông qua ngày 20/11/2019")
@example("Luật Đất đai số 45/2013/QH13 và Luật Báo chí năm 2016")
@example("Luật Báo chí ngày 10 tháng 3 năm 2020 và Luật Đất đai, 01-7-2014")
def test_laws_by_name_look_at_the_first_digit_first(text: str) -> None:
    g = load_grammar()
    fast = [c.model_dump() for c in laws.laws_by_name(text, [], g)]
    plain_anchors = [m.span() for m in _LAW_ANCHOR.finditer(text)]
    with (
        patch.object(laws, "_date_or_year_re", lambda: re.compile("")),
        patch.object(laws, "law_anchors", lambda t: plain_anchors),
    ):
        plain = [c.model_dump() for c in laws.laws_by_name(text, [], g)]
    assert fast == plain


_PIN_PIECES = st.sampled_from(
    [
        *("Điều", "điều", "ĐIỀU", "khoản", "Khoản", "điểm", "mục", "chương", "phần", "phụ lục"),
        *("Phụ lục", "lục", "của", "Của", "5", "2.1", "a", "đ", "IV", "abcdef", "1.2.3", "x_1"),
        *(" ", " ", " ", "  ", "\n", ", ", ":", "(", "Nghị định", "theo", "tại", "e\u0301"),
    ]
)


@given(st.lists(_PIN_PIECES, max_size=40).map("".join))
@example("điểm a khoản 2 Điều 5 của Nghị định")
@example("mục 1 điểm a khoản 2 Điều 5 mục 3 phần II chương 4 của ")
@example("khoản 1 phụ lục 2 Điều 3 ")
@example("khoản 2 Điều 5:của ")
@example("Điều 1 Điều 2 Điều 3 Điều 4 Điều 5 Điều 6 Điều 7 Điều 8 ")
def test_pinpoint_from_one_read_is_the_pinpoint_read_token_by_token(text: str) -> None:
    back = Backward(text)
    for pos in range(len(text) + 1):
        for floor in {0, pos // 2, pos}:
            assert pinpoint_before(back, pos, floor) == pinpoint_before_plain(back, pos, floor)


def _token_end(text: str, start: int, pos: int) -> int:
    """End of the last syllable before ``pos`` (``pos`` less the white space before it)."""
    j = pos
    while j > start and text[j - 1] in " \t\r\n\u00a0":
        j -= 1
    return j


def _type_word_in_plain(
    back: Backward, m: re.Match[str], first: int, pos: int
) -> tuple[str, int] | None:
    """The longest run of the syllables read that is a type word as a whole (every shorter run
    of a type word's last syllables is one's ending, so no run needs reading past); the end
    found by white space."""
    known = _type_words_folded()
    syllables: list[str] = []
    for k in range(first, first + 4):
        syllable = m.group(k)
        if not syllable or not syllable[-1].isalpha():
            break
        syllables.append(fold(syllable[::-1]))
    for size in range(len(syllables), 0, -1):
        if " ".join(reversed(syllables[:size])) in known:
            best = back.n - m.end(first + size - 1)
            return back.text[best : _token_end(back.text, best, pos)], best
    return None


@given(st.lists(_WORDS | st.sampled_from(["số", "Số", "SỐ", "so", "số12", ":", "12"]), max_size=12))
@example(["Nghị", "định", "số", "12"])
@example(["Thông", "tư", "liên", "tịch", "\n", "số:", " ", "12"])
def test_type_words_looked_up_by_their_syllables_are_read_syllable_by_syllable(
    words: list[str],
) -> None:
    text = " ".join(words)
    back = Backward(text)
    for pos in range(len(text) + 1):
        for floor in {0, pos // 2}:
            fast = look_before(back, pos, floor)
            with patch.object(context, "_type_word_in", _type_word_in_plain):
                assert fast == look_before(back, pos, floor)
