"""The outline of a report as its text shows it: numbered headings and where numbering
starts again.

Reports, plans and Party texts number their parts with Roman numerals (I., II-), Arabic
numbers (1.), dotted numbers (1.1., 1.1.1.) and lettered points (a), b), đ)); chapters,
articles, annexes and forms ("Phụ lục", "Mẫu số …") start numbering again. Web and PDF copies
break lines anywhere, so a heading is only taken where a line can start a paragraph. What
each heading needs for judging the sequence is kept with it: whether its title is in
capitals (a main section), whether a new part or an amended text was announced before it,
whether a quotation closed since the heading before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Vietnamese alphabet for điểm: a b c d đ e g h i k l m n o p q r s t u v x y (no f, j, w, z).
LETTERS = "abcdđeghiklmnopqrstuvxy"
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

LINE_LEAD = r"^[ \t\u00a0>#*_]*"
# "I.", "II)" and, in Party texts and forms, "I-", "IV - "
_ROMAN = re.compile(
    LINE_LEAD
    + r"(?P<v>[IVXLC]{1,6})(?:[.)]|[ \t\u00a0]*[-\u2013](?=[ \t\u00a0]))[ \t\u00a0]*(?=[^\W\d_])"
)
_DOTTED = re.compile(LINE_LEAD + r"(?P<v>\d{1,2}(?:\.\d{1,2}){1,2})\.?[ \t\u00a0]+(?=[^\W\d_])")
_ARABIC = re.compile(LINE_LEAD + r"(?P<v>\d{1,2})\.[ \t\u00a0]*(?=[^\W\d_])")
_LETTER = re.compile(LINE_LEAD + r"(?P<v>[a-zđ])\)[ \t\u00a0]+(?=\S)")
_RESET = re.compile(
    r"(?i)"
    + LINE_LEAD
    + r"\(?(?:phụ lục\b|mẫu(?:[ \t]+số)?[ \t]+[\w.]|biểu số\b|chương[ \t]+[ivxlc\d]+\b|"
    r"mục[ \t]+[ivxlc\d]+\b|phần[ \t]+(?:thứ[ \t]+\S+|[ivxlc\d]+\b)|điều[ \t]+\d+[\w.]*[ \t]*[.:]|"
    r"ban hành kèm theo\b)"
)
# a line that opens a new part without a number: a title in capitals ("BÁO CÁO KẾT QUẢ …"),
# the name of a form. Numbering that starts again at 1 after one is a new list.
_PART_TITLE = re.compile(r"^[^a-zà-ỹđ]*[A-ZÀ-ỸĐ]{2,}[^a-zà-ỹđ]*[A-ZÀ-ỸĐ]{2,}[^a-zà-ỹđ]*$")
# "3.ĐTB + 2.ĐTNTH": a formula, not a heading
# "… được sửa đổi, bổ sung như sau:": the numbered lines that follow quote the amended text
_AMENDS = re.compile(r"(?i)(?:sửa đổi|bổ sung|thay thế|thay đổi)\b.*như sau\s*:\s*$")
_INSTRUCTS = re.compile(r"(?i)[.)\s]*(?:sửa đổi|bổ sung|bãi bỏ|thay thế|thay cụm|thay đổi|bỏ)\b")
# the end of a quoted amended text: "… liên quan.”." or "…”;"
_CLOSING_ENDS = frozenset('”".;,')
_CLOSES = re.compile(r"[”\"][.;,]?\s*$")
_FORMULA = re.compile(r"^\s*\d{1,2}\.\S.*[+=×]")
# lines that PDF extraction puts between two paragraphs: gazette page headers, page numbers,
# digital-signature stamps. They are skipped when deciding whether a line starts a heading.
_NOISE = re.compile(
    r"(?i)^\s*(?:công báo\s*/|\d{1,4}\s*$|ký bởi\s*:|email\s*:|cơ quan\s*:|thời gian ký\s*:)"
)
_TERMINAL = (".", ":", ";", "!", "?", ")", "…", "*", "/")

MAX_ROMAN = 39


@dataclass
class Heading:
    kind: str
    value: tuple[int, ...]
    label: str
    start: int
    end: int
    caps: bool = False  # its title is written in capitals, as a main section's is
    fixed_to: tuple[int, ...] | None = None  # its number once the finding on it is followed
    quoting: bool = False  # the line before it announces an amended text ("… như sau:")
    instructs: bool = False  # its own title amends ("Sửa đổi …", "Bổ sung …", "Bãi bỏ …")
    after_close: bool = False  # a quotation closed ("…”.") since the heading before it
    after_part: bool = (
        False  # a title in capitals or a form's name stands between it and the last heading
    )


def _caps_title(line: str, end: int) -> bool:
    rest = line[end:]
    if not rest.isupper():  # a lower-case letter anywhere: no title in capitals (C speed)
        return False
    letters = [ch for ch in rest if ch.isalpha()]
    return len(letters) >= 6 and all(ch.isupper() for ch in letters)


def roman_value(s: str) -> int | None:
    total = 0
    prev = 0
    for ch in reversed(s):
        v = ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if to_roman(total) == s else None


def to_roman(n: int) -> str:
    out = ""
    for v, s in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= v:
            out += s
            n -= v
    return out


def read_headings(text: str) -> Iterator[Heading | None]:
    """Headings in order; None for a line that restarts numbering (Phụ lục, Chương, Điều).

    A line that restarts numbering does so even inside a quotation: a quotation mark left
    open by a copy must not hide the rest of the document's structure."""
    offset = 0
    prev_line = ""
    prev_heading = True
    quote_depth = 0
    part_since = False
    quoting = False
    closed_since = False
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        start = offset
        offset += len(raw)
        stripped = line.strip()
        if not stripped or _NOISE.match(line):
            continue
        in_quote = quote_depth > 0 or stripped[0] in "“\"'‘"
        quote_depth += line.count("“") - line.count("”")
        if stripped[0] == '"' and line.count('"') % 2 == 1:
            quote_depth += 1
        elif quote_depth > 0 and '"' in line and line.count('"') % 2 == 1 and "“" not in line:
            quote_depth -= 1
        quote_depth = max(0, quote_depth)
        boundary = prev_heading or prev_line.endswith(_TERMINAL) or prev_line.isupper()
        prev_line = stripped.rstrip("*_ ")
        if _RESET.match(line):
            prev_heading = True
            part_since = False
            yield None
            continue
        closes = stripped[-1] in _CLOSING_ENDS and _CLOSES.search(stripped) is not None
        if in_quote:
            prev_heading = False
            closed_since = closed_since or closes
            continue
        h = _match(line, start) if boundary and not _FORMULA.match(line) else None
        was_heading = prev_heading
        prev_heading = h is not None and len(stripped) < 160
        announces = "như sau" in stripped and _AMENDS.search(stripped) is not None
        if h is None:
            closed_since = closed_since or closes
            # a title in capitals that does not continue a heading's own title
            if not was_heading and stripped.upper() == stripped and _PART_TITLE.match(stripped):
                part_since = True
            quoting = announces
            continue
        h.quoting = quoting
        quoting = announces
        h.instructs = _INSTRUCTS.match(line, h.end - start) is not None
        h.after_close = closed_since
        closed_since = closes
        h.caps = _caps_title(line, h.end - start)
        h.after_part = part_since
        part_since = False
        yield h


def _match(line: str, start: int) -> Heading | None:
    if m := _ROMAN.match(line):
        v = roman_value(m.group("v"))
        # "C." and "L." open sections lettered A., B., C. …: no outline has fifty sections
        if v is not None and v <= MAX_ROMAN:
            return Heading("roman", (v,), m.group("v"), start + m.start("v"), start + m.end("v"))
    if m := _DOTTED.match(line):
        parts = tuple(int(p) for p in m.group("v").split("."))
        kind = "dotted2" if len(parts) == 2 else "dotted3"
        return Heading(kind, parts, m.group("v"), start + m.start("v"), start + m.end("v"))
    if m := _ARABIC.match(line):
        v = int(m.group("v"))
        return Heading("arabic", (v,), m.group("v"), start + m.start("v"), start + m.end("v"))
    if m := _LETTER.match(line):
        ch = m.group("v")
        if ch in LETTERS:
            idx = LETTERS.index(ch) + 1
            return Heading("letter", (idx,), ch, start + m.start("v"), start + m.end("v"))
    return None


def heading_label(kind: str, value: tuple[int, ...]) -> str:
    if kind == "roman":
        return to_roman(value[0])
    if kind == "letter":
        return LETTERS[value[0] - 1] + ")" if 0 < value[0] <= len(LETTERS) else "?"
    return ".".join(str(v) for v in value)
