"""SourceText.locate: from an offset in the text to the paragraph or page and the offset in it."""

from __future__ import annotations

from kb.models import Location
from kb.readers import Segment, SourceText
from kb.readers.base import TextBuilder


def _built() -> SourceText:
    builder = TextBuilder()
    builder.add("Số: /BC-VPUB", Location(part="body", paragraph=1))
    builder.add("", Location(part="body", paragraph=2))
    builder.add("Quy định số 429-QĐ/TU", Location(part="body", paragraph=3))
    return builder.build("a.docx", "docx")


def test_builder_joins_paragraphs_with_newlines() -> None:
    source = _built()
    assert source.text == "Số: /BC-VPUB\n\nQuy định số 429-QĐ/TU"
    assert [(s.start, s.end) for s in source.segments] == [(0, 12), (13, 13), (14, 35)]


def test_locate() -> None:
    source = _built()
    at = source.text.index("429")
    loc = source.locate(at)
    assert loc is not None and (loc.paragraph, loc.offset) == (3, 12)
    assert source.locate(0).offset == 0  # type: ignore[union-attr]
    # The "\n" after a paragraph still belongs to it; the empty paragraph is found too.
    assert source.locate(12).paragraph == 1  # type: ignore[union-attr]
    assert source.locate(13).paragraph == 2  # type: ignore[union-attr]
    assert source.locate(35).paragraph == 3  # type: ignore[union-attr]
    assert source.locate(36) is None
    assert source.locate(-1) is None


def test_locate_outside_segments_and_plain_text() -> None:
    source = SourceText(
        path="a.pdf",
        kind="pdf",
        text="abcdefghij",
        segments=(Segment(2, 4, Location(page=1)), Segment(6, 10, Location(page=2))),
    )
    assert source.locate(0) is None  # before the first segment
    assert source.locate(5) is None  # between two segments, past the "\n" after the first
    assert source.locate(7) == Location(page=2, offset=1)
    assert SourceText(path="a.txt", kind="txt", text="abc").locate(1) is None
