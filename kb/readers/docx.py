"""Word documents (.docx): body paragraphs and tables in order, headers and footers,
footnotes and endnotes, text boxes; tracked insertions count, deletions do not.

The text is the paragraphs joined by ``"\\n"``: body first (tables in place), then text
boxes, headers, footers, footnotes and endnotes. :func:`walk` gives each paragraph with
the runs that make it, so that :mod:`citecheck.reporters.docx_comments` maps offsets back onto runs with
exactly the same text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from kb.models import Location
from kb.readers import legacy
from kb.readers.base import MAX_PARAGRAPH_CHARS, SourceText, TextBuilder
from kb.readers.errors import fail
from kb.readers.package import ZIP_ERRORS, open_checked_zip, verify_members

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC, _R = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}r"
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{W}sdt", f"{W}sdtContent", f"{W}customXml"
_TXBX = f"{W}txbxContent"
# Never part of the text: deleted or moved-away content, properties, field codes, and
# text boxes (read on their own, after the body).
_SKIP = frozenset(
    f"{W}{t}" for t in ("del", "moveFrom", "pPr", "rPr", "sectPr", "txbxContent", "delText")
) | {MC_FALLBACK}
_RUN_TEXT = {f"{W}t": None, f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}br": "\n", f"{W}cr": "\n"}
_RUN_TEXT[f"{W}noBreakHyphen"] = "-"
_NOTE_SKIP_TYPES = {"separator", "continuationSeparator", "continuationNotice"}
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"


@dataclass
class Paragraph:
    """One paragraph in reading order: where it is, and the runs with the text each gives."""

    location: Location
    runs: list[tuple[Any, str]]
    in_main_story: bool

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.runs)


def _run_text(run: Any) -> str:
    out: list[str] = []
    for child in run:
        tag = child.tag
        if tag in _RUN_TEXT:
            piece = _RUN_TEXT[tag]
            out.append(child.text or "" if piece is None else piece)
    return "".join(out)


def _runs(el: Any, path: str) -> list[tuple[Any, str]]:
    """The runs of a paragraph in order, with their text, skipping deletions."""
    found: list[tuple[Any, str]] = []
    size = 0
    stack = [iter(el)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _R:
            text = _run_text(child)
            size += len(text)
            if size > MAX_PARAGRAPH_CHARS:
                fail(path, "paragraph-too-long", chars=f"> {size}", limit=MAX_PARAGRAPH_CHARS)
            found.append((child, text))
            # Runs may hold text boxes; those are read on their own.
        else:
            stack.append(iter(child))
    return found


def _wrapped(container: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """The children of ``container`` with one of ``tags``, looking through content controls
    (``w:sdt``) and custom XML around them."""
    for child in container:
        if child.tag in tags:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _wrapped(content, tags)
        elif child.tag == _CUSTOM_XML:
            yield from _wrapped(child, tags)


def _blocks(container: Any) -> Iterator[Any]:
    """Paragraphs and tables of a body, cell or text box."""
    return _wrapped(container, (_P, _TBL))


def _rows(tbl: Any) -> Iterator[Any]:
    return _wrapped(tbl, (_TR,))


def _cells(tr: Any) -> Iterator[Any]:
    return _wrapped(tr, (_TC,))


def _story(container: Any, part: str, path: str, main: bool) -> Iterator[Paragraph]:
    """Paragraphs of one story (body, a header, a note, a text box) with their locations.
    Paragraphs outside tables are numbered 1, 2, … through the story; in a table cell they
    carry table/row/cell numbers and are numbered within the cell."""
    number = 0
    table = 0
    for block in _blocks(container):
        if block.tag == _P:
            number += 1
            loc = Location(part=part, paragraph=number)
            yield Paragraph(loc, _runs(block, path), main)
            continue
        table += 1
        for r, tr in enumerate(_rows(block), 1):
            for c, tc in enumerate(_cells(tr), 1):
                for k, p in enumerate(_cell_paragraphs(tc), 1):
                    loc = Location(part=part, table=table, row=r, cell=c, paragraph=k)
                    yield Paragraph(loc, _runs(p, path), main)


def _cell_paragraphs(tc: Any) -> Iterator[Any]:
    for block in _blocks(tc):
        if block.tag == _P:
            yield block
        else:  # a table nested in a cell reads as more paragraphs of that cell
            for tr in _rows(block):
                for inner in _cells(tr):
                    yield from _cell_paragraphs(inner)


def _text_boxes(root: Any) -> Iterator[Any]:
    for box in root.iter(_TXBX):
        if not any(a.tag == MC_FALLBACK for a in box.iterancestors()):
            yield box


def walk(document: Any, path: str) -> list[Paragraph]:
    """Every paragraph of an opened python-docx ``Document``, in the order of the text."""
    paragraphs = list(_story(document.element.body, "body", path, True))
    paragraphs.extend(_boxes(document.element.body, path, True))
    part = document.part
    seen: set[str] = set()
    for kind in ("header", "footer"):
        for sect in document.sections:
            for ref in sect._sectPr.findall(f"{W}{kind}Reference"):
                rid = ref.get(
                    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
                )
                related = part.related_parts.get(rid) if rid else None
                if related is None or str(related.partname) in seen:
                    continue
                seen.add(str(related.partname))
                root = related.element
                paragraphs.extend(_story(root, kind, path, False))
                paragraphs.extend(_boxes(root, path, False, part_name=kind))
    for reltype, name in ((RT_FOOTNOTES, "footnote"), (RT_ENDNOTES, "endnote")):
        for rel in part.rels.values():
            if rel.reltype != reltype or rel.is_external:
                continue
            root = etree.fromstring(rel.target_part.blob, _SAFE_PARSER)
            number = 0
            for note in root:
                if note.get(f"{W}type") in _NOTE_SKIP_TYPES:
                    continue
                for para in _story(note, name, path, False):
                    number += 1
                    loc = para.location.model_copy(update={"paragraph": number})
                    paragraphs.append(Paragraph(loc, para.runs, False))
    return paragraphs


def _boxes(root: Any, path: str, main: bool, part_name: str = "textbox") -> Iterator[Paragraph]:
    number = 0
    for box in _text_boxes(root):
        for para in _story(box, "textbox", path, main):
            number += 1
            update: dict[str, object] = {"paragraph": number}
            if part_name != "textbox":
                update["part"] = f"{part_name}-textbox"
            yield Paragraph(para.location.model_copy(update=update), para.runs, main)


def open_document(path: str, source: Any) -> Any:
    """Open a .docx with python-docx after the package checks."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    zf = open_checked_zip(path, source, ".docx", "Word")
    with zf:
        verify_members(path, zf, [i.filename for i in zf.infolist()], ".docx")
    if hasattr(source, "seek"):
        source.seek(0)
    try:
        return docx.Document(source)
    except (PackageNotFoundError, KeyError, TypeError, AttributeError, etree.LxmlError) as exc:
        fail(path, "bad-package", ext=".docx", detail=str(exc)[:120] or type(exc).__name__)
    except ZIP_ERRORS as exc:  # python-docx reads the members again, through zipfile
        fail(path, "bad-package", ext=".docx", detail=str(exc)[:120] or type(exc).__name__)


def read_docx(path: str, source: Any, kind: str = "docx") -> SourceText:
    document = open_document(path, source)
    try:
        paragraphs = walk(document, path)
    except (KeyError, ValueError, AttributeError, etree.LxmlError) as exc:
        fail(path, "bad-package", ext=".docx", detail=str(exc)[:120] or type(exc).__name__)
    texts = _legacy_to_unicode(path, [para.text for para in paragraphs])
    builder = TextBuilder()
    for para, text in zip(paragraphs, texts, strict=True):
        builder.add(text, para.location)
    converted = any(t != p.text for t, p in zip(texts, paragraphs, strict=True))
    if not converted:
        return builder.build(path, kind)
    return builder.build(
        path, kind, encoding="tcvn3", notes=(f"converted from {legacy.NAMES['tcvn3']}",)
    )


def _legacy_to_unicode(path: str, texts: list[str]) -> list[str]:
    """Paragraphs typed with a legacy font (.VnTime: TCVN3) converted to Unicode.

    The whole document decides whether it holds legacy text (its paragraphs without a
    Vietnamese Unicode letter, so a Unicode header does not hide a TCVN3 body); then only
    paragraphs that show TCVN3 signs and no Vietnamese Unicode letter are converted, so a
    Unicode "Trang chân" beside them is left alone. TCVN3 maps one character to one, so
    runs and offsets stay aligned; VNI would not, and is refused."""
    plain = [i for i, t in enumerate(texts) if not legacy.has_vietnamese_unicode(t)]
    found = legacy.detect("\n".join(texts[i] for i in plain))
    if found is None:
        return texts
    if found != "tcvn3":
        fail(path, "legacy-unconverted", encoding=legacy.NAMES[found])
    out = list(texts)
    for i in plain:
        if legacy.has_tcvn3_signs(texts[i]):
            out[i] = legacy.convert(texts[i], found)
    return out
