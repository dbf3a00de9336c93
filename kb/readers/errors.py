"""The messages a reader gives when a file cannot be read: one line, Vietnamese and English."""

from __future__ import annotations

from typing import NoReturn

from kb.readers.base import ReadError

MESSAGES: dict[str, tuple[str, str]] = {
    "not-found": ("không tìm thấy tệp", "file not found"),
    "is-directory": ("là thư mục, không phải tệp", "is a directory, not a file"),
    "not-regular": (
        "không phải tệp thông thường (ống dẫn hoặc thiết bị)",
        "not a regular file (a pipe or a device)",
    ),
    "permission": ("không có quyền đọc tệp", "permission denied: the file cannot be read"),
    "os-error": ("không đọc được tệp ({detail})", "the file cannot be read ({detail})"),
    "too-large": (
        "tệp quá lớn ({size} MB, giới hạn {limit} MB)",
        "file too large ({size} MB, limit {limit} MB)",
    ),
    "empty": (
        "tệp rỗng (0 byte) — không phải tệp {ext} hợp lệ",
        "empty file (0 bytes) — not a valid {ext} file",
    ),
    "unsupported": (
        "định dạng tệp không được hỗ trợ (chỉ đọc .txt, .md, .docx, .pdf, .odt, .doc)",
        "unsupported file type (only .txt, .md, .docx, .pdf, .odt, .doc are read)",
    ),
    "binary": (
        "tệp không phải văn bản (chứa dữ liệu nhị phân)",
        "not a text file (it holds binary data)",
    ),
    "encoding": (
        "không nhận ra bảng mã của tệp văn bản — hãy lưu lại tệp dưới dạng UTF-8",
        "the text encoding could not be recognised — save the file as UTF-8",
    ),
    "legacy-unconverted": (
        "tệp dùng bảng mã cũ {encoding} — hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey)",
        "the file uses the legacy {encoding} encoding — convert it to Unicode (e.g. with Unikey's converter)",
    ),
    "bad-zip": (
        "tệp {ext} bị hỏng hoặc không phải tệp {app} (không mở được gói zip)",
        "the {ext} file is damaged or not a {app} file (the zip package cannot be opened)",
    ),
    "bad-package": (
        "tệp {ext} bị hỏng: thiếu hoặc hỏng phần nội dung ({detail})",
        "the {ext} file is damaged: its content part is missing or broken ({detail})",
    ),
    "bad-compression": (
        "tệp {ext} dùng kiểu nén lạ (phần {member}) — không phải tệp do Word/LibreOffice tạo",
        "the {ext} file uses an unusual compression (part {member}) — not written by Word/LibreOffice",
    ),
    "zip-bomb": (
        "tệp {ext} bị từ chối: dữ liệu giải nén quá lớn ({detail}) — có thể là tệp độc hại",
        "the {ext} file is refused: it decompresses to too much data ({detail}) — possibly malicious",
    ),
    "paragraph-too-long": (
        "tệp có một đoạn văn quá dài ({chars} ký tự, giới hạn {limit}) — tệp bất thường",
        "the file holds an overlong paragraph ({chars} characters, limit {limit}) — abnormal file",
    ),
    "password": (
        "tệp được đặt mật khẩu — hãy gỡ mật khẩu rồi kiểm tra lại",
        "the file is password-protected — remove the password and check it again",
    ),
    "pdf-damaged": (
        "tệp PDF bị hỏng hoặc không phải tệp PDF ({detail})",
        "the PDF file is damaged or not a PDF ({detail})",
    ),
    "pdf-too-much-text": (
        "tệp PDF chứa quá nhiều chữ (quá {limit} ký tự) — tệp bất thường",
        "the PDF holds too much text (over {limit} characters) — abnormal file",
    ),
    "pdf-scan": (
        "tệp PDF không có lớp chữ (bản quét) — cần nhận dạng ký tự (OCR) trước khi kiểm tra",
        "the PDF has no text layer (a scan) — run OCR on it before checking",
    ),
    "doc-needs-convert": (
        "không đọc trực tiếp được tệp .doc (Word 97-2003) — hãy chuyển tệp .doc sang .docx",
        "legacy .doc (Word 97-2003) files cannot be read here — convert the .doc file to .docx",
    ),
    "doc-convert-failed": (
        "LibreOffice không chuyển được tệp .doc ({detail}) — hãy chuyển tệp .doc sang .docx",
        "LibreOffice could not convert the .doc file ({detail}) — convert the .doc file to .docx",
    ),
    "odt-damaged": (
        "tệp .odt bị hỏng hoặc không phải tệp OpenDocument ({detail})",
        "the .odt file is damaged or not an OpenDocument text ({detail})",
    ),
}


def _in(lang: int, value: object) -> object:
    """A detail written "Vietnamese / English" ("quá 60 s / timeout"): the part in one language."""
    if isinstance(value, str) and " / " in value:
        parts = value.split(" / ")
        if len(parts) == 2:
            return parts[lang]
    return value


def read_error(path: str, key: str, **fields: object) -> ReadError:
    vi, en = MESSAGES[key]
    vi_fields = {k: _in(0, v) for k, v in fields.items()}
    en_fields = {k: _in(1, v) for k, v in fields.items()}
    return ReadError(path, vi.format(**vi_fields), en.format(**en_fields), code=key)


def fail(path: str, key: str, **fields: object) -> NoReturn:
    raise read_error(path, key, **fields)
