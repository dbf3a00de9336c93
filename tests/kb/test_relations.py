"""Stated relation phrases, on the example sentences of relations.toml and on real texts."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from kb.graph.identity import ref_norm
from kb.graph.relations import DATA_FILE, Mention, find_relations, load_table
from kb.ingest.build import file_rows
from kb.parse.extract import extract_text

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
BENCH = SHARED / "bench-corpus"
VNLEGALTEXT = SHARED / "vnlegaltext"


def _edges(text: str, acting_type: str | None = None) -> set[tuple[str, str, str]]:
    """(from, to, kind) with the số hiệu as read by the parser; "this" for the acting
    document."""
    extracted = extract_text(text)
    kept = sorted(
        (c for c in extracted.citations if not c.self_reference and c.key), key=lambda c: c.start
    )
    views = [Mention(c.start, c.end, c.type, c.pinpoint) for c in kept]

    def name(i: int | None) -> str:
        return "this" if i is None else ref_norm(kept[i].ref or kept[i].key or "")

    return {
        (name(r.source), name(r.target), r.kind)
        for r in find_relations(text, views, acting_type=acting_type)
    }


def _examples() -> list[tuple[str, dict[str, object]]]:
    data = tomllib.loads(DATA_FILE.read_text("utf-8"))
    out = []
    for entry in data["phrase"]:
        for example in entry.get("examples", []):
            out.append((entry["kind"], example))
    return out


@pytest.mark.parametrize(
    ("kind", "example"), _examples(), ids=lambda v: v if isinstance(v, str) else None
)
def test_every_example_sentence_states_its_relation(kind: str, example: dict[str, object]) -> None:
    expected = str(example.get("kind", kind))
    src, tgt = (str(x) for x in example["edge"])  # type: ignore[attr-defined]
    want = ("this" if src == "this" else ref_norm(src), ref_norm(tgt), expected)
    acting = example.get("acting_type")
    assert want in _edges(str(example["text"]), str(acting) if acting else None)


def test_every_phrase_entry_has_an_example() -> None:
    data = tomllib.loads(DATA_FILE.read_text("utf-8"))
    for entry in data["phrase"]:
        assert entry.get("examples"), entry["phrases"]


def test_unknown_kind_in_the_table_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        load_table({"phrase": [{"kind": "abolishes", "phrases": ["xoá"]}]})


def test_phrases_match_without_accents_and_across_line_breaks() -> None:
    text = "2. Thong tu nay thay the\nThong tu so 05/2021/TT-BKHĐT ngay 17/8/2021."
    assert ("this", "5/2021/tt-bkhdt", "replaces") in _edges(text)


def test_conjunction_gives_the_phrase_back_to_the_acting_document() -> None:
    text = (
        "2. Thông tư này thay thế Thông tư số 05/2021/TT-BKHĐT ngày 17 tháng 8 năm 2021 "
        "và bãi bỏ Thông tư số 07/2018/TT-BKHĐT ngày 27 tháng 12 năm 2018."
    )
    edges = _edges(text)
    assert ("this", "5/2021/tt-bkhdt", "replaces") in edges
    assert ("this", "7/2018/tt-bkhdt", "repeals") in edges


def test_replacing_a_pinpointed_part_is_an_amendment() -> None:
    # VNLegalText 8247: "Nghị định này thay thế các Điều 12, 15, 16, 17 và Điều 18 Nghị định
    # số 28/CP" — only some articles: the document is amended, not replaced.
    text = (
        "Nghị định này thay thế các Điều 12 , 15 , 16 , 17 và Điều 18 Nghị định số 28/CP "
        "ngày 29 tháng 04 năm 1995 của Chính phủ quy định chi tiết và hướng dẫn thi hành."
    )
    kinds = {k for s, t, k in _edges(text) if t == "28/cp"}
    assert kinds == {"amends"}


def test_implements_only_for_plans_and_reports() -> None:
    text = "Thực hiện Quy định số 429-QĐ/TU ngày 01/7/2022 của Ban Thường vụ Tỉnh ủy;"
    assert ("this", "429-qd/tu", "implements") in _edges(text, "Kế hoạch")
    assert ("this", "429-qd/tu", "cites") in _edges(text, "Thông tư")


def test_consolidated_texts_do_not_act_themselves() -> None:
    text = "Thông tư số 27/2013/TT-BYT hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành."
    assert ("this", "27/2013/tt-byt", "repeals") in _edges(text, "Thông tư")
    assert ("this", "27/2013/tt-byt", "cites") in _edges(text, "Văn bản hợp nhất")


def _bench_rows(name: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    path = BENCH / "docs" / name
    if not path.is_file():
        pytest.skip("the bench corpus (shared/bench-corpus next to the repository) is absent")
    text = path.read_text(encoding="utf-8")
    _, _, _, _, mentions, relations = file_rows(extract_text(text, name), text, name, "-")
    return mentions, relations


def _stated(name: str) -> set[tuple[str | None, str | None, str]]:
    mentions, relations = _bench_rows(name)
    ref = {m[0]: m[3] for m in mentions}
    return {(ref.get(r[0]), ref.get(r[1]), str(r[2])) for r in relations}


def test_cong_bao_circular_replacing_an_older_one() -> None:
    # cb-39591: "Thông tư này thay thế Thông tư số 36/2017/TT-BLĐTBXH ngày 29 tháng 12
    # năm 2017 …" and "Căn cứ Nghị định số 62/2022/NĐ-CP …" in the preamble.
    stated = _stated("cb-39591.txt")
    assert (None, "36/2017/TT-BLĐTBXH", "replaces") in stated
    assert (None, "62/2022/NĐ-CP", "based_on") in stated


def test_cong_bao_law_ending_the_force_of_the_law_it_replaces() -> None:
    # cb-15355 (Luật Bảo hiểm xã hội 58/2014/QH13): "2. Luật bảo hiểm xã hội số 71/2006/QH11 hết
    # hiệu lực kể từ ngày Luật này có hiệu lực."
    assert (None, "71/2006/QH11", "repeals") in _stated("cb-15355.txt")


def test_vnlegaltext_labels_agree_on_the_references_the_parser_finds() -> None:
    sample = VNLEGALTEXT / "vnlegaltext_sample.jsonl"
    if not sample.is_file():
        pytest.skip("the VNLegalText sample (shared/vnlegaltext) is absent")
    gold_of = {
        "supersedes": "replaces", "expires": "repeals", "amends_supplements": "amends",
        "guides": "guides", "pursuant_to": "based_on", "refers": "cites", "none": "cites",
    }  # fmt: skip
    agree = total = 0
    for line in sample.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        extracted = extract_text(doc["text"])
        kept = sorted(
            (c for c in extracted.citations if not c.self_reference and c.key),
            key=lambda c: c.start,
        )
        views = [Mention(c.start, c.end, c.type, c.pinpoint) for c in kept]
        acting = {
            r.target: r.kind
            for r in find_relations(doc["text"], views, doc["doc_type"])
            if r.source is None and r.target is not None
        }
        for ref in doc["references"]:
            hit = [i for i, c in enumerate(kept) if c.start < ref["end"] and c.end > ref["start"]]
            if not hit:
                continue
            gold = gold_of[ref["relation"]]
            if ref["partial"] and gold in ("replaces", "repeals"):
                gold = "amends"
            total += 1
            agree += acting.get(hit[0]) == gold
    # Hand-checked disagreements: two "ban hành kèm theo Quyết định 51/2010" labelled
    # guides, one "… được thay thế toàn bộ bằng …" that the sample gives to the acting
    # document, one alias and one "Căn cứ" inside a description.
    assert total >= 70
    assert agree / total >= 0.9


def test_accents_when_written_must_be_the_phrase_s() -> None:
    # pd-vbpl-98960: "Chỉ huy Bộ đội" folds to the letters of "hủy bỏ"
    text = (
        "1. Chỉ đạo các ngành chức năng trong tỉnh phối hợp với Bộ Chỉ huy Bộ đội Biên phòng "
        "tỉnh quán triệt, tuyên truyền, phổ biến nội dung Nghị định số 112/2014/NĐ-CP và "
        "Thông tư này đến các sở, ban, ngành trong tỉnh."
    )
    assert {k for _, t, k in _edges(text) if t == "112/2014/nd-cp"} == {"cites"}


def test_decomposed_accents_are_read_and_offsets_point_into_the_text() -> None:
    import unicodedata

    from kb.parse.folding import fold_with_offsets, original_offset

    text = unicodedata.normalize(
        "NFD", "2. Thông tư này thay thế Thông tư số 05/2021/TT-BKHĐT ngày 17/8/2021."
    )
    assert ("this", "5/2021/tt-bkhdt", "replaces") in _edges(text)
    folded, shifts = fold_with_offsets(text)
    at = folded.index("thay the")
    start = original_offset(shifts, at)
    end = original_offset(shifts, at + len("thay the"))
    assert unicodedata.normalize("NFC", text[start:end]) == "thay thế"


def test_a_phrase_in_the_name_of_a_law_is_not_an_act() -> None:
    # bench corpus cb-468714 (Thông tư 152/2025/TT-BTC, Công báo): "Luật sửa đổi, bổ sung
    # …" is the name of the law the circular rests on, not an amendment by the circular
    text = (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật \n"
        "Kế toán, Luật Kiểm toán độc lập, Luật Ngân sách nhà nước, Luật Quản lý, sử \n"
        "dụng tài sản công, Luật Quản lý thuế, Luật Thuế thu nhập cá nhân, Luật Dự trữ \n"
        "quốc gia, Luật Xử lý vi phạm hành chính số 56/2024/QH15 ngày 29 tháng 11 \n"
        "năm 2024;"
    )
    assert {k for _, t, k in _edges(text, "Thông tư") if t == "56/2024/qh15"} == {"based_on"}


def test_the_next_item_of_an_outer_list_is_not_the_object_of_a_description() -> None:
    # bench corpus pd-vbpl-32977 (a form of Thông tư 21/2013/TT-BCT): the decree details
    # the law on tobacco; the circular after the comma is the next document listed
    text = (
        "(2) phải thực hiện đúng các quy định tại Nghị định số 67/2013/NĐ-CP ngày 27 tháng 6 "
        "năm 2013 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật "
        "Phòng, chống tác hại của thuốc lá về kinh doanh thuốc lá, Thông tư số 21/2013/TT-BCT "
        "ngày 25 tháng 9 năm 2013 của Bộ Công Thương quy định chi tiết một số điều của Nghị "
        "định số 67/2013/NĐ-CP."
    )
    edges = _edges(text, "Thông tư")
    assert ("21/2013/tt-bct", "67/2013/nd-cp", "guides") in edges
    assert ("67/2013/nd-cp", "21/2013/tt-bct", "guides") not in edges


def test_every_law_of_an_amending_list_amends_the_cited_one_and_not_the_acting_text() -> None:
    # bench corpus cb-469587 (Thông tư 22/2026/TT-BNNMT, Công báo)
    text = (
        "Căn cứ Luật Bảo vệ môi trường số 72/2020/QH14 được sửa đổi, bổ sung một \n"
        "số điều theo Luật số 11/2022/QH15, Luật số 16/2023/QH15, Luật số 18/2023/QH15, \n"
        "Luật số 47/2024/QH15, Luật số 54/2024/QH15 và Luật số 146/2025/QH15; "
    )
    edges = _edges(text, "Thông tư")
    amenders = {s for s, t, k in edges if t == "72/2020/qh14" and k == "amends"}
    assert amenders == {
        "11/2022/qh15", "16/2023/qh15", "18/2023/qh15", "47/2024/qh15", "54/2024/qh15",
        "146/2025/qh15",
    }  # fmt: skip
    assert ("this", "72/2020/qh14", "based_on") in edges


def test_the_next_decree_of_a_basis_list_rests_the_text_and_is_not_detailed_by_the_first() -> None:
    # bench corpus cb-37982 (Công báo): two decrees joined by "và" in one Căn cứ line
    text = (
        "Căn cứ Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016 của Chính phủ quy định "
        "chi tiết một số điều và biện pháp thi hành Luật Ban hành văn bản quy phạm pháp luật "
        "năm 2015 và Nghị định số 154/2020/NĐ-CP ngày 31/12/2020 của Chính phủ sửa đổi, bổ "
        "sung một số điều của Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016 của Chính "
        "phủ;"
    )
    edges = _edges(text, "Thông tư")
    assert ("this", "154/2020/nd-cp", "based_on") in edges
    assert ("154/2020/nd-cp", "34/2016/nd-cp", "amends") in edges
    assert ("34/2016/nd-cp", "154/2020/nd-cp", "guides") not in edges


def test_a_parenthesis_about_a_law_says_nothing_of_the_next_document() -> None:
    # bench corpus pd-vbpl-174887 (pháp điển): "(sửa đổi, bổ sung năm 2020)" describes the
    # law; the decree after it was read as amended by the law
    text = (
        "Việc giao biên bản vi phạm hành chính cho người vi phạm thực hiện theo quy định tại "
        "Điều 58 Luật Xử lý vi phạm hành chính năm 2012 (sửa đổi, bổ sung năm 2020) và Điều "
        "12 Nghị định số 118/2021/NĐ-CP ngày 23/12/2021 của Chính phủ quy định chi tiết một "
        "số điều và biện pháp thi hành Luật Xử lý vi phạm hành chính."
    )
    kinds = {k for _, t, k in _edges(text, "Thông tư") if t == "118/2021/nd-cp"}
    assert "amends" not in kinds


def test_continuing_in_force_until_a_date_is_not_an_amendment() -> None:
    # bench corpus pd-vbpl-146457 (Nghị định 123/2020/NĐ-CP, Điều 59): the decrees listed
    # stay in force until 30/6/2022; only 04/2014 amends 51/2010, as its description says
    text = (
        "2. Nghị định số 51/2010/NĐ-CP ngày 14 tháng 5 năm 2010 của Chính phủ quy định về hóa "
        "đơn bán hàng hóa, cung ứng dịch vụ, Nghị định số 04/2014/NĐ-CP ngày 17 tháng 01 năm "
        "2014 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 51/2010/NĐ-CP quy "
        "định về hóa đơn bán hàng hóa, cung ứng dịch vụ, Nghị định số 119/2018/NĐ-CP ngày 12 "
        "tháng 9 năm 2018 của Chính phủ quy định về hóa đơn điện tử khi bán hàng hóa, cung cấp "
        "dịch vụ tiếp tục có hiệu lực thi hành đến ngày 30 tháng 6 năm 2022."
    )
    typed = {e for e in _edges(text, "Nghị định") if e[2] != "cites"}
    assert typed == {("4/2014/nd-cp", "51/2010/nd-cp", "amends")}


def test_until_a_law_ends_is_a_time_limit_not_a_repeal() -> None:
    # bench corpus cb-45740 (Nghị định 212/2025/NĐ-CP, transitional provisions)
    text = (
        "Đối với quy định tại điểm đ khoản 1, khoản 2 Điều 4 và Điều 11 Nghị định số "
        "30/2016/NĐ-CP tiếp tục thực hiện cho đến khi Luật Việc làm số 38/2013/QH13 ngày 16 "
        "tháng 11 năm 2013 hết hiệu lực thi hành."
    )
    assert {k for _, t, k in _edges(text, "Nghị định") if t == "38/2013/qh13"} == {"cites"}


def test_the_items_of_a_list_take_what_its_introduction_says() -> None:
    # bench corpus pd-vbpl-113135 (Thông tư liên tịch 49/2016/TTLT-BQP-BYT-BTC, Điều 25)
    text = (
        "2. Các văn bản sau đây hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực "
        "thi hành:\n"
        "a) Thông tư liên tịch số 25/2010/TTLT-BQP-BYT-BTC ngày 05 tháng 3 năm 2010 của liên "
        "Bộ Quốc phòng, Bộ Y tế, Bộ Tài chính hướng dẫn quản lý, tổ chức thực hiện;\n"
        "b) Thông tư liên tịch số 03/2012/TTLT-BQP-BYT-BTC ngày 16 tháng 01 năm 2012 của liên "
        "Bộ Quốc phòng, Bộ Y tế, Bộ Tài chính hướng dẫn thực hiện BHYT.\n"
    )
    edges = _edges(text, "Thông tư liên tịch")
    assert ("this", "25/2010/ttlt-bqp-byt-btc", "repeals") in edges
    assert ("this", "3/2012/ttlt-bqp-byt-btc", "repeals") in edges


def test_listed_articles_that_end_amend_their_documents() -> None:
    # bench corpus pd-vbpl-111793 (Thông tư 11/2016/TT-NHNN, Điều 5)
    text = (
        "2. Kể từ ngày Thông tư này có hiệu lực thi hành, các điều, khoản sau đây hết hiệu "
        "lực thi hành:\n"
        "a) Mục 6 Thông tư số 07/2001/TT-NHNN ngày 31/8/2001 của Thống đốc Ngân hàng Nhà nước "
        "Việt Nam;\n"
        "b) Khoản 2 Điều 1, Điều 6 Thông tư số 29/2015/TT-NHNN ngày 22/12/2015 của Thống đốc "
        "Ngân hàng Nhà nước Việt Nam.\n"
        "3. Chánh Văn phòng chịu trách nhiệm tổ chức thi hành Thông tư này.\n"
    )
    edges = _edges(text, "Thông tư")
    assert ("this", "7/2001/tt-nhnn", "amends") in edges
    assert ("this", "29/2015/tt-nhnn", "amends") in edges


def test_a_consolidated_text_states_what_amended_the_document_it_consolidates() -> None:
    # bench corpus cb-41352 (Văn bản hợp nhất, Công báo): the passive phrase speaks of the
    # circular at the head of the description, not of the decision its title mentions;
    # the alias "(sau đây viết tắt là …)" adds nothing
    text = (
        "Thông tư liên tịch số 17/2014/TTLT-BLĐTBXH-BTC ngày 01 tháng 8 năm 2023 \n"
        "của Bộ trưởng Bộ Lao động Thương binh và Xã hội và Bộ trưởng Bộ Tài chính \n"
        "hướng dẫn thực hiện trợ cấp một lần đối với người được cử làm chuyên gia sang \n"
        "giúp Lào và Căm-pu-chi-a theo Quyết định số 57/2013/QĐ-TTg ngày 14 tháng 10 \n"
        "năm 2013 của Thủ tướng Chính phủ, có hiệu lực kể từ ngày 15 tháng 9 năm 2014, \n"
        "được sửa đổi, bổ sung bởi: \n"
        "Thông tư số 08/2023/TT-BLĐTBXH ngày 29 tháng 8 năm 2023 của Bộ trưởng \n"
        "Bộ Lao động - Thương binh và Xã hội sửa đổi, bổ sung, bãi bỏ một số điều của các \n"
        "Thông tư, Thông tư liên tịch có quy định liên quan (sau đây viết tắt là Thông tư số "
        "08/2023/TT-BLĐTBXH), có hiệu lực kể từ ngày 15 tháng 10 năm 2023.\n"
    )
    typed = {e for e in _edges(text, "Văn bản hợp nhất") if e[2] != "cites"}
    assert typed == {("8/2023/tt-bldtbxh", "17/2014/ttlt-bldtbxh-btc", "amends")}


def test_a_long_list_of_laws_each_with_its_own_amending_laws() -> None:
    # bench corpus cb-44464 (Công báo): one list of laws, each "đã được sửa đổi, bổ sung
    # một số điều theo Luật số …"; a law written with its name starts the next item
    path = BENCH / "docs" / "cb-44464.txt"
    if not path.is_file():
        pytest.skip("the bench corpus (shared/bench-corpus next to the repository) is absent")
    full = path.read_text(encoding="utf-8")
    start = full.index("Luật Chứng khoán số \n70/2006/QH11")
    end = full.index("59/2010/QH12.", start) + len("59/2010/QH12.")
    text = full[start:end]  # a contiguous excerpt of the list
    typed = {e for e in _edges(text, "Nghị định") if e[2] == "amends"}
    assert typed == {
        ("62/2010/qh12", "70/2006/qh11", "amends"),
        ("31/2009/qh12", "62/2006/qh11", "amends"),
        ("3/2016/qh14", "50/2014/qh13", "amends"),
        ("77/2015/qh13", "30/2009/qh12", "amends"),
        ("92/2015/qh13", "10/2012/qh13", "amends"),
        ("32/2013/qh13", "25/2008/qh12", "amends"),
        ("46/2014/qh13", "25/2008/qh12", "amends"),
        ("97/2015/qh13", "25/2008/qh12", "amends"),
    }


def test_an_ending_clause_ends_every_subject_it_coordinates() -> None:
    # Luật Bảo hiểm xã hội 41/2024/QH15, Điều 140 khoản 2 (bench corpus cb-42576): the law of
    # 2014 (with the laws that amended it, and its alias) and the resolution both end
    text = (
        "2. Luật Bảo hiểm xã hội số 58/2014/QH13 đã được sửa đổi, bổ sung một số \n"
        "điều theo Luật số 84/2015/QH13, Luật số 35/2018/QH14, Bộ luật số \n"
        "45/2019/QH14 (sau đây gọi chung là Luật số 58/2014/QH13) và Nghị quyết số \n"
        "93/2015/QH13 ngày 22 tháng 6 năm 2015 của Quốc hội về việc thực hiện chính \n"
        "sách hưởng bảo hiểm xã hội một lần đối với người lao động hết hiệu lực thi hành \n"
        "kể từ ngày Luật này có hiệu lực thi hành. \n"
    )
    edges = _edges(text, "Luật")
    ended = {t for s, t, k in edges if s == "this" and k == "repeals"}
    assert ended == {"58/2014/qh13", "93/2015/qh13"}
    # the amending laws inside the description are not ended by the clause
    assert ("84/2015/qh13", "58/2014/qh13", "amends") in edges


def test_two_ordinances_joined_by_and_both_end() -> None:
    # bench corpus cb-469125 (Công báo): "Pháp lệnh Phí và lệ phí số 38/2001/PL-UBTVQH10 và
    # Pháp lệnh Án phí, lệ phí toà án số 10/2009/PL-UBTVQH12 hết hiệu lực kể từ ngày Luật
    # này có hiệu lực thi hành."
    text = (
        "2. Pháp lệnh Phí và lệ phí số 38/2001/PL-UBTVQH10 và Pháp lệnh Án phí, lệ phí toà án "
        "số 10/2009/PL-UBTVQH12 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.\n"
    )
    ended = {t for s, t, k in _edges(text, "Luật") if s == "this" and k == "repeals"}
    assert ended == {"38/2001/pl-ubtvqh10", "10/2009/pl-ubtvqh12"}
