"""Laws, codes and ordinances cited by name and date, with no số hiệu: "Luật Cán bộ, công chức
ngày 13/11/2008", "Bộ luật Lao động năm 2019", "Pháp lệnh … được Ủy ban Thường vụ Quốc hội
thông qua ngày …"."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from functools import cache, lru_cache

from kb.models import Citation, Family, citation_of
from kb.parse.dates import ANY_DATE, NUMERIC_DATE, WORDS_DATE, ParsedDate, parsed_from_match
from kb.parse.grammar import Grammar
from kb.parse.lawregister import entry_key, find_law
from kb.parse.textutil import crosses_paragraph, fold, one_space

_WS = r"[\s\u00a0]"
# words that end a law's name: what follows is not the title any more
_NOT_A_NAME = re.compile(
    r"(?i)\b(này|có hiệu lực|hết hiệu lực|kể từ|được|đã|đang|sẽ|thì|theo|quy định|tại|từ|"
    r"trước|sau|và các|hướng dẫn|thi hành)\b"
)


# not even in the name of an amending law ("… của Luật X và Luật Y"): what follows a name
_NEVER_IN_A_NAME = re.compile(r"(?i)\b(này|có hiệu lực|hết hiệu lực|kể từ)\b")
_IN_A_LIST = re.compile(r"(?:,|\bvà|\bcủa)\s*$")
_LIST_OF_LAWS = re.compile(r",\s+(?:Bộ\s+)?[Ll]uật\s")


# where a law's type word can start: "Luật" and "Bộ luật" (seen from the "uật" they share),
# "LUẬT" and "BỘ LUẬT" (seen from the rare "Ậ"), "Pháp lệnh" and "Hiến pháp" (seen from their
# "P" and "H"). A text is searched for one character many times faster than for a word, and
# for a rare one faster than a pattern can scan it.
_CAPITAL_LUAT = "LUẬT"
_PAIRS = (("P", "Pháp", re.compile(r"Pháp\s+lệnh")), ("H", "Hiến", re.compile(r"Hiến\s+pháp")))


@cache
def _luat_re() -> re.Pattern[str]:
    """The words "Luật", and "luật" after "Bộ" and white space, where a date or year may
    follow: the first of ``[;:()\\d"“”.]`` after the word is a digit that starts a date or
    year (``_date_or_year_pattern``), or "khóa" comes first. The scan rejects in C the most of
    these words, which no date follows. What it lets through is a superset of what
    ``laws_by_name`` reads past its date check, which is made again on each: the brackets of
    "(sửa đổi)" are let through, no bound of ``_NAME_SPAN`` is set, "luật" is taken after
    two white spaces whatever stands before them, and any "khó" stops the look ahead."""
    no_o = '[^;:\\d"“”.ó]'
    return re.compile(
        r"uật(?:(?<=Luật)|(?<=\sluật)(?:(?<=ộ\sluật)|(?<=\s\sluật)))"
        rf"(?={no_o}*+(?:ó(?<!khó){no_o}*+)*+(?:ó|{_date_or_year_pattern()}))"
    )


def law_anchors(t: str) -> list[tuple[int, int]]:
    """Spans of the law type words a date or year may follow, in order: of the spans a scan
    for ``Bộ luật|BỘ LUẬT|Luật|LUẬT|Pháp lệnh|Hiến pháp`` (white space of any length between
    the two words) finds, all but the "Luật" and "Bộ luật" ``_luat_re`` rejects."""
    spans: list[tuple[int, int]] = []
    for m in _luat_re().finditer(t):
        i = m.start() - 1
        if t[i] == "L":
            spans.append((i, i + 4))
            continue
        j = i
        while j > 0 and t[j - 1].isspace():
            j -= 1
        if j >= 2 and t[j - 2 : j] == "Bộ":
            spans.append((j - 2, i + 4))
    if "Ậ" in t:
        k = _CAPITAL_LUAT.index("Ậ")
        h = t.find("Ậ")
        while h >= 0:
            i = h - k
            if i >= 0 and t.startswith(_CAPITAL_LUAT, i):
                j = i
                while j > 0 and t[j - 1].isspace():
                    j -= 1
                if j < i and t[j - 2 : j] == "BỘ":
                    spans.append((j - 2, i + 4))
                else:
                    spans.append((i, i + 4))
            h = t.find("Ậ", h + 1)
    for first, word, pair in _PAIRS:
        h = t.find(first)
        while h >= 0:
            if t.startswith(word, h):
                found = pair.match(t, h)
                if found is not None:
                    spans.append(found.span())
            h = t.find(first, h + 1)
    spans.sort()
    return spans


# a law's name holds none of these; the first digit after it starts its date (or year)
_NAME_STOP = re.compile(r"[;:()\d\"“”.]")
_NAME_SPAN = 230
# "Luật Đất đai (sửa đổi) được Quốc hội … thông qua ngày …": the draft's name, read through
_AMENDED = re.compile(rf"\({_WS}*sửa{_WS}+đổi{_WS}*\)")
# after the date of a law in the title of another document: "… ngày 01/03/2018 của Chính phủ"
# names that document's issuer (a law is passed by the National Assembly)
_OTHER_ISSUER = re.compile(
    rf"{_WS}*,?{_WS}*của{_WS}+(?!Quốc{_WS}+hội|Ủy{_WS}+ban{_WS}+[Tt]hường{_WS}+vụ{_WS}+Quốc)",
)


@cache
def _law_re() -> re.Pattern[str]:
    passed_by = (
        # "được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 5 thông
        # qua ngày …", any part of it
        # ("Quốc hội" right before the date is the end of a name: "Luật Tổ chức Quốc hội ngày …")
        rf"(?:được{_WS}+)?(?:(?:Quốc|Ủy{_WS}+ban{_WS}+[Tt]hường{_WS}+vụ{_WS}+Quốc){_WS}+hội"
        rf"{_WS}+(?=nước|khóa|kỳ|thông|vào))?(?:nước{_WS}+Cộng{_WS}+hòa{_WS}+xã{_WS}+hội{_WS}+chủ{_WS}+nghĩa{_WS}+"
        rf"Việt{_WS}+Nam{_WS}+)?(?:khóa{_WS}+\w+,?{_WS}+)?(?:kỳ{_WS}+họp{_WS}+(?:thứ{_WS}+)?"
        rf"\w+,?{_WS}+)?(?:thông{_WS}+qua{_WS}+)?(?:vào{_WS}+)?"
    )
    return re.compile(
        rf"(?P<tw>Bộ{_WS}+luật|BỘ{_WS}+LUẬT|Luật|LUẬT|Pháp{_WS}+lệnh|Hiến{_WS}+pháp)"
        rf"{_WS}+(?P<name>(?!\d)\w[^;:()\d\"“”.]{{0,200}}?)"
        rf"(?:{_WS}*\({_WS}*sửa{_WS}+đổi{_WS}*\))?"
        # what the rest must start with, looked at first: the name is read one character at a
        # time, and at most characters this rejects it before the whole rest is tried
        rf"(?={_WS}*,?{_WS}*(?:được|Quốc|Ủy|nước|khóa|kỳ|thông|vào|ng[àa]y|năm|\d))"
        rf"{_WS}*,?{_WS}*(?:{passed_by}(?P<date>{ANY_DATE})"
        rf"|năm{_WS}+(?P<ly>(?:19|20)\d\d)(?!\d)"
        # "Luật Đầu tư 2020", "Luật BHXH 2014": the year alone, without "năm"
        rf"|(?P<by>(?:19|20)\d\d)(?![\d/\-]|\.\d|\w))"
    )


@cache
def _date_or_year_re() -> re.Pattern[str]:
    """What a law's date or year starts with at its first digit (the date as ``_law_re``
    reads it, or "năm" and a year): unless "khóa 14" stands before it, no law cited by name
    matches without it, and it is looked at before the whole pattern."""
    return re.compile(_date_or_year_pattern())


def _date_or_year_pattern() -> str:
    numeric = NUMERIC_DATE.replace("?P<", "?P<s_")
    words = WORDS_DATE.replace("?P<", "?P<s_")
    return rf"{numeric}|{words}|(?:19|20)\d\d(?!\d)"


def laws_by_name(t: str, covered: list[tuple[int, int]], g: Grammar) -> list[Citation]:
    out: list[Citation] = []
    spans = sorted(covered)
    span_starts = [a for a, _ in spans]
    law_re = _law_re()
    date_at_stop = _date_or_year_re()
    resume = 0
    for s, a_end in law_anchors(t):
        if s < resume or (s > 0 and (t[s - 1].isalnum() or unicodedata.combining(t[s - 1]))):
            continue
        if t[max(0, s - 6) : s].rstrip().lower().endswith("pháp"):
            continue  # "pháp luật", "PHÁP LUẬT": the law in general, not a law's type word
        stop = _NAME_STOP.search(t, a_end, a_end + _NAME_SPAN)
        if stop is not None and stop.group() == "(":
            amended = _AMENDED.match(t, stop.start())
            if amended is not None:
                stop = _NAME_STOP.search(t, amended.end(), a_end + _NAME_SPAN)
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
        raw_name = m.group("name")
        name = " ".join(raw_name.split()).strip(" ,")
        amending = name.lower().startswith("sửa đổi")
        if _NOT_A_NAME.search(name.replace("sửa đổi", "").replace("Sửa đổi", "")) and (
            not amending or _NEVER_IN_A_NAME.search(name)
        ):
            continue
        if not amending and _LIST_OF_LAWS.search(name):
            continue  # "Luật Quản lý thuế, Luật Thuế thu nhập cá nhân, …": a list, or the end
            # of an amending law's name that began before
        if crosses_paragraph(raw_name) or len(name.split()) > (60 if amending else 30):
            continue
        if "\n" in raw_name and name.isupper():
            continue  # a heading in capitals runs on over lines: names stop at a line's end
        if _in_title_before(t, s, spans, bisect.bisect_right(span_starts, s)) and (
            name.endswith("ban hành") or _OTHER_ISSUER.match(t, m.end())
        ):
            # "… của Nghị định 155/2020/NĐ-CP Quy định chi tiết … của Luật Chứng khoán ban
            # hành ngày 31/12/2020", "Nghị định số 28/2018/NĐ-CP Quy định chi tiết Luật Quản
            # lý ngoại thương … ngày 01/03/2018 của Chính phủ": the date is the decree's
            continue
        tw = one_space(m.group("tw"))
        word_type = g.type_for_word(tw)
        date: ParsedDate | None = parsed_from_match(m) if m.group("date") else None
        year_text = m.group("ly") or m.group("by")
        year = date.year if date else int(year_text)
        when = date.value.isoformat() if date and date.value else str(year)
        type_name = word_type.name if word_type else "Luật"
        ref, key, reason = _through_register(type_name, name, year, date.value if date else None)
        if reason is not None and not (name[0].isupper() or name.startswith(("sửa", "nước"))):
            continue  # "Luật tổ chức Quốc hội …": a name in lower case only when it is known
        if reason is not None and _IN_A_LIST.search(t, max(0, s - 8), s):
            continue  # "…, Luật Dự trữ quốc gia, Luật Xử lý vi phạm hành chính ngày 29/11/2024":
            # the last law of a list (an amending law's name) carries the date of the whole
        if reason is not None and m.group("by"):
            continue  # a year without "năm" ("Luật Đầu tư 2020") only for a law that is known:
            # after a name in a table, a number in the next column is no year of it
        resume = m.end()
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
                date_text=one_space(date.text) if date else year_text,
                date_valid=date is None or date.value is not None,
                year=None,
                ref=ref,
                key=key or f"{type_name}:{fold(name)}@{when}",
                law_unresolved=reason,
            )
        )
    return out


@lru_cache(maxsize=4096)
def _through_register(
    type_name: str, name: str, year: int, date: dt.date | None
) -> tuple[str | None, str | None, str | None]:
    """The số hiệu and key of a law cited by name, from the register; or why not. The same
    few laws are cited again and again, and each answer reads the number of the register's
    entry, so the answers are kept (the register does not change while the program runs)."""
    if type_name == "Hiến pháp":
        return None, None, "constitution-has-no-number"
    found = find_law(type_name, name, year, date)
    if found.entry is None:
        return None, None, found.reason
    ref, key = entry_key(found.entry)
    return ref, key, None


_TITLE_BREAK = re.compile(r"[;\n]|\.\s")


def _in_title_before(t: str, s: int, spans: list[tuple[int, int]], before: int) -> bool:
    """Whether the law at ``s`` stands in the title of the số hiệu cited just before it (the
    ``before`` first spans start before ``s``), on the same line and in the same sentence."""
    if before == 0:
        return False
    end = max(y for _, y in spans[max(0, before - 3) : before])
    return end <= s and s - end < 400 and _TITLE_BREAK.search(t, end, s) is None
