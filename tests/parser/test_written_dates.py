"""Finding a date as the parser gives it ("ngày 15 tháng 6 năm 2021") in the text as read,
where a copy broke it over lines or a gazette page head."""

from __future__ import annotations

from kb.parse.dates import find_written


def test_date_broken_over_a_line() -> None:
    # Kế hoạch 383/KH-UBND (2022) of UBND tỉnh Tiền Giang, as a web copy prints it
    text = "1. Quyết định số 924/QĐ-TTg ngày 22\ntháng 8 năm 2022 của Thủ tướng Chính phủ"
    span = find_written(text, "ngày 22 tháng 8 năm 2022", 0, len(text))
    assert span is not None
    assert text[span[0] : span[1]] == "ngày 22\ntháng 8 năm 2022"


def test_date_broken_by_a_page_head() -> None:
    text = (
        "Nghị định số 58/2022/NĐ-CP ngày 31 tháng \n\n"
        "CÔNG BÁO/Số 949 + 950/Ngày 15-11-2022 \n\n"
        "8 năm 2022 của Chính phủ"
    )
    span = find_written(text, "ngày 31 tháng 8 năm 2022", 0, len(text))
    assert span is not None
    assert text[span[0] : span[1]].startswith("ngày 31") and text[span[1] - 4 : span[1]] == "2022"


def test_other_date_is_not_taken() -> None:
    text = "Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 và ngày 24 tháng 4 năm 2018"
    span = find_written(text, "ngày 24 tháng 4 năm 2018", 0, 50)
    assert span is None
