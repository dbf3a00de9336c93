"""The public API: citecheck.check(text_or_path, kb=None, ...) and
citecheck.check_text(text, ...) -> list[Finding]."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import citecheck
from citecheck.models import Finding

REPO = Path(__file__).resolve().parents[2]
TEXT = "Công văn số 3266/UBND-NC ngày 25/8/2022 của Tỉnh ủy về việc triển khai thực hiện."


def test_check_a_text() -> None:
    findings = citecheck.check(TEXT)
    assert [f.name for f in findings] == ["issuer-mismatch"]
    assert isinstance(findings[0], Finding)
    assert findings[0].path == "<text>"
    assert TEXT[findings[0].start : findings[0].end].startswith("Công văn số 3266/UBND-NC")


def test_check_text_never_reads_a_path(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(TEXT, encoding="utf-8")
    # check() takes a one-line string naming a file for that file; check_text() never does
    assert [f.path for f in citecheck.check(str(draft))] == [str(draft)]
    assert citecheck.check_text(str(draft)) == []
    (f,) = citecheck.check_text(TEXT, path="du-thao.docx", lang="en")
    assert f.path == "du-thao.docx" and f.name == "issuer-mismatch" and "belongs to" in f.message
    assert citecheck.check_text(TEXT, select=["CC4"]) == []


def test_check_in_english_with_selection() -> None:
    assert citecheck.check(TEXT, select=["CC4"]) == []
    (f,) = citecheck.check(TEXT, lang="en")
    assert "belongs to" in f.message


def test_check_a_path_and_a_directory() -> None:
    seed = REPO / "corpus" / "2025-bc-ket-qua-cong-tac-doi-thoai-2025.txt"
    one = citecheck.check(seed)
    assert {f.name for f in one} >= {"issuer-mismatch", "blank-placeholder"}
    assert citecheck.check(str(seed)) == one
    corpus = citecheck.check(REPO / "corpus")
    assert any(f.name == "date-mismatch" and "2024-bc" in f.path for f in corpus)


def test_check_with_a_kb_and_as_of(make_kb: Any) -> None:
    kb = make_kb(
        [
            {
                "key": "12-QĐ/TU@2019",
                "ref": "12-QĐi/TU",
                "date": "2019-02-27",
                "replaced_by": "429-QĐ/TU",
                "replaced_on": "2022-07-01",
                "origin": "curated",
            }
        ]
    )
    text = "Thực hiện Quy định số 12-QĐi/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy."
    assert citecheck.check(text, kb=kb, as_of=dt.date(2022, 1, 15)) == []
    (f,) = citecheck.check(text, kb=kb, as_of=dt.date(2022, 9, 1))
    assert f.name == "superseded-citation" and f.severity == "error"


def test_authorities_judge_each_document_on_the_drafts_date(make_kb: Any) -> None:
    from citecheck.config import Options
    from citecheck.engine import check_texts

    kb = make_kb(
        [
            {
                "key": "12-QĐ/TU@2019",
                "ref": "12-QĐi/TU",
                "date": "2019-02-27",
                "replaced_by": "429-QĐ/TU",
                "replaced_on": "2022-07-01",
                "origin": "curated",
            },
            {"key": "429-QĐ/TU@2022", "ref": "429-QĐ/TU", "date": "2022-07-01"},
            {"key": "144/QĐ-VPUB@2020", "ref": "144/QĐ-VPUB", "date": "2020-12-31", "source": "kb"},
        ]
    )
    text = (
        "Số: 12/BC-VPUB\n\nSơn La, ngày 15 tháng 9 năm 2022\n\nBÁO CÁO\n\n"
        "Thực hiện Quy định số 12-QĐi/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy; "
        "Quy định số 429-QĐ/TU ngày 01/7/2022 của Tỉnh ủy; "
        "Quyết định số 144/QĐ-VPUB ngày 30/12/2020; Kế hoạch số 62/KH-VPUB ngày 19/12/2021.\n"
    )
    rows = check_texts([("bc.txt", text)], Options(), kb=kb).report.authorities
    verdicts = {a.ref: a.verdict for a in rows}
    assert verdicts == {
        "12-QĐi/TU": "replaced",
        "429-QĐ/TU": "verified",
        "144/QĐ-VPUB": "mismatch",
        "62/KH-VPUB": "not-in-kb",
    }
    replaced = next(a for a in rows if a.ref == "12-QĐi/TU")
    assert "429-QĐ/TU" in replaced.detail and "01/07/2022" in replaced.detail


def test_a_party_number_missing_its_issuer_is_known_when_unique(tmp_path: Path) -> None:
    from kb.queries.knowledge_base import KnowledgeBase

    kb = KnowledgeBase.in_memory()
    kb.build([REPO / "corpus"])
    seed = REPO / "corpus" / "2024-bc-dan-van-dan-chu-quy-1.txt"
    findings = citecheck.check(seed, kb=kb)
    text = seed.read_text(encoding="utf-8")
    on_429 = [f for f in findings if text[f.start : f.end].find("429-QĐi") >= 0]
    assert {f.name for f in on_429} == {"malformed-ref"}  # not unknown-document
    # the mention keeps its own spelling under the document it resolves to
    shown = kb.show("429-QĐ/TU")
    assert shown is not None and shown.document.key == "429-QĐ/TU@2022"
    assert any(m.ref == "429-QĐi" for m in shown.mentions)
