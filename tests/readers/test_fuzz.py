"""Random and damaged bytes: a reader returns a SourceText or raises ReadError, nothing else."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.readers import ReadError, SourceText, read_path

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken"
GOOD_DOCX = (BROKEN / "minimal-good.docx").read_bytes()
SUFFIXES = [".txt", ".md", ".docx", ".pdf", ".odt"]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            got = read_path(path)
        except ReadError as err:
            assert err.message and err.message_en
            return
        assert isinstance(got, SourceText)
        for seg in got.segments:
            assert 0 <= seg.start <= seg.end <= len(got.text)


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(SUFFIXES))
def test_random_bytes(data: bytes, suffix: str) -> None:
    _read(data, suffix)


@FUZZ
@given(
    st.sampled_from([b"PK\x03\x04", b"%PDF-1.7\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]),
    st.binary(max_size=2048),
)
def test_magic_then_junk(magic: bytes, rest: bytes) -> None:
    # An OLE container goes to LibreOffice when installed (a second each): not here.
    with patch("kb.readers.doc.soffice", return_value=None):
        _read(magic + rest, ".docx" if magic != b"%PDF-1.7\n" else ".pdf")


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(GOOD_DOCX) - 1), st.integers(0, 255)), max_size=8))
def test_damaged_docx(flips: list[tuple[int, int]]) -> None:
    data = bytearray(GOOD_DOCX)
    for at, value in flips:
        data[at] = value
    _read(bytes(data), ".docx")


@FUZZ
@given(st.binary(max_size=3000))
def test_docx_with_random_document_part(xml: bytes) -> None:
    src = zipfile.ZipFile(io.BytesIO(GOOD_DOCX))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            zf.writestr(
                info.filename, xml if info.filename == "word/document.xml" else src.read(info)
            )
    _read(buf.getvalue(), ".docx")


@FUZZ
@given(st.text(max_size=500))
def test_any_unicode_text_reads_back(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        try:
            got = read_path(path)
        except ReadError:
            return  # control characters or surrogates: refused as binary
        assert got.text == text or got.encoding in {"tcvn3", "vni"}
