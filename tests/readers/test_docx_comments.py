"""Word comments written back onto the exact runs of a citation."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from citecheck.reporters.docx_comments import DocxComment, annotate_docx
from kb.readers import read_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REPORT_2025 = "2025-bc-ket-qua-cong-tac-doi-thoai-2025"


def commented_text(path: Path) -> dict[str, str]:
    """Comment text → the body text between its range start and end, from the XML."""
    with zipfile.ZipFile(path) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
        notes = etree.fromstring(zf.read("word/comments.xml"))
    texts = {
        c.get(f"{W}id"): "\n".join(
            "".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p")
        )
        for c in notes.iter(f"{W}comment")
    }
    open_ids: set[str] = set()
    spans: dict[str, list[str]] = {}
    for el in body.iter():
        if el.tag == f"{W}commentRangeStart":
            open_ids.add(el.get(f"{W}id"))
            spans[el.get(f"{W}id")] = []
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.discard(el.get(f"{W}id"))
        elif el.tag == f"{W}t":
            for cid in open_ids:
                spans[cid].append(el.text or "")
        elif el.tag == f"{W}p":
            for cid in open_ids:
                if spans[cid]:
                    spans[cid].append("\n")
    return {texts[cid]: "".join(parts).strip("\n") for cid, parts in spans.items()}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_comments_on_seed_report(seed_docx: dict[str, Path], tmp_path: Path) -> None:
    src = seed_docx[REPORT_2025]
    before = _sha(src)
    source = read_path(src)
    first = source.text.index("429-QĐ/TU ngày 01/7/2022")
    cv = source.text.index("Công văn số 3266/UBND-NC ngày 25/8/2022 của Tỉnh ủy")
    blank = source.text.index("Số: /BC-VPUB")
    comments = [
        DocxComment(first, first + len("429-QĐ/TU ngày 01/7/2022"), "Đã thay thế?"),
        DocxComment(
            cv,
            cv + len("Công văn số 3266/UBND-NC ngày 25/8/2022 của Tỉnh ủy"),
            "Mã UBND nhưng ghi của Tỉnh ủy\nĐề nghị: của UBND tỉnh",
        ),
        DocxComment(blank, blank + len("Số: /BC-VPUB"), "Chưa điền số", author="Kiểm tra"),
    ]
    dst = tmp_path / "reviewed.docx"
    assert annotate_docx(src, dst, comments) == 3
    assert _sha(src) == before  # the original is untouched
    assert commented_text(dst) == {
        "Đã thay thế?": "429-QĐ/TU ngày 01/7/2022",
        "Mã UBND nhưng ghi của Tỉnh ủy\nĐề nghị: của UBND tỉnh": (
            "Công văn số 3266/UBND-NC ngày 25/8/2022 của Tỉnh ủy"
        ),
        "Chưa điền số": "Số: /BC-VPUB",
    }
    # Re-reading the annotated copy gives the very same text and offsets.
    assert read_path(dst).text == source.text
    authors = {c.author for c in docx.Document(str(dst)).comments}
    assert authors == {"citecheck", "Kiểm tra"}


def test_run_formatting_is_kept_across_the_split(tmp_path: Path) -> None:
    document = docx.Document()
    para = document.add_paragraph("Thực hiện ")
    bold = para.add_run("Quy định số 429-QĐ/TU")
    bold.bold = True
    para.add_run(" ngày 01/7/2022.")
    src = tmp_path / "draft.docx"
    document.save(str(src))
    text = read_path(src).text
    start = text.index("429")
    end = text.index("01/7/2022") + len("01/7/2022")
    dst = tmp_path / "out.docx"
    assert annotate_docx(src, dst, [DocxComment(start, end, "Kiểm tra ngày")]) == 1
    assert commented_text(dst) == {"Kiểm tra ngày": "429-QĐ/TU ngày 01/7/2022"}
    runs = docx.Document(str(dst)).paragraphs[0].runs
    pieces = [(r.text, bool(r.bold)) for r in runs if r.text]
    assert pieces == [
        ("Thực hiện ", False),
        ("Quy định số ", True),
        ("429-QĐ/TU", True),
        (" ngày 01/7/2022", False),
        (".", False),
    ]
    assert read_path(dst).text == text


def test_comment_in_a_table_cell_and_across_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Căn cứ Quyết định số 834/QĐ-UBND")
    document.add_paragraph("ngày 10/4/2019 của UBND tỉnh.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 1).text = "Hướng dẫn số 09-HD/BDVTU"
    src = tmp_path / "t.docx"
    document.save(str(src))
    text = read_path(src).text
    a = text.index("834/QĐ-UBND")
    b = text.index("10/4/2019") + len("10/4/2019")
    c = text.index("09-HD/BDVTU")
    dst = tmp_path / "t2.docx"
    n = annotate_docx(src, dst, [DocxComment(a, b, "hai đoạn"), DocxComment(c, c + 11, "trong ô")])
    assert n == 2
    found = commented_text(dst)
    assert found["trong ô"] == "09-HD/BDVTU"
    assert re.sub(r"\s+", " ", found["hai đoạn"]) == "834/QĐ-UBND ngày 10/4/2019"


def test_bad_spans_and_overwrite(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "minimal-good.docx"
    with pytest.raises(ValueError):
        annotate_docx(src, tmp_path / "x.docx", [DocxComment(5, 10_000, "x")])
    copy = tmp_path / "same.docx"
    copy.write_bytes(src.read_bytes())
    with pytest.raises(ValueError):
        annotate_docx(copy, copy, [])


def test_annotated_copy_converts_with_libreoffice(
    seed_docx: dict[str, Path], tmp_path: Path
) -> None:
    import makefiles

    if makefiles.soffice() is None:
        pytest.skip("LibreOffice not installed")
    src = seed_docx[REPORT_2025]
    text = read_path(src).text
    at = text.index("3266/UBND-NC")
    dst = tmp_path / "reviewed.docx"
    annotate_docx(src, dst, [DocxComment(at, at + 12, "Sai cơ quan ban hành")])
    pdf = makefiles.convert_with_soffice(dst, tmp_path, "pdf")
    assert "3266/UBND-NC" in read_path(pdf).text
    # LibreOffice also reads the comment back when it saves the document again.
    again = makefiles.convert_with_soffice(dst, tmp_path / "again", "odt")
    with zipfile.ZipFile(again) as zf:
        assert "Sai cơ quan ban hành" in zf.read("content.xml").decode("utf-8")


def test_many_comments_each_on_its_own_reference(
    seed_docx: dict[str, Path], tmp_path: Path
) -> None:
    src = seed_docx["2024-bc-dan-van-dan-chu-quy-1"]
    text = read_path(src).text
    spans = [m.span() for m in re.finditer(r"\d+/(?:\d{4}/)?[A-ZĐ]+-[A-ZĐ]+", text)]
    assert len(spans) > 40
    # Overlapping spans too: the whole line of the first reference.
    line_start = text.rfind("\n", 0, spans[0][0]) + 1
    line_end = text.find("\n", spans[0][1])
    comments = [DocxComment(a, b, f"#{i} {text[a:b]}") for i, (a, b) in enumerate(spans)]
    comments.append(DocxComment(line_start, line_end, "cả dòng"))
    dst = tmp_path / "many.docx"
    assert annotate_docx(src, dst, comments) == len(comments)
    found = commented_text(dst)
    for i, (a, b) in enumerate(spans):
        assert found[f"#{i} {text[a:b]}"] == text[a:b]
    assert found["cả dòng"] == text[line_start:line_end]
    assert read_path(dst).text == text


def test_comments_given_as_mappings(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "minimal-good.docx"
    text = read_path(src).text
    at = text.index("429-QĐ/TU")
    dst = tmp_path / "m.docx"
    item = {"start": at, "end": at + 9, "text": "Kiểm tra", "author": "citecheck"}
    assert annotate_docx(src, dst, [item]) == 1
    assert commented_text(dst) == {"Kiểm tra": "429-QĐ/TU"}


def test_annotating_in_memory_matches_the_file_copy(tmp_path: Path) -> None:
    import io

    from citecheck.reporters.docx_comments import annotate_docx_bytes
    from kb.readers import read_bytes

    src = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "minimal-good.docx"
    data = src.read_bytes()
    text = read_bytes("draft.docx", data).text
    comments = [DocxComment(0, min(5, len(text)), "đầu văn bản")]
    annotated = annotate_docx_bytes(data, comments)
    out = tmp_path / "from-bytes.docx"
    out.write_bytes(annotated)
    assert commented_text(out)["đầu văn bản"] == text[:5]
    # streams in and out
    stream = io.BytesIO()
    assert annotate_docx(io.BytesIO(data), stream, comments) == 1
    streamed = tmp_path / "from-stream.docx"
    streamed.write_bytes(stream.getvalue())
    assert commented_text(streamed) == commented_text(out)
    assert src.read_bytes() == data  # the original is untouched
