from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import makefiles


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    paths = makefiles.seed_paths()
    if len(paths) < 5:
        pytest.skip("seed corpus missing")
    return paths


@pytest.fixture(scope="session")
def seed_docx(seeds: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each seed .txt as a .docx, one paragraph per line."""
    out = tmp_path_factory.mktemp("seed-docx")
    return {
        s.stem: makefiles.make_docx(makefiles.seed_lines(s), out / f"{s.stem}.docx") for s in seeds
    }


@pytest.fixture(scope="session")
def seed_pdf(seeds: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each seed as a PDF set by fpdf2, with a running header and page numbers."""
    pytest.importorskip("fpdf")
    if makefiles.dejavu() is None:
        pytest.skip("DejaVu Sans font not installed (Debian package fonts-dejavu-core)")
    out = tmp_path_factory.mktemp("seed-pdf")
    return {
        s.stem: makefiles.make_pdf_fpdf(
            makefiles.seed_lines(s),
            out / f"{s.stem}.pdf",
            header="Dự thảo — lưu hành nội bộ",
            page_numbers=True,
        )
        for s in seeds
    }


@pytest.fixture(scope="session")
def seed_pdf_lo(
    seeds: list[Path], seed_docx: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Each seed .docx (with a running header and a PAGE field) printed by LibreOffice."""
    if makefiles.soffice() is None:
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
    out = tmp_path_factory.mktemp("seed-lo")
    docs = [
        makefiles.make_docx(
            makefiles.seed_lines(s),
            out / f"{s.stem}.docx",
            header="Dự thảo — lưu hành nội bộ",
            page_numbers=True,
        )
        for s in seeds
    ]
    pdfs = makefiles.convert_many(docs, out, "pdf")
    return {s.stem: pdf for s, pdf in zip(seeds, pdfs, strict=True)}
