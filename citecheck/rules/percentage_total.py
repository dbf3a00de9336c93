"""CC502 percentage-total."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc

_S = r"[ \t\u00a0]"
# a count the Vietnamese way: 1.250 (thousands), 45; never a decimal (2,5) nor part of a date
COUNT = r"\d{1,3}(?:\.\d{3})+(?![\d,/])|\d+(?![\d.,/]\d)"
# a rate: 3,2 % / 3,2% / 75% (a decimal comma; a dot followed by one or two digits too)
_PCT = re.compile(rf"(?<![\w.,/])(?P<p>\d{{1,3}}(?:[,.]\d{{1,2}})?){_S}?%")
_LINK = re.compile(
    rf"(?:chiếm|đạt|bằng|tỷ lệ|tỉ lệ|=)(?:{_S}+(?:tỷ lệ|tỉ lệ|khoảng))?{_S}*:?{_S}*$|\(\s*$"
)
LINK_CHARS = 24
# "14/15 xã": a part over its whole, then a unit word
_SLASH = re.compile(
    r"(?<![\w/.,-])(?P<x>\d{1,3}(?:\.\d{3})+|\d+)/(?P<y>\d{1,3}(?:\.\d{3})+|\d+)(?![\w/.,-])"
    rf"{_S}+(?P<unit>[^\W\d_]+)",
    re.IGNORECASE,
)
_NOT_SLASH_BEFORE = re.compile(r"(?:ngày|số|số:|tháng)\s*$", re.IGNORECASE)
# "45 hộ nghèo": a count and its unit word
_COUNTED = re.compile(rf"(?<![\w/.,-])(?P<n>{COUNT}){_S}+(?P<unit>[^\W\d_]+)")
_WHOLE_LEAD = re.compile(r"(?<!\w)(?:trong đó|bao gồm|gồm|có)(?!\w)", re.IGNORECASE)
_ON_TOTAL = re.compile(rf"[^\d.;%]{{0,40}}?(?<!\w)trên{_S}+(?:tổng{_S}+số{_S}+)?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n\s*\n")
SENTENCE_CHARS = 300
MAX_GAP_WORDS = 8


@dataclass
class _Rate:
    part: int
    whole: int
    stated: float
    decimals: int
    start: int  # the span reported: from the part (or the rate) to the rate
    end: int
    part_text: str
    whole_text: str
    rate_text: str


def _count(s: str) -> int:
    return int(s.replace(".", ""))


def _rate(s: str) -> tuple[float, int]:
    s = s.replace(",", ".")
    return float(s), len(s.split(".")[1]) if "." in s else 0


def vn_decimal(value: float, decimals: int) -> str:
    """3.6 → '3,6', the Vietnamese way."""
    return f"{value:.{decimals}f}".replace(".", ",")


def off(r: _Rate) -> bool:
    """The stated rate is further from part/whole than its rounding allows (rounded or cut
    to the decimals written: 3,66 % may be written 3,7 % or 3,6 %)."""
    true = 100 * r.part / r.whole
    return abs(true - r.stated) >= 10 ** (-r.decimals) + 1e-9


class PercentageTotal(Rule):
    """A stated rate that does not match its stated part and whole ("45/1.250 hộ, 3,2 %").

    ## What it does
    Reads a rate together with the part and the whole it is a rate of, when the text states
    all three: "14/15 xã, đạt 93,3 %", "đạt 93,3 % (14/15 xã)", "1.250 hộ, trong đó 45 hộ
    nghèo, chiếm tỷ lệ 3,6 %", "45 hộ trên tổng số 1.250 hộ, tỷ lệ 3,6 %". Part and whole
    must be counts of the same unit. Numbers are read the Vietnamese way ("1.250" is one
    thousand two hundred and fifty, "3,2 %" three point two per cent). The rate may be
    rounded or cut to the decimals written: 45 of 1.250 is 3,6 %, so "3,6 %" passes and
    "3,2 %" does not; "93 %" for 14 of 15 (93,33 %) passes.

    ## Why is this bad?
    Rates are what readers quote from a report. A rate that does not follow from the figures
    beside it means one of the three is wrong, and the next level's synthesis repeats it.

    ## Example
    ```text
    Toàn xã có 1.250 hộ, trong đó 45 hộ nghèo, chiếm tỷ lệ 3,2 %.
    ```

    ## Use instead
    ```text
    Toàn xã có 1.250 hộ, trong đó 45 hộ nghèo, chiếm tỷ lệ 3,6 %.
    ```

    ## References
    Nghị định 09/2019/NĐ-CP về chế độ báo cáo của cơ quan hành chính nhà nước (số liệu báo
    cáo phải chính xác, thống nhất); Nghị định 30/2020/NĐ-CP, Phụ lục I.
    """

    code = "CC502"
    name = "percentage-total"
    severity = "warning"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        seen: set[int] = set()
        for rate in [*self._slashed(doc.text), *self._stated(doc.text)]:
            if rate.end in seen or rate.whole <= 0 or rate.part > rate.whole:
                continue
            seen.add(rate.end)
            if not off(rate):
                continue
            true = vn_decimal(100 * rate.part / rate.whole, max(rate.decimals, 1))
            yield self.finding(
                doc,
                rate.start,
                rate.end,
                self.msg(
                    ctx,
                    "mismatch",
                    rate=rate.rate_text,
                    part=rate.part_text,
                    whole=rate.whole_text,
                    true=true,
                ),
                suggestion=self.msg(ctx, "fix", true=true, rate=rate.rate_text),
            )

    def _slashed(self, text: str) -> Iterator[_Rate]:
        """ "14/15 xã … đạt 93,3 %" and "đạt 93,3 % (14/15 xã)"."""
        for m in _SLASH.finditer(text):
            if _NOT_SLASH_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
                continue
            part, whole = m.group("x"), m.group("y")
            stop = _SENTENCE_END.search(text, m.end(), m.end() + 120)
            after = text[m.end() : stop.start() if stop else m.end() + 120]
            pct = _PCT.search(after)
            if pct and self._linked(after, pct) and not re.search(r"\d", after[: pct.start()]):
                p, d = _rate(pct.group("p"))
                yield _Rate(
                    _count(part),
                    _count(whole),
                    p,
                    d,
                    m.start(),
                    m.end() + pct.end(),
                    part,
                    f"{whole} {m.group('unit')}",
                    pct.group(0),
                )
                continue
            before = text[max(0, m.start() - 30) : m.start()]
            pct_before = list(_PCT.finditer(before))
            if pct_before and re.fullmatch(r"\s*\(\s*", before[pct_before[-1].end() :]):
                q = pct_before[-1]
                p, d = _rate(q.group("p"))
                start = m.start() - len(before) + q.start()
                yield _Rate(
                    _count(part),
                    _count(whole),
                    p,
                    d,
                    start,
                    m.end(),
                    part,
                    f"{whole} {m.group('unit')}",
                    q.group(0),
                )

    @staticmethod
    def _linked(segment: str, pct: re.Match[str]) -> bool:
        lead = segment[max(0, pct.start() - LINK_CHARS) : pct.start()]
        return bool(_LINK.search(lead))

    def _stated(self, text: str) -> Iterator[_Rate]:
        """ "1.250 hộ, trong đó 45 hộ nghèo, tỷ lệ 3,2 %" and "45 hộ trên tổng số 1.250 hộ,
        tỷ lệ 3,6 %": the count nearest before a linked rate, and its whole."""
        for pct in _PCT.finditer(text):
            if not self._linked(text[: pct.start()], pct):
                continue
            start = pct.start() - SENTENCE_CHARS
            ends = list(_SENTENCE_END.finditer(text, max(0, start), pct.start()))
            start = ends[-1].end() if ends else max(0, start)
            sentence = text[start : pct.start()]
            counts = list(_COUNTED.finditer(sentence))
            if not counts:
                continue
            part_m = counts[-1]
            gap = sentence[part_m.end() :]
            if re.search(r"\d", gap) or len(gap.split()) > MAX_GAP_WORDS:
                continue
            unit = part_m.group("unit").lower()
            for whole_m in reversed(counts[:-1]):
                if whole_m.group("unit").lower() != unit:
                    continue
                between = sentence[whole_m.end() : part_m.start()]
                if _ON_TOTAL.fullmatch(between):  # "45 hộ trên tổng số 1.250 hộ"
                    part_m, whole_m = whole_m, part_m
                elif not _WHOLE_LEAD.search(between) or "%" in between:
                    break
                p, d = _rate(pct.group("p"))
                yield _Rate(
                    _count(part_m.group("n")),
                    _count(whole_m.group("n")),
                    p,
                    d,
                    start + min(part_m.start(), whole_m.start()),
                    pct.end(),
                    f"{part_m.group('n')} {part_m.group('unit')}",
                    f"{whole_m.group('n')} {whole_m.group('unit')}",
                    pct.group(0),
                )
                break
