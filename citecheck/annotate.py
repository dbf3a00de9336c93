"""Findings as Word comments: the one way the CLI (``--annotate``) and the web app write
them into a copy of the draft .docx."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from citecheck.messages import message
from citecheck.models import Finding
from citecheck.reporters.docx_comments import DocxComment, annotate_docx, annotate_docx_bytes

__all__ = ["annotate_bytes", "annotate_file", "comments"]


def comment_text(f: Finding, lang: str = "vi") -> str:
    """ "Từ bị lặp (CC404 doubled-word): message", then "Cách sửa: suggestion" on its own line:
    the rule's title in ``lang`` first, its code after."""
    from citecheck.ruledocs import title

    head = (
        f"{title(f.code, f.name, lang)} ({f.code} {f.name})"
        if lang == "vi"
        else f"{f.name} ({f.code})"
    )
    text = f"{head}: {f.message}"
    if f.suggestion:
        text += f"\n{message('report', 'fix', lang)}: {f.suggestion}"
    return text


def comments(findings: Iterable[Finding], lang: str = "vi") -> list[DocxComment]:
    """One comment per finding (:func:`comment_text`)."""
    return [DocxComment(start=f.start, end=f.end, text=comment_text(f, lang)) for f in findings]


def annotate_file(src: Path, dst: Path, findings: Iterable[Finding], lang: str = "vi") -> int:
    """Copy the .docx ``src`` to ``dst`` with the findings as comments; how many were written."""
    return annotate_docx(src, dst, comments(findings, lang))


def annotate_bytes(data: bytes, findings: Iterable[Finding], lang: str = "vi") -> bytes:
    """The .docx ``data`` with the findings as comments, built in memory."""
    return annotate_docx_bytes(data, comments(findings, lang))
