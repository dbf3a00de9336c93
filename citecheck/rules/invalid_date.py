"""CC101 invalid-date."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc, cite_label

# The day's first digit is matched before the look behind it (a digit, a slash, a dot or a
# dash may not precede it): a pattern that starts with a digit is scanned for at C speed.
_NUMERIC = re.compile(
    r"(\d(?<![\d/.\-]\d)\d?)[ \t]?([/.\-])[ \t]?(\d{1,2})[ \t]?\2[ \t]?(\d{4})(?![\d/])"
)
_WORDS = re.compile(
    r"(?i)ngày[ \t\u00a0]+(\d{1,2})[ \t\u00a0]+tháng[ \t\u00a0]+(\d{1,2})[ \t\u00a0]+năm[ \t\u00a0]+(\d{4})"
)


def impossible(day: int, month: int, year: int) -> bool:
    """True for a day/month pair no calendar has (30/02, 31/04, 29/02 in a common year)."""
    if not 1 <= month <= 12 or day < 1:
        return True
    return day > calendar.monthrange(year, month)[1]


class InvalidDate(Rule):
    """A date that no calendar has: 31/02/2022, 30/02, 31/4.

    ## What it does
    Reads every date written as `dd/mm/yyyy` (also with `-` or `.`) or as
    "ngày dd tháng mm năm yyyy" and flags the ones whose day does not exist in that month —
    30 or 31 February, 29 February of a common year, 31 April, June, September, November.

    ## Why is this bad?
    An impossible date cannot identify a document: the reader cannot tell which of two
    neighbouring dates was meant, and the knowledge base cannot match the citation. It is
    almost always a typing slip in the day or the month.

    ## Example
    ```text
    Kế hoạch số 29/KH-UBND ngày 30/02/2024 của UBND tỉnh Sơn La
    ```

    ## Use instead
    ```text
    Kế hoạch số 29/KH-UBND ngày 02/02/2024 của UBND tỉnh Sơn La
    ```

    ## References
    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4.b: the date of issue is written in full
    (ngày … tháng … năm …), days below 10 and months 1 and 2 with a leading zero.
    """

    code = "CC101"
    name = "invalid-date"
    severity = "error"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        text = doc.text
        spans: list[tuple[int, int, int, int, int]] = []
        for m in _NUMERIC.finditer(text):
            d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
            if m.group(2) != "/" and not re.search(
                r"(?i)ngày\s*$", text[max(0, m.start() - 8) : m.start()]
            ):
                continue  # 1.2.2020 or 1-2-2020 only when written after "ngày"
            spans.append((m.start(), m.end(), d, mo, y))
        for m in _WORDS.finditer(text):
            spans.append((m.start(), m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
        for start, end, d, mo, y in sorted(spans):
            if not 1900 <= y <= 2100 or mo > 12 or d > 31 or mo == 0:
                continue  # not a date at all (a ratio, a table cell)
            if not impossible(d, mo, y):
                continue
            cited = next((c for c in doc.citations if c.start <= start < c.end), None)
            written = " ".join(text[start:end].split())
            if cited is not None and cited.ref:
                message = self.msg(ctx, "cited", date=written, what=cite_label(cited))
            else:
                message = self.msg(ctx, "plain", date=written)
            yield self.finding(
                doc,
                start,
                end,
                message,
                ref=cited.ref if cited else None,
                suggestion=self.msg(ctx, "fix", month=mo, days=_days(mo, y)),
            )


def _days(month: int, year: int) -> int:
    return calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 31
