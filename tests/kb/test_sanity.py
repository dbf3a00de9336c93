"""No impossible edge: to a later document, to itself, or a lower rank acting on a higher one.

Readings that break these rules are kept as unresolved, with their sentence and reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.graph.sanity import LATER, RANK, SELF, DocumentTime, impossible, rank, when
from kb.ingest.build import add_extracted
from kb.parse.extract import extract_text
from kb.queries.knowledge_base import KnowledgeBase
from kb.store.sqlite import Store

BENCH_DOCS = Path(__file__).resolve().parents[2] / ".." / "shared" / "bench-corpus" / "docs"


def _doc(date: str | None, typ: str | None = None, code: str | None = None) -> DocumentTime:
    return DocumentTime(date=date, type=typ, issuer_code=code)


def test_a_text_cannot_act_on_one_issued_after_it() -> None:
    old, new = _doc("2016-09-01"), _doc("2020-08-28")
    assert impossible("a", "b", "amends", old, new) == LATER
    assert impossible("b", "a", "amends", new, old) is None
    assert impossible("a", "b", "based_on", old, new) == LATER
    assert impossible("a", "b", "cites", old, new) is None  # a mention may look ahead


def test_dates_compare_at_the_precision_both_are_known() -> None:
    assert impossible("a", "b", "guides", _doc("2020"), _doc("2020-05-01")) is None
    assert impossible("a", "b", "guides", _doc("2019"), _doc("2020-05-01")) == LATER
    assert impossible("a", "b", "guides", _doc("2020-05-01"), _doc("2020-05-01")) is None
    # the year a normative số hiệu carries stands in for a missing date
    assert when(DocumentTime(None, "Nghị định", "CP", "45/2020/NĐ-CP")) == (2020,)
    assert impossible("a", "b", "amends", _doc(None), _doc("2020")) is None


def test_nothing_acts_on_itself() -> None:
    assert impossible("45/2020/NĐ-CP", "45/2020/NĐ-CP", "replaces", None, None) == SELF


def test_a_circular_does_not_amend_a_decree_nor_a_decree_a_law() -> None:
    circular = _doc("2024-01-01", "Thông tư", "BTC")
    decree = _doc("2020-01-01", "Nghị định", "CP")
    law = _doc("2019-01-01", "Luật", "QH14")
    assert impossible("tt", "nd", "amends", circular, decree) == RANK
    assert impossible("nd", "luat", "repeals", decree, law) == RANK
    # guiding and resting on a higher text is what lower texts do
    assert impossible("tt", "nd", "guides", circular, decree) is None
    assert impossible("tt", "nd", "based_on", circular, decree) is None
    # the other way round is how the hierarchy works
    assert (
        impossible("nd", "tt", "repeals", _doc("2025-01-01", "Nghị định", "CP"), circular) is None
    )


def test_ranks_come_from_type_and_issuer() -> None:
    assert rank("Nghị quyết", "QH15") == rank("Luật", "QH") == 90
    assert rank("Nghị quyết", "CP") == rank("Nghị định", "CP") == 70
    assert rank("Quyết định", "TTg") == 60
    assert rank("Quyết định", "UBND") == 35
    assert rank("Quyết định", "QĐ/TU") is None  # Party texts are not ranked here
    assert rank("Kế hoạch", "UBND") is None
    # the Quốc hội amends the Constitution by resolution (Nghị quyết 51/2001/QH10)
    assert rank("Hiến pháp", None) == rank("Nghị quyết", "QH10")


def _kb(texts: list[tuple[str, str]]) -> Store:
    store = Store(":memory:")
    add_extracted(store, [(extract_text(text, path), text) for path, text in texts])
    return store


# The start of a real Thông tư (11/2026/TT-BTC, bench corpus cb-468949, Công báo), the
# lines kept verbatim: the amendment is the decrees' own business, not the circular's.
_PREAMBLE = """BỘ TÀI CHÍNH
Số:  11/2026/TT-BTC
Hà Nội, ngày 10 tháng 02 năm 2026
THÔNG TƯ
 Quy định mức thu, chế độ thu, nộp phí thuộc lĩnh vực đường sắt

Căn cứ Nghị định số 123/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính
phủ quy định về hóa đơn, chứng từ, được sửa đổi, bổ sung bởi Nghị định số
70/2025/NĐ-CP;
Căn cứ Nghị định số 29/2025/NĐ-CP ngày 24 tháng 02 năm 2025 của Chính
phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tài chính,
được sửa đổi, bổ sung bởi Nghị định số 166/2025/NĐ-CP;
"""


def test_the_third_party_amendment_is_drawn_between_the_two_decrees() -> None:
    store = _kb([("tt.txt", _PREAMBLE)])
    edges = {(r[0], r[1], r[2]) for r in store.all_relations() if r[2] != "cites"}
    assert ("70/2025/NĐ-CP", "123/2020/NĐ-CP", "amends") in edges
    assert ("166/2025/NĐ-CP", "29/2025/NĐ-CP", "amends") in edges
    assert ("11/2026/TT-BTC", "123/2020/NĐ-CP", "based_on") in edges
    assert ("11/2026/TT-BTC", "29/2025/NĐ-CP", "based_on") in edges
    # never the circular amended by a decree, nor a decree acting on the circular
    assert not {e for e in edges if e[1] == "11/2026/TT-BTC"}
    assert not {e for e in edges if e[0] == "11/2026/TT-BTC" and e[2] == "amends"}


def test_an_impossible_reading_is_kept_with_its_sentence_and_counted_by_kb_stats() -> None:
    # The same real Căn cứ line under a header dated before the decree it rests on (the
    # header is made up): resting on a text not yet issued is an extraction error.
    text = (
        "CHÍNH PHỦ\nSố: 20/2019/NĐ-CP\nHà Nội, ngày 21 tháng 02 năm 2019\nNGHỊ ĐỊNH\n\n"
        + (_PREAMBLE.split("\n\n", 1)[1].split("Căn cứ Nghị định số 29")[0])
    )
    store = _kb([("nd.txt", text)])
    edges = {(r[0], r[1], r[2]) for r in store.all_relations() if r[2] != "cites"}
    assert edges == {("70/2025/NĐ-CP", "123/2020/NĐ-CP", "amends")}
    unresolved = store.unresolved_relations()
    assert [(r[0], r[1], r[2], r[3]) for r in unresolved] == [
        ("20/2019/NĐ-CP", "123/2020/NĐ-CP", "based_on", LATER)
    ]
    assert "Căn cứ Nghị định số 123/2020/NĐ-CP" in unresolved[0][6]
    stats = KnowledgeBase(store).stats()
    assert [(c.name, c.count) for c in stats.unresolved_relations] == [(LATER, 1)]


_PHRASES = [
    "thay thế",
    "bãi bỏ",
    "sửa đổi, bổ sung một số điều của",
    "hướng dẫn thi hành",
    "Căn cứ",
    "Thực hiện",
    "được sửa đổi, bổ sung bởi",
    "được thay thế bằng",
    "quy định chi tiết",
    "và",
    ";",
]
_TYPES = [("Nghị định", "NĐ-CP"), ("Thông tư", "TT-BTC"), ("Quyết định", "QĐ-TTg")]


@st.composite
def _texts(draw: st.DrawFn) -> str:
    year = draw(st.integers(2000, 2025))
    own_type, own_code = draw(st.sampled_from(_TYPES))
    parts = [
        f"Số: {draw(st.integers(1, 300))}/{year}/{own_code}\n"
        f"Hà Nội, ngày {draw(st.integers(1, 28))} tháng {draw(st.integers(1, 12))} năm {year}\n\n"
        f"{own_type.upper()}\n\n"
    ]
    for _ in range(draw(st.integers(1, 6))):
        typ, code = draw(st.sampled_from(_TYPES))
        parts.append(
            f"{draw(st.sampled_from(_PHRASES))} {typ} số {draw(st.integers(1, 300))}/"
            f"{draw(st.integers(1995, 2030))}/{code} ngày {draw(st.integers(1, 28))} tháng "
            f"{draw(st.integers(1, 12))} năm {draw(st.integers(1995, 2030))} "
        )
    return "".join(parts)


@settings(max_examples=60, deadline=None)
@given(_texts())
def test_no_edge_ever_points_to_a_later_document_or_to_itself(text: str) -> None:
    store = _kb([("a.txt", text)])
    docs = {
        row[0]: DocumentTime(date=row[3], type=row[2], issuer_code=row[5], ref=row[1], key=row[0])
        for row in store.all_documents()
    }
    for src, tgt, kind, *_ in store.all_relations():
        if kind == "cites":
            continue
        assert src != tgt
        a, b = when(docs[src]), when(docs[tgt])
        if a and b:
            n = min(len(a), len(b))
            assert a[:n] >= b[:n], (src, kind, tgt)


def test_no_impossible_edge_in_a_real_preamble_with_amendments() -> None:
    # Nghị định 118/2021/NĐ-CP's successors and Thông tư 81/2025/TT-BCA cite decrees and
    # laws "được sửa đổi, bổ sung bởi" later texts (bench corpus, Công báo)
    path = BENCH_DOCS / "cb-46273.txt"
    if not path.is_file():
        pytest.skip("the bench corpus (../shared/bench-corpus) is not next to this checkout")
    store = _kb([(path.name, path.read_text(encoding="utf-8"))])
    docs = {
        row[0]: DocumentTime(date=row[3], type=row[2], issuer_code=row[5], ref=row[1], key=row[0])
        for row in store.all_documents()
    }
    for src, tgt, kind, *_ in store.all_relations():
        assert impossible(src, tgt, kind, docs.get(src), docs.get(tgt)) is None


def test_subjects_stop_at_their_end_and_central_codes_name_their_issuer() -> None:
    from kb.graph.record_fields import clean_subject, issuer_for_code

    # pháp điển notes: "(Điều 1 Luật số 01/2016/QH14 Đấu giá tài sản ban hành ngày …)"
    assert clean_subject("Đấu giá tài sản ban hành") == "Đấu giá tài sản"
    # a Công báo preamble: "… bảo hiểm xã hội bắt buộc (sau đây gọi tắt là Nghị định số
    # 115/2015/NĐ-CP)"
    assert (
        clean_subject("quy định chi tiết một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã "
                      "hội bắt buộc (sau đây gọi tắt là Nghị định số 115/2015/NĐ-CP)")
        == "quy định chi tiết một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc"
    )  # fmt: skip
    assert clean_subject("Về việc ban hành Quy chế") == "Về việc ban hành Quy chế"
    assert issuer_for_code("QH13") == "Quốc hội"
    assert issuer_for_code("CP") == "Chính phủ"
    assert issuer_for_code("TTg") == "Thủ tướng Chính phủ"
    assert issuer_for_code("UBND") is None  # which province's: the code does not say


def test_a_law_numbered_by_term_gets_its_issuer_in_the_kb() -> None:
    text = "Căn cứ Luật Bảo hiểm xã hội số 58/2014/QH13;"
    store = _kb([("a.txt", text)])
    rows = [r for r in store.all_documents() if r[1] == "58/2014/QH13"]
    assert [r[4] for r in rows] == ["Quốc hội"]


def test_a_law_known_only_by_name_is_dated_by_the_year_it_is_cited_with() -> None:
    law = DocumentTime(None, "Luật", None, None, key="Luật:xu ly vi pham hanh chinh@2012")
    decree = DocumentTime("2021-12-23", "Nghị định", "CP", "118/2021/NĐ-CP")
    assert when(law) == (2012,)
    assert impossible("luat", "nd", "amends", law, decree) == LATER
