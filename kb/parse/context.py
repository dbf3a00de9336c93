"""What surrounds a số hiệu: the type word and "số" before it, the pinpoint before that,
the date, issuer and subject after it. Every look is bounded to a small window."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from kb.parse.dates import ANY_DATE, ParsedDate, date_after, parsed_from_match
from kb.parse.grammar import load_grammar
from kb.parse.textutil import crosses_paragraph, fold

_WS = r"[\s\u00a0]"
_HS = r"[ \t\u00a0]"
BACK_WINDOW = 60
LAW_NAME_WINDOW = 160
ISSUER_WINDOW = 160
SUBJECT_MAX = 300


class Before(NamedTuple):
    """What stands before a số hiệu (a tuple: one is made for every number found)."""

    start: int  # where the citation starts (type word, or "số", or the number)
    type_word: str | None
    type_word_start: int | None
    has_so: bool
    name: str | None = None  # title between a law's type word and "số"


class Named(NamedTuple):
    """A stretch of text read after a citation: an issuer, a subject, a title."""

    text: str
    start: int
    end: int


@cache
def _law_name_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?<!\w)(?P<tw>bộ{_WS}+luật|luật|pháp{_WS}+lệnh|nghị{_WS}+quyết)"
        rf"{_WS}+(?P<name>[^;:()\d]{{2,140}}?){_WS}*(?:s[ốo]|SỐ){_WS}*:?{_WS}*$",
        re.IGNORECASE,
    )


class Backward:
    """A text with its reversed copy. The words before a position are read by one forward
    match on the copy (at the mirrored position) instead of a character loop in Python; the
    copy is made once per text, for every look back of its citations."""

    __slots__ = ("n", "rev", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.rev = text[::-1]
        self.n = len(text)


# on the reversed text: the characters skipped before a token, then the token (letters with
# combining accents, digits and dots), at most 20 characters of it
_TOKEN_BACK = re.compile(r"[ \t\r\n\u00a0:,]*+([\w.\u0300-\u036f]{0,20})")
_SYLLABLE_BACK = re.compile(r"[ \t\r\n\u00a0]*+([\w.\u0300-\u036f]{0,20})")


def _token_before(
    back: Backward, pos: int, floor: int, punctuation: bool = True
) -> tuple[str, int]:
    """The run of letters, digits and dots that ends just before ``pos`` (after skipping white
    space, and ":" and "," when ``punctuation``), and where it starts; at most 20 characters
    of it are read, none before ``floor``."""
    n = back.n
    m = (_TOKEN_BACK if punctuation else _SYLLABLE_BACK).match(back.rev, n - pos, n - floor)
    if m is None:
        return "", pos
    word = m.group(1)
    end = n - m.start(1)
    if not word:
        return "", end
    return word[::-1], end - len(word)


_TOKEN = r"([\w.\u0300-\u036f]{0,20})"
_SKIP = r"[ \t\r\n\u00a0:,]*+"
_SKIP_SPACE = r"[ \t\r\n\u00a0]*+"
# the same reads chained, each from where the one before started: four syllables (a type
# word), the word before a number and four syllables before it, eight words (a pinpoint)
_SYLLABLES_BACK = re.compile((_SKIP_SPACE + _TOKEN) * 4)
_WORD_AND_SYLLABLES_BACK = re.compile(_SKIP + _TOKEN + (_SKIP_SPACE + _TOKEN) * 4)
_WORDS_BACK = re.compile((_SKIP + _TOKEN) * 8)


class _WordsBack:
    """The tokens before ``pos`` one after the other, as ``_token_before`` reads them each
    from where the one before started; read eight at a time, taken out as they are asked."""

    __slots__ = ("back", "floor", "k", "m", "pos")

    def __init__(self, back: Backward, pos: int, floor: int) -> None:
        self.back, self.floor = back, floor
        self._read(pos)

    def _read(self, pos: int) -> None:
        n = self.back.n
        self.m = _WORDS_BACK.match(self.back.rev, n - pos, n - self.floor)
        self.pos = pos
        self.k = 1

    def next(self) -> tuple[str, int]:
        m = self.m
        if m is None:
            return "", self.pos
        if self.k > 8:
            self._read(self.back.n - m.end(8))
            return self.next()
        k = self.k
        self.k = k + 1
        return m.group(k)[::-1], self.back.n - m.end(k)


@cache
def _last_syllables() -> frozenset[str]:
    """Folded last syllables of every type word ("dinh" of "quyết định"), and "so"."""
    words = {fold(w).split()[-1] for t in load_grammar().types for w in t.words}
    return frozenset(words | {"so"})


_PIN_WORDS = frozenset({"diem", "khoan", "dieu", "muc", "chuong", "phan", "luc"})


@cache
def _type_words_folded() -> dict[str, int]:
    """Folded type words and how many syllables each has."""
    return {fold(w): len(w.split()) for t in load_grammar().types for w in t.words}


@cache
def _type_word_suffixes() -> frozenset[str]:
    """Every run of last syllables of a folded type word ("dinh", "quyet dinh", …)."""
    out: set[str] = set()
    for w in _type_words_folded():
        parts = w.split()
        out.update(" ".join(parts[i:]) for i in range(len(parts)))
    return frozenset(out)


def _type_word_ending_at(back: Backward, pos: int, floor: int) -> tuple[str, int] | None:
    """The longest type word that ends just before ``pos`` (white space between), read back
    syllable by syllable (at most four) and looked up in the tables: (as written, start).
    Reading stops at the first run of syllables that ends no type word."""
    n = back.n
    m = _SYLLABLES_BACK.match(back.rev, n - pos, n - floor)
    return None if m is None else _type_word_in(back, m, 1, pos)


def _type_word_in(back: Backward, m: re.Match[str], first: int, pos: int) -> tuple[str, int] | None:
    """The longest type word among the syllables read back in groups ``first`` to ``first + 3``
    of ``m`` (on the reversed text), ending before ``pos``. It ends where the syllable of group
    ``first`` does (only white space is read between it and ``pos``)."""
    size = _type_word_size(m.group(first, first + 1, first + 2, first + 3))
    if not size:
        return None
    n = back.n
    best = n - m.end(first + size - 1)
    return back.text[best : n - m.start(first)], best


@lru_cache(maxsize=16384)
def _type_word_size(syllables: tuple[str, ...]) -> int:
    """How many of these syllables (each as read on the reversed text, the nearest first) the
    longest type word they end with holds; 0 for none. Reading stops at the first run of
    syllables that ends no type word. The same few runs come again and again."""
    known = _type_words_folded()
    suffixes = _type_word_suffixes()
    folded = ""
    size = 0
    for k, syllable in enumerate(syllables, 1):
        if not syllable or not syllable[-1].isalpha():
            break
        word = fold(syllable[::-1])
        folded = f"{word} {folded}" if folded else word
        if folded not in suffixes:
            break
        if folded in known:
            size = k
    return size


# words that open a clause of the preamble at the start of a line: a law's name before them
# belongs to the title above, not to the number after them
_CLAUSE_OPENER = re.compile(
    r"\n[ \t]*(?P<word>Căn[ \t]+cứ|Theo[ \t]+đề[ \t]+nghị|Xét[ \t]|Thực[ \t]+hiện)"
)


def law_name_before(text: str, num_start: int, floor: int) -> Before | None:
    """A law, code, ordinance or resolution named before its "số" ("Luật Đầu tư số …"): the
    type word, where it starts, and the name; None when no such name ends at the number."""
    lo2 = max(floor, num_start - LAW_NAME_WINDOW)
    for opener in _CLAUSE_OPENER.finditer(text, lo2, num_start):
        lo2 = opener.start("word")  # a name never runs on from the line before "Căn cứ …"
    law = _law_name_re().search(text, lo2, num_start)
    if law is None or not law.group("tw")[0].isupper() or crosses_paragraph(law.group("name")):
        return None
    return Before(law.start("tw"), law.group("tw"), law.start("tw"), True, law.group("name"))


def look_before(back: Backward, num_start: int, floor: int) -> Before:
    """The type word and "số" before a number, read back word by word."""
    text, n = back.text, back.n
    m = _WORD_AND_SYLLABLES_BACK.match(back.rev, n - num_start, n - floor)
    word = m.group(1)[::-1] if m else ""
    start = n - m.end(1) if m else num_start
    folded = fold(word)
    has_so = folded == "so" or (folded.endswith("so") and start + len(word) == num_start)
    if has_so:
        if m is not None and folded == "so":
            found = _type_word_in(back, m, 2, start)  # the syllables read with "số"
            so_start = start
        else:
            so_start = start + len(word) - 2  # "số68/2010": the number glued to "số"
            found = _type_word_ending_at(back, so_start, floor)
        if found is not None:
            return Before(found[1], found[0], found[1], True)
        law = law_name_before(text, num_start, floor)
        return law if law is not None else Before(so_start, None, None, True)
    if folded.rsplit(" ", 1)[-1] not in _last_syllables():
        return Before(num_start, None, None, False)
    found = _type_word_ending_at(back, num_start, floor)
    if found is None:
        return Before(num_start, None, None, False)
    return Before(found[1], found[0], found[1], False)


_PIN_VALUE = re.compile(r"[0-9a-zđA-ZĐ]{1,5}(?:\.[0-9]+)*")


def pinpoint_before(back: Backward, pos: int, floor: int) -> tuple[str | None, int]:
    """The pinpoint before a citation ("khoản 2 Điều 5 [của] Nghị định …"), read back pair by
    pair (a pinpoint word, then its value): the pinpoint as written and where it starts.

    The eight tokens of one read are taken straight from its match, without ``_WordsBack``'s
    calls; a pinpoint of more than three pairs, or of "phụ lục", is read again by
    ``pinpoint_before_plain``, which gives the same answer for every pinpoint."""
    n = back.n
    m = _WORDS_BACK.match(back.rev, n - pos, n - floor)
    if m is None:
        return None, pos
    words = m.groups()
    value = words[0][::-1]
    k = 0  # the token that holds the value
    if fold(value) == "cua":
        k = 1
        value = words[1][::-1]
    end = n - m.end(k + 1) + len(value)
    start: int | None = None
    while value and _PIN_VALUE.fullmatch(value):
        k += 1
        if k >= 7:
            return pinpoint_before_plain(back, pos, floor)
        folded = fold(words[k][::-1])
        if folded not in _PIN_WORDS:
            break
        if folded == "luc":  # "phụ lục"
            return pinpoint_before_plain(back, pos, floor)
        start = n - m.end(k + 1)
        k += 1
        value = words[k][::-1]
    if start is None:
        return None, pos
    return " ".join(back.text[start:end].split()).strip(" ,"), start


def pinpoint_before_plain(back: Backward, pos: int, floor: int) -> tuple[str | None, int]:
    """``pinpoint_before`` read token by token (``_WordsBack``), any number of pairs."""
    words = _WordsBack(back, pos, floor)
    value, at = words.next()
    if fold(value) == "cua":
        value, at = words.next()
    end = at + len(value)
    start: int | None = None
    for _ in range(6):
        if not value or not _PIN_VALUE.fullmatch(value):
            break
        word, wat = words.next()
        folded = fold(word)
        if folded not in _PIN_WORDS:
            break
        if folded == "luc":  # "phụ lục"
            phu, pat = _token_before(back, wat, floor, punctuation=False)
            if fold(phu) != "phu":
                break
            wat = pat
            words = _WordsBack(back, wat, floor)
        start = wat
        value, at = words.next()
    if start is None:
        return None, pos
    return " ".join(back.text[start:end].split()).strip(" ,"), start


@cache
def _issuer_re() -> re.Pattern[str]:
    names = load_grammar().issuer_names_pattern()
    generic = (
        r"(?:Bộ|Sở|Ban|Ủy ban|Uỷ ban|UBND|HĐND|Văn phòng|Thủ tướng|Chủ tịch|Hội đồng|"
        r"Tổng cục|Cục|Thanh tra|Ngân hàng|Kiểm toán|Tòa án|Toà án|Viện|Đảng ủy|Tỉnh ủy|Huyện ủy)"
    )
    return re.compile(
        rf"{_WS}*,?{_WS}*(?:của|do){_WS}+(?:(?P<iss>(?i:{names}))|(?P<gen>{generic}"
        rf"(?:{_WS}+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w]*){{1,6}}))"
        rf"(?P<tail>(?:{_HS}+(?:tỉnh{_HS}+|thành{_HS}+phố{_HS}+)?[A-ZĐ][\w]*(?:{_HS}+[A-ZĐ][\w]*)?)?)",
    )


_NOT_A_PLACE = re.compile(rf"{_WS}+(?:Về|Quy|Hướng|Ban|Thực|Triển)\b")


def issuer_after(text: str, pos: int, bound: int) -> Named | None:
    m = _issuer_re().match(text, pos, min(bound, pos + ISSUER_WINDOW))
    if m is None:
        return None
    group = "iss" if m.group("iss") is not None else "gen"
    end = m.end(group)
    tail = m.group("tail") or ""
    # keep a place name after the body ("Tỉnh ủy Sơn La"), not a following word such as "Về"
    if tail.strip() and not _NOT_A_PLACE.match(tail):
        end = m.end("tail")
    return Named(" ".join(text[m.start(group) : end].split()), m.start(group), end)


_SUBJECT_START = re.compile(
    rf"{_WS}*,?{_WS}*(?P<s>(?:về{_WS}+việc|v/v|về|quy{_WS}+định|hướng{_WS}+dẫn|ban{_WS}+hành|"
    rf"phê{_WS}+duyệt|triển{_WS}+khai|thực{_WS}+hiện|sửa{_WS}+đổi|bổ{_WS}+sung|"
    rf"quy{_WS}+chế|tổ{_WS}+chức|công{_WS}+bố)(?!\w))",
    re.IGNORECASE,
)
_LONG_TITLE_START = re.compile(rf"{_WS}+(?P<s>Về{_WS}|[A-ZĐ][a-zà-ỹđ]+{_WS})")
_SUBJECT_END = re.compile(r";|\.(?=\s)|\.$|\n[ \t]*\n|\)|”|\"")
_LONG_FORM_DATE = re.compile(rf"{_WS}+(?P<date>{ANY_DATE}){_WS}*(?=của|,|\)|;|$)", re.IGNORECASE)


# ", Văn phòng … báo cáo như sau:": the sentence's own clause starts after the subject
_MAIN_CLAUSE = re.compile(rf",{_WS}+(?=[A-ZĐ][^,;]*(?:như{_WS}+sau|sau{_WS}+đây){_WS}*:)")


def _subject_end(text: str, start: int, limit: int) -> int:
    """Where a subject stops: at ";", a full stop, a blank line, a closing quote, a ")" that
    closes nothing opened inside it ("(lần 1)" stays whole), or before the main clause."""
    pos = start
    while True:
        e = _SUBJECT_END.search(text, pos, limit)
        if e is None:
            end = limit
            break
        if e.group() == ")" and text.count("(", start, e.start()) > text.count(
            ")", start, e.start()
        ):
            pos = e.end()
            continue
        end = e.start()
        break
    clause = _MAIN_CLAUSE.search(text, start, end)
    return clause.start() if clause else end


# what a subject opens with: past white space and a comma, the first letter of a word of
# _SUBJECT_START in any case as it is matched ("ſ", the long s, for "s"; "cô" of "công bố"),
# or white space and a capital (_LONG_TITLE_START)
_SUBJECT_OPENS = re.compile(rf"{_WS}*,?{_WS}*(?:(?i:[vqhbpts]|cô))|{_WS}+[A-ZĐ]")


def subject_after(text: str, pos: int, bound: int) -> Named | None:
    if _SUBJECT_OPENS.match(text, pos) is None:
        return None  # most numbers are followed by no subject, which one cheap match tells
    limit = min(bound, pos + SUBJECT_MAX)
    m = _SUBJECT_START.match(text, pos, limit)
    if m is None:
        # a title in the long form, "Chỉ thị số 18/2001/CT-TTg Về một số biện pháp ... ngày"
        m2 = _LONG_TITLE_START.match(text, pos, limit)
        if m2 is None:
            return None
        start = m2.start("s")
    else:
        start = m.start("s")
    end = _subject_end(text, start, limit)
    raw = text[start:end].rstrip(" ,\t\n\r\u00a0")
    if len(raw) < 3:
        return None
    return Named(" ".join(raw.split()), start, start + len(raw))


def long_form_date(text: str, subject: Named) -> tuple[ParsedDate, Named] | None:
    """A date at the end of a title: "… Về một số biện pháp … ngày 27/08/2001 của …"."""
    start, end = subject.start, subject.end + 1
    if text.find("20", start, end) < 0 and text.find("19", start, end) < 0:
        return None  # every date ends with its year, 19xx or 20xx; two finds say there is none
    for m in _LONG_FORM_DATE.finditer(text, start, end):
        if text[m.end("date") : m.end("date") + 1] in ("", " ", ",", ")", ";", "\n"):
            parsed = parsed_from_match(m)
            title_end = m.start()
            title = " ".join(text[subject.start : title_end].split())
            return parsed, Named(title, subject.start, title_end)
    return None


TITLE_MAX = 600
_TITLE_DATE = re.compile(rf"(?P<date>{ANY_DATE}){_WS}*,?{_WS}*của(?!\w)")
# "kể từ ngày …", "đến ngày …" are periods, not a signing date
_PERIOD_BEFORE = re.compile(r"(?:[Tt]ừ|đến|trước|sau)[ \t\u00a0]+$")
_NOT_A_TITLE = re.compile(r"hiệu lực|kể từ|[Cc]ăn cứ", re.IGNORECASE)
_TITLE_BREAK = re.compile(r"[;()]")


# a date followed by "của" holds at most 22 characters that are not white space before its
# "của" ("ngày 10 tháng 12, năm 2014 ,"); it is looked for in this many characters before it
_DATE_INK = 22
_DATE_REACH = 64


# on the reversed text: "của", white space and a comma, a year. Every match of _TITLE_DATE
# ends so, and nothing in it depends on what stands around it, so a window holds a match only
# if it holds one of these. Read backwards the pattern opens with a plain string, which the
# engine looks for at C speed (about three times as fast as the same scan on the text as
# written, which tries the year's first digit at every character).
_YEAR_CUA_BACK = re.compile(r"aủc[\s\u00a0]*,?[\s\u00a0]*\d\d(?:91|02)")


def year_cuas(back: Backward, pos: int, limit: int) -> list[int]:
    """Where each "của" after a year (white space and a comma between) starts, in order, for
    those that stand in ``text[pos:limit]`` with their year: the "của" of every date that
    can end a long-form title there. Most windows after a citation hold none, and then hold
    no title date. Two of them cannot overlap (the letters of "của" stand in neither's
    year), so the scan misses none."""
    n = back.n
    last = _YEAR_CUA_BACK.search(back.rev, n - limit, n - pos)
    if last is None:
        return []  # as most windows are: one search says so
    found = _YEAR_CUA_BACK.finditer(back.rev, last.end(), n - pos)
    cuas = [n - m.start() - 3 for m in found]  # the last but one first
    cuas.reverse()
    cuas.append(n - last.start() - 3)
    return cuas


def title_dates(
    text: str, pos: int, limit: int, cuas: Sequence[int] | None = None
) -> Iterator[re.Match[str]]:
    """The matches of ``_TITLE_DATE.finditer(text, pos, limit)``, found from each "của" back.

    Every match ends with "của", so the pattern is tried only in the few characters before
    each one (found by str.find, or given in ``cuas``: those after a year, from
    ``year_cuas``) instead of at every character of the window. A match cannot start
    further back than that stretch unless the stretch is almost all white space; then the
    rest is left to the plain scan. A "của" left out of ``cuas`` ends no match, so the search
    before it would find nothing, or what the search before the next one finds."""
    found = iter(cuas) if cuas is not None else _every_cua(text, pos, limit)
    p = pos
    c = next(found, -1)
    while c >= 0:
        lo = max(p, c - _DATE_REACH)
        if lo > p and len("".join(text[lo:c].split())) <= _DATE_INK:
            yield from _TITLE_DATE.finditer(text, p, limit)
            return
        m = _TITLE_DATE.search(text, lo, min(c + 4, limit))
        if m is not None:
            yield m
            p = m.end()
        c = next(found, -1)
        while 0 <= c < p:
            c = next(found, -1)


def _every_cua(text: str, pos: int, limit: int) -> Iterator[int]:
    """Where each "của" of ``text[pos:limit]`` starts, in order."""
    c = text.find("của", pos, limit)
    while c >= 0:
        yield c
        c = text.find("của", c + 3, limit)


def title_date(
    text: str,
    pos: int,
    bound: int,
    year: int | None = None,
    claimed: frozenset[int] = frozenset(),
    back: Backward | None = None,
) -> tuple[ParsedDate, Named] | None:
    """The signing date after a title in the long form: "Luật số 05/2017/QH14 Quản lý ngoại
    thương ngày 12/06/2017 của Quốc hội" (a date followed by "của", within one paragraph).

    When the số hiệu carries a ``year`` the date must be of that year, and the title may then
    hold ";" and brackets; a date of another year belongs to a document the title cites.
    Dates that start at an offset in ``claimed`` are already another citation's and are passed
    over ("… sửa đổi Nghị định số 20/2011/NĐ-CP ngày 23 tháng 3 năm 2011 của Chính phủ …
    ngày 24/02/2017 của Chính phủ").

    Given the text with its reversed copy (``back``), a window without a year followed by
    "của" is passed over at once, as most are."""
    head = text[pos : pos + 2]
    if head[:1] == "." and head[1:].isspace():
        pos += 1  # "Thông tư số 35/2019/TT-BCT. Ban hành Quy chuẩn … ngày 25/11/2019 của …"
    elif not head[:1].isspace():
        return None
    limit = min(bound, pos + TITLE_MAX, len(text))
    cuas = year_cuas(back, pos, limit) if back is not None else None
    if cuas == []:
        return None
    for m in title_dates(text, pos, limit, cuas):
        raw = text[pos : m.start()]
        if _NOT_A_TITLE.search(raw) or crosses_paragraph(raw):
            return None
        if m.start("date") in claimed or _PERIOD_BEFORE.search(
            text, max(0, m.start() - 8), m.start()
        ):
            continue
        parsed = parsed_from_match(m)
        if year is not None and parsed.year != year:
            continue
        if year is None and _TITLE_BREAK.search(raw):
            return None
        title = " ".join(raw.split()).strip(" ,.")
        if len(title) < 3:
            return None
        return parsed, Named(title, pos + len(raw) - len(raw.lstrip()), m.start())
    return None


# what a date (DATE_AFTER) or an issuer (_issuer_re) after a số hiệu opens with: past white
# space and a comma, a digit or "ngày", "được", "ban hành", "ký" in any case, or "của", "do".
# Most numbers are followed by neither (", có hiệu lực …"), which this one cheap match tells.
# The letters are matched under IGNORECASE as in DATE_AFTER, so that they take exactly what
# it takes ("K", the Kelvin sign, for "k"); \d takes every digit, as there.
_DATE_OR_ISSUER_OPENS = re.compile(rf"{_WS}*,?{_WS}*(?:(?i:[\dnđbk])|của|do)")


# what anything read after a số hiệu opens with: white space (a title date's, or a long
# title's), ". " (a title date's), or past a comma and white space the first letters of a
# date, an issuer (_DATE_OR_ISSUER_OPENS) or a subject (_SUBJECT_OPENS). When this does not
# match, date_and_issuer, subject_after and title_date all find nothing there.
AFTER_OPENS = re.compile(rf"{_WS}|\.\s|,?{_WS}*(?:(?i:[\dnđbkvqhpts]|cô)|của|do)")


def date_and_issuer(
    text: str, pos: int, bound: int, year: int | None = None
) -> tuple[ParsedDate | None, Named | None, int]:
    """Date and named issuer after a số hiệu (whose year is ``year``), in either order;
    returns where they end."""
    if _DATE_OR_ISSUER_OPENS.match(text, pos) is None:
        return None, None, pos
    date = date_after(text, pos, year=year)
    issuer: Named | None = None
    cursor = date.end if date else pos
    issuer = issuer_after(text, cursor, bound)
    if issuer is not None:
        cursor = issuer.end
        if date is None:
            date = date_after(text, cursor, year=year)
            if date is not None:
                cursor = date.end
    return date, issuer, cursor
