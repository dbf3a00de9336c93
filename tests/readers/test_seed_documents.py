"""The five seed documents typeset as .docx and .pdf read back to the same text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.readers import read_path

REPORT_2025 = "2025-bc-ket-qua-cong-tac-doi-thoai-2025"
# Số hiệu shapes enough to count the references of the seeds (state and Party forms).
REF = re.compile(r"\d+-[A-ZĐa-zđ]+/[A-ZĐ]+|\d+/(?:\d{4}/)?[A-ZĐa-zđ]+-[A-ZĐ]+")


def _ink(text: str) -> str:
    """The text with every space and line break removed: what is printed."""
    return re.sub(r"\s+", "", text)


def _refs(text: str) -> list[str]:
    return sorted(REF.findall(text))


def _rejoined(text: str) -> str:
    """The .txt with số hiệu broken at a line end put together ("114-\n\nKL/TW")."""
    return re.sub(r"(?<=\w[-/])\s*\n\s*(?=\w)", "", text)


def test_docx_text_is_the_txt_exactly(seeds: list[Path], seed_docx: dict[str, Path]) -> None:
    for seed in seeds:
        got = read_path(seed_docx[seed.stem])
        assert got.kind == "docx"
        assert got.text == seed.read_text(encoding="utf-8")


def test_docx_paragraph_of_429_in_2025_report(seed_docx: dict[str, Path]) -> None:
    source = read_path(seed_docx[REPORT_2025])
    at = source.text.index("429-QĐ/TU")
    loc = source.locate(at)
    # Line 11 of the .txt ("Thực hiện Quy định số 429-QĐ/TU ngày 01/7/2022 …"), after two
    # empty lines and the header block; "Thực hiện Quy định số " is 22 characters.
    assert loc is not None
    assert (loc.paragraph, loc.offset, loc.part) == (11, 22, "body")
    assert loc.label() == "¶11"


def test_docx_every_paragraph_maps_back(seed_docx: dict[str, Path], seeds: list[Path]) -> None:
    seed = next(s for s in seeds if s.stem == REPORT_2025)
    lines = seed.read_text(encoding="utf-8").split("\n")
    source = read_path(seed_docx[REPORT_2025])
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        at = source.text.index(line)
        loc = source.locate(at + len(line) // 2)
        assert loc is not None and loc.paragraph == number


def test_pdf_text_matches_the_txt(seeds: list[Path], seed_pdf: dict[str, Path]) -> None:
    for seed in seeds:
        want = seed.read_text(encoding="utf-8")
        got = read_path(seed_pdf[seed.stem])
        assert got.kind == "pdf"
        # Running header and page numbers are gone, nothing else is lost or added.
        assert "lưu hành nội bộ" not in got.text
        assert _ink(got.text) == _ink(want), seed.name
        assert _refs(got.text) == _refs(_rejoined(want)), seed.name


def test_pdf_rejoins_a_citation_the_txt_has_broken(seed_pdf: dict[str, Path]) -> None:
    # The 2024 report's .txt has "Kết luận số 114-" and "KL/TW ngày 14/7/2015" on two lines.
    source = read_path(seed_pdf["2024-bc-dan-van-dan-chu-quy-1"])
    assert "Kết luận số 114-KL/TW ngày 14/7/2015" in source.text


def test_pdf_pages_map_back(seed_pdf: dict[str, Path]) -> None:
    source = read_path(seed_pdf[REPORT_2025])
    assert len(source.segments) >= 3
    first = source.locate(source.text.index("429-QĐ/TU"))
    assert first is not None and first.page == 1
    # The closing block ("Nơi nhận") is on the last page.
    last = source.locate(source.text.rindex("Nơi nhận"))
    assert last is not None and last.page == len(source.segments)
    for seg in source.segments:
        assert seg.location.page is not None
        loc = source.locate(seg.start + 5)
        assert loc is not None and loc.page == seg.location.page and loc.offset == 5


def test_libreoffice_pdf_matches_the_txt(seeds: list[Path], seed_pdf_lo: dict[str, Path]) -> None:
    for seed in seeds:
        want = seed.read_text(encoding="utf-8")
        got = read_path(seed_pdf_lo[seed.stem])
        assert "lưu hành nội bộ" not in got.text
        assert _ink(got.text) == _ink(want), seed.name
        assert _refs(got.text) == _refs(_rejoined(want)), seed.name


@pytest.mark.parametrize("fmt", ["odt", "doc"])
def test_libreoffice_formats_read_like_docx(
    fmt: str, seed_docx: dict[str, Path], seeds: list[Path], tmp_path: Path
) -> None:
    import makefiles

    if makefiles.soffice() is None:
        pytest.skip("LibreOffice not installed")
    converted = makefiles.convert_with_soffice(seed_docx[REPORT_2025], tmp_path, fmt)
    source = read_path(converted)
    seed = next(s for s in seeds if s.stem == REPORT_2025)
    assert source.kind == fmt
    assert source.text == seed.read_text(encoding="utf-8")
    loc = source.locate(source.text.index("429-QĐ/TU"))
    assert loc is not None and loc.paragraph == 11


def test_pdf_with_a_scanned_page_says_so(tmp_path: Path) -> None:
    import makefiles
    from fpdf import FPDF

    font = makefiles.dejavu()
    if font is None:
        pytest.skip("DejaVu Sans not installed")
    pdf = FPDF()
    pdf.add_font("dejavu", fname=str(font))
    pdf.set_font("dejavu", size=12)
    pdf.add_page()
    pdf.cell(0, 10, "Trang một: Quy định số 429-QĐ/TU")
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a page with no text object, as scanned
    pdf.add_page()
    pdf.cell(0, 10, "Trang ba")
    path = tmp_path / "mixed.pdf"
    pdf.output(str(path))
    source = read_path(path)
    assert source.text == "Trang một: Quy định số 429-QĐ/TU\n\nTrang ba"
    assert source.notes == ("pages without a text layer (need OCR): 2",)
    assert source.locate(source.text.index("Trang ba")).page == 3  # type: ignore[union-attr]
