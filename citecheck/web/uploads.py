"""Turn an uploaded draft (bytes in memory) into the text the checker reads.

Nothing is written to disk: the bytes are decoded here and dropped when the request ends.
The format is decided by the file's first bytes, and must agree with its name: a ``.docx``
that is not a zip package, or a ``.txt`` that is really a PDF, is refused with a clear
message instead of being guessed at.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from citecheck.web.i18n import t

if TYPE_CHECKING:
    from kb.readers import SourceText

ALLOWED_SUFFIXES = (".docx", ".pdf", ".txt")
# Content types a browser may send for each accepted kind; octet-stream is what many send
# when they do not know, so the file's own bytes decide in that case.
PART_TYPES: dict[str, frozenset[str]] = {
    "docx": frozenset(
        {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/octet-stream",
            "application/zip",
            "application/x-zip-compressed",
        }
    ),
    "pdf": frozenset({"application/pdf", "application/x-pdf", "application/octet-stream"}),
    "txt": frozenset({"text/plain", "application/octet-stream"}),
}
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class UploadError(Exception):
    """An upload that cannot be read: a message for the page, in both languages."""

    def __init__(self, key: str, status: int = 422, **fields: str) -> None:
        super().__init__(key)
        self.key = key
        self.status = status
        self.fields = fields

    def text(self, lang: str) -> str:
        return t(f"upload.{self.key}", lang, **self.fields)


@dataclass(frozen=True)
class Draft:
    """A draft read from an upload or from pasted text."""

    name: str  # a display name only (never a path on the server)
    kind: str  # "docx" | "pdf" | "txt" | "paste"
    text: str
    data: bytes | None = None  # the original bytes, kept only for a .docx (annotation)
    source: SourceText | None = None  # what the reader made of it (paragraph map)


def safe_name(name: str | None, default: str = "du-thao") -> str:
    """The last component of a client-given file name, stripped of anything odd."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip(" .")
    return base[:120] or default


def suffix_of(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def sniff(data: bytes) -> str:
    """What the bytes are: "zip", "pdf", "ole" (old .doc) or "text" (the readers' own test)."""
    from kb.readers.package import sniff as container

    return container(data[:1024]) or "text"


def read_upload(filename: str | None, content_type: str | None, data: bytes) -> Draft:
    """Read an uploaded file; raise :class:`UploadError` with a clear message on failure."""
    name = safe_name(filename)
    suffix = suffix_of(name)
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadError("unsupported", status=415, name=name)
    kind = suffix[1:]
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared and declared not in PART_TYPES[kind]:
        raise UploadError("content-type", status=415, name=name, declared=declared)
    if not data:
        raise UploadError("empty", name=name)
    found = sniff(data)
    expected = {"docx": "zip", "pdf": "pdf", "txt": "text"}[kind]
    if found != expected:
        if kind == "docx" and found == "ole":
            raise UploadError("old-doc", status=415, name=name)
        raise UploadError("mismatch", status=415, name=name, kind=kind)
    from kb.readers import read_bytes

    try:
        source = read_bytes(name, data)
    except Exception as err:  # the reader's ReadError, or anything a damaged file causes
        raise _unreadable(name, err) from err
    text = str(source.text)
    if kind == "txt":
        return Draft(name, "txt", text)
    return Draft(name, kind, text, data=data if kind == "docx" else None, source=source)


def paste(text: str) -> Draft:
    return Draft("van-ban-dan.txt", "paste", text.replace("\r\n", "\n"))


def _unreadable(name: str, err: Exception) -> UploadError:
    """The reader's own one-line message in both languages, without the file name."""
    vi = str(getattr(err, "message", None) or str(err).split(": ", 1)[-1])
    en = str(getattr(err, "message_en", None) or vi)
    return UploadError("unreadable", name=name, detail=vi, detail_en=en)
