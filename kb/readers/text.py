"""Plain text (.txt, .md): UTF-8 with or without BOM, UTF-16/32 with BOM, other encodings
when they can be recognised, and the legacy Vietnamese font encodings TCVN3 and VNI."""

from __future__ import annotations

import codecs
import re
import unicodedata

from kb.readers import legacy
from kb.readers.base import SourceText
from kb.readers.errors import fail

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters a text file may hold (tab, line ends, form feed, the DOS end-of-file
# mark); any other control (beyond a few) means binary data.
_MAX_CONTROL_SHARE = 0.01
_SNIFF_CHARS = 100_000
# Characters that cannot be a control, surrogate, private-use or unassigned character: the
# allowed controls and blocks of Unicode with every code point assigned (assignments are
# never withdrawn, so this holds in later Unicode versions too). A compiled pattern skips
# them at C speed; only what is left (rare in text) is looked up one by one.
_SURELY_TEXT = (
    "\t\n\v\f\r\x1a\x20-\x7e\xa0-\u0377\u1d00-\u1f15\u2010-\u2027\u2030-\u205e"
    "\u20a0-\u20c0\u2100-\u218b\u2190-\u2426\u2460-\u2b73\u3000-\u303f\u3220-\ua48c"
    "\uac00-\ud7a3\uff01-\uffbe"
)
_SUSPECT = re.compile(f"[^{_SURELY_TEXT}]")
_NOT_TEXT_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})


def _looks_binary(text: str) -> bool:
    """More than a few control, surrogate, private-use or unassigned characters in the first
    100,000 characters (beyond 1% of them)."""
    sample_len = min(len(text), _SNIFF_CHARS)
    if not sample_len:
        return False
    category = unicodedata.category
    controls = sum(
        1 for c in _SUSPECT.findall(text, 0, sample_len) if category(c) in _NOT_TEXT_CATEGORIES
    )
    return controls > max(2, _MAX_CONTROL_SHARE * sample_len)


def _with_legacy(path: str, kind: str, text: str, encoding: str) -> SourceText:
    if _looks_binary(text):
        fail(path, "binary")
    found = legacy.detect(text)
    if found is None:
        return SourceText(path=path, kind=kind, text=text, encoding=encoding)
    note = f"converted from {legacy.NAMES[found]}"
    return SourceText(
        path=path,
        kind=kind,
        text=legacy.convert(text, found),
        encoding=found,
        notes=(note,),
    )


def decode_text(path: str, kind: str, data: bytes) -> SourceText:
    """Decode the bytes of a text file; the text keeps its line ends (``\\r\\n`` stays)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                fail(path, "encoding")
            if _looks_binary(text):
                fail(path, "binary")
            return SourceText(path=path, kind=kind, text=text, encoding=encoding)
    # A few NUL bytes occur in real text files (left by converters); many mean binary data
    # (or UTF-16 without its BOM, which is not guessed).
    if data.count(b"\x00") > max(2, _MAX_CONTROL_SHARE * len(data)):
        fail(path, "binary")
    try:
        return _with_legacy(path, kind, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    as_cp1252 = legacy.decode_cp1252(data)
    found = legacy.detect(as_cp1252)
    if found is not None:
        return _with_legacy(path, kind, as_cp1252, found)
    return _guess(path, kind, data)


def _guess(path: str, kind: str, data: bytes) -> SourceText:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        fail(path, "encoding")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        fail(path, "encoding")
    if _looks_binary(text) or best.chaos > 0.2:
        fail(path, "binary")
    return SourceText(path=path, kind=kind, text=text, encoding=best.encoding)
