"""The scans that reject most places in C (self-references, laws cited by name, the header)
find what the plain scans find: on real sentences, and against the plain scan on texts built
from the pieces of the hard cases."""

from __future__ import annotations

import re
import unicodedata
from unittest.mock import patch

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kb.models import Citation, DocumentHeader, citation_of
from kb.parse import header, laws, selfrefs, textutil
from kb.parse.context import Backward
from kb.parse.extract import extract_text
from kb.parse.grammar import load_grammar
from kb.parse.textutil import fold, one_space

# -- real sentences: what must still be found ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Quyết định này có hiệu lực kể từ ngày ký.", [("Quyết định này", True)]),
        (
            "Văn bản hợp nhất này không thay thế 02 Quyết định nêu trên.",
            [("Văn bản hợp nhất này", True), ("Quyết định nêu trên", False)],
        ),
        (
            "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIV, kỳ họp thứ "
            "6 thông qua ngày 19 tháng 11 năm 2018.",
            [("Luật này", True)],
        ),
        ("ĐIỀU 3. NGHỊ ĐỊNH NÀY CÓ HIỆU LỰC THI HÀNH", [("NGHỊ ĐỊNH NÀY", True)]),
        # a footnote number after the anchor
        ("Các Bộ trưởng chịu trách nhiệm thi hành Nghị định này48.", [("Nghị định này", True)]),
        ("Thông tư  liên tịch\nnày áp dụng", [("Thông tư  liên tịch\nnày", True)]),
        ("các văn bản nêu trên, thì", []),  # no capital: the provisions, not a document
        ("PHÁP LUẬT TRÊN ĐỊA BÀN", []),  # the law in general
    ],
)
def test_self_and_back_references_on_real_sentences(
    text: str, found: list[tuple[str, bool]]
) -> None:
    cited = [(c.text, c.self_reference) for c in extract_text(text).citations]
    assert cited == found


def test_a_back_reference_after_noi_resolves_to_the_plan_before_it() -> None:
    text = (
        "Thực hiện Kế hoạch số 62/KH-VPUB ngày 19/12/2024 của UBND tỉnh, Kế hoạch nói trên "
        "được triển khai."
    )
    back = [c for c in extract_text(text).citations if c.ref is None]
    assert [(c.text, c.resolved_to) for c in back] == [("Kế hoạch nói trên", "62/KH-VPUB@2024")]


@pytest.mark.parametrize(
    ("text", "cited", "ref"),
    [
        # the first digit ("thứ 8") starts no date: "khóa" before it lets the law through
        (
            "Căn cứ Luật Tổ chức Quốc hội được Quốc hội khóa XIV, kỳ họp thứ 8 thông qua ngày "
            "19/6/2019;",
            "Luật Tổ chức Quốc hội được Quốc hội khóa XIV, kỳ họp thứ 8 thông qua ngày 19/6/2019",
            None,
        ),
        # two spaces between "Bộ" and "luật"
        (
            "Căn cứ Bộ luật  Lao động ngày 20 tháng 11 năm 2019;",
            "Bộ luật  Lao động ngày 20 tháng 11 năm 2019",
            "45/2019/QH14",
        ),
        ("Căn cứ BỘ LUẬT DÂN SỰ năm 2015;", "BỘ LUẬT DÂN SỰ năm 2015", "91/2015/QH13"),
        ("căn cứ LUẬT ĐẤT ĐAI năm 2013", "LUẬT ĐẤT ĐAI năm 2013", "45/2013/QH13"),
        (
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;",
            "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013",
            None,
        ),
        (
            "Căn cứ Pháp lệnh Thú y ngày 29 tháng 4 năm 2004;",
            "Pháp lệnh Thú y ngày 29 tháng 4 năm 2004",
            None,
        ),
        # the brackets of "(sửa đổi)" stand before the date
        (
            "Căn cứ Luật Đất đai (sửa đổi) được Quốc hội khóa XV, kỳ họp thứ 5 thông qua ngày "
            "18/01/2024;",
            "Luật Đất đai (sửa đổi) được Quốc hội khóa XV, kỳ họp thứ 5 thông qua ngày 18/01/2024",
            "31/2024/QH15",
        ),
    ],
)
def test_laws_by_name_on_real_sentences(text: str, cited: str, ref: str | None) -> None:
    (c,) = [c for c in extract_text(text).citations if c.name]
    assert (c.text, c.ref) == (cited, ref)


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("CHÍNH PHỦ\nSố: 45/2020/NĐ-CP\nHà Nội, ngày 1 tháng 2 năm 2020", "45/2020/NĐ-CP"),
        ("UBND TỈNH\nSố : 12/KH-UBND\n", "12/KH-UBND"),  # a space before the colon
        ("ỦY BAN\n\n  ## Số:\t62/KH-VPUB\n", "62/KH-VPUB"),
        ("QUỐC HỘI\nLuật số: 45/2013/QH13\n", "45/2013/QH13"),
    ],
)
def test_the_own_number_on_real_headers(text: str, ref: str) -> None:
    assert extract_text(text).document.ref == ref


def test_a_consolidated_text_reads_its_number_from_the_closing_block() -> None:
    text = (
        "LUẬT\nĐẤT ĐAI\n\nĐiều 1. Phạm vi điều chỉnh\n\n"
        "XÁC THỰC VĂN BẢN HỢP NHẤT\n\nSố: 21/VBHN-VPQH\nHà Nội, ngày 10 tháng 12 năm 2018\n"
    )
    doc = extract_text(text).document
    assert (doc.ref, doc.type) == ("21/VBHN-VPQH", "Văn bản hợp nhất")


# -- against the plain scans ---------------------------------------------------------------

_SELF_WORDS = ("này", "NÀY", "trên", "TRÊN")


def _plain_self_anchors(back: Backward) -> list[tuple[int, int, str, int]]:
    """Every "này", "trên", "nêu trên", "nói trên" standing as a word, the type word before it
    left to be read."""
    t, n = back.text, back.n
    spans: list[tuple[int, int, str, int]] = []
    for word in _SELF_WORDS:
        i = t.find(word)
        while i >= 0:
            e = i + len(word)
            if i > 0 and t[i - 1].isspace() and not (e < n and _is_letter(t[e])):
                s = i
                if word[0] in "tT":
                    prev = selfrefs._word_before(back, i)
                    if fold(prev) in {"neu", "noi"}:
                        s = t.rfind(prev, 0, i)
                spans.append((s, e, "", -1))
            i = t.find(word, e)
    spans.sort()
    return spans


def _is_letter(ch: str) -> bool:
    return ch.isalpha() or unicodedata.combining(ch) > 0


def _plain_self_references(
    back: Backward, citations: list[Citation], own: DocumentHeader
) -> list[Citation]:
    """Each anchor's type word read on its own, each record built by ``citation_of``."""
    g = load_grammar()
    t = back.text
    out: list[Citation] = []
    ordered = sorted((c for c in citations if c.key), key=lambda c: c.start)
    for s, e, _, _ in _plain_self_anchors(back):
        found = selfrefs._type_word_before(back, s)
        if found is None:
            continue
        tw, tw_start = found
        if not tw[0].isupper():
            continue
        if fold(tw) == "luat" and fold(t[max(0, tw_start - 6) : tw_start]).rstrip().endswith(
            "phap"
        ):
            continue
        word_type = g.type_for_word(tw)
        values = dict(
            text="",
            start=tw_start,
            end=e,
            line=0,
            column=0,
            type=word_type.name if word_type else None,
            type_word=one_space(tw),
        )
        if fold(t[s:e]) == "nay":
            values.update(self_reference=True, resolved_to=own.key)
            if own.key is None:
                values["unresolved_reason"] = selfrefs._SELF_UNKNOWN
            out.append(citation_of(**values))
            continue
        c = citation_of(**values)
        if fold(tw) in selfrefs.GENERIC_TYPE_WORDS:
            earlier = {x.key for x in ordered if x.start < c.start}
        else:
            name = word_type.name if word_type else None
            earlier = {x.key for x in ordered if x.start < c.start and x.type == name and name}
        if len(earlier) == 1:
            c.resolved_to = next(iter(earlier))
        else:
            c.unresolved_reason = (
                "no earlier citation it can refer to"
                if not earlier
                else f"{len(earlier)} earlier citations it could refer to"
            )
        out.append(c)
    return out


_SELF_PIECES = st.sampled_from(
    [
        *("Quyết định", "QUYẾT ĐỊNH", "quyết định", "Nghị", "định", "Ðịnh", "Thông tư liên tịch"),
        *("Văn bản", "văn bản", "Kế hoạch", "Luật", "LUẬT", "PHÁP", "pháp", "Bộ luật", "Pháp lệnh"),
        *("này", "NÀY", "trên", "TRÊN", "nêu", "nói", "Nêu", "NÊU", "nếu", "nọi", "của", "x"),
        *(" ", "  ", "\n", "\u00a0", "\t", ",", ".", "48", "²", "\u0301", "_", "abcdefghij" * 4),
    ]
)


@given(st.lists(_SELF_PIECES, max_size=30).map("".join), st.booleans())
@example("xQuyết định" + " " * 30 + "này", False)  # the type word starts before the window
@example("a" * 30 + "Thông tư liên tịch này", False)
@example("Kế hoạch nêu trên Kế hoạch nói  trên Quyết định NÊU TRÊN", True)
@example("Luật nêu" + " " * 13 + "trên, xnêu" + " " * 12 + "trên", True)
@example("Nghị định này\u0301 Nghị định này² Nghị định này_ Nghị định nàyx", False)
def test_self_references_are_those_of_the_plain_scan(text: str, known: bool) -> None:
    back = Backward(text)
    own = DocumentHeader(key="45/2020/NĐ-CP" if known else None)
    earlier = [
        citation_of(text="", start=0, end=1, line=0, column=0, type="Kế hoạch", key="1/KH-X@2020"),
        citation_of(text="", start=5, end=9, line=0, column=0, type="Quyết định", key="2/QĐ-X"),
    ]
    fast = selfrefs.self_and_back_references(back, earlier, own, load_grammar())
    plain = _plain_self_references(back, earlier, own)
    assert [(c.model_dump(), c.model_fields_set) for c in fast] == [
        (c.model_dump(), c.model_fields_set) for c in plain
    ]


_LAW_ANCHOR = re.compile(
    r"Bộ[\s\u00a0]+luật|BỘ[\s\u00a0]+LUẬT|Luật|LUẬT|Pháp[\s\u00a0]+lệnh|Hiến[\s\u00a0]+pháp"
)


def _plain_law_anchors(t: str) -> list[tuple[int, int]]:
    return [m.span() for m in _LAW_ANCHOR.finditer(t)]


_LAW_PIECES = st.sampled_from(
    [
        *("Luật", "luật", "LUẬT", "Bộ", "BỘ", "Bộ luật", "Pháp lệnh", "Hiến pháp", "pháp", "Đất"),
        *("đai", "Dân sự", "số", "45/2013/QH13", "ngày", "10/3/2020", "10 tháng 3 năm 2020"),
        *("năm", "2014", "2020", "khóa XIV", "kỳ họp thứ 8", "thông qua", "được Quốc hội", "khó"),
        *("(sửa đổi)", "(", ")", ";", ":", '"', "“", ".", ",", "ó", "  ", "\u00a0", "\n", "x"),
    ]
)


@given(st.lists(_LAW_PIECES, max_size=20).map(" ".join))
@example("Luật Đất đai ngày 10/3/2020 và Bộ luật Dân sự năm 2015")
@example("Luật Tổ chức Quốc hội được Quốc hội khóa XIV, kỳ họp thứ 8 thông qua ngày 19/6/2019")
@example("Bộ\u00a0\u00a0luật Dân sự năm 2015, BỘ \n LUẬT DÂN SỰ năm 2015, pháp luật năm 2015")
@example("Luật Đất đai (sửa đổi) khó ó 14 x")
def test_laws_by_name_are_those_of_the_plain_scan(text: str) -> None:
    g = load_grammar()
    covered = [(m.start(), m.end()) for m in re.finditer(r"\d+/\d{4}/QH\d+", text)]
    fast = [c.model_dump() for c in laws.laws_by_name(text, covered, g)]
    with patch.object(laws, "law_anchors", _plain_law_anchors):
        plain = [c.model_dump() for c in laws.laws_by_name(text, covered, g)]
    assert fast == plain


@given(st.lists(_LAW_PIECES, max_size=20).map(" ".join))
def test_law_anchors_are_the_plain_scan_but_for_undated_luat(text: str) -> None:
    fast, plain = laws.law_anchors(text), _plain_law_anchors(text)
    assert set(fast) <= set(plain) and fast == sorted(fast)
    for s, e in set(plain) - set(fast):
        assert text[s:e].endswith(("Luật", "luật"))


_HEADER_PIECES = st.sampled_from(
    [
        *("Số", "số", "SỐ", "sỐ", "So", ":", " :", "\t", "\u00a0", " ", "\n", "#", "*", ">"),
        *("Luật", "Nghị quyết", "Pháp lệnh", "45/2020/NĐ-CP", "/BC-VPUB", "21/VBHN-VPQH", "X"),
        *("XÁC THỰC VĂN BẢN HỢP NHẤT", "XAC  THUC VAN\nBAN HOP NHAT", "XÁC", "THỰC", "QUYẾT ĐỊNH"),
        *("Hà Nội, ngày 1 tháng 2 năm 2020", "\n\n"),
    ]
)


@given(st.lists(_HEADER_PIECES, max_size=30).map("".join))
@example("Số : 45/2020/NĐ-CP")
@example("XXÁC THỰC VĂN BẢN HỢP NHẤT\nSố: 21/VBHN-VPQH")
def test_header_is_that_of_the_plain_searches(text: str) -> None:
    fast = header.parse_header(text)
    everywhere = re.compile("")
    with (
        patch.object(header, "_NUMBER_COLON", everywhere),
        patch.object(header, "_consolidation_search", header._CONSOLIDATION.search),
    ):
        plain = header.parse_header(text)
    assert fast[0].model_dump() == plain[0].model_dump() and fast[1] == plain[1]


@given(
    st.lists(
        st.sampled_from(["CÔNG BÁO/Số", "CÔNG", "Ô", "ÔNG BÁO/Số", " ", "C", "\n"]), max_size=12
    ).map("".join)
)
@example("ÔCÔNG BÁO/Số 1")
def test_a_page_head_is_found_from_its_capital_o(text: str) -> None:
    assert textutil._holds_page_head(text) == ("CÔNG BÁO/Số" in text)


def test_a_gazette_page_head_is_still_masked() -> None:
    text = "… Thông tư số 26/2016/TT-BLĐTBXH \n\nCÔNG BÁO/Số 342/Ngày 21-06-2026\n90\n ngày 01"
    masked = textutil.mask_page_heads(text)
    assert len(masked) == len(text) and "CÔNG BÁO" not in masked and masked.endswith(" ngày 01")
