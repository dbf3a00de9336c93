"""Readers shared by ``kb`` and ``citecheck``: the text of a file exactly as checked,
with a map from offsets back to paragraphs, table cells and pages.

>>> source = read_path(Path("draft.docx"))           # doctest: +SKIP
>>> source.locate(1234).label()                       # doctest: +SKIP
'¶12'
>>> source = read_bytes("draft.docx", uploaded)       # doctest: +SKIP
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from kb.readers.base import MAX_FILE_BYTES, ReadError, Segment, SourceText
from kb.readers.errors import fail
from kb.readers.package import ole_is_encrypted_package, sniff

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ReadError",
    "Segment",
    "SourceText",
    "iter_input_paths",
    "read_bytes",
    "read_path",
]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".docx", ".pdf", ".odt", ".doc"})
_TEXT_SUFFIXES = frozenset({".txt", ".md"})


def _read_bytes(path: Path, label: str, max_bytes: int) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            fail(label, "is-directory")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            fail(label, "not-regular")
        size = info.st_size
        if size > max_bytes:
            fail(label, "too-large", size=size // 2**20, limit=max_bytes // 2**20)
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        fail(label, "not-found")
    except IsADirectoryError:
        fail(label, "is-directory")
    except PermissionError:
        fail(label, "permission")
    except OSError as exc:
        fail(label, "os-error", detail=exc.strerror or type(exc).__name__)
    if len(data) > max_bytes:
        fail(label, "too-large", size=len(data) // 2**20, limit=max_bytes // 2**20)
    return data


def read_path(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> SourceText:
    """Read one file; raise :class:`ReadError` with a clear message when it cannot be read.

    The format is chosen by the file's first bytes (zip, OLE, PDF) and then by its suffix,
    so a misnamed file is still read for what it is. An empty .txt/.md gives an empty
    text; an empty .docx/.pdf/.odt/.doc is an error.
    """
    path = Path(path)
    label = str(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        fail(label, "unsupported")
    return read_bytes(label, _read_bytes(path, label, max_bytes), max_bytes=max_bytes)


def read_bytes(name: str, data: bytes, *, max_bytes: int = MAX_FILE_BYTES) -> SourceText:
    """Read a file held in memory (an upload): ``name`` gives its suffix and is the label of
    every message; nothing is looked up on disk. Same formats, limits and :class:`ReadError`
    messages as :func:`read_path`.
    """
    label = str(name)
    suffix = os.path.splitext(label)[1].lower()
    if suffix not in SUPPORTED_SUFFIXES:
        fail(label, "unsupported")
    if len(data) > max_bytes:
        fail(label, "too-large", size=len(data) // 2**20, limit=max_bytes // 2**20)
    if suffix in _TEXT_SUFFIXES:
        from kb.readers.text import decode_text

        return decode_text(label, suffix[1:], data)
    if not data:
        fail(label, "empty", ext=suffix)
    container = sniff(data[:1024])
    if container == "pdf":
        from kb.readers.pdf import read_pdf

        return read_pdf(label, data)
    if container == "ole":
        if ole_is_encrypted_package(data):
            fail(label, "password")
        from kb.readers.doc import read_doc

        return read_doc(label, data)
    if container == "zip":
        if suffix == ".odt" or _is_odf(data):
            from kb.readers.odt import read_odt

            return read_odt(label, data)
        from kb.readers.docx import read_docx

        return read_docx(label, io.BytesIO(data), kind="docx")
    if suffix == ".docx":
        fail(label, "bad-zip", ext=".docx", app="Word")
    if suffix == ".odt":
        fail(label, "odt-damaged", detail="không phải gói zip / not a zip package")
    if suffix == ".pdf":
        fail(label, "pdf-damaged", detail="không có dấu hiệu %PDF / no %PDF header")
    head = data[:512].lstrip()
    if head.startswith((b"{\\rtf", b"<")):  # a .doc saved as RTF or HTML: LibreOffice reads it
        from kb.readers.doc import read_doc

        return read_doc(label, data)
    from kb.readers.text import decode_text  # a .doc that is plain text, or binary junk

    return decode_text(label, "doc", data)


def _is_odf(data: bytes) -> bool:
    # The first member of an OpenDocument package is an uncompressed "mimetype".
    return data[30:38] == b"mimetype" and b"application/vnd.oasis.opendocument" in data[:200]


def iter_input_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """The files to read: each given file as is (whatever its suffix, so that the reader
    can say why it is refused), and the supported files under each directory, sorted,
    skipping hidden entries and Word lock files (``~$draft.docx``)."""
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith((".", "~$")):
                    continue
                if os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES:
                    yield Path(root) / name
