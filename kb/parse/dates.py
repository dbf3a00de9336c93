"""Dates as Vietnamese documents write them: 01/7/2022, 01-07-2022, ngày 10 tháng 3 năm 2014."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

_SP = r"[\s\u00a0]*"
_SEP = rf"{_SP}[/.\-\u2010-\u2015]{_SP}"

# a numeric date, or the words form; "ngày" is optional before the numeric form
NUMERIC_DATE = rf"(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>(?:19|20)\d\d)(?!\d)"
WORDS_DATE = (
    r"(?P<wd>\d{1,2})[\s\u00a0]+th[áa]ng[\s\u00a0]+(?P<wm>\d{1,2})"
    r"[\s\u00a0]*,?[\s\u00a0]+n[ăa]m[\s\u00a0]+(?P<wy>(?:19|20)\d\d)(?!\d)"
)
ANY_DATE = rf"(?:ng[àa]y{_SP}(?:{WORDS_DATE}|{NUMERIC_DATE})|{NUMERIC_DATE.replace('?P<', '?P<n')})"

# right after a số hiệu: ", ngày 01/7/2022", " ngày 10 tháng 3 năm 2014", " 01/7/2022"; a
# footnote mark of one or two digits may be glued to the year ("ngày 08/10/20181": note 1),
# which ``date_after`` takes only when the year is the số hiệu's
_MARK_OR_END = r"(?!\d{3}|\d{1,2}[/.\-\u2010-\u2015])"
_ANY_DATE_MARKED = ANY_DATE.replace(r"(?!\d)", _MARK_OR_END)
DATE_AFTER = re.compile(
    rf"[\s\u00a0]*,?[\s\u00a0]*(?:(?:được[\s\u00a0]+)?(?:ban[\s\u00a0]+hành|ký|k[ýy])[\s\u00a0]+)?"
    rf"(?P<date>{_ANY_DATE_MARKED})",
    re.IGNORECASE,
)


class ParsedDate(NamedTuple):
    """A date as written and what it says (a tuple: the parser makes one per date it reads)."""

    text: str
    start: int
    end: int
    day: int
    month: int
    year: int

    @property
    def value(self) -> dt.date | None:
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


_DATE_GROUPS = (("wd", "wm", "wy"), ("d", "m", "y"), ("nd", "nm", "ny"))


def parsed_from_match(m: re.Match[str], group: str = "date") -> ParsedDate:
    """Build a ParsedDate from a match of ``ANY_DATE`` (inside group ``group``)."""
    for d, mo, y in _DATE_GROUPS:
        day = m.group(d)
        if day:
            return ParsedDate(
                m.group(group),
                m.start(group),
                m.end(group),
                int(day),
                int(m.group(mo)),
                int(m.group(y)),
            )
    raise ValueError("not a date match")


def date_after(text: str, pos: int, limit: int = 60, year: int | None = None) -> ParsedDate | None:
    """The date that follows position ``pos`` directly (after a comma, "ngày", "ban hành").
    One with a footnote mark glued to its year is taken only when the year is ``year`` (that
    of the số hiệu before it): "140/2018/NĐ-CP ngày 08/10/20181" is of 08/10/2018."""
    m = DATE_AFTER.match(text, pos, min(len(text), pos + limit))
    if not m:
        return None
    parsed = parsed_from_match(m)
    if parsed.end < len(text) and text[parsed.end].isdigit() and parsed.year != year:
        return None
    return parsed


def parse_date_text(s: str) -> ParsedDate | None:
    """Parse a whole string as a date; used by the CLI for --on and --as-of as well."""
    m = re.fullmatch(rf"[\s\u00a0]*(?P<date>{ANY_DATE})[\s\u00a0]*", s, re.IGNORECASE)
    if m:
        return parsed_from_match(m)
    iso = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", s)
    if iso:
        y, mo, d = (int(g) for g in iso.groups())
        return ParsedDate(text=s, start=0, end=len(s), day=d, month=mo, year=y)
    return None


# what may stand between two words of a date in the text as read: spaces and line breaks, or
# a page head (the gazette's "CÔNG BÁO/Số …/Ngày …" and a page number) on lines of its own
_WORD_GAP = r"(?:[\s\u00a0]+|[ \t\u00a0]*\r?\n(?:[^\n]{0,120}\n){1,6}[\s\u00a0]*)"


def find_written(text: str, written: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``written`` — a date as the parser gives it, its words one space apart — stands
    in ``text[start:end]``, wherever the original breaks it: over a line ("ngày 15 tháng" /
    "6 năm 2021") or around a page head. None when it is not there."""
    end = min(len(text), end)
    pos = text.find(written, start, end)
    if pos >= 0:  # written on one line, as it nearly always is
        return pos, pos + len(written)
    words = written.split()
    if not words:
        return None
    for w in words:
        if not any(ch.isalpha() for ch in w) and text.find(w, start, end) < 0:
            return None  # a word without letters (a number) reads only as itself: not there
    m = _written_pattern(tuple(words)).search(text, start, end)
    return (m.start(), m.end()) if m else None


@lru_cache(maxsize=4096)
def _written_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """The words of a date with any gap ``_WORD_GAP`` allows between them. The checker asks
    for thousands of dates over a corpus, more than ``re``'s own cache of patterns keeps."""
    return re.compile(_WORD_GAP.join(re.escape(w) for w in words), re.IGNORECASE)


def vn_date(iso: str | None) -> str:
    """ISO date as written in Vietnamese documents: 27/02/2019, 01/7/2022."""
    if not iso:
        return "?"
    parts = iso.split("-")
    if len(parts) != 3:
        return iso
    y, m, d = (int(p) for p in parts)
    return f"{d:02d}/{m:02d}/{y}" if m < 3 else f"{d:02d}/{m}/{y}"
