"""OpenDocument text (.odt) with odfpy: paragraphs, headings, lists, sections and tables
of the body in order; tracked deletions (kept in ``text:tracked-changes``) do not count."""

from __future__ import annotations

import io
import xml.sax
from collections.abc import Iterator
from typing import Any

from kb.models import Location
from kb.readers.base import MAX_PARAGRAPH_CHARS, SourceText, TextBuilder
from kb.readers.errors import fail
from kb.readers.package import ZIP_ERRORS, open_checked_zip, verify_members

TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_PARAGRAPHS = {(TEXT_NS, "p"), (TEXT_NS, "h")}
_CONTAINERS = {
    (TEXT_NS, "list"),
    (TEXT_NS, "list-item"),
    (TEXT_NS, "list-header"),
    (TEXT_NS, "section"),
    (TEXT_NS, "index-body"),
    (TEXT_NS, "table-of-content"),
}
_TABLE = (TABLE_NS, "table")
_ROW_GROUPS = {
    (TABLE_NS, "table-header-rows"),
    (TABLE_NS, "table-rows"),
    (TABLE_NS, "table-row-group"),
}
_ROW = (TABLE_NS, "table-row")
_CELL = (TABLE_NS, "table-cell")


def _qname(node: Any) -> tuple[str, str] | None:
    return getattr(node, "qname", None)


def _blocks(node: Any) -> Iterator[Any]:
    for child in node.childNodes:
        name = _qname(child)
        if name in _PARAGRAPHS or name == _TABLE:
            yield child
        elif name in _CONTAINERS:
            yield from _blocks(child)


def _rows(table: Any) -> Iterator[Any]:
    for child in table.childNodes:
        name = _qname(child)
        if name == _ROW:
            yield child
        elif name in _ROW_GROUPS:
            yield from _rows(child)


def _cell_paragraphs(cell: Any) -> Iterator[Any]:
    for block in _blocks(cell):
        if _qname(block) == _TABLE:
            for row in _rows(block):
                for inner in row.childNodes:
                    if _qname(inner) == _CELL:
                        yield from _cell_paragraphs(inner)
        else:
            yield block


def _text(node: Any, path: str) -> str:
    from odf import teletype

    text: str = teletype.extractText(node)
    if len(text) > MAX_PARAGRAPH_CHARS:
        fail(path, "paragraph-too-long", chars=len(text), limit=MAX_PARAGRAPH_CHARS)
    return text


def read_odt(path: str, data: bytes) -> SourceText:
    from odf.opendocument import load

    zf = open_checked_zip(path, io.BytesIO(data), ".odt", "OpenDocument")
    with zf:
        verify_members(path, zf, [i.filename for i in zf.infolist()], ".odt")
        try:
            manifest = zf.read("META-INF/manifest.xml")
        except (KeyError, *ZIP_ERRORS):
            manifest = b""
    if b"encryption-data" in manifest:  # ODF encrypts the parts and says so here
        fail(path, "password")
    try:
        document = load(io.BytesIO(data))
        body = document.text
    except (KeyError, IndexError, AttributeError, TypeError, *ZIP_ERRORS) as exc:
        fail(path, "odt-damaged", detail=str(exc)[:120] or type(exc).__name__)
    except xml.sax.SAXException as exc:
        fail(path, "odt-damaged", detail=str(exc)[:120])
    builder = TextBuilder()
    number = table = 0
    for block in _blocks(body):
        if _qname(block) != _TABLE:
            number += 1
            builder.add(_text(block, path), Location(part="body", paragraph=number))
            continue
        table += 1
        for r, row in enumerate(_rows(block), 1):
            cells = [c for c in row.childNodes if _qname(c) == _CELL]
            for c, cell in enumerate(cells, 1):
                for k, para in enumerate(_cell_paragraphs(cell), 1):
                    loc = Location(part="body", table=table, row=r, cell=c, paragraph=k)
                    builder.add(_text(para, path), loc)
    return builder.build(path, "odt")
