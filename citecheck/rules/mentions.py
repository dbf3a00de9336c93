"""Grouping the mentions of one document across the files being checked."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from citecheck.rules.base import CheckContext, SourceDoc
from kb.models import Citation, Family
from kb.parse.dates import find_written
from kb.parse.textutil import fold

# Families whose key does not already contain the date (a law cited by name is keyed by
# name *and* date, so two dates of "Luật Viên chức" are two laws, never a mismatch).
DATED_BY_KEY = {Family.LAW}


@dataclass(frozen=True)
class Mention:
    doc: SourceDoc
    citation: Citation


def usable(c: Citation) -> bool:
    """A mention the consistency rules may compare: resolved, not the document itself."""
    if c.self_reference or not c.key or not c.ref:
        return False
    return not c.key.endswith("@?")


def by_key(ctx: CheckContext) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for doc in ctx.documents:
        for c in doc.citations:
            if usable(c):
                groups[c.key or ""].append(Mention(doc, c))
    return groups


# between the số hiệu and its date of issue: "ngày", "ban hành ngày", "được ký ngày", or the
# issuer named first ("… 62/KH-VPUB của Văn phòng UBND tỉnh ngày 15/3/2023")
_OWN_GAP = re.compile(
    r"^[\s,(]*(?:cua(?: [^\W\d_]+){1,8},?\s*)?(?:da\s*|duoc\s*)?(?:ban hanh\s*|ky\s*)?"
    r"(?:vao\s*)?(?:ngay)?\s*$"
)
_CUA = re.compile(r"(?:^|\s)cua\s*$")
_DO = re.compile(r"(?:^|\s)do\s*$")


def own_date(doc: SourceDoc, c: Citation) -> bool:
    """True when the citation's date is written as its date of issue: "… số hiệu ngày …".

    A date on the next line of a table, after the số hiệu with no "ngày", may be an
    effective date in another column. The date itself may run over a line break or a page
    head ("… ngày 15 tháng" / "6 năm 2021 …"): it is one date all the same.
    """
    if not c.date_text:
        return False
    if c.ref_end is None:
        # a law cited by name and date that the register of laws resolved to its number
        # ("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"): the date is the
        # law's own, as the name is its number
        return bool(c.name and c.ref and c.date_text in c.text)
    span = find_written(doc.text, c.date_text, c.ref_end, c.end + 1)
    if span is None:
        return False
    raw_gap = doc.text[c.ref_end : span[0]]
    gap = fold(raw_gap)
    if not _OWN_GAP.match(gap):
        return False
    if "ngay" in gap or fold(c.date_text).startswith("ngay"):
        return True
    return "\n" not in raw_gap and "\r" not in raw_gap  # "144/QĐ-VPUB 30/12/2020" on one line


def named_with_cua(doc: SourceDoc, c: Citation) -> bool:
    """True when the issuer is named as the author — "… của Tỉnh ủy", "… do Tỉnh ủy ban
    hành" — not as someone who acts on the document ("do UBND cấp tỉnh thực hiện")."""
    if not c.issuer:
        return False
    start = c.ref_end if c.ref_end is not None else c.start
    pos = doc.text.find(c.issuer, start, c.end + 200)
    if pos < 0:
        return False
    between = fold(doc.text[start:pos])
    if len(between) > 60:
        return False
    if _CUA.search(between):
        return True
    after = fold(doc.text[pos + len(c.issuer) : pos + len(c.issuer) + 12])
    return _DO.search(between) is not None and after.startswith("ban hanh")


def year_contradicts(c: Citation) -> bool:
    """The date's year is not the year in the số hiệu (number-year-mismatch reports it)."""
    return c.year is not None and c.date is not None and c.date.year != c.year
