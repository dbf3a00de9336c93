"""Effective dates read from the texts' own final provisions: real sentences of the bench
corpus and of the Công báo, each labelled by reading it (the expected day is what the
sentence says, worked out by hand)."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.parse.effect import RelationDay, read_effect, relation_effect

D = dt.date


# (text as printed, type of the text it is in, signing date, first day in force, first day
# no longer in force)
OWN_CLAUSES = [
    # Luật Bảo hiểm xã hội 58/2014/QH13, Điều 124 (bench corpus cb-15355): the law's own day,
    # not the later day of one of its points
    (
        "Điều 124. Hiệu lực thi hành \n1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 "
        "năm 2016, trừ quy định \ntại điểm b khoản 1 và khoản 2 Điều 2 của Luật này thì có "
        "hiệu lực thi hành kể từ \nngày 01 tháng 01 năm 2018.  \n",
        "Luật",
        D(2014, 11, 20),
        D(2016, 1, 1),
        None,
    ),
    # Thông tư 02/2021/TT-BLĐTBXH, Điều 7 (cb-33949): 45 days after signing (24/6/2021)
    (
        "Điều 7. Hiệu lực thi hành \n1. Thông tư này có hiệu lực sau 45 ngày kể từ ngày ký. "
        "Các chế độ, chính sách \nquy định tại Thông tư này được áp dụng từ ngày 01 tháng 7 "
        "năm 2021. \n",
        "Thông tư",
        D(2021, 6, 24),
        D(2021, 8, 8),
        None,
    ),
    # Quyết định 08/2022/QĐ-TTg, Điều 14 (cb-36945): the day of signing
    (
        "Điều 14. Hiệu lực thi hành \n1. Quyết định này có hiệu lực từ ngày ký ban hành.  \n",
        "Quyết định",
        D(2022, 3, 28),
        D(2022, 3, 28),
        None,
    ),
    # Nghị quyết 24/2022/UBTVQH15, Điều 3 (cb-37692): the day it is passed
    (
        "Điều 3. Hiệu lực thi hành \nNghị quyết này có hiệu lực thi hành kể từ ngày thông qua. \n",
        "Nghị quyết",
        D(2022, 10, 11),
        D(2022, 10, 11),
        None,
    ),
    # Nghị định of 2020 in force for a period only (cb-37409): through 31/12/2020
    (
        "1. Nghị định này có hiệu lực thi hành từ ngày 15 tháng 8 năm 2020 đến hết ngày 31 "
        "tháng 12 \nnăm 2020. \n2. Việc xác định quỹ tiền lương thực hiện của người lao "
        "động",
        "Nghị định",
        D(2020, 8, 15),
        D(2020, 8, 15),
        D(2021, 1, 1),
    ),
    # the pháp điển's note before a codified article (pd-sh-Chi_thi_18_2001_CT_TTg)
    (
        "Điều 13.1.CT.1.1.\n(Điều 1 Chỉ thị số 18/2001/CT-TTg Về một số biện pháp cấp bách "
        "xây dựng đội ngũ nhà giáo của hệ thống giáo dục quốc dân ngày 27/08/2001 của Thủ "
        "tướng Chính phủ, có hiệu lực thi hành kể từ ngày 11/09/2001)\nCHỈ THỊ\n",
        None,
        None,
        D(2001, 9, 11),
        None,
    ),
]


@pytest.mark.parametrize(("text", "doc_type", "signed", "start", "end"), OWN_CLAUSES)
def test_own_effective_days(
    text: str, doc_type: str | None, signed: D | None, start: D, end: D | None
) -> None:
    effect = read_effect(text, doc_type, signed)
    assert (effect.start, effect.end) == (start, end)
    assert effect.evidence


def test_the_clause_of_an_attached_text_or_of_a_part_does_not_date_the_text() -> None:
    # a Quyết định issuing a Quy chế: the Quy chế's own clause is not the decision's
    attached = "QUY CHẾ\nĐiều 20. Quy chế này có hiệu lực kể từ ngày 01 tháng 3 năm 2021."
    assert read_effect(attached, "Quyết định").start is None
    # "a) Từ ngày Luật này có hiệu lực đến hết ngày 31 tháng 12 năm 2020 thì 80% …" (a
    # transitional rule, bench corpus) gives no day for the law
    transitional = "a) Từ ngày Luật này có hiệu lực đến hết ngày 31 tháng 12 năm 2020 thì 80% "
    assert read_effect(transitional, "Luật").start is None
    # "kể từ ngày ký" without a known signing date says nothing
    assert read_effect("Quyết định này có hiệu lực kể từ ngày ký.", "Quyết định").start is None


def test_a_text_that_says_when_it_ends() -> None:
    # a Nghị quyết of 2026 (bench corpus cb-469466), Điều 8, as printed
    text = (
        "Điều 8. Hiệu lực thi hành \n1. Nghị quyết này có hiệu lực thi hành từ ngày  29 "
        "tháng 4 năm 2026, trừ \nquy định tại khoản 2 Điều này. \n2. Điều 3 và Phụ lục I "
        "Nghị quyết này có hiệu lực sau 30 ngày kể từ ngày \nNghị quyết có hiệu lực thi hành. "
        "\n3. Nghị quyết này hết hiệu lực kể từ ngày 01 tháng 3 năm 2027, trừ trường \n"
    )
    effect = read_effect(text, "Nghị quyết")
    assert (effect.start, effect.end) == (D(2026, 4, 29), D(2027, 3, 1))


def test_a_clause_ending_what_a_part_of_the_text_speaks_of_does_not_end_the_text() -> None:
    # Luật Đầu tư 67/2014/QH13, khoản 3 of its final article (bench corpus cb-6861): the conditions
    # "… trái với quy định tại khoản 3 Điều 7 của Luật này" end on 01/7/2016, not the law
    text = (
        "1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2015.\n2. Điều kiện đầu tư "
        "kinh doanh quy định tại các văn bản quy phạm pháp luật ban hành trước ngày Luật này "
        "có hiệu lực thi hành trái với quy định tại khoản 3 Điều 7 của Luật này hết hiệu lực "
        "thi hành kể từ ngày 01 tháng 7 năm 2016."
    )
    effect = read_effect(text, "Luật")
    assert (effect.start, effect.end) == (D(2015, 7, 1), None)


RELATION_SENTENCES = [
    # 58/2014/QH13 Điều 124 khoản 2: on the acting law's own day
    (
        "2. Luật bảo hiểm xã hội số 71/2006/QH11 hết hiệu lực kể từ ngày Luật này có \n"
        "hiệu lực thi hành.",
        RelationDay.ACTING,
        None,
    ),
    # 02/2021/TT-BLĐTBXH Điều 7 khoản 2 (cb-33949)
    (
        "đổi, bổ sung khoản 2 và 4 Điều 11 Thông tư liên tịch số 29/2014/TTLT-\n"
        "BLĐTBXH-BTC hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành.",
        RelationDay.ACTING,
        None,
    ),
    # 123/2020/NĐ-CP Điều 60 khoản 2 (pd-vbpl-146457): in force through 30/6/2022, ended
    # from 1/7/2022
    (
        "2. Nghị định số 51/2010/NĐ-CP ngày 14 tháng 5 năm 2010 của Chính phủ quy định về "
        "hóa đơn bán hàng hóa, cung ứng dịch vụ, Nghị định số 04/2014/NĐ-CP ngày 17 tháng 01 "
        "năm 2014 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 51/2010/NĐ-CP "
        "quy định về hóa đơn bán hàng hóa, cung ứng dịch vụ, Nghị định số 119/2018/NĐ-CP ngày "
        "12 tháng 9 năm 2018 của Chính phủ quy định về hóa đơn điện tử khi bán hàng hóa, cung "
        "cấp dịch vụ tiếp tục có hiệu lực thi hành đến ngày 30 tháng 6 năm 2022.",
        RelationDay.CONTINUES,
        D(2022, 7, 1),
    ),
    # the pháp điển's note on a repealed article: the day the repeal takes effect
    (
        "bị bãi bỏ bởi Điều 3 Luật số 28/2018/QH14 có hiệu lực thi hành kể từ ngày 01/01/2019)",
        RelationDay.STATED,
        D(2019, 1, 1),
    ),
    # a Quyết định of the Prime Minister (bench corpus): replaced from the day of signing
    (
        "Điều 6. Quyết định này có hiệu lực thi hành kể từ ngày ký và thay thế Quyết \n"
        "định số 1480/QĐ-TTg ngày 03 tháng 7 năm 2025 của Thủ tướng Chính phủ kiện ",
        RelationDay.SIGNING,
        None,
    ),
]


@pytest.mark.parametrize(("sentence", "how", "day"), RELATION_SENTENCES)
def test_the_day_a_relation_takes_effect(sentence: str, how: RelationDay, day: D | None) -> None:
    found = relation_effect(sentence)
    assert found is not None
    assert (found.how, found.day) == (how, day)


def test_a_sentence_without_a_day_says_nothing() -> None:
    sentence = "Nghị định này thay thế Nghị định số 51/2013/NĐ-CP ngày 14 tháng 5 năm \n"
    assert relation_effect(sentence) is None
