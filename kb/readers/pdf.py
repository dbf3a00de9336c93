"""PDF with a text layer, read with pypdfium2 (chosen by measurement: docs/readers.md).

The text is built once from the pages' lines: running headers and footers (lines that
repeat at the top or bottom of most pages) and bare page numbers are dropped, lines are
joined by ``"\\n"``, and a line that ends inside a word or a số hiệu (``429-`` / ``QĐ/TU``,
``04/2015/`` / ``NĐ-CP``) is joined to the next without a separator, across pages too.
Each page is one segment, so offsets map back to page numbers.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter

from kb.models import Location
from kb.readers.base import SourceText, TextBuilder
from kb.readers.errors import fail

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# pdfium marks a hyphen at a line end that it joined with U+FFFE (sometimes U+0002).
_PDFIUM_HYPHENS = str.maketrans({"\ufffe": "-", "\x02": "-"})
_PAGE_NUMBER = re.compile(
    r"^\s*(?:trang|page)?\s*[-–—]?\s*(\d{1,4})\s*(?:(?:/|của|of)\s*\d{1,4})?\s*[-–—]?\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_JOIN_AFTER = re.compile(r"\w[-/]$")
_JOIN_BEFORE = re.compile(r"^\w")
MAX_PDF_CHARS = 50_000_000  # about 15,000 dense pages: beyond that, an abnormal file
ZONE = 2  # lines at the top and at the bottom of a page where running lines are looked for


def _page_lines(pdf: object, path: str) -> list[list[str]]:
    pages: list[list[str]] = []
    total = 0
    for index in range(len(pdf)):  # type: ignore[arg-type]
        page = pdf[index]  # type: ignore[index]
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
            page.close()
        text = text.translate(_PDFIUM_HYPHENS)
        total += len(text)
        if total > MAX_PDF_CHARS:
            fail(path, "pdf-too-much-text", limit=MAX_PDF_CHARS)
        pages.append([line.strip() for line in _LINE_BREAK.split(text) if line.strip()])
    return pages


def _key(line: str) -> str:
    return _DIGITS.sub("#", _SPACES.sub(" ", line.strip())).casefold()


def _number(line: str) -> int | None:
    found = _PAGE_NUMBER.match(line)
    return int(found.group(1)) if found else None


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove running headers/footers and page numbers from the top and bottom zones.

    A running line repeats (digits aside) in the same zone on at least half the pages
    (two at least). A bare number is a page number only when it follows the pages:
    its value minus the page's index is the same on at least half the pages — so "02"
    that a line wrap leaves alone at the foot of a page is kept."""
    threshold = max(2, math.ceil(len(pages) / 2))
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    shifts: Counter[int] = Counter()
    for index, lines in enumerate(pages):
        zones = (lines[:ZONE], lines[-ZONE:])
        top.update({_key(line) for line in zones[0] if _number(line) is None})
        bottom.update({_key(line) for line in zones[1] if _number(line) is None})
        numbers = {_number(line) for line in zones[0] + zones[1]}
        shifts.update({n - index for n in numbers if n is not None})
    running_top = {k for k, n in top.items() if n >= threshold}
    running_bottom = {k for k, n in bottom.items() if n >= threshold}
    shift = next((s for s, n in shifts.most_common(1) if n >= threshold), None)
    kept: list[list[str]] = []
    for index, lines in enumerate(pages):
        n = len(lines)
        out = []
        for i, line in enumerate(lines):
            in_top, in_bottom = i < ZONE, i >= n - ZONE
            if not (in_top or in_bottom):
                out.append(line)
                continue
            number = _number(line)
            if number is not None:
                if shift is not None and number - index == shift:
                    continue
            elif (in_top and _key(line) in running_top) or (
                in_bottom and _key(line) in running_bottom
            ):
                continue
            out.append(line)
        kept.append(out)
    return kept


def _joins(previous: str, following: str) -> bool:
    return bool(_JOIN_AFTER.search(previous) and _JOIN_BEFORE.match(following))


def build_text(path: str, pages: list[list[str]]) -> SourceText:
    builder = TextBuilder()
    last_line = ""
    for number, lines in enumerate(pages, 1):
        page_text_parts: list[str] = []
        for line in lines:
            if page_text_parts:
                page_text_parts.append("" if _joins(page_text_parts[-1], line) else "\n")
            page_text_parts.append(line)
        page_text = "".join(page_text_parts)
        separator = "" if lines and last_line and _joins(last_line, lines[0]) else "\n"
        builder.add(page_text, Location(page=number), separator=separator)
        if lines:
            last_line = lines[-1]
    return builder.build(path, "pdf")


def _detail(exc: Exception) -> str:
    found = re.search(r"\((PDFium: [^)]*)\)", str(exc))
    return found.group(1) if found else str(exc)[:120]


def read_pdf(path: str, data: bytes) -> SourceText:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            fail(path, "password")
        fail(path, "pdf-damaged", detail=_detail(exc))
    try:
        pages = _page_lines(pdf, path)
    except pdfium.PdfiumError as exc:
        fail(path, "pdf-damaged", detail=_detail(exc))
    finally:
        pdf.close()
    if not any(pages):
        fail(path, "pdf-scan")
    source = build_text(path, drop_running_lines(pages))
    blank = [str(n) for n, lines in enumerate(pages, 1) if not lines]
    if blank:  # a scan inside a text PDF: say so rather than pass over it in silence
        note = f"pages without a text layer (need OCR): {', '.join(blank)}"
        return dataclasses.replace(source, notes=(*source.notes, note))
    return source
