"""Safety checks on zip packages (.docx, .odt) and on OLE containers, before any parsing."""

from __future__ import annotations

import lzma
import struct
import zipfile
import zlib
from collections.abc import Iterable
from typing import IO

from kb.readers.base import (
    MAX_COMPRESSION_RATIO,
    MAX_UNCOMPRESSED_BYTES,
    RATIO_CHECK_MIN_BYTES,
)
from kb.readers.errors import fail

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF-"
_CHUNK = 1024 * 1024
# What zipfile raises on damaged data (a negative seek is a ValueError; an encrypted
# member a RuntimeError; a bad header a struct.error).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    ValueError,
    RuntimeError,
    struct.error,
    lzma.LZMAError,
)
# Word and LibreOffice write stored or deflated members only. Others are refused: zipfile
# decompresses a bzip2 or LZMA chunk whole, so their output could not be bounded.
_COMPRESSIONS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})


def sniff(head: bytes) -> str | None:
    """The container the first bytes of a file announce: ``zip``, ``ole``, ``pdf`` or None."""
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if PDF_MAGIC in head[:1024]:
        return "pdf"
    return None


def ole_is_encrypted_package(data: bytes) -> bool:
    """An OLE container holding an ``EncryptedPackage`` stream: a password-protected
    .docx/.xlsx (Office stores those as OLE, not zip)."""
    return "EncryptedPackage".encode("utf-16-le") in data


def open_checked_zip(path: str, source: IO[bytes], ext: str, app: str) -> zipfile.ZipFile:
    """Open a zip package after checking the sizes it declares (zip bombs)."""
    try:
        zf = zipfile.ZipFile(source)
        infos = zf.infolist()
    except (zipfile.LargeZipFile, *ZIP_ERRORS):
        fail(path, "bad-zip", ext=ext, app=app)
    total = 0
    for info in infos:
        if info.compress_type not in _COMPRESSIONS:
            fail(path, "bad-compression", ext=ext, member=info.filename)
        total += info.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            fail(path, "zip-bomb", ext=ext, detail=f"> {MAX_UNCOMPRESSED_BYTES // 2**20} MB")
        if info.file_size > RATIO_CHECK_MIN_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            fail(path, "zip-bomb", ext=ext, detail=f"{info.filename}: {ratio}:1")
    return zf


def verify_members(path: str, zf: zipfile.ZipFile, names: Iterable[str], ext: str) -> None:
    """Decompress the members that will be parsed, a chunk at a time, so that a member
    whose real size differs from the declared one (or whose data is damaged) is refused
    before a parser reads it whole."""
    present = set(zf.namelist())
    for name in names:
        if name not in present:
            continue
        try:
            with zf.open(name) as member:
                while member.read(_CHUNK):
                    pass
                decompressor = getattr(member, "_decompressor", None)
                if decompressor is not None and not getattr(decompressor, "eof", True):
                    fail(path, "zip-bomb", ext=ext, detail=f"{name}: more data than declared")
        except ZIP_ERRORS as exc:
            fail(path, "bad-package", ext=ext, detail=f"{name}: {exc}")
