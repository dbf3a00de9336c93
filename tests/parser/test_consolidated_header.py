"""A consolidated text (văn bản hợp nhất) whose own number and date stand in the block that
closes it ("XÁC THỰC VĂN BẢN HỢP NHẤT"), not on top: its header is that number and date, and
its type is "Văn bản hợp nhất", so what it repeats of the texts it consolidates is quoted,
not acted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kb.parse.extract import extract_text

# Văn bản hợp nhất 58/VBHN-VPQH of Luật Bảo hiểm xã hội, as the Công báo prints it (bench
# corpus cb-45848): the law's heading on top, its final article, the closing block
TEXT = (
    "VĂN BẢN HỢP NHẤT - VĂN PHÒNG QUỐC HỘI\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "LUẬT\nBẢO HIỂM XÃ HỘI\n\n"
    "Luật Bảo hiểm xã hội số 41/2024/QH15 ngày 29 tháng 6 năm 2024 của Quốc hội, có hiệu lực "
    "kể từ ngày 01 tháng 7 năm 2025, được sửa đổi, bổ sung bởi:\n"
    "1. Luật Nhà giáo số 73/2025/QH15 ngày 16 tháng 6 năm 2025 của Quốc hội, có hiệu lực kể "
    "từ ngày 01 tháng 01 năm 2026;\n\n"
    "Điều 140. Hiệu lực thi hành\n"
    "2. Luật Bảo hiểm xã hội số 58/2014/QH13 hết hiệu lực thi hành kể từ ngày Luật này có "
    "hiệu lực thi hành.\n\n"
    "VĂN PHÒNG QUỐC HỘI\n\nSố: 58/VBHN-VPQH\n\n\n\nXÁC THỰC VĂN BẢN HỢP NHẤT\n\n"
    "Hà Nội, ngày 15 tháng 8 năm 2025\nCHỦ NHIỆM\n"
)


def test_the_closing_block_gives_the_number_date_and_type() -> None:
    header = extract_text(TEXT).document
    assert (header.ref, header.type, header.date) == (
        "58/VBHN-VPQH",
        "Văn bản hợp nhất",
        dt.date(2025, 8, 15),
    )
    assert TEXT[header.number_start : header.number_end] == "58/VBHN-VPQH"
    # its own number is no citation
    assert "58/VBHN-VPQH" not in {c.ref for c in extract_text(TEXT).citations}


def test_a_text_with_its_number_on_top_keeps_it() -> None:
    text = "BỘ Y TẾ\nSố: 12/2010/TT-BYT\nHà Nội, ngày 29 tháng 4 năm 2010\n\nTHÔNG TƯ\n" + TEXT
    assert extract_text(text).document.ref == "12/2010/TT-BYT"


def test_every_consolidated_text_of_the_gazette_is_read_as_one(bench_corpus: Path) -> None:
    # each Công báo text closed by "XÁC THỰC VĂN BẢN HỢP NHẤT" has its number there
    docs = sorted((bench_corpus / "docs").glob("cb-*.txt"))
    closed = [p for p in docs if "XÁC THỰC VĂN BẢN HỢP NHẤT" in p.read_text("utf-8")]
    if not closed:
        pytest.skip("no consolidated text in this copy of the bench corpus")
    read = [extract_text(p.read_text("utf-8")).document for p in closed]
    typed = [h for h in read if h.type == "Văn bản hợp nhất" and h.ref and "VBHN" in h.ref]
    assert len(typed) >= len(closed) - 2


def test_a_title_that_begins_with_thuc_hien_is_the_title() -> None:
    # the seed plan of 2022 (corpus/2022-kh-cong-tac-doi-thoai-2022.txt): its title begins
    # "Thực hiện"; the preamble after it, "Thực hiện Quy định số …", is not title
    text = (
        "KẾ HOẠCH\nThực hiện công tác đối thoại năm 2022\n\n"
        "Thực hiện Quy định số 12-QĐi/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy về việc "
        "quy định đối thoại trực tiếp;\n"
    )
    assert extract_text(text).document.title == "Thực hiện công tác đối thoại năm 2022"
