"""The document's own header: "Số:", place and date line, type, title, signer."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from kb.models import DocumentHeader, Family
from kb.parse.grammar import code_key, load_grammar, types_compatible
from kb.parse.lawregister import law_key
from kb.parse.refs import find_refs
from kb.parse.textutil import fold

HEADER_ZONE = 4000
_WS = r"[ \t\u00a0]"
# "Số: 45/2020/NĐ-CP"; laws and resolutions write "Luật số: 58/2014/QH13", "Nghị quyết số: …"
_NUMBER_LINE = re.compile(
    rf"(?m)^[\s#*>]*(?:(?P<tw>Bộ{_WS}+luật|Luật|Pháp{_WS}+lệnh|Lệnh|Nghị{_WS}+quyết){_WS}+)?"
    rf"[Ss][ốỐ]{_WS}*:{_WS}*(?P<rest>[^\n]*)"
)
# the parts of the date may be broken over lines (old documents, web copies)
_DATE_LINE = re.compile(
    rf"(?P<place>[A-ZĐ][^\n,;:]{{1,40}}?),{_WS}*ngày\s*(?P<d>\d{{0,2}})\s*"
    rf"tháng\s*(?P<m>\d{{0,2}})\s*năm{_WS}*(?P<y>\d{{4}})?"
)
# the comma before "ngày" that every date line holds: no date line starts more than 41
# characters (the longest place) before the first of them
_COMMA_NGAY = re.compile(rf",{_WS}*ngày")
# the colon of every "Số:" line: after "ố" or "Ố", or after the white space that follows them.
# Few texts hold one such colon in their header zone (a colon after a space is rare, and "số"
# is rarely followed by one in running text), and this scan, for a literal, is many times
# faster than the search for a line start where the "Số:" line matches
_NUMBER_COLON = re.compile(r":(?:(?<=[ốỐ]:)|(?<=[ \t\u00a0]:))")
_PLACE_MAX = 41
_MARKUP = re.compile(r"[#*_>`]+")
_NAME_LINE = re.compile(r"^[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w]+(?: [A-ZĐ\w][\w]*){1,4}$")


@dataclass(frozen=True)
class HeaderSpan:
    """Offsets of the header's own number, so it is not taken as a citation."""

    start: int
    end: int


def _clean_line(line: str) -> str:
    return _MARKUP.sub("", line).strip()


def parse_header(text: str) -> tuple[DocumentHeader, HeaderSpan | None]:
    g = load_grammar()
    zone = text[:HEADER_ZONE]
    h = DocumentHeader()
    span: HeaderSpan | None = None

    num = _NUMBER_LINE.search(zone) if _NUMBER_COLON.search(zone) else None
    if num is not None:
        rest = num.group("rest").strip()
        rest_start = num.start("rest")
        span = HeaderSpan(num.start(), num.end())
        below = _number_below(zone, num.end()) if rest == "" else None
        if below is not None:
            # a web copy's header table, one cell per line: "Số:" alone, the number below
            rest_start, rest = below
            span = HeaderSpan(num.start(), rest_start + len(rest))
        h.number_text = rest
        h.number_start, h.number_end = rest_start, rest_start + len(rest)
        refs = find_refs(rest)
        if refs and refs[0].start == 0:
            r = refs[0]
            h.ref, h.number, h.family = r.ref, r.number, r.family
            h.type_code, h.issuer_code = r.type_code, r.issuer_code
            h.key = r.key_ref if r.family in (Family.NORMATIVE, Family.LAW) else None
            if r.type_code:
                t = g.type_by_state_code.get(r.type_code) or g.type_by_party_code.get(r.type_code)
                h.type = t.name if t else None
        elif rest == "" or rest.startswith("/") or rest.startswith("-"):
            # "Số: /BC-VPUB", "Số:    -BC/TU": the number is left for the clerk to fill in
            h.number_blank = True
            codes = [c for c in re.split(r"[-/\s]+", rest) if c]
            if codes:
                k = code_key(codes[0])
                if k in g.state_type_codes:
                    h.type_code = g.state_type_codes[k]
                    h.issuer_code = codes[1] if len(codes) > 1 else None
                elif k in g.party_type_codes:
                    h.type_code = g.party_type_codes[k]
                    h.issuer_code = codes[1] if len(codes) > 1 else None
                    h.family = Family.PARTY

    date = _date_line(zone)
    if h.ref is None and not h.number_blank:
        block = _consolidation_block(text)
        if block is not None:
            # a consolidated text as the Office of the National Assembly prints it: the
            # law's own heading on top, its number and date in the block that closes it
            num, date = block
            span = _take_number(num, h, g) or span
            h.type = "Văn bản hợp nhất"
    if date is not None:
        h.place = date.group("place").strip()
        h.date_text = date.group(0)[len(date.group("place")) + 1 :].strip()
        h.date_start, h.date_end = date.start(), date.end()
        d, m, y = date.group("d"), date.group("m"), date.group("y")
        h.date_year = int(y) if y else None
        h.date_month = int(m) if m else None
        if d and m and y:
            try:
                h.date = dt.date(int(y), int(m), int(d))
            except ValueError:
                h.date = None
        else:
            h.date_blank = True

    _type_and_title(zone, h)
    h.number_anomalies = _own_number_anomalies(h, g)
    if h.family is Family.LAW and h.key is not None:
        # "Luật số: 93/2015/QH13": the type is part of the identity of a /QH number
        word = num.group("tw") if num is not None else None
        word_type = g.type_for_word(" ".join(word.split())) if word else None
        h.key = law_key(h.key, word_type.name if word_type else h.type)
    h.signer = _signer(text)
    if h.key is None and h.ref and h.date:
        h.key = _dated_key(h.ref, h.family, h.date.year)
    return h, span


_NEXT_LINES = re.compile(r"(?:[ \t\u00a0]*\n){1,3}[ \t\u00a0]*(?P<line>[^\n]+)")


# "XÁC THỰC VĂN BẢN HỢP NHẤT" closes a consolidated text (its annexes may follow); its
# "Số: …/VBHN-…" and date line stand around it
_CONSOLIDATION = re.compile(r"X[ÁA]C\s+TH[ỰU]C\s+V[ĂA]N\s+B[ẢA]N\s+H[ỢO]P\s+NH[ẤA]T")
_BLOCK_BEFORE = 800


def _consolidation_block(text: str) -> tuple[re.Match[str], re.Match[str] | None] | None:
    """The "Số: …/VBHN-…" line (and the date line) of the block closing a consolidated text,
    as matches over the whole text; None when the text has no such block."""
    closing = _consolidation_search(text)
    if closing is None:
        return None
    lo = max(0, closing.start() - _BLOCK_BEFORE)
    num = None
    for m in _NUMBER_LINE.finditer(text, lo, closing.end() + _BLOCK_BEFORE):
        if "VBHN" in m.group("rest").upper():
            num = m
            break
    if num is None:
        return None
    window = text[: closing.end() + _BLOCK_BEFORE]
    first = _COMMA_NGAY.search(window, num.end())
    date = _DATE_LINE.search(window, max(num.end(), first.start() - _PLACE_MAX)) if first else None
    return num, date


def _consolidation_search(text: str) -> re.Match[str] | None:
    """``_CONSOLIDATION.search(text)``, tried at each "X" of the text: the pattern starts with
    a class ("XÁC" or "XAC"), and the regex scan for its "X" alone goes one character at a
    time, where a search for a character skips ahead many at once. Most texts hold few of
    them."""
    i = text.find("X")
    while i >= 0:
        m = _CONSOLIDATION.match(text, i)
        if m is not None:
            return m
        i = text.find("X", i + 1)
    return None


def _take_number(num: re.Match[str], h: DocumentHeader, g: Any) -> HeaderSpan | None:
    """Read a consolidated text's own number from its "Số:" line into ``h``."""
    rest = num.group("rest").strip()
    refs = find_refs(rest)
    if not refs or refs[0].start != 0:
        return None
    r = refs[0]
    start = num.start("rest") + (len(num.group("rest")) - len(num.group("rest").lstrip()))
    h.number_text = rest
    h.number_start, h.number_end = start, start + len(rest)
    h.ref, h.number, h.family = r.ref, r.number, r.family
    h.type_code, h.issuer_code = r.type_code, r.issuer_code
    h.key = r.key_ref if r.family in (Family.NORMATIVE, Family.LAW) else None
    return HeaderSpan(num.start(), num.end())


def _own_number_anomalies(h: DocumentHeader, g: Any) -> list[str]:
    """What is wrong with the document's own số hiệu, judged against the type word of its
    title: its type code glued to the issuer code ("QUYẾT ĐỊNH", "Số: 1961/QĐUBND"), or a
    type code that says another type ("QUYẾT ĐỊNH", "Số: 55/2007/CT-UBND")."""
    if not h.ref or not h.type_word or h.type_code == "VBHN":
        return []
    word_type = g.type_for_word(" ".join(h.type_word.split()))
    if word_type is None or word_type.name == "Văn bản hợp nhất":
        return []
    if h.type_code and h.family is not None:
        code_type = g.type_by_state_code.get(h.type_code) or g.type_by_party_code.get(h.type_code)
        if code_type is not None and not types_compatible(word_type, code_type, h.family):
            return ["type-word-mismatch"]
        return []
    glued = (
        h.family is Family.LETTER
        and word_type.name != "Công văn"
        and g.unglued(word_type, h.issuer_code or "") is not None
    )
    return ["missing-dash"] if glued else []


def _number_below(zone: str, at: int) -> tuple[int, str] | None:
    """The số hiệu on the first non-blank line below a bare "Số:", with its offset, when
    that line starts with one."""
    m = _NEXT_LINES.match(zone, at)
    if m is None:
        return None
    line = m.group("line").rstrip()
    refs = find_refs(line)
    if refs and refs[0].start == 0:
        return m.start("line"), line
    return None


def _date_line(zone: str) -> re.Match[str] | None:
    first = _COMMA_NGAY.search(zone)
    if first is None:
        return None
    return _DATE_LINE.search(zone, max(0, first.start() - _PLACE_MAX))


def _dated_key(ref: str, family: Family | None, year: int) -> str | None:
    refs = find_refs(ref)
    if not refs:
        return None
    return f"{refs[0].key_ref}@{year}"


def _type_and_title(zone: str, h: DocumentHeader) -> None:
    g = load_grammar()
    lines = zone.splitlines()
    for i, raw in enumerate(lines[:60]):
        if not raw.isupper():  # markup and spaces have no case: as the cleaned line
            continue
        line = _clean_line(raw)
        t = g.type_by_word.get(fold(line))
        if t is None:
            continue
        h.type = h.type or t.name
        h.type_word = line
        title: list[str] = []
        for nxt in lines[i + 1 : i + 16]:
            cleaned = _clean_line(nxt)
            if not cleaned:
                if title:
                    break
                continue
            if re.match(r"(?i)(căn cứ|theo đề nghị|kính gửi)", cleaned):
                break
            if title and re.match(r"(?i)thực hiện", cleaned):
                # the preamble "Thực hiện Quy định số …"; a title may itself begin so
                # ("KẾ HOẠCH / Thực hiện công tác đối thoại năm 2022")
                break
            title.append(cleaned)
            if len(" ".join(title)) > 300:
                break
        h.title = " ".join(title) or None
        return


def _signer(text: str) -> str | None:
    tail = text[-800:].splitlines()
    for raw in reversed(tail):
        line = _clean_line(raw)
        if not line:
            continue
        if _NAME_LINE.match(line) and not line.isupper() and not any(ch.isdigit() for ch in line):
            return line
        return None
    return None
