"""Laws, National Assembly resolutions and ordinances share the /QHnn and /UBTVQHnn suffix but
not the number sequence: the type is part of their identity (design notes §3.4)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import citecheck
from kb.graph.identity import Resolution, resolve_keys
from kb.parse.extract import extract_text
from kb.queries.knowledge_base import AmbiguousRef, KnowledgeBase


def _keys(text: str) -> list[str | None]:
    return [c.key for c in extract_text(text).citations]


def test_a_law_and_a_resolution_of_one_number_are_two_documents() -> None:
    # two real mentions: Luật Bảo hiểm xã hội 41/2024/QH15, Điều 141, and a pháp điển article of
    # Nghị quyết 02/2016/NQ-HĐTP
    resolution = "Nghị quyết số 93/2015/QH13 ngày 22 tháng 6 năm 2015 của Quốc hội"
    law = "Kể từ ngày Luật tố tụng hành chính số 93/2015/QH13 có hiệu lực thi hành"
    assert _keys(resolution) == ["93/2015/QH13@Nghị quyết"]
    assert _keys(law) == ["93/2015/QH13@Luật"]


def test_laws_and_codes_share_one_sequence_ordinances_have_their_own() -> None:
    assert _keys("Bộ luật số 45/2019/QH14") == ["45/2019/QH14@Luật"]
    assert _keys("Luật số 45/2019/QH14") == ["45/2019/QH14@Luật"]
    assert _keys("Pháp lệnh số 02/2022/UBTVQH15") == ["2/2022/UBTVQH15@Pháp lệnh"]


def test_a_number_without_type_word_resolves_to_the_unique_candidate_or_stays_ambiguous() -> None:
    (bare,) = _keys("theo 93/2015/QH13")
    assert bare == "93/2015/QH13@?"
    one = resolve_keys([bare], {"93/2015/QH13@Luật"})
    assert one[bare] == Resolution("93/2015/QH13@Luật")
    both = resolve_keys([bare], {"93/2015/QH13@Luật", "93/2015/QH13@Nghị quyết"})
    assert both[bare] == Resolution(None, ("93/2015/QH13@Luật", "93/2015/QH13@Nghị quyết"))


def test_the_own_header_of_a_law_carries_its_type(bench_corpus: Path) -> None:
    # cb-43589: "QUỐC HỘI / Luật số: 50/2024/QH15 / … / LUẬT CÔNG ĐOÀN"
    text = (bench_corpus / "docs" / "cb-43589.txt").read_text(encoding="utf-8")
    assert extract_text(text).document.key == "50/2024/QH15@Luật"


def test_the_social_insurance_law_does_not_end_the_administrative_procedure_law(
    bench_corpus: Path,
) -> None:
    # Luật Bảo hiểm xã hội 41/2024/QH15 (cb-42576), Điều 141: "… và Nghị quyết số 93/2015/QH13 …
    # hết hiệu lực thi hành"; pd-vbpl-121224 cites "Luật tố tụng hành chính số 93/2015/QH13"
    docs = bench_corpus / "docs"
    texts = {str(docs / n): (docs / n).read_text(encoding="utf-8") for n in ("cb-42576.txt",)}
    texts[str(docs / "pd-vbpl-121224.txt")] = (docs / "pd-vbpl-121224.txt").read_text(
        encoding="utf-8"
    )
    kb = KnowledgeBase.in_memory()
    kb.add_files([extract_text(t, name) for name, t in texts.items()], texts=texts)
    on = dt.date(2025, 9, 1)
    law = kb.document("Luật số 93/2015/QH13", on)
    resolution = kb.document("Nghị quyết số 93/2015/QH13", on)
    assert law is not None and resolution is not None
    assert law.key == "93/2015/QH13@Luật" and resolution.key == "93/2015/QH13@Nghị quyết"
    ending = ("repeals", "replaces")
    assert [(r.kind, r.other.key) for r in kb.relations(resolution.key) if r.kind in ending] == [
        ("repeals", "41/2024/QH15@Luật")
    ]
    assert not [r for r in kb.relations(law.key) if r.kind in ending]
    try:
        kb.key("93/2015/QH13")
    except AmbiguousRef as e:
        assert sorted(e.candidates) == ["93/2015/QH13@Luật", "93/2015/QH13@Nghị quyết"]
    else:
        raise AssertionError("a bare number of two documents must stay ambiguous")
    draft = (
        "Căn cứ Luật Tố tụng hành chính số 93/2015/QH13 ngày 25 tháng 11 năm 2015;\n"
        "Ủy ban nhân dân tỉnh báo cáo như sau."
    )
    findings = citecheck.check(draft, kb=kb, as_of=on)
    assert not [f for f in findings if f.name == "superseded-citation"]


def test_a_law_cited_by_name_and_by_number_is_one_node() -> None:
    # the preamble of many decrees ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;")
    # and a pháp điển link ("… của Luật 76/2015/QH13 Tổ chức Chính phủ ban hành ngày
    # 19/06/2015"); the register holds 76/2015/QH13 from that link
    texts = {
        "a.txt": "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n",
        "b.txt": "Điều 35.6.LQ.39. Bộ, cơ quan ngang bộ của Luật 76/2015/QH13 Tổ chức Chính phủ.\n",
    }
    (by_name,) = extract_text(texts["a.txt"]).citations
    assert (by_name.ref, by_name.key) == ("76/2015/QH13", "76/2015/QH13@Luật")
    kb = KnowledgeBase.in_memory()
    kb.add_files([extract_text(t, name) for name, t in texts.items()], texts=texts)
    doc = kb.document("76/2015/QH13")
    assert doc is not None and doc.key == "76/2015/QH13@Luật"
    assert sorted(m.path for m in kb.mentions(doc.key)) == ["a.txt", "b.txt"]
