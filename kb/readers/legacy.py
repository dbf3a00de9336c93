"""Legacy Vietnamese font encodings (TCVN3 / ABC and VNI): recognise them and convert to Unicode.

The tables are data (``kb/data/legacy_encodings.toml``); this module only applies them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from itertools import islice

from kb.tables import load_table

# Letters only Vietnamese Unicode text has: their presence means the text is not legacy.
_VIETNAMESE_UNICODE = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")
_WORD = re.compile(r"\S+")

NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}


@dataclass(frozen=True)
class LegacyTables:
    tcvn3_map: dict[str, str]
    tcvn3_telltales: frozenset[str]
    vni_letters: dict[str, str]
    vni_marks_lower: dict[str, str]
    vni_marks_upper: dict[str, str]
    min_words: int
    min_share: float
    vni_sign: re.Pattern[str]


@functools.cache
def load_tables() -> LegacyTables:
    data = load_table("kb", "legacy_encodings.toml")
    vni = data["vni"]
    lower_marks = "".join(vni["marks_lower"])
    upper_marks = "".join(vni["marks_upper"])
    # A VNI vowel followed by its mark, case matched, or the stand-alone đ between letters.
    sign = re.compile(
        f"[aeiouyôö][{re.escape(lower_marks)}]|[AEIOUYÔÖ][{re.escape(upper_marks)}]"
        r"|(?:^|\W)[ñÑ][a-zA-Z]"
    )
    return LegacyTables(
        tcvn3_map=dict(data["tcvn3"]["map"]),
        tcvn3_telltales=frozenset(data["tcvn3"]["telltales"]),
        vni_letters=dict(vni["letters"]),
        vni_marks_lower=dict(vni["marks_lower"]),
        vni_marks_upper=dict(vni["marks_upper"]),
        min_words=int(data["detect"]["min_words"]),
        min_share=float(data["detect"]["min_share"]),
        vni_sign=sign,
    )


@functools.cache
def _tcvn3_table() -> dict[int, str]:
    return {ord(k): v for k, v in load_tables().tcvn3_map.items()}


def decode_cp1252(data: bytes) -> str:
    """Bytes as Windows-1252 shows them; the five bytes it leaves undefined map as Latin-1."""
    return "".join(
        chunk.decode("cp1252", errors="strict") if i % 2 == 0 else chunk.decode("latin-1")
        for i, chunk in enumerate(re.split(b"([\x81\x8d\x8f\x90\x9d]+)", data))
    )


def has_vietnamese_unicode(text: str) -> bool:
    return _VIETNAMESE_UNICODE.search(text) is not None


def has_tcvn3_signs(text: str) -> bool:
    """A character that TCVN3 text is full of and Unicode Vietnamese never uses."""
    telltales = load_tables().tcvn3_telltales
    return any(c in telltales for c in text)


def detect(text: str) -> str | None:
    """``"tcvn3"`` or ``"vni"`` when ``text`` reads as that legacy encoding, else ``None``."""
    # three letters of Vietnamese Unicode mean Unicode text: stop at the third
    if len(list(islice(_VIETNAMESE_UNICODE.finditer(text, 0, 200_000), 3))) > 2:
        return None
    tables = load_tables()
    words = _WORD.findall(text, 0, 200_000)
    if not words:
        return None
    telltales = tables.tcvn3_telltales
    tcvn3 = sum(1 for w in words if any(c in telltales for c in w))
    vni = sum(1 for w in words if tables.vni_sign.search(w))
    best, count = ("vni", vni) if vni >= tcvn3 else ("tcvn3", tcvn3)
    if count >= tables.min_words and count >= tables.min_share * len(words):
        return best
    return None


def convert(text: str, kind: str) -> str:
    """Convert legacy ``text`` (as Windows-1252 characters) to Vietnamese Unicode (NFC)."""
    tables = load_tables()
    if kind == "tcvn3":
        return text.translate(_tcvn3_table())
    if kind != "vni":
        raise ValueError(kind)
    out: list[str] = []
    for ch in text:
        prev = out[-1] if out else ""
        marks = (tables.vni_marks_upper if prev.isupper() else tables.vni_marks_lower).get(ch)
        if marks and prev and prev.isalpha():
            composed = unicodedata.normalize("NFC", prev + marks)
            if len(composed) == 1:
                out[-1] = composed
                continue
        out.append(tables.vni_letters.get(ch, ch))
    return "".join(out)
