"""Build small test documents (.docx, .pdf, .odt) from plain text, in the test's tmp dir."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


def seed_paths() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def seed_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def dejavu() -> Path | None:
    for folder in FONT_DIRS:
        font = folder / "DejaVuSans.ttf"
        if font.exists():
            return font
    return None


def make_docx(
    lines: list[str],
    dest: Path,
    *,
    header: str | None = None,
    page_numbers: bool = False,
) -> Path:
    """One paragraph per line; optionally a running header and a PAGE field in the footer."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if page_numbers:
        para = section.footer.paragraphs[0]
        para._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            )
        )
    document.save(str(dest))
    return dest


def make_pdf_fpdf(
    lines: list[str],
    dest: Path,
    *,
    header: str | None = None,
    page_numbers: bool = False,
) -> Path:
    """A PDF with a real text layer, set in DejaVu Sans by fpdf2 (lines wrapped at spaces)."""
    from fpdf import FPDF

    font = dejavu()
    if font is None:
        raise RuntimeError("DejaVuSans.ttf not found")

    class Doc(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("dejavu", size=9)
                self.cell(0, 8, header, align="C")
                self.ln(10)

        def footer(self) -> None:
            if page_numbers:
                self.set_y(-15)
                self.set_font("dejavu", size=9)
                self.cell(0, 10, str(self.page_no()), align="C")

    pdf = Doc(format="A4")
    pdf.add_font("dejavu", fname=str(font))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("dejavu", size=11)
    for line in lines:
        if line.strip():
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    pdf.output(str(dest))
    return dest


def convert_with_soffice(src: Path, outdir: Path, fmt: str, timeout: float = 180) -> Path:
    """Convert with LibreOffice headless (a private profile, so runs do not collide)."""
    return convert_many([src], outdir, fmt, timeout)[0]


def convert_many(srcs: list[Path], outdir: Path, fmt: str, timeout: float = 300) -> list[Path]:
    """Convert several files in one LibreOffice start (it costs seconds)."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / "lo-profile"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *map(str, srcs),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    outs = [outdir / (src.stem + "." + fmt.split(":")[0]) for src in srcs]
    for out in outs:
        if not out.exists():
            raise RuntimeError(f"LibreOffice produced no {out.name}")
    return outs
