"""Self-references resolve to the document's own header; back-references only when exactly
one earlier citation fits, otherwise they stay unresolved with a reason."""

from __future__ import annotations

from kb.parse.extract import extract_text

HEAD = "Số: 12/2020/NĐ-CP\n\nHà Nội, ngày 05 tháng 01 năm 2020\n\nNGHỊ ĐỊNH\n\n"


def test_self_reference_resolves_to_the_header() -> None:
    text = HEAD + "Điều 1. Nghị định này quy định chi tiết …; Nghị định này48 có hiệu lực."
    refs = [c for c in extract_text(text).citations if c.self_reference]
    assert [c.text for c in refs] == ["Nghị định này", "Nghị định này"]
    assert all(c.resolved_to == "12/2020/NĐ-CP" for c in refs)


def test_self_reference_without_a_header_says_why() -> None:
    (c,) = extract_text("Quyết định này có hiệu lực kể từ ngày ký.").citations
    assert c.self_reference and c.resolved_to is None
    assert c.unresolved_reason


def test_lower_case_type_word_is_not_a_reference() -> None:
    assert extract_text("Thực hiện đúng các quy định này.").citations == []


def test_back_reference_with_one_candidate_resolves() -> None:
    text = "Thực hiện Kế hoạch số 62/KH-VPUB ngày 19/12/2024. Kế hoạch nêu trên được triển khai."
    back = [c for c in extract_text(text).citations if c.ref is None]
    assert [(c.text, c.resolved_to) for c in back] == [("Kế hoạch nêu trên", "62/KH-VPUB@2024")]


def test_back_reference_with_two_candidates_stays_unresolved() -> None:
    text = (
        "Kế hoạch số 62/KH-VPUB ngày 19/12/2024 và Kế hoạch số 01/KH-VPUB ngày 02/01/2025. "
        "Kế hoạch trên được triển khai."
    )
    (back,) = [c for c in extract_text(text).citations if c.ref is None]
    assert back.resolved_to is None
    assert back.unresolved_reason == "2 earlier citations it could refer to"


def test_a_form_named_with_nay_is_not_a_self_reference() -> None:
    # "Mẫu này" is the form the footnote is about, not the document the text is in
    text = "36 Mẫu này được sửa đổi, bổ sung theo quy định tại khoản 1 Điều 2 Quyết định này."
    refs = [c.text for c in extract_text(text).citations if c.self_reference]
    assert refs == ["Quyết định này"]
