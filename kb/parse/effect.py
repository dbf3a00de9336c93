"""When a text takes effect and when it ends, read from its own final provisions.

``read_effect`` reads the document's own clause ("Nghị định này có hiệu lực thi hành kể từ
ngày 01 tháng 7 năm 2021", "Quyết định này có hiệu lực kể từ ngày ký", "… có hiệu lực từ
ngày A đến hết ngày B", "Thông tư này hết hiệu lực kể từ ngày …"). ``relation_effect``
reads, in the sentence that states a replacement or repeal, the day that relation takes
effect ("… hết hiệu lực kể từ ngày 01/7/2016", "… kể từ ngày Luật này có hiệu lực" — the
acting text's own day —, "… tiếp tục có hiệu lực thi hành đến ngày 30 tháng 6 năm 2022").
Phrases: ``kb/data/effect.toml``. Matching ignores accents, case and line breaks.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from kb.tables import load_table

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "effect.toml"

_DATE = (
    r"(?:(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d\d)"
    r"|(?P<wd>\d{1,2})\s+thang\s+(?P<wm>\d{1,2})\s*,?\s+nam\s+(?P<wy>(?:19|20)\d\d))(?!\d)"
)


@cache
def _fold_table() -> dict[int, str]:
    """Every Latin letter with marks → its base letter, lower case (one char for one char)."""
    table: dict[int, str] = {0x0110: "d", 0x0111: "d", 0x00D0: "d", 0x00A0: " "}
    for cp in range(0x41, 0x2000):
        ch = chr(cp)
        if cp in table:
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        low = base.lower()
        if len(low) == 1 and low != ch:
            table[cp] = low
    return table


def fold_keep_length(text: str) -> str:
    """``text`` without accents, in lower case, with offsets unchanged (NFC input)."""
    folded = text.translate(_fold_table())
    return folded if len(folded) == len(text) else text.lower()


def _words(phrase: str) -> str:
    """A phrase as a pattern over folded text: accents off, any run of spaces between words."""
    folded = fold_keep_length(unicodedata.normalize("NFC", phrase))
    return r"\s+".join(re.escape(w) for w in folded.split())


def _alternatives(phrases: list[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "(?:" + "|".join(_words(p) for p in ordered) + ")"


@dataclass(frozen=True)
class _Patterns:
    own: re.Pattern[str]
    own_ends: re.Pattern[str]
    until: re.Pattern[str]
    continues: re.Pattern[str]
    stated_day: re.Pattern[str]
    acting_day: re.Pattern[str]
    signing: re.Pattern[str]
    part_of: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    data = load_table("kb", DATA_FILE.name)
    types = "(?P<type>" + "|".join(_words(t) for t in data["own_types"]) + ")"
    effect = _alternatives(data["takes_effect"])
    from_day = _alternatives(data["from_day"])
    signing = _alternatives(data["signing_day"])
    ends = _alternatives(data["ends"])
    until = _alternatives(data["until_day"])
    own = re.compile(
        rf"\b{types}\s+nay\s+(?:se\s+)?{effect}\s+{from_day}\s+"
        rf"(?:(?P<date>{_DATE})|(?P<sign>{signing})\b)"
        rf"|\bsau\s+(?P<days>\d{{1,3}})\s+ngay\s+ke\s+tu\s+ngay\s+(?P<sign2>{signing})\b"
    )
    own_ends = re.compile(
        rf"\b{types}\s+nay\s+{ends}\s+{_alternatives(data['ends_from'])}\s+{_DATE}"
    )
    return _Patterns(
        own=own,
        own_ends=own_ends,
        until=re.compile(rf"[\s,;]*(?:va\s+)?{until}\s+{_DATE}"),
        continues=re.compile(
            rf"{_alternatives(data['continues'])}\s+(?:cho\s+)?den\s+(?P<before>truoc\s+)?"
            rf"(?:het\s+)?ngay\s+{_DATE}"
        ),
        stated_day=re.compile(rf"(?:\bke\s+tu|{ends}\s+tu|^\s*(?:\d+\.\s*)?tu)\s+ngay\s+{_DATE}"),
        acting_day=re.compile(rf"\bke\s+tu\s+ngay\s+{types}\s+nay\s+{effect}"),
        signing=re.compile(rf"\bke\s+tu\s+ngay\s+{signing}\b"),
        part_of=re.compile(rf"\b{_alternatives(data['part_of'])}\s*$"),
    )


def _date_of(m: re.Match[str]) -> dt.date | None:
    for d, mo, y in (("d", "m", "y"), ("wd", "wm", "wy")):
        if m.group(d):
            try:
                return dt.date(int(m.group(y)), int(m.group(mo)), int(m.group(d)))
            except ValueError:
                return None
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]`` (to the full stop or the paragraph end)."""
    left = max(text.rfind(". ", 0, start), text.rfind(".\n", 0, start), text.rfind(";", 0, start))
    stops = [i for i in (text.find(".", end), text.find(";", end)) if i != -1]
    right = min(stops) + 1 if stops else len(text)
    right = min(right, end + 400)
    return _one_line(text[max(left + 1, start - 300) : right])


@dataclass(frozen=True)
class Effect:
    """The days a text is in force, as it says them: ``start`` the first day it is in force,
    ``end`` the first day it no longer is (None when the text does not say)."""

    start: dt.date | None = None
    end: dt.date | None = None
    evidence: str | None = None


def _type_fits(written: str, doc_type: str | None) -> bool:
    """Whether "<written> này" names a text of ``doc_type`` (any text when unknown; "văn bản"
    names any text)."""
    if doc_type is None or written.startswith("van ban"):
        return True
    folded = " ".join(fold_keep_length(unicodedata.normalize("NFC", doc_type)).split())
    return " ".join(written.split()) == folded


_HIEU_LUC = re.compile(r"(?i)hi\S{1,2}u\s+l\S{1,2}c")
_BEFORE, _AFTER = 160, 260  # the window read around each "hiệu lực"


def _windows(text: str) -> list[tuple[int, str]]:
    """(start, folded window) around each "hiệu lực" of ``text``, merged where they meet:
    the clauses are read there only, not over the whole text."""
    spans: list[list[int]] = []
    for m in _HIEU_LUC.finditer(text):
        lo, hi = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    return [(lo, fold_keep_length(text[lo:hi])) for lo, hi in spans]


def read_effect(text: str, doc_type: str | None = None, signed: dt.date | None = None) -> Effect:
    """The text's own first and last days in force, from its own clauses.

    Only "<its own type> này …" counts (an attached Quy chế's clause does not date the
    Quyết định issuing it, nor "Điều 2 của Luật này …" the whole law); the first such
    clause wins. "kể từ ngày ký" is the day of signing (``signed``) when known."""
    text = unicodedata.normalize("NFC", text)
    windows = _windows(text)
    start: dt.date | None = None
    end: dt.date | None = None
    evidence: str | None = None
    for offset, folded in windows:
        found = _own_start(folded, doc_type, signed)
        if found is not None:
            start, end, (lo, hi) = found
            evidence = _sentence_around(text, offset + lo, offset + hi)
            break
    if start is None:
        start, evidence = _note_effect(text)
    if end is None:
        for offset, folded in windows:
            pats = _patterns()
            for m in pats.own_ends.finditer(folded):
                # "… quy định tại khoản 3 Điều 7 của Luật này hết hiệu lực …": the subject is
                # what the clause names before "của", not the text itself
                if pats.part_of.search(folded[max(0, m.start() - 12) : m.start()]):
                    continue
                if _type_fits(m.group("type"), doc_type):
                    end = _date_of(m)
                    ends_at = _sentence_around(text, offset + m.start(), offset + m.end())
                    evidence = f"{evidence} … {ends_at}" if evidence else ends_at
                    break
            if end is not None:
                break
    return Effect(start, end, evidence)


def _own_start(
    folded: str, doc_type: str | None, signed: dt.date | None
) -> tuple[dt.date, dt.date | None, tuple[int, int]] | None:
    """The first own "… này có hiệu lực …" clause of a folded window: (first day, first day
    no longer in force or None, span)."""
    pats = _patterns()
    for m in pats.own.finditer(folded):
        end: dt.date | None = None
        if m.group("days"):  # "… sau 45 ngày kể từ ngày ký"
            if signed is None or not _own_clause_before(folded, m.start()):
                continue
            start = signed + dt.timedelta(days=int(m.group("days")))
        else:
            if not _type_fits(m.group("type"), doc_type):
                continue
            if pats.part_of.search(folded[max(0, m.start() - 12) : m.start()]):
                continue
            if m.group("sign"):
                if signed is None:
                    continue
                start = signed
            else:
                day = _date_of(m)
                if day is None:
                    continue
                start = day
            tail = pats.until.match(folded, m.end(), m.end() + 80)
            if tail:
                last = _date_of(tail)
                end = last + dt.timedelta(days=1) if last else None
        return start, end, (m.start(), m.end())
    return None


def _own_clause_before(folded: str, pos: int) -> bool:
    """Whether "… này có hiệu lực" stands just before ``pos`` ("Nghị định này có hiệu lực
    sau 45 ngày …")."""
    return (
        re.search(r"\bnay\s+(?:se\s+)?co\s+hieu\s+luc(?:\s+thi\s+hanh)?\s*$", folded[:pos][-60:])
        is not None
    )


# the pháp điển's note before a codified article names the source text and its first day:
# "(Điều 1 Chỉ thị số 18/2001/CT-TTg … ngày 27/08/2001 của Thủ tướng Chính phủ, có hiệu lực
# thi hành kể từ ngày 11/09/2001)"; only the first note of a file speaks of the file's text
_NOTE = re.compile(
    rf"^\(dieu\s+[\w.]+\s+[^()\n]{{0,600}}?co\s+hieu\s+luc(?:\s+thi\s+hanh)?\s+ke\s+tu\s+ngay\s+{_DATE}",
    re.MULTILINE,
)


def _note_effect(text: str) -> tuple[dt.date | None, str | None]:
    m = _NOTE.search(fold_keep_length(text[:1500]))
    if not m:
        return None, None
    return _date_of(m), _one_line(text[m.start() : m.end()]).lstrip("(")


class RelationDay(StrEnum):
    """Where the day a stated replacement or repeal takes effect comes from."""

    STATED = "stated"  # a date written in the sentence
    ACTING = "acting"  # the acting text's own first day ("kể từ ngày Luật này có hiệu lực")
    SIGNING = "signing"  # the acting text's day of signing ("kể từ ngày ký")
    CONTINUES = "continues"  # the other text stays in force through a date, ends the day after


@dataclass(frozen=True)
class RelationEffect:
    how: RelationDay
    day: dt.date | None = None  # the first day the relation is in effect, when a date is read


def relation_effect(sentence: str) -> RelationEffect | None:
    """The day the relation stated in ``sentence`` takes effect, when the sentence says it;
    None when it says nothing (then the acting text's own first day applies)."""
    folded = fold_keep_length(unicodedata.normalize("NFC", sentence))
    pats = _patterns()
    m = pats.continues.search(folded)
    if m:
        last = _date_of(m)
        if last is not None:
            day = last if m.group("before") else last + dt.timedelta(days=1)
            return RelationEffect(RelationDay.CONTINUES, day)
    m = pats.stated_day.search(folded)
    stated = _date_of(m) if m else None
    if stated is not None:
        return RelationEffect(RelationDay.STATED, stated)
    if pats.acting_day.search(folded):
        return RelationEffect(RelationDay.ACTING)
    if pats.signing.search(folded):
        return RelationEffect(RelationDay.SIGNING)
    return None
