"""Compare PDF text extractors on the seed documents (run by hand; figures in docs/readers.md).

    .venv/bin/python tests/readers/measure_pdf_libraries.py   # needs pdfplumber, pypdf, fpdf2

Each seed .txt is typeset twice (fpdf2 with DejaVu Sans; LibreOffice from a .docx when
installed) and read back by each library. Measured per library, over all documents:
- word accuracy: share of the source's words found in order (difflib matching blocks),
  after joining words split at a line-end hyphen or slash;
- diacritics: Vietnamese letters (ă â đ ê ô ơ ư and toned vowels) found / expected;
- NFC: whether the extracted text was already in composed form;
- citations: "429-QĐ/TU"-style references found intact / expected;
- seconds for all documents.
"""

from __future__ import annotations

import difflib
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import makefiles

VIET = re.compile("[ăâđêôơưĂÂĐÊÔƠƯàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ\u1ea0-\u1ef9]")
REF = re.compile(r"\d+-[A-ZĐa-zđ]+/[A-ZĐ]+|\d+/(?:\d{4}/)?[A-ZĐa-zđ]+-[A-ZĐ]+")


def _pdfium(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def _plumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _pypdf(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _ours(path: Path) -> str:
    from kb.readers import read_path

    return read_path(path).text


LIBRARIES: dict[str, Callable[[Path], str]] = {
    "kb.readers (pypdfium2 + line joins)": _ours,
    "pypdfium2": _pdfium,
    "pdfplumber": _plumber,
    "pypdf": _pypdf,
}


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text.replace("\r", ""))
    text = re.sub(r"(?<=\w[-/])\s*\n\s*(?=\w)", "", text)
    return text.split()


def main() -> None:
    seeds = makefiles.seed_paths()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        pdfs: list[tuple[str, Path, Path]] = []
        for seed in seeds:
            lines = makefiles.seed_lines(seed)
            pdfs.append(("fpdf2", seed, makefiles.make_pdf_fpdf(lines, out / f"{seed.stem}.f.pdf")))
            if makefiles.soffice():
                d = makefiles.make_docx(lines, out / f"{seed.stem}.docx")
                pdfs.append(("LibreOffice", seed, makefiles.convert_with_soffice(d, out, "pdf")))
        print(
            "| library | producer | word accuracy | diacritics | NFC | citations intact | seconds |"
        )
        print("|---|---|---|---|---|---|---|")
        for name, extract in LIBRARIES.items():
            for producer in ("fpdf2", "LibreOffice"):
                items = [(s, p) for prod, s, p in pdfs if prod == producer]
                if not items:
                    continue
                matched = total = viet_found = viet_expected = refs_ok = refs_all = 0
                nfc = True
                started = time.perf_counter()
                texts = [(s, extract(p)) for s, p in items]
                seconds = time.perf_counter() - started
                for seed, got in texts:
                    source = seed.read_text(encoding="utf-8")
                    nfc = nfc and unicodedata.is_normalized("NFC", got)
                    want, have = words(source), words(got)
                    sm = difflib.SequenceMatcher(None, want, have, autojunk=False)
                    matched += sum(b.size for b in sm.get_matching_blocks())
                    total += len(want)
                    viet_expected += len(VIET.findall(source))
                    viet_found += len(VIET.findall(unicodedata.normalize("NFC", got)))
                    expected_refs = REF.findall(source)
                    joined = " ".join(have)
                    refs_all += len(expected_refs)
                    refs_ok += sum(
                        min(expected_refs.count(r), joined.count(r)) for r in set(expected_refs)
                    )
                print(
                    f"| {name} | {producer} | {matched / total:.4f} | "
                    f"{viet_found}/{viet_expected} | {'yes' if nfc else 'no'} | "
                    f"{refs_ok}/{refs_all} | {seconds:.2f} |"
                )


if __name__ == "__main__":
    main()
