"""Extract every citation of another document from a text, with its parts and exact span.

The text is never rewritten: patterns run on the text as read (or on its NFC copy when the
text is decomposed, with an offset map back), so ``text[c.start:c.end]`` is what the author
wrote. One pass finds the số hiệu; each is completed by looking a bounded window before
(type word, "số", pinpoint) and after (date, issuer, subject).
"""

from __future__ import annotations

import bisect
import gc
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from kb.context import (
    Backward,
    Before,
    Named,
    date_and_issuer,
    issuer_after,
    long_form_date,
    look_before,
    pinpoint_before,
    subject_after,
    title_date,
)
from kb.dates import ANY_DATE, NUMERIC_DATE, WORDS_DATE, ParsedDate, parsed_from_match
from kb.grammar import Grammar, TypeEntry, load_grammar
from kb.header import parse_header
from kb.models import (
    Citation,
    DocumentHeader,
    ExtractedFile,
    Family,
    citation_defaults,
    citation_from_fields,
    citation_of,
)
from kb.refs import ParsedRef, find_refs
from kb.textutil import (
    LineIndex,
    NfcView,
    crosses_paragraph,
    fold,
    mask_page_heads,
    one_space,
)

_WS = r"[\s\u00a0]"
_GENERIC_WORDS = {"van ban", "cong van"}
_LAW_WORDS = {"luat", "bo luat", "phap lenh", "nghi quyet", "hien phap"}
# words that end a law's name: what follows is not the title any more
_NOT_A_NAME = re.compile(
    r"(?i)\b(này|có hiệu lực|hết hiệu lực|kể từ|được|đã|đang|sẽ|thì|theo|quy định|tại|từ|"
    r"trước|sau|và các|hướng dẫn|thi hành)\b"
)


class _Found(NamedTuple):
    ref: ParsedRef
    before: Before


def extract_file(path: str | Path) -> ExtractedFile:
    """Read a file with the readers and extract its citations."""
    from kb.readers import read_path

    source = read_path(Path(path))
    result = extract_text(source.text, str(path))
    for c in result.citations:
        c.location = source.locate(c.start)
    return result


def extract_text(text: str, path: str = "<text>") -> ExtractedFile:
    """The document's own header and every citation in ``text``."""
    with collector_paused():
        return _extract_text(text, path)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while one text is read.

    The parser makes a great many short-lived records (matches, tuples, citations) and no
    reference cycles among them (a test checks it), so reference counting frees them all. The
    collector, left running, would stop every few hundred records to walk the long-lived
    objects (grammar tables, the caches of numbers and folded words) for cycles that are not
    there: about a tenth of the parser's time. It runs again as soon as the text is read (and
    is left as it was when the caller had paused it)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _extract_text(text: str, path: str) -> ExtractedFile:
    view = NfcView(text)
    heads: list[tuple[int, int]] = []
    t = mask_page_heads(view.text, heads)
    g = load_grammar()
    header, header_span = parse_header(t)
    if view is not None and header.number_start is not None:
        header.number_start, header.number_end = view.span_to_original(
            header.number_start, header.number_end or header.number_start
        )
    lines = LineIndex(text)

    back = Backward(t)
    found: list[_Found] = []
    floor = 0
    for r in find_refs(t, back.rev):
        if header_span and header_span.start <= r.start < header_span.end:
            continue
        before = look_before(back, r.start, floor)
        found.append(_Found(r, before))
        floor = r.end

    citations: list[Citation] = []
    covered: list[tuple[int, int]] = []
    undated: list[tuple[Citation, ParsedRef]] = []
    claimed: set[int] = set()
    pages = _PageHeads(t, heads, found) if heads else None
    for i, f in enumerate(found):
        bound = found[i + 1].before.start if i + 1 < len(found) else len(t)
        done = _complete(back, f, bound, g, pages)
        if done is None:
            continue
        c, date_start = done
        citations.append(c)
        covered.append((c.start, c.end))
        if date_start is None:
            undated.append((c, f.ref))
        else:
            claimed.add(date_start)
    _dates_after_nested_titles(t, undated, frozenset(claimed), g)

    citations.extend(_laws_by_name(t, covered, g))
    citations.extend(_self_and_back_references(back, citations, header, g))
    citations.sort(key=lambda c: c.start)

    # the records were built by the parser itself from typed values (``citation_of``, no
    # validation pass); the final positions are written straight into them
    mapped = view.mapped
    position = lines.position
    for c in citations:
        fields = c.__dict__
        start, end = fields["start"], fields["end"]
        if mapped:
            start, end = view.span_to_original(start, end)
            fields["start"], fields["end"] = start, end
            if c.ref_start is not None and c.ref_end is not None:
                fields["ref_start"], fields["ref_end"] = view.span_to_original(
                    c.ref_start, c.ref_end
                )
        fields["text"] = text[start:end]
        fields["line"], fields["column"] = position(start)
    if header.date_start is not None and header.date_end is not None:
        header.date_start, header.date_end = view.span_to_original(
            header.date_start, header.date_end
        )
    return ExtractedFile(path=path, document=header, citations=citations, chars=len(text))


@lru_cache(maxsize=4096)
def _typed(
    type_word: str | None, family: Family, type_code: str | None
) -> tuple[bool, TypeEntry | None, bool]:
    """For a type word before a số hiệu of this family and type code: whether the number is a
    citation at all, the document's type, and whether the word and the code disagree. The
    same few pairs come again and again, so the answers are kept."""
    g = load_grammar()
    word_type = g.type_for_word(type_word) if type_word else None
    if word_type is not None and not word_type.cited:
        return False, None, False
    code_type = _type_of(family, type_code, type_word, g)
    mismatch = False
    if word_type is not None and fold(type_word or "") not in _GENERIC_WORDS:
        mismatch = code_type is not None and not _compatible(word_type, code_type, family)
        mismatch = mismatch or (family is Family.LETTER and word_type.name != "Công văn")
    return True, code_type, mismatch


def _type_of(
    family: Family, type_code: str | None, type_word: str | None, g: Grammar
) -> TypeEntry | None:
    word_type = g.type_for_word(type_word) if type_word else None
    if family in (Family.NORMATIVE, Family.ADMINISTRATIVE) and type_code:
        return g.type_by_state_code.get(type_code)
    if family is Family.PARTY and type_code:
        if type_code == "QĐ" and word_type is not None and word_type.name == "Quy định":
            return word_type
        return g.type_by_party_code.get(type_code)
    if family is Family.LAW:
        if word_type is not None and fold(type_word or "") in _LAW_WORDS:
            return word_type
        return g.type_for_word("luật")
    if family is Family.LETTER:
        return g.type_for_word("công văn")
    return word_type


def _compatible(word_type: TypeEntry, code_type: TypeEntry, family: Family) -> bool:
    if word_type.name == code_type.name:
        return True
    pair = {word_type.name, code_type.name}
    if family is Family.PARTY and pair == {"Quy định", "Quyết định"}:
        return True
    if family is Family.LAW:
        return word_type.name in {"Luật", "Bộ luật", "Pháp lệnh", "Nghị quyết", "Hiến pháp"}
    return pair in ({"Thông tư", "Thông tư liên tịch"}, {"Nghị quyết", "Nghị quyết liên tịch"})


def _dates_after_nested_titles(
    t: str, undated: list[tuple[Citation, ParsedRef]], claimed: frozenset[int], g: Grammar
) -> None:
    """A long-form title may cite other documents before its own date; look past them."""
    for c, r in undated:
        titled = title_date(t, r.end, len(t), r.year, claimed)
        if titled is None:
            continue
        date, subject = titled
        value = date.value
        c.date, c.date_valid = value, value is not None
        c.date_text = one_space(date.text)
        c.subject = c.subject or subject.text
        c.key = _key(r, date)
        if c.issuer is None:
            issuer = issuer_after(t, date.end, len(t))
            if issuer is not None:
                c.issuer = issuer.text
                c.issuer_named_code = g.issuer_code_for_name(issuer.text)


def _key(r: ParsedRef, date: ParsedDate | None) -> str:
    if r.family in (Family.NORMATIVE, Family.LAW, Family.OLD):
        return r.key_ref
    return f"{r.key_ref}@{date.year if date else '?'}"


# the rule above the footnotes at the foot of a page (a line of spaces in the text), and the
# number of the first note after it
_RULE = "\n" + " " * 20
_FOOTNOTE = re.compile(r"\n[ \t\u00a0]{20,}\r?\n[ \t\u00a0]*\d{1,3}[ \t\u00a0]")
_FOOTNOTES_MAX = 1500
_HSPACES = frozenset(" \t\u00a0")
_BLANKS = frozenset(" \t\u00a0\r\n")


class _PageHeads:
    """Where a sentence cut by a gazette page head goes on: for the place where the text before
    a head ends (the blank lines before it are masked with it), the end of the head. The text
    before the head ends before the page number of the next page when that is printed above
    its head ("90 \nCÔNG BÁO/…"), and before the footnotes at the foot of the page when there
    are some ("… 26/2016/TT-BLĐTBXH \n<rule>\n2 Điều này được sửa đổi … \n[head] ngày 01
    tháng 9 năm 2016"). The places are found once per text, head by head; a number is then
    looked up by where it ends."""

    __slots__ = ("found", "goes_on", "starts")

    def __init__(self, t: str, heads: list[tuple[int, int]], found: list[_Found]) -> None:
        self.found = found
        self.starts: list[int] | None = None  # where each citation found starts, when asked
        goes_on: dict[int, int] = {}
        for s, e in heads:
            goes_on.setdefault(_text_end_before(t, s), e)
            rule = t.rfind(_RULE, max(0, s - _FOOTNOTES_MAX), s)
            if rule >= 0 and _FOOTNOTE.match(t, rule, s):
                i = rule - 1 if t[rule - 1 : rule] == "\r" else rule
                while i > 0 and t[i - 1] in _HSPACES:
                    i -= 1
                goes_on.setdefault(i, e)
        self.goes_on = goes_on

    def after(self, t: str, pos: int) -> tuple[int, int] | None:
        """Where the text goes on after the page head when the text before it ends at ``pos``,
        and the bound of what is read there (the next citation found)."""
        e = self.goes_on.get(pos)
        if e is None:
            return None
        if self.starts is None:
            self.starts = [f.before.start for f in self.found]
        j = bisect.bisect_right(self.starts, e)
        return e, self.starts[j] if j < len(self.starts) else len(t)


def _text_end_before(t: str, s: int) -> int:
    """Where the text before a masked page head that starts at ``s`` ends: before a page
    number alone on the line above the head (at most four digits), then before white space."""
    i = s
    k = s
    while k > 0 and s - k < 4 and t[k - 1].isdigit():
        k -= 1
    if k < s and not (k > 0 and t[k - 1].isdigit()):
        j = k
        while j > 0 and t[j - 1] in _HSPACES:
            j -= 1
        if j > 0 and t[j - 1] == "\n":
            i = j
    while i > 0 and t[i - 1] in _BLANKS:
        i -= 1
    return i


def _complete(
    back: Backward, f: _Found, bound: int, g: Grammar, pages: _PageHeads | None = None
) -> tuple[Citation, int | None] | None:
    t = back.text
    r, before = f.ref, f.before
    tw = before.type_word
    cited, code_type, mismatch = _typed(tw, r.family, r.type_code)
    if not cited:
        return None  # e.g. contract numbers (types.toml: cited = false)
    if r.type_code is None and r.family is Family.NORMATIVE and tw is None:
        return None  # "115/2017-BTC", the type code left out: only a type word says what it is
    has_context = tw is not None or before.has_so
    if not has_context:
        if not r.known or r.family is Family.OLD:
            return None
        if r.family is Family.LETTER and (g.issuer(r.issuer_code) is None):
            return None
    anomalies = [*r.anomalies, "type-word-mismatch"] if mismatch else list(r.anomalies)

    date, issuer, cursor = date_and_issuer(t, r.end, bound, r.year)
    if date is None and issuer is None and pages is not None:
        # the sentence goes on after a page head: "… 03/2014/TT-BKHĐT [head] ngày 26 tháng 5"
        went_on = pages.after(t, r.end)
        if went_on is not None:
            d2, i2, c2 = date_and_issuer(t, went_on[0], went_on[1], r.year)
            if d2 is not None and not t[d2.start].isupper():
                date, issuer, cursor = d2, i2, c2
    end = r.end
    if date is not None:
        end = max(end, date.end)
    subject = subject_after(t, cursor, bound)
    if date is None:
        titled = title_date(t, r.end, bound, r.year)
        if titled is not None:
            date, subject = titled
            if issuer is None:
                issuer = issuer_after(t, date.end, bound)
    if date is None and subject is not None:
        lf = long_form_date(t, subject)
        if lf is not None:
            date, subject = lf
            if issuer is None:
                issuer = issuer_after(t, date.end, bound)
    pinpoint, _ = pinpoint_before(back, before.start, 0)
    name = before.name.strip() if before.name else None
    c = _citation(
        r, before, code_type, tw, date, issuer, subject, pinpoint, name, end, anomalies, g
    )
    return c, (date.start if date else None)


def _citation(
    r: ParsedRef,
    before: Before,
    code_type: TypeEntry | None,
    tw: str | None,
    date: ParsedDate | None,
    issuer: Named | None,
    subject: Named | None,
    pinpoint: str | None,
    name: str | None,
    end: int,
    anomalies: list[str],
    g: Grammar,
) -> Citation:
    value = date.value if date else None
    # every field of Citation, in its order (``citation_of`` with these values, built in one go)
    fields = {
        "text": "",
        "start": before.start,
        "end": end,
        "line": 0,
        "column": 0,
        "family": r.family,
        "type": code_type.name if code_type else None,
        "type_code": r.type_code,
        "type_word": one_space(tw) if tw else None,
        "number": r.number,
        "year": r.year,
        "ref": r.ref,
        "ref_start": r.start,
        "ref_end": r.end,
        "issuer_code": r.issuer_code,
        "name": one_space(name) if name else None,
        "date": value,
        "date_text": one_space(date.text) if date else None,
        "date_valid": date is None or value is not None,
        "issuer": issuer.text if issuer else None,
        "issuer_named_code": g.issuer_code_for_name(issuer.text) if issuer else None,
        "subject": subject.text if subject else None,
        "pinpoint": pinpoint,
        "key": _key(r, date),
        "self_reference": False,
        "resolved_to": None,
        "unresolved_reason": None,
        "anomalies": anomalies,
        "location": None,
    }
    return citation_from_fields(fields, set(_NUMBERED_FIELDS))


# the fields a citation by số hiệu sets (the others keep their defaults)
_NUMBERED_FIELDS = frozenset(
    (
        *("text", "start", "end", "line", "column", "family", "type", "type_code", "type_word"),
        *("number", "year", "ref", "ref_start", "ref_end", "issuer_code", "name", "date"),
        *("date_text", "date_valid", "issuer", "issuer_named_code", "subject", "pinpoint"),
        *("key", "anomalies"),
    )
)


# where a law's type word can start: "Luật", "LUẬT" (found with str.find: "Luật" is frequent
# and a regex over every capital is not), "BỘ LUẬT" (seen from its "LUẬT"), and "Bộ luật",
# "Pháp lệnh", "Hiến pháp" (each a pattern that starts with its first word, which the scan
# looks for as fast as str.find does)
_LAW_HEADS = (("Luật", ""), ("LUẬT", "BỘ"))
_LAW_PAIRS = (re.compile(r"Bộ\s+luật"), re.compile(r"Pháp\s+lệnh"), re.compile(r"Hiến\s+pháp"))


def _law_anchors(t: str) -> list[tuple[int, int]]:
    """Spans of the law type words, in order, as a scan for ``Bộ luật|BỘ LUẬT|Luật|LUẬT|Pháp
    lệnh|Hiến pháp`` (white space of any length between the two words) finds them."""
    spans: list[tuple[int, int]] = []
    for word, head in _LAW_HEADS:
        if not _may_hold(t, word):
            continue
        i = t.find(word)
        while i >= 0:
            j = i
            while j > 0 and t[j - 1].isspace():
                j -= 1
            if head and j < i and t[j - len(head) : j] == head:
                spans.append((j - len(head), i + len(word)))
            else:
                spans.append((i, i + len(word)))
            i = t.find(word, i + len(word))
    for pair in _LAW_PAIRS:
        spans.extend(m.span() for m in pair.finditer(t))
    spans.sort()
    return spans


def _may_hold(t: str, word: str) -> bool:
    """False when ``t`` cannot hold ``word``: a word in capitals is first looked for by its
    accented capital ("À" of "NÀY"), which few texts hold at all. A text is searched for one
    character many times faster than for a word."""
    if word.isupper():
        accented = next((ch for ch in word if ord(ch) > 0x7F), None)
        if accented is not None and accented not in t:
            return False
    return True


# a law's name holds none of these; the first digit after it starts its date (or year)
_NAME_STOP = re.compile(r"[;:()\d\"“”]")
_NAME_SPAN = 230


@cache
def _law_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<tw>Bộ{_WS}+luật|BỘ{_WS}+LUẬT|Luật|LUẬT|Pháp{_WS}+lệnh|Hiến{_WS}+pháp)"
        rf"{_WS}+(?P<name>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]|sửa{_WS}+đổi|nước{_WS})"
        rf"[^;:()\d\"“”]{{1,200}}?)"
        # what the rest must start with, looked at first: the name is read one character at a
        # time, and at most characters this rejects it before the whole rest is tried
        rf"(?={_WS}*,?{_WS}*(?:được|Quốc|khóa|thông|ng[àa]y|năm|\d))"
        rf"{_WS}*,?{_WS}*(?:(?:được{_WS}+)?(?:Quốc{_WS}+hội{_WS}+)?(?:khóa{_WS}+\w+{_WS}+)?"
        rf"(?:thông{_WS}+qua{_WS}+)?(?P<date>{ANY_DATE})|năm{_WS}+(?P<ly>(?:19|20)\d\d)(?!\d))"
    )


@cache
def _date_or_year_re() -> re.Pattern[str]:
    """What a law's date or year starts with at its first digit (the date as ``_law_re``
    reads it, or "năm" and a year): unless "khóa 14" stands before it, no law cited by name
    matches without it, and it is looked at before the whole pattern."""
    numeric = NUMERIC_DATE.replace("?P<", "?P<s_")
    words = WORDS_DATE.replace("?P<", "?P<s_")
    return re.compile(rf"{numeric}|{words}|(?:19|20)\d\d(?!\d)")


def _laws_by_name(t: str, covered: list[tuple[int, int]], g: Grammar) -> list[Citation]:
    out: list[Citation] = []
    spans = sorted(covered)
    span_starts = [a for a, _ in spans]
    law_re = _law_re()
    date_at_stop = _date_or_year_re()
    resume = 0
    for s, a_end in _law_anchors(t):
        if s < resume or (s > 0 and (t[s - 1].isalnum() or unicodedata.combining(t[s - 1]))):
            continue
        stop = _NAME_STOP.search(t, a_end, a_end + _NAME_SPAN)
        if stop is None or not stop.group().isdigit():
            continue  # no date or year follows: not a law cited by name and date
        if not date_at_stop.match(t, stop.start()) and t.find("khóa", a_end, stop.start()) < 0:
            continue  # the first digit starts no date or year ("Luật … số 45/2013/QH13")
        m = law_re.match(t, s)
        if m is None:
            continue
        i = bisect.bisect_right(span_starts, m.end())
        if any(x <= s < y or s <= x < m.end() for x, y in spans[max(0, i - 2) : i]):
            continue
        resume = m.end()
        name = " ".join(m.group("name").split()).strip(" ,")
        if _NOT_A_NAME.search(
            name.replace("sửa đổi", "").replace("Sửa đổi", "")
        ) and not name.lower().startswith("sửa đổi"):
            continue
        if crosses_paragraph(m.group("name")) or len(name.split()) > 30:
            continue
        tw = one_space(m.group("tw"))
        word_type = g.type_for_word(tw)
        date: ParsedDate | None = parsed_from_match(m) if m.group("date") else None
        year = date.year if date else int(m.group("ly"))
        when = date.value.isoformat() if date and date.value else str(year)
        type_name = word_type.name if word_type else "Luật"
        out.append(
            citation_of(
                text="",
                start=s,
                end=m.end(),
                line=0,
                column=0,
                family=Family.LAW,
                type=type_name,
                type_word=tw,
                name=name,
                date=date.value if date else None,
                date_text=one_space(date.text) if date else None,
                date_valid=date is None or date.value is not None,
                year=None,
                key=f"{type_name}:{fold(name)}@{when}",
            )
        )
    return out


# "này", "nêu trên", "nói trên", "trên" after a type word: the word before the anchor must end
# a type word before the type word itself is matched. A footnote number may follow
# ("Nghị định này48."), a letter may not.
_SELF_WINDOW = 40
_SELF_SET = ("text", "start", "end", "line", "column", "type", "type_word", "self_reference")
_SELF_UNKNOWN = "the document's own number or date is not known"
_SELF_WORDS = ("này", "NÀY", "trên", "TRÊN")
_BEFORE_TREN = frozenset({"neu", "noi"})


def _self_anchors(back: Backward) -> list[tuple[int, int]]:
    """Spans of "này", "trên", "nêu trên", "nói trên" standing as words, in order. Found with
    str.find, no regex: these words are frequent and the scan must stay cheap. Whether a type
    word stands before each is read next, on the reversed text (``_type_word_before``)."""
    t = back.text
    spans: list[tuple[int, int]] = []
    n = len(t)
    for word in _SELF_WORDS:
        size = len(word)
        tren = word[0] in "tT"
        i = t.find(word) if _may_hold(t, word) else -1
        while i >= 0:
            e = i + size
            if i > 0 and t[i - 1].isspace() and not (e < n and _is_letter(t[e])):
                s = i
                if tren:
                    prev = _word_before(back, i)
                    if fold(prev) in _BEFORE_TREN:
                        s = t.rfind(prev, 0, i)
                spans.append((s, e))
            i = t.find(word, e)
    spans.sort()
    return spans


def _is_letter(ch: str) -> bool:
    return ch.isalpha() or unicodedata.combining(ch) > 0


@cache
def _type_word_before_re() -> re.Pattern[str]:
    g = load_grammar()
    tw = g.type_words_pattern()
    # the search tries every start in its window: a look-ahead for the first letters of the
    # type words (matched as case-blind as the words) rejects most of them at once
    firsts = "".join(sorted({re.escape(w[0]) for w in g.self_words()} | set("đĐðÐ")))
    return re.compile(rf"(?=[{firsts}])(?<!\w)(?P<tw>{tw}){_WS}+$", re.IGNORECASE)


# on the reversed text: the white space before a position, then the word (letters only, at
# most twelve of them) before that
_WORD_BACK = re.compile(r"\s*+([^\W\d_]{1,12})")
_WORD_REACH = 16


def _word_before(back: Backward, pos: int) -> str:
    """The word (letters, at most 12 of them) that ends the 16 characters before ``pos``, white
    space at their end left out; "" when they end with something else."""
    n = back.n
    m = _WORD_BACK.match(back.rev, n - pos, n - max(0, pos - _WORD_REACH))
    return m.group(1)[::-1] if m else ""


@cache
def _type_word_back_re() -> re.Pattern[str]:
    """On the reversed text: white space, then the longest type word before it."""
    tw = load_grammar().type_words_reversed_pattern()
    return re.compile(rf"{_WS}+(?P<tw>{tw})(?!\w)", re.IGNORECASE)


def _type_word_before(back: Backward, s: int) -> tuple[str, int] | None:
    """The type word that ends with only white space between it and ``s``, starting at most
    ``_SELF_WINDOW`` characters before ``s``: (as written, start). The same answer as the
    search of ``_type_word_before_re`` in that window, found by one match on the reversed
    text instead of a try at every character of the window."""
    t, n = back.text, back.n
    lo = max(0, s - _SELF_WINDOW)
    m = _type_word_back_re().match(back.rev, n - s, n - lo)
    if m is None:
        return None
    start, end = n - m.end("tw"), n - m.start("tw")
    if start == lo and lo > 0 and _WORD_CHAR.match(t, lo - 1):
        # the window's edge hides the letter before the word: the plain search decides
        f = _type_word_before_re().search(t, lo, s)
        return None if f is None else (f.group("tw"), f.start("tw"))
    return t[start:end], start


_WORD_CHAR = re.compile(r"\w")


def _self_citation(
    start: int, end: int, word_type: TypeEntry | None, type_word: str, own_key: str | None
) -> Citation:
    """The record of "Quyết định này": ``citation_of`` with these values, built in one go (a
    document names itself again and again)."""
    fields = dict(citation_defaults())
    fields.update(
        start=start,
        end=end,
        text="",
        line=0,
        column=0,
        type=word_type.name if word_type else None,
        type_word=type_word,
        self_reference=True,
        resolved_to=own_key,
        anomalies=[],
    )
    if own_key is None:
        fields["unresolved_reason"] = _SELF_UNKNOWN
        return citation_from_fields(fields, {*_SELF_SET, "resolved_to", "unresolved_reason"})
    return citation_from_fields(fields, {*_SELF_SET, "resolved_to"})


def _self_and_back_references(
    back: Backward, citations: list[Citation], header: DocumentHeader, g: Grammar
) -> list[Citation]:
    t = back.text
    out: list[Citation] = []
    ordered = sorted(
        (c for c in citations if c.key and not c.self_reference), key=lambda c: c.start
    )
    seen_keys: set[str] = set()
    seen_by_type: dict[str, set[str]] = {}
    nxt = 0
    for s, e in _self_anchors(back):
        found = _type_word_before(back, s)
        if found is None:
            continue
        tw, tw_start = found
        if not tw[0].isupper():
            continue  # "các quy định này" speaks of provisions, not of a document
        word_type = g.type_for_word(tw)
        what = fold(t[s:e])
        if what == "nay":
            c = _self_citation(tw_start, e, word_type, one_space(tw), header.key)
        else:
            c = citation_of(
                text="",
                start=tw_start,
                end=e,
                line=0,
                column=0,
                type=word_type.name if word_type else None,
                type_word=one_space(tw),
            )
            while nxt < len(ordered) and ordered[nxt].start < c.start:
                x = ordered[nxt]
                seen_keys.add(x.key or "")
                seen_by_type.setdefault(x.type or "", set()).add(x.key or "")
                nxt += 1
            if fold(tw) in _GENERIC_WORDS:
                earlier = seen_keys
            else:
                earlier = seen_by_type.get(word_type.name, set()) if word_type else set()
            if len(earlier) == 1:
                c.resolved_to = next(iter(earlier))
            else:
                c.unresolved_reason = (
                    "no earlier citation it can refer to"
                    if not earlier
                    else f"{len(earlier)} earlier citations it could refer to"
                )
        out.append(c)
    return out
