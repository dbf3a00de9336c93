"""Where the subject of a citation ends (read by hand from the seed reports)."""

from __future__ import annotations

from kb.parse.extract import extract_text


def _subjects(text: str) -> dict[str, str | None]:
    return {c.ref or "": c.subject for c in extract_text(text).citations if c.ref}


def test_a_bracket_opened_inside_the_subject_stays_in_it() -> None:
    text = (
        "1. Ngày 09/3/2026, Văn phòng Ủy ban nhân dân tỉnh đã có Thông báo số 103/TB-VPUB "
        "ngày 09/3/2026 về việc tổ chức Hội nghị đối thoại trực tiếp giữa Chánh Văn phòng Ủy "
        "ban nhân dân tỉnh Sơn La với Nhân dân năm 2026 (lần 1); Theo Thông báo này."
    )
    assert _subjects(text)["103/TB-VPUB"] == (
        "về việc tổ chức Hội nghị đối thoại trực tiếp giữa Chánh Văn phòng Ủy ban nhân dân "
        "tỉnh Sơn La với Nhân dân năm 2026 (lần 1)"
    )


def test_the_subject_stops_where_the_sentence_s_own_clause_begins() -> None:
    text = (
        "Thực hiện Kế hoạch số 75/KH-VPUB ngày 16/12/2025 của Văn phòng UBND tỉnh về việc đối "
        "thoại trực tiếp giữa Chánh Văn phòng với Nhân dân năm 2026, Văn phòng Ủy ban nhân dân "
        "tỉnh báo cáo kết quả thực hiện như sau:"
    )
    assert _subjects(text)["75/KH-VPUB"] == (
        "về việc đối thoại trực tiếp giữa Chánh Văn phòng với Nhân dân năm 2026"
    )


def test_a_closing_bracket_that_opens_nothing_still_ends_the_subject() -> None:
    text = (
        "(đã được sửa đổi, bổ sung theo Nghị định số 21/2014/NĐ-CP ngày 25 tháng 3 năm 2014 "
        "về việc sửa đổi) ;"
    )
    assert _subjects(text)["21/2014/NĐ-CP"] == "về việc sửa đổi"
