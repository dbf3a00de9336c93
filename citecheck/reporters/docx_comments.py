"""Write findings back into Word: a copy of a .docx with a real comment on each span.

Offsets are those of ``kb.readers.read_path(src).text`` (or ``read_bytes``); the runs covering a span are split
at its boundaries (formatting kept: each half keeps the run's properties) and the comment
is anchored on exactly those runs. The original file is never modified.
"""

from __future__ import annotations

import bisect
import copy
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from kb.readers.base import ReadError
from kb.readers.docx import _RUN_TEXT, W, open_document, walk

__all__ = ["DocxComment", "annotate_docx", "annotate_docx_bytes"]

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class DocxComment:
    """A comment on ``text[start:end]`` of the document as read."""

    start: int
    end: int
    text: str
    author: str = "citecheck"


def _piece_length(child: Any) -> int:
    if child.tag not in _RUN_TEXT:
        return 0
    piece = _RUN_TEXT[child.tag]
    return len(child.text or "") if piece is None else len(piece)


def split_run(run: Any, k: int) -> Any:
    """Split a ``w:r`` after its ``k``-th character; return the new right-hand run.

    Both halves keep the run's ``w:rPr``; a ``w:t`` straddling the cut is split in two."""
    right = copy.deepcopy(run)
    left_children = [c for c in run if c.tag != f"{W}rPr"]
    right_children = [c for c in right if c.tag != f"{W}rPr"]
    pos = 0
    for lc, rc in zip(left_children, right_children, strict=True):
        length = _piece_length(lc)
        if pos + length <= k and not (length == 0 and pos == k):
            right.remove(rc)
        elif pos >= k:
            run.remove(lc)
        else:  # a w:t cut in two
            cut = k - pos
            text = lc.text or ""
            lc.text, rc.text = text[:cut], text[cut:]
            lc.set(_XML_SPACE, "preserve")
            rc.set(_XML_SPACE, "preserve")
        pos += length
    run.addnext(right)
    return right


def _run_spans(document: Any, path: str) -> tuple[list[tuple[int, int, Any]], int]:
    """(start, end, run) for the runs of the main story, in text offsets; and text length."""
    spans: list[tuple[int, int, Any]] = []
    offset = 0
    for index, para in enumerate(walk(document, path)):
        if index:
            offset += 1  # the "\n" between paragraphs
        for run, text in para.runs:
            if para.in_main_story and text:
                spans.append((offset, offset + len(text), run))
            offset += len(text)
    return spans, offset


class _RunIndex:
    """The runs of the main story by text offset, kept up to date as runs are split."""

    def __init__(self, spans: list[tuple[int, int, Any]]) -> None:
        self.spans = spans
        self.starts = [s for s, _, _ in spans]

    def split_at(self, offset: int) -> None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return
        start, end, run = self.spans[i]
        if start < offset < end:
            right = split_run(run, offset - start)
            self.spans[i] = (start, offset, run)
            self.spans.insert(i + 1, (offset, end, right))
            self.starts.insert(i + 1, offset)

    def covering(self, start: int, end: int) -> tuple[Any, Any] | None:
        """Split at ``start`` and ``end``; the first and last run of [start, end)."""
        self.split_at(start)
        self.split_at(end)
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        inside = []
        while i < len(self.spans) and self.spans[i][0] < end:
            _, e, run = self.spans[i]
            if e > start:
                inside.append(run)
            i += 1
        return (inside[0], inside[-1]) if inside else None


def _as_comment(item: DocxComment | Mapping[str, Any]) -> DocxComment:
    if isinstance(item, DocxComment):
        return item
    return DocxComment(
        start=int(item["start"]),
        end=int(item["end"]),
        text=str(item["text"]),
        author=str(item.get("author") or "citecheck"),
    )


def annotate_docx(
    src: Path | str | bytes | BinaryIO,
    dst: Path | str | BinaryIO,
    comments: Sequence[DocxComment | Mapping[str, Any]],
) -> int:
    """Copy ``src`` to ``dst`` with a Word comment on each span; return how many were written.

    ``src`` is a path, the bytes of a .docx or a binary stream open for reading; ``dst`` is
    a path or a binary stream open for writing. Each comment is a :class:`DocxComment` or a
    mapping with the same keys. A span that falls only in a header, footer or note (where
    Word keeps no comments) or on no text at all is left out of the count."""
    if isinstance(src, bytes):
        label, data = "<docx>", src
    elif isinstance(src, str | Path):
        src = Path(src)
        if (
            isinstance(dst, str | Path)
            and Path(dst).exists()
            and Path(dst).resolve() == src.resolve()
        ):
            raise ValueError("the annotated copy must not overwrite the original")
        label = str(src)
        try:
            data = src.read_bytes()
        except OSError as exc:
            raise ReadError(label, f"không đọc được tệp ({exc.strerror})", str(exc)) from exc
    else:
        label, data = str(getattr(src, "name", "<docx>")), src.read()
    document, written = _annotated(label, data, comments)
    if isinstance(dst, str | Path):
        dst = Path(dst)
        dst.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(dst))
    else:
        document.save(dst)
    return written


def annotate_docx_bytes(data: bytes, comments: Sequence[DocxComment | Mapping[str, Any]]) -> bytes:
    """The bytes of a .docx with a Word comment on each span, built in memory."""
    out = io.BytesIO()
    annotate_docx(data, out, comments)
    return out.getvalue()


def _annotated(
    label: str, data: bytes, comments: Sequence[DocxComment | Mapping[str, Any]]
) -> tuple[Any, int]:
    """The opened document with the comments added, and how many were written."""
    from docx.text.run import Run

    document = open_document(label, io.BytesIO(data))
    spans, length = _run_spans(document, label)
    index = _RunIndex(spans)
    written = 0
    for comment in sorted(map(_as_comment, comments), key=lambda c: (c.start, c.end)):
        if not 0 <= comment.start <= comment.end <= length:
            raise ValueError(f"span [{comment.start}, {comment.end}) outside the text (0-{length})")
        end = max(comment.end, min(comment.start + 1, length))
        covered = index.covering(comment.start, end)
        if covered is None:
            continue
        first, last = (Run(r, document) for r in covered)
        lines = comment.text.split("\n")
        note = document.add_comment(
            [first, last], text=lines[0], author=comment.author, initials=""
        )
        for line in lines[1:]:
            note.add_paragraph(line)
        written += 1
    return document, written
