"""The public API: citecheck.check(text_or_path, kb=None, ...) -> list[Finding]."""

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
            }
        ]
    )
    text = "Thực hiện Quy định số 12-QĐi/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy."
    assert citecheck.check(text, kb=kb, as_of=dt.date(2022, 1, 15)) == []
    (f,) = citecheck.check(text, kb=kb, as_of=dt.date(2022, 9, 1))
    assert f.name == "superseded-citation" and f.severity == "error"
