"""Findings as Word comments, written the same way by the CLI and the web app."""

from __future__ import annotations

import io
from pathlib import Path

import docx

import citecheck
from citecheck.annotate import annotate_bytes, annotate_file, comments

TEXT = "Thực hiện Công văn số 3266/UBND-NC ngày 25/8/2022 của Tỉnh ủy về việc triển khai."


def _docx_bytes(paragraphs: list[str]) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_one_comment_per_finding_with_the_suggestion_on_its_own_line() -> None:
    (f,) = citecheck.check_text(TEXT)
    (c,) = comments([f])
    assert (c.start, c.end) == (f.start, f.end)
    first, second = c.text.split("\n")
    # the rule's Vietnamese title first, its code and name after
    assert first == f"Ký hiệu cơ quan không khớp ({f.code} {f.name}): {f.message}"
    assert second == f"Cách sửa: {f.suggestion}"
    (en,) = comments([f], "en")
    assert en.text.split("\n")[0] == f"{f.name} ({f.code}): {f.message}"


def test_file_and_bytes_give_the_same_comments(tmp_path: Path) -> None:
    data = _docx_bytes(["BÁO CÁO", TEXT])
    src = tmp_path / "draft.docx"
    src.write_bytes(data)
    findings = citecheck.check_text("BÁO CÁO\n" + TEXT, path=str(src), select=["issuer-mismatch"])
    assert findings
    dst = tmp_path / "draft-checked.docx"
    assert annotate_file(src, dst, findings) == len(findings)
    from_file = [c.text for c in docx.Document(str(dst)).comments]
    in_memory = [c.text for c in docx.Document(io.BytesIO(annotate_bytes(data, findings))).comments]
    assert from_file == in_memory and "CC104 issuer-mismatch" in from_file[0]
