"""CC501 arithmetic-total."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from citecheck.messages import message
from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc

# A count: 40, 07, 5.718 (Vietnamese thousands separator), not a decimal (2,5) nor a percentage.
NUM = r"\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?!\d)(?![.,]\d)"
_TOTAL = re.compile(
    rf"(?<![\w/.,-])(?P<n>{NUM})[ \t\u00a0]+(?P<unit>[^\W\d_]+(?:[ \t\u00a0][^\W\d_]+)?)"
    r"(?P<lead>[ \t\u00a0]*,?[ \t\u00a0]*(?:\((?:[ \t\u00a0*_]*(?:trong đó|bao gồm|gồm)[ \t\u00a0*_]*:?)?"
    r"|(?:trong đó|bao gồm|gồm)[ \t\u00a0]*:?))",
    re.IGNORECASE,
)
# "đã tiếp nhận 5.718 hồ sơ; đã giải quyết …: 5.395 hồ sơ, quá hạn: 09 hồ sơ, …: 19":
# what was received, then the outcomes, each a labelled count
_RECEIVED = re.compile(
    rf"(?i)tiếp nhận[ \t\u00a0\n]+(?P<n>{NUM})[ \t\u00a0\n]+(?P<unit>[^\W\d_]+(?:[ \t][^\W\d_]+)?)[ \t]*;"
)
_LABELLED = re.compile(rf":[ \t\u00a0\n]*(?P<n>{NUM})(?![\w/%-])")
MIN_OUTCOMES = 3
_PART_NUM = re.compile(rf"(?<![\w/.,-])(?P<n>{NUM})(?![\w/%-])")
_SPLIT = re.compile(r";|,(?!\d)|\svà\s")
MAX_PART_WORDS = 9


@dataclass
class _Part:
    value: int
    start: int
    end: int


def to_int(s: str) -> int:
    return int(s.replace(".", ""))


def vn_number(n: int) -> str:
    """5423 → '5.423', the Vietnamese way."""
    return f"{n:,}".replace(",", ".")


def _parts(segment: str, base: int, unit: str, labelled: bool) -> list[_Part] | None:
    """The numbers of a breakdown, or None when the segment is not a clean list of counts."""
    parts: list[_Part] = []
    pos = 0
    unit_word = unit.split()[0].lower()
    for piece in _SPLIT.split(segment):
        p_start = segment.index(piece, pos)
        pos = p_start + len(piece)
        words = piece.split()
        if not words:
            continue
        nums = list(_PART_NUM.finditer(piece))
        if len(nums) != 1 or len(words) > MAX_PART_WORDS or "%" in piece:
            return parts if len(parts) >= 2 else None
        m = nums[0]
        after = piece[m.end() :].split()
        before = piece[: m.start()].rstrip()
        same_unit = bool(after) and after[0].lower().strip("*_") == unit_word
        is_label = before.endswith(":") and labelled
        if not (same_unit or is_label):
            return parts if len(parts) >= 2 else None
        parts.append(
            _Part(to_int(m.group("n")), base + p_start + m.start(), base + p_start + m.end())
        )
    return parts if len(parts) >= 2 else None


class ArithmeticTotal(Rule):
    """A total whose breakdown does not add up: "40 đơn, trong đó 07 …, 03 …, 31 …".

    ## What it does
    Finds a count followed by its breakdown — after "trong đó", "gồm", "bao gồm", or in
    parentheses — and adds the parts; and what was received ("tiếp nhận 5.718 hồ sơ;")
    against at least three labelled outcomes in the same sentence ("đã giải quyết: 5.395
    hồ sơ, quá hạn: 09 hồ sơ, từ chối: 19"). It only reads breakdowns it is sure of: every part a
    count of the same unit as the total ("07 đơn khiếu nại, 03 đơn tố cáo") or a labelled
    count inside the parentheses ("Công chức: 57; Viên chức: 16"), at least two parts, no
    percentages. Numbers are read the Vietnamese way: `5.718` is five thousand seven hundred
    and eighteen.

    ## Why is this bad?
    Figures in a report are copied into the next level's synthesis. When the parts and the
    total disagree, at least one figure is wrong and the reader cannot tell which.

    ## Example
    ```text
    Tiếp nhận 40 đơn trong đó 07 đơn khiếu nại, 03 đơn tố cáo, 31 đơn đề nghị phản ánh.
    ```

    ## Use instead
    ```text
    Tiếp nhận 41 đơn trong đó 07 đơn khiếu nại, 03 đơn tố cáo, 31 đơn đề nghị phản ánh.
    ```

    ## References
    Thông tư 01/2011/TT-BNV and Nghị định 30/2020/NĐ-CP, Phụ lục I (nội dung văn bản phải
    chính xác); Nghị định 09/2019/NĐ-CP on báo cáo: số liệu báo cáo phải chính xác, thống nhất.
    """

    code = "CC501"
    name = "arithmetic-total"
    severity = "warning"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        yield from self._breakdowns(doc, ctx)
        yield from self._outcomes(doc, ctx)

    def _outcomes(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        """What was received against the labelled outcomes in the same sentence."""
        text = doc.text
        for m in _RECEIVED.finditer(text):
            stop = re.search(r"\.(?:\s|$)", text[m.end() : m.end() + 400])
            seg_end = m.end() + (stop.start() if stop else 400)
            parts = [
                _Part(to_int(p.group("n")), m.end() + p.start("n"), m.end() + p.end("n"))
                for p in _LABELLED.finditer(text[m.end() : seg_end])
            ]
            if len(parts) < MIN_OUTCOMES:
                continue
            yield from self._report(doc, ctx, m, parts)

    def _report(
        self, doc: SourceDoc, ctx: CheckContext, m: re.Match[str], parts: list[_Part]
    ) -> Iterator[Finding]:
        text = doc.text
        total = to_int(m.group("n"))
        got = sum(p.value for p in parts)
        if got == total:
            return
        shown = " + ".join(text[p.start : p.end] for p in parts)
        related = [doc.related(p.start, p.end, message("related", "part", ctx.lang)) for p in parts]
        yield self.finding(
            doc,
            m.start("n"),
            m.end("n"),
            self.msg(
                ctx,
                "mismatch",
                total=m.group("n"),
                unit=m.group("unit"),
                parts=shown,
                sum=vn_number(got),
            ),
            related=related,
            suggestion=self.msg(ctx, "fix", total=m.group("n"), sum=vn_number(got)),
        )

    def _breakdowns(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        text = doc.text
        for m in _TOTAL.finditer(text):
            lead = m.group("lead")
            paren = "(" in lead
            seg_start = m.end()
            if paren:
                close = text.find(")", seg_start)
                if close < 0 or close - seg_start > 400:
                    continue
                seg_end = close
            else:
                stop = re.search(
                    r"\.(?:\s|$)|\n\s*\n\s*[-+*•]|\(", text[seg_start : seg_start + 400]
                )
                seg_end = seg_start + (stop.start() if stop else 400)
            segment = text[seg_start:seg_end]
            segment_clean = segment.replace("*", " ").replace("_", " ")
            parts = _parts(segment_clean, seg_start, m.group("unit"), labelled=paren)
            if not parts:
                continue
            yield from self._report(doc, ctx, m, parts)
