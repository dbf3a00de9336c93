"""CC501 arithmetic-total."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from citecheck.messages import message
from citecheck.models import Finding, Severity
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
# the next sentence when it gives the files still being processed
_IN_PROGRESS = re.compile(
    rf"(?i)\.?[ \t\u00a0\n]*(?:hồ sơ[ \t\u00a0]+)?(?:còn[ \t\u00a0]+)?đang[ \t\u00a0]+giải[ \t\u00a0]+quyết"
    rf"[ \t\u00a0]*:?[ \t\u00a0\n]*(?P<n>{NUM})(?![\w/%-])"
)
_COUNT = re.compile(rf"(?<![\w/.,-])(?P<n>{NUM})[ \t\u00a0\n]+(?P<u>[^\W\d_]+)")
_ANY_NUM = re.compile(rf"(?<![\w/.,-])(?P<n>{NUM})(?![\w/-])")
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


def _parts(segment: str, base: int, unit: str, labelled: bool) -> tuple[list[_Part], bool] | None:
    """The numbers of a breakdown and whether the list was read to its end; None when the
    segment is not a list of counts, or when one of its pieces holds a number that cannot be
    read as a part (adding the others would then be wrong)."""
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
            if nums or "%" in piece:
                return None  # a part with a figure that is not a plain count of the unit
            return (parts, False) if len(parts) >= 2 else None
        m = nums[0]
        after = piece[m.end() :].split()
        before = piece[: m.start()].rstrip()
        same_unit = bool(after) and after[0].lower().strip("*_") == unit_word
        is_label = before.endswith(":") and labelled
        if not (same_unit or is_label):
            return None
        parts.append(
            _Part(to_int(m.group("n")), base + p_start + m.start(), base + p_start + m.end())
        )
    return (parts, True) if len(parts) >= 2 else None


def _unaccounted(text: str, start: int, end: int, parts: list[_Part]) -> bool:
    """A figure in ``text[start:end]`` that is not one of the parts (not a percentage)."""
    seen = {p.start for p in parts}
    for n in _ANY_NUM.finditer(text, start, end):
        after = text[n.end() : n.end() + 2].lstrip()
        if n.start() not in seen and not after.startswith("%"):
            return True
    return False


class ArithmeticTotal(Rule):
    """A total whose breakdown does not add up: "40 đơn, trong đó 07 …, 03 …, 31 …".

    ## What it does
    Finds a count followed by its breakdown — after "trong đó", "gồm", "bao gồm", or in
    parentheses — and adds the parts; and what was received ("tiếp nhận 5.718 hồ sơ;")
    against at least three labelled outcomes in the same sentence ("đã giải quyết: 5.395
    hồ sơ, quá hạn: 09 hồ sơ, từ chối: 19"), counting the files still being processed ("…
    đang giải quyết 56 hồ sơ", in that sentence or the next) as one of the outcomes. It only
    reads breakdowns it is sure of: every part a
    count of the same unit as the total ("07 đơn khiếu nại, 03 đơn tố cáo") or a labelled
    count inside the parentheses ("Công chức: 57; Viên chức: 16"), at least two parts, no
    percentages. When one part holds a figure it cannot read as a count of the unit, it adds
    nothing up rather than sum the parts it happens to see; when the list runs on into words
    ("còn lại là …"), a difference is only information. Numbers are read the Vietnamese way:
    `5.718` is five thousand seven hundred and eighteen.

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
            unit_word = m.group("unit").split()[0]
            seen = {p.start for p in parts}
            for c in _COUNT.finditer(text, m.end(), seg_end):
                # an outcome written without a label: "…, đang giải quyết 15 hồ sơ"
                if c.start("n") not in seen and c.group("u").lower() == unit_word.lower():
                    parts.append(_Part(to_int(c.group("n")), c.start("n"), c.end("n")))
            if _unaccounted(text, m.end(), seg_end, parts):
                continue  # a figure that is neither an outcome nor its count: say nothing
            following = _IN_PROGRESS.match(text, seg_end, min(len(text), seg_end + 200))
            if following:
                # "… từ chối: 19. Hồ sơ đang giải quyết: 56 hồ sơ.": the files still in
                # progress are one of the outcomes of what was received
                parts.append(
                    _Part(to_int(following.group("n")), following.start("n"), following.end("n"))
                )
            yield from self._report(doc, ctx, m, parts)

    def _report(
        self,
        doc: SourceDoc,
        ctx: CheckContext,
        m: re.Match[str],
        parts: list[_Part],
        severity: Severity | None = None,
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
            severity=severity,
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
            read = _parts(segment_clean, seg_start, m.group("unit"), labelled=paren)
            if not read:
                continue
            parts, complete = read
            # a list that runs on into words the rule cannot read may have more parts
            yield from self._report(doc, ctx, m, parts, severity=None if complete else "info")
