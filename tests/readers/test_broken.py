"""Bad input: each broken file gives one clear ReadError; nothing hangs or blows up."""

from __future__ import annotations

import io
import os
import struct
import tomllib
import zipfile
from pathlib import Path

import pytest

from kb.readers import ReadError, iter_input_paths, read_path

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken"
EXPECTED: dict[str, str] = tomllib.loads((BROKEN / "expected.toml").read_text("utf-8"))


@pytest.mark.parametrize(("name", "code"), sorted(EXPECTED.items()))
def test_broken_corpus(name: str, code: str) -> None:
    with pytest.raises(ReadError) as info:
        read_path(BROKEN / name)
    err = info.value
    assert err.code == code
    assert err.path == str(BROKEN / name)
    for message in (err.message, err.message_en):
        assert message and "\n" not in message and len(message) < 300
    assert err.text("en").startswith(str(BROKEN / name) + ": ")
    assert str(err) == err.message  # callers print "path: message" themselves


def test_every_broken_file_is_listed() -> None:
    kept = {p.name for p in BROKEN.iterdir() if p.suffix not in {".py", ".toml"}}
    assert kept - set(EXPECTED) == {"minimal-good.docx", "entity-expansion.docx"}


def test_minimal_good_docx_reads() -> None:
    assert read_path(BROKEN / "minimal-good.docx").text.startswith("Thực hiện Quy định số")


def test_xml_entities_are_not_expanded() -> None:
    # A DOCTYPE with nested entities ("billion laughs"): the text stays unexpanded.
    got = read_path(BROKEN / "entity-expansion.docx")
    assert "aaaaaaaaaa" not in got.text


def _docx_with_member(path: Path, writer: object) -> Path:
    good = (BROKEN / "minimal-good.docx").read_bytes()
    src = zipfile.ZipFile(io.BytesIO(good))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                zf.writestr(info, src.read(info))
        with zf.open("word/document.xml", "w") as member:
            writer(member)  # type: ignore[operator]
    return path


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    block = b"<w:r><w:t>" + b"A" * (1024 * 1024) + b"</w:t></w:r>"

    def write(member: io.BufferedIOBase) -> None:
        for _ in range(300):  # 300 MB of one letter: a few hundred KB compressed
            member.write(block)

    path = _docx_with_member(tmp_path / "bomb.docx", write)
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.code == "zip-bomb"


def test_hundred_megabyte_paragraph_is_refused(tmp_path: Path) -> None:
    words = b"ngay 01/7/2022 cua Ban Thuong vu Tinh uy " * 26_000  # about 1 MB

    def write(member: io.BufferedIOBase) -> None:
        member.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/')
        member.write(b'wordprocessingml/2006/main"><w:body><w:p>')
        for _ in range(100):
            member.write(b"<w:r><w:t>" + words + b"</w:t></w:r>")
        member.write(b"</w:p></w:body></w:document>")

    with pytest.raises(ReadError) as info:
        read_path(_docx_with_member(tmp_path / "long.docx", write))
    assert info.value.code in {"zip-bomb", "paragraph-too-long"}


def test_zip_that_lies_about_sizes_is_refused(tmp_path: Path) -> None:
    def write(member: io.BufferedIOBase) -> None:
        for _ in range(64):
            member.write(bytes(1024 * 1024))

    path = _docx_with_member(tmp_path / "liar.docx", write)
    data = bytearray(path.read_bytes())
    # Declare 1000 bytes for document.xml in its local header and central directory.
    name = b"word/document.xml"
    local = 0
    while True:
        local = data.index(b"PK\x03\x04", local)
        (name_len,) = struct.unpack_from("<H", data, local + 26)
        if data[local + 30 : local + 30 + name_len] == name:
            struct.pack_into("<I", data, local + 22, 1000)
            break
        local += 4
    central = 0
    while True:
        central = data.index(b"PK\x01\x02", central)
        (name_len,) = struct.unpack_from("<H", data, central + 28)
        if data[central + 46 : central + 46 + name_len] == name:
            struct.pack_into("<I", data, central + 24, 1000)
            break
        central += 4
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.code in {"zip-bomb", "bad-package"}


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 5000)
    with pytest.raises(ReadError) as info:
        read_path(path, max_bytes=1000)
    assert info.value.code == "too-large"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        read_path(tmp_path / "absent.docx")
    assert info.value.code == "not-found"
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(ReadError) as info:
        read_path(folder)
    assert info.value.code == "is-directory"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n")
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.code == "unsupported"


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("x", encoding="utf-8")

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.code == "permission"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    path.write_bytes(b"PK")
    path.chmod(0)
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.code == "permission"


def test_directory_with_thousands_of_files(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    for sub in ("b", "a"):
        (root / sub).mkdir(parents=True)
    for i in range(1500):
        (root / "a" / f"{i:04d}.txt").write_text(f"Báo cáo số {i}/BC-VPUB", encoding="utf-8")
        (root / "b" / f"{i:04d}.md").write_text("", encoding="utf-8")
    (root / "a" / "~$draft.docx").write_bytes(b"lock")
    (root / "a" / ".hidden.txt").write_text("x", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text("x", encoding="utf-8")
    (root / "a" / "picture.png").write_bytes(b"\x89PNG")
    paths = list(iter_input_paths([root]))
    assert len(paths) == 3000
    assert paths[0] == root / "a" / "0000.txt" and paths[-1] == root / "b" / "1499.md"
    assert paths == list(iter_input_paths([root]))  # deterministic
    texts = [read_path(p).text for p in paths]
    assert texts[1499] == "Báo cáo số 1499/BC-VPUB" and texts[1500] == ""


def test_given_files_are_yielded_as_given(tmp_path: Path) -> None:
    odd = tmp_path / "notes.rtf"
    odd.write_text("x", encoding="utf-8")
    assert list(iter_input_paths([odd])) == [odd]  # the reader then says why it is refused


def test_ole_container_without_password_goes_to_doc_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")  # no LibreOffice
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.code == "doc-needs-convert"
    assert "chuyển tệp .doc sang .docx" in info.value.message


def test_pdf_text_limit(monkeypatch: pytest.MonkeyPatch, seed_pdf: dict[str, Path]) -> None:
    from kb.readers import pdf

    monkeypatch.setattr(pdf, "MAX_PDF_CHARS", 1000)
    with pytest.raises(ReadError) as info:
        read_path(next(iter(seed_pdf.values())))
    assert info.value.code == "pdf-too-much-text"


def test_bzip2_member_is_refused(tmp_path: Path) -> None:
    # zipfile inflates a bzip2/LZMA chunk whole: such members are refused before reading.
    good = (BROKEN / "minimal-good.docx").read_bytes()
    src = zipfile.ZipFile(io.BytesIO(good))
    path = tmp_path / "bz.docx"
    with zipfile.ZipFile(path, "w") as zf:
        for info in src.infolist():
            zf.writestr(info.filename, src.read(info), compress_type=zipfile.ZIP_BZIP2)
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.code == "bad-compression"


def test_password_protected_odt(tmp_path: Path) -> None:
    # ODF encrypts content.xml and records the cipher in the manifest.
    path = tmp_path / "secret.odt"
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
        "</manifest:encryption-data></manifest:file-entry></manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", os.urandom(300), compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest)
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.code == "password"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.timeout(30)
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with pytest.raises(ReadError) as info:
        read_path(pipe)
    assert info.value.code == "not-regular"
