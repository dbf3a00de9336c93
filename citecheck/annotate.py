"""Findings as Word comments: the one way the CLI (``--annotate``) and the web app write
them into a copy of the draft .docx."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from citecheck.models import Finding
from citecheck.reporters.docx_comments import DocxComment, annotate_docx, annotate_docx_bytes

__all__ = ["annotate_bytes", "annotate_file", "comments"]


def comments(findings: Iterable[Finding]) -> list[DocxComment]:
    """One comment per finding: "CODE name: message", the suggestion on its own line."""
    return [
        DocxComment(
            start=f.start,
            end=f.end,
            text=f"{f.code} {f.name}: {f.message}" + (f"\n{f.suggestion}" if f.suggestion else ""),
        )
        for f in findings
    ]


def annotate_file(src: Path, dst: Path, findings: Iterable[Finding]) -> int:
    """Copy the .docx ``src`` to ``dst`` with the findings as comments; how many were written."""
    return annotate_docx(src, dst, comments(findings))


def annotate_bytes(data: bytes, findings: Iterable[Finding]) -> bytes:
    """The .docx ``data`` with the findings as comments, built in memory."""
    return annotate_docx_bytes(data, comments(findings))
