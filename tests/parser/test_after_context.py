"""What is read after a số hiệu: the cheap checks that pass over a window give what reading
the window in full gives, and real sentences keep their dates, issuers and subjects."""

from __future__ import annotations

import re
from unittest.mock import patch

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kb.parse import context, extract
from kb.parse.context import (
    _TITLE_DATE,
    AFTER_OPENS,
    Backward,
    Named,
    date_and_issuer,
    long_form_date,
    subject_after,
    title_date,
    title_dates,
    year_cuas,
)
from kb.parse.extract import extract_text

_MATCH_ALL = re.compile("")

_AFTER_PIECES = st.sampled_from(
    [
        *(" ", ", ", ",", "\n", "\n\n", "\u00a0", "\t", ". ", ".", ";", "(", ")", "x"),
        *("ngày", "Ngày", "NGÀY", "ngay", "tháng", "năm", "10", "3", "2020", "1999", "20201"),
        *("10/3/2020", "01-7-2022", "ngày 10 tháng 3 năm 2020", "٣", "được", "Được", "ban hành"),
        *("ký", "KÝ", "\u212aý", "ky", "của", "Của", "củaX", "do", "Do", "do Chính phủ"),
        *("có hiệu lực", "kể từ", "từ", "Chính phủ", "Bộ Tài chính", "Quốc hội", "Về"),
        *("về việc", "v/v", "Quy định", "quy định", "hướng dẫn", "CÔNG BỐ", "công bố"),
        *("\u017fửa đổi", "sửa đổi", "Luật", "Quản lý ngoại thương", "căn cứ", "Căn cứ"),
        *("hiệu lực", " " * 70, "a" * 30),
    ]
)
_AFTER_TEXTS = st.lists(_AFTER_PIECES, max_size=30).map("".join)


def _windows(text: str) -> set[tuple[int, int]]:
    n = len(text)
    return {(0, n), (3, n), (0, n - 2), (7, n // 2), (n // 3, n - 1), (n // 2, n)}


@given(_AFTER_TEXTS)
@example("Luật Báo chí ngày 10 tháng 3 năm 2020 của Quốc hội")
@example("ngày 01/7/2022 của x, ngày 02/7/2022 của y")
@example("Luật ngày" + " " * 70 + "10/3/2020 , của Quốc hội")
@example("ngày 10/3/2020 củaX và 2021 của")
def test_title_dates_from_the_years_before_cua_are_the_plain_scan(text: str) -> None:
    back = Backward(text)
    for pos, limit in _windows(text):
        if not 0 <= pos <= limit:
            continue
        plain = [(m.span(), m.group("date")) for m in _TITLE_DATE.finditer(text, pos, limit)]
        cuas = year_cuas(back, pos, limit)
        assert [(m.span(), m.group("date")) for m in title_dates(text, pos, limit, cuas)] == plain
        assert bool(cuas) or not plain


@given(_AFTER_TEXTS, st.sampled_from([None, 2020, 1999]))
@example(" Quản lý ngoại thương ngày 12/06/2017 của Quốc hội", 2017)
@example(" sửa đổi ngày 10/3/2020 của Chính phủ và ngày 11/3/2020 của Quốc hội", None)
def test_title_date_looking_only_after_years_is_the_plain_read(text: str, year: int | None) -> None:
    back = Backward(text)
    claimed = frozenset(m.start("date") for m in _TITLE_DATE.finditer(text))
    for pos in range(len(text) + 1):
        for bound in {len(text), pos + (len(text) - pos) // 2}:
            for taken in (frozenset(), claimed):
                plain = title_date(text, pos, bound, year, taken)
                assert title_date(text, pos, bound, year, taken, back) == plain


@given(_AFTER_TEXTS, st.sampled_from([None, 2020]))
@example(", có hiệu lực", 2020)
@example(" ngày 10/3/2020 của Chính phủ về việc x", 2020)
@example(", \u212aý ngày 10/3/2020", None)
@example(" do Bộ Tài chính ban hành", None)
@example(". Ban hành Quy chuẩn ngày 25/11/2019 của Bộ Công Thương", 2019)
def test_nothing_is_read_where_the_openings_do_not_match(text: str, year: int | None) -> None:
    n = len(text)
    for pos in range(n + 1):
        for bound in {n, pos + (n - pos) // 2}:
            found = date_and_issuer(text, pos, bound, year)
            subject = subject_after(text, pos, bound)
            with patch.object(context, "_DATE_OR_ISSUER_OPENS", _MATCH_ALL):
                assert date_and_issuer(text, pos, bound, year) == found
            with patch.object(context, "_SUBJECT_OPENS", _MATCH_ALL):
                assert subject_after(text, pos, bound) == subject
            if AFTER_OPENS.match(text, pos) is None:
                assert found == (None, None, pos)
                assert subject is None
                assert title_date(text, pos, bound, year) is None


def _long_form_date_plain(text: str, subject: Named) -> object:
    for m in context._LONG_FORM_DATE.finditer(text, subject.start, subject.end + 1):
        if text[m.end("date") : m.end("date") + 1] in ("", " ", ",", ")", ";", "\n"):
            title = " ".join(text[subject.start : m.start()].split())
            return context.parsed_from_match(m), Named(title, subject.start, m.start())
    return None


@given(_AFTER_TEXTS)
@example("Về một số biện pháp ngày 27/08/2001 của Thủ tướng")
@example("hướng dẫn 10/3/19")
@example("Về biện pháp ngày 27/08/1999 của Thủ tướng")
def test_long_form_date_looks_only_where_a_year_may_be(text: str) -> None:
    for start in range(len(text)):
        for end in {start, (start + len(text)) // 2, len(text)}:
            subject = Named(text[start:end], start, end)
            assert long_form_date(text, subject) == _long_form_date_plain(text, subject)


_CITED = st.sampled_from(
    [
        *("Nghị định số 01/2020/NĐ-CP", "Luật số 05/2017/QH14", "Công văn số 123/BTC-TCT"),
        *("Thông tư 02/2019/TT-BXD", "Quyết định số 10/2020/QĐ-UBND", "Căn cứ ", "\n"),
    ]
)


@given(st.lists(_AFTER_PIECES | _CITED, max_size=30).map("".join))
@example("Căn cứ Luật số 05/2017/QH14 Quản lý ngoại thương ngày 12/06/2017 của Quốc hội;")
@example("Nghị định số 01/2020/NĐ-CP, có hiệu lực kể từ ngày 10/3/2020 của x")
def test_citations_read_with_the_cheap_checks_are_those_read_in_full(text: str) -> None:
    fast = [c.model_dump() for c in extract_text(text).citations]
    with (
        patch.object(extract, "AFTER_OPENS", _MATCH_ALL),
        patch.object(context, "_DATE_OR_ISSUER_OPENS", _MATCH_ALL),
        patch.object(context, "_SUBJECT_OPENS", _MATCH_ALL),
        patch.object(context, "year_cuas", lambda back, pos, limit: None),
    ):
        plain = [c.model_dump() for c in extract_text(text).citations]
    assert fast == plain


_SENTENCES = [
    (
        "Căn cứ Luật số 05/2017/QH14 Quản lý ngoại thương ngày 12/06/2017 của Quốc hội;",
        {"05/2017/QH14": ("2017-06-12", "Quốc hội", "Quản lý ngoại thương")},
    ),
    (
        "Thông tư số 35/2019/TT-BCT. Ban hành Quy chuẩn kỹ thuật quốc gia về an toàn ngày "
        "25/11/2019 của Bộ Công Thương.",
        {
            "35/2019/TT-BCT": (
                "2019-11-25",
                "Bộ Công Thương",
                "Ban hành Quy chuẩn kỹ thuật quốc gia về an toàn",
            )
        },
    ),
    (  # a period, not a signing date
        "Nghị định số 01/2020/NĐ-CP áp dụng từ ngày 01/7/2020 của năm tài chính.",
        {"01/2020/NĐ-CP": (None, None, None)},
    ),
    (  # a title that cites a law by name before its own date
        "Căn cứ Nghị định số 08/2022/NĐ-CP quy định chi tiết một số điều của Luật Bảo vệ môi "
        "trường ngày 10 tháng 01 năm 2022 của Chính phủ;",
        {
            "08/2022/NĐ-CP": (
                "2022-01-10",
                "Chính phủ",
                "quy định chi tiết một số điều của Luật Bảo vệ môi trường",
            )
        },
    ),
    (  # the window of the first number ends where the second begins; the date is the second's
        "Thực hiện Quyết định số 10/2021/QĐ-UBND về quản lý, được sửa đổi bởi Quyết định số "
        "12/2021/QĐ-UBND ngày 12/3/2021 của Ủy ban nhân dân tỉnh.",
        {
            "10/2021/QĐ-UBND": (None, None, "về quản lý, được sửa đổi bởi"),
            "12/2021/QĐ-UBND": ("2021-03-12", "Ủy ban nhân dân tỉnh", None),
        },
    ),
    (  # a claimed date is passed over: the title's own date comes after it
        "Căn cứ Nghị định số 22/2017/NĐ-CP sửa đổi Nghị định số 20/2011/NĐ-CP ngày 23 tháng 3 "
        "năm 2011 của Chính phủ và ngày 24/02/2017 của Chính phủ;",
        {
            "22/2017/NĐ-CP": ("2017-02-24", "Chính phủ", "sửa đổi"),
            "20/2011/NĐ-CP": ("2011-03-23", "Chính phủ", None),
        },
    ),
    (
        "Căn cứ Chỉ thị số 18/2001/CT-TTg Về một số biện pháp cấp bách ngày 27/08/2001 của Thủ "
        "tướng Chính phủ;",
        {
            "18/2001/CT-TTg": (
                "2001-08-27",
                "Thủ tướng Chính phủ",
                "Về một số biện pháp cấp bách",
            )
        },
    ),
    (
        "Căn cứ Nghị định số 15/2020/NĐ-CP, có hiệu lực từ ngày 15/4/2020;",
        {"15/2020/NĐ-CP": (None, None, None)},
    ),
    (
        "Theo Công văn số 123/BTC-TCT ngày 05/01/2021 của Bộ Tài chính về việc hướng dẫn thuế.",
        {"123/BTC-TCT": ("2021-01-05", "Bộ Tài chính", "về việc hướng dẫn thuế")},
    ),
    (  # with the year of the số hiệu the title may hold brackets
        "Căn cứ Thông tư số 02/2019/TT-BXD hướng dẫn (lần 2) ngày 01/7/2019 của Bộ Xây dựng;",
        {"02/2019/TT-BXD": ("2019-07-01", "Bộ Xây dựng", "hướng dẫn (lần 2)")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), _SENTENCES)
def test_real_sentences_keep_their_dates(
    text: str, expected: dict[str, tuple[str | None, str | None, str | None]]
) -> None:
    read = {
        c.ref: (c.date.isoformat() if c.date else None, c.issuer, c.subject)
        for c in extract_text(text).citations
        if c.ref
    }
    assert read == expected


_TITLED = "Luật số 05/2017/QH14 Quản lý ngoại thương ngày 12/06/2017 củaX Quốc hội"


def test_a_title_date_needs_its_cua_inside_the_window() -> None:
    pos = _TITLED.index(" Quản")
    cua_end = _TITLED.index("củaX") + 3
    back = Backward(_TITLED)
    # the bounded match takes "của" whole at the bound ("(?!\w)" holds at the end)
    for bound in (cua_end, cua_end + 1, cua_end - 1):
        plain = title_date(_TITLED, pos, bound, 2017)
        assert title_date(_TITLED, pos, bound, 2017, back=back) == plain
        assert (plain is not None) == (bound == cua_end)


def test_a_date_of_another_year_is_no_title_date() -> None:
    text = " sửa đổi Nghị định ngày 23 tháng 3 năm 2011 của Chính phủ"
    back = Backward(text)
    assert title_date(text, 0, len(text), 2017, back=back) is None
    found = title_date(text, 0, len(text), 2011, back=back)
    assert found is not None and found[0].text == "ngày 23 tháng 3 năm 2011"
