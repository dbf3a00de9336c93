"""CC402 section-numbering."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from citecheck.messages import message
from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc

# Vietnamese alphabet for điểm: a b c d đ e g h i k l m n o p q r s t u v x y (no f, j, w, z).
LETTERS = "abcdđeghiklmnopqrstuvxy"
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

_LEAD = r"^[ \t\u00a0>#*_]*"
_ROMAN = re.compile(_LEAD + r"(?P<v>[IVXLC]{1,6})[.)][ \t\u00a0]*(?=[^\W\d_])")
_DOTTED = re.compile(_LEAD + r"(?P<v>\d{1,2}(?:\.\d{1,2}){1,2})\.?[ \t\u00a0]+(?=[^\W\d_])")
_ARABIC = re.compile(_LEAD + r"(?P<v>\d{1,2})\.[ \t\u00a0]*(?=[^\W\d_])")
_LETTER = re.compile(_LEAD + r"(?P<v>[a-zđ])\)[ \t\u00a0]+(?=\S)")
_RESET = re.compile(
    r"(?i)" + _LEAD + r"(?:phụ lục\b|mẫu số\b|biểu số\b|chương[ \t]+[ivxlc\d]+\b|"
    r"mục[ \t]+[ivxlc\d]+\b|phần[ \t]+(?:thứ[ \t]+\S+|[ivxlc\d]+\b)|điều[ \t]+\d+[\w.]*[ \t]*[.:])"
)
# lines that PDF extraction puts between two paragraphs: gazette page headers, page numbers,
# digital-signature stamps. They are skipped when deciding whether a line starts a heading.
_NOISE = re.compile(
    r"(?i)^\s*(?:công báo\s*/|\d{1,4}\s*$|ký bởi\s*:|email\s*:|cơ quan\s*:|thời gian ký\s*:)"
)
_TERMINAL = (".", ":", ";", "!", "?", ")", "…", "*", "/")

# A document with more apparent breaks than this is not a simple outline (numbered table
# rows, annexes, quoted clauses): the rule stays silent rather than cry wolf.
MAX_BREAKS = 4

# levels, outermost first
_ORDER = ("roman", "arabic", "dotted2", "dotted3", "letter")


@dataclass
class _Heading:
    kind: str
    value: tuple[int, ...]
    label: str
    start: int
    end: int


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


def _headings(text: str) -> Iterator[_Heading | None]:
    """Headings in order; None for a line that restarts numbering (Phụ lục, Chương, Điều)."""
    offset = 0
    prev_line = ""
    prev_heading = True
    quote_depth = 0
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
        if in_quote:
            prev_heading = False
            continue
        if _RESET.match(line):
            prev_heading = True
            yield None
            continue
        h = _match(line, start) if boundary else None
        prev_heading = h is not None and len(stripped) < 160
        if h is not None:
            yield h


def _match(line: str, start: int) -> _Heading | None:
    if m := _ROMAN.match(line):
        v = roman_value(m.group("v"))
        if v is not None:
            return _Heading("roman", (v,), m.group("v"), start + m.start("v"), start + m.end("v"))
    if m := _DOTTED.match(line):
        parts = tuple(int(p) for p in m.group("v").split("."))
        kind = "dotted2" if len(parts) == 2 else "dotted3"
        return _Heading(kind, parts, m.group("v"), start + m.start("v"), start + m.end("v"))
    if m := _ARABIC.match(line):
        v = int(m.group("v"))
        return _Heading("arabic", (v,), m.group("v"), start + m.start("v"), start + m.end("v"))
    if m := _LETTER.match(line):
        ch = m.group("v")
        if ch in LETTERS:
            idx = LETTERS.index(ch) + 1
            return _Heading("letter", (idx,), ch, start + m.start("v"), start + m.end("v"))
    return None


def _label(kind: str, value: tuple[int, ...]) -> str:
    if kind == "roman":
        return to_roman(value[0])
    if kind == "letter":
        return LETTERS[value[0] - 1] + ")" if 0 < value[0] <= len(LETTERS) else "?"
    return ".".join(str(v) for v in value)


def _written_between(
    text: str, prev: _Heading | None, h: _Heading, expected: tuple[int, ...]
) -> bool:
    """True when the expected heading is at the start of a line between ``prev`` and ``h``.

    Headings are only followed where a line clearly starts a paragraph; one that was not
    recognised (after a page break, say) must not make the next one look out of sequence.
    """
    lo = prev.end if prev is not None else 0
    label = _label(h.kind, expected)
    if h.kind == "letter":
        pattern = re.escape(label)
    elif h.kind == "roman":
        pattern = re.escape(label) + r"[.)]"
    else:
        pattern = re.escape(label) + r"\.?(?!\d)"
    return re.search(r"(?m)" + _LEAD + pattern, text[lo : h.start]) is not None


class SectionNumbering(Rule):
    """Headings out of sequence: I, II, III, III — or 1.1 followed by 2.2, or d) then e).

    ## What it does
    Follows the numbering of the document's headings — Roman numerals (I., II.), Arabic
    numbers (1., 2.), dotted numbers (1.1., 1.2.) and lettered points (a), b), c)) — and flags
    a heading whose number repeats or skips the one expected after the previous heading of
    the same level. A higher heading restarts the numbering below it. Lettered points follow
    the Vietnamese alphabet: a) b) c) d) đ) e) g) h) … (đ comes after d; there is no f).
    Lines inside quotations (amending texts quoting a clause) and annexes are not followed,
    and a heading the expected one was written before (after a page break, say) is not a
    break. When a document shows more than four apparent breaks, its numbering is not a
    simple outline (numbered table rows, quoted clauses) and nothing is reported.

    ## Why is this bad?
    Readers and later documents cite parts of a report by their number ("mục III.2").
    A repeated or skipped number makes those references ambiguous and shows that a section
    was moved or deleted without renumbering.

    ## Example
    ```text
    III. ĐÁNH GIÁ CHUNG
    …
    III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU TRONG CÁC NĂM TIẾP THEO
    ```

    ## Use instead
    ```text
    III. ĐÁNH GIÁ CHUNG
    …
    IV. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU TRONG CÁC NĂM TIẾP THEO
    ```

    ## References
    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6.b (bố cục: phần, mục, khoản, điểm; điểm
    numbered with the letters of the Vietnamese alphabet a, b, c, d, đ, e …).
    """

    code = "CC402"
    name = "section-numbering"
    severity = "warning"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        found = list(self._breaks(doc, ctx))
        if len(found) <= MAX_BREAKS:
            yield from found

    def _breaks(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        last: dict[str, _Heading] = {}
        for h in _headings(doc.text):
            if h is None:
                last.clear()
                continue
            level = _ORDER.index(h.kind)
            expected = self._expected(h, last)
            if (
                expected is not None
                and expected != h.value
                and not _written_between(doc.text, last.get(h.kind), h, expected)
            ):
                prev = last.get(h.kind)
                related = (
                    [doc.related(prev.start, prev.end, message("related", "previous", ctx.lang))]
                    if prev
                    else []
                )
                shown = _label(h.kind, h.value)
                want = _label(h.kind, expected)
                key = "letter" if h.kind == "letter" else "number"
                if (
                    h.kind == "letter"
                    and h.value[0] > expected[0]
                    and _label("letter", expected) == "đ)"
                ):
                    key = "letter_d"
                yield self.finding(
                    doc,
                    h.start,
                    h.end,
                    self.msg(
                        ctx,
                        key,
                        got=shown,
                        expected=want,
                        prev=_label(h.kind, prev.value) if prev else "-",
                    ),
                    related=related,
                    suggestion=self.msg(ctx, "fix", expected=want),
                )
            last[h.kind] = h
            for deeper in _ORDER[level + 1 :]:
                last.pop(deeper, None)

    @staticmethod
    def _expected(h: _Heading, last: dict[str, _Heading]) -> tuple[int, ...] | None:
        prev = last.get(h.kind)
        if h.kind in ("dotted2", "dotted3"):
            parent_kind = "arabic" if h.kind == "dotted2" else "dotted2"
            parent = last.get(parent_kind)
            prefix = h.value[:-1]
            if prev is not None and prev.value[:-1] == prefix:
                return (*prefix, prev.value[-1] + 1)
            if (
                parent is not None
                and parent.value != prefix
                and prev is not None
                and prev.value[:-1] == parent.value
            ):
                # "1.1" then "2.2" under "1.": a sibling was numbered under another parent
                return (*parent.value, prev.value[-1] + 1)
            return None
        if prev is None:
            return None
        return (prev.value[0] + 1,)
