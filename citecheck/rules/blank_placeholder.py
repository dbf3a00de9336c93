"""CC401 blank-placeholder."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc

# Only the top of a document holds its own number and date line; forms quoted in annexes
# ("…, ngày … tháng … năm 20…") are templates on purpose.
HEADER_CHARS = 2500

_BLANK = r"(?:[ \t\u00a0]*|[ \t\u00a0]*[.…_]+[ \t\u00a0]*)"
_NUMBER_BLANK = re.compile(
    r"(?im)^[ \t>#*]*Số[ \t\u00a0]*:?[ \t\u00a0]*(?:[.…_]+[ \t\u00a0]*)?(?P<sym>/[ \t\u00a0]*[^\s/][^\s]*)"
)
_DATE_LINE = re.compile(
    r"(?i)ngày(?P<d>[ \t\u00a0]*\d{1,2}|" + _BLANK + r")[ \t\u00a0]*tháng"
    r"(?P<m>[ \t\u00a0]*\d{1,2}|" + _BLANK + r")[ \t\u00a0]*năm"
    r"(?P<y>[ \t\u00a0]*(?:\d{4}|20[.…_]+|[.…_]+))"
)


class BlankPlaceholder(Rule):
    """A number or date left blank in the document's own header ("Số: /BC-VPUB").

    ## What it does
    Looks at the top of the document for the "Số:" line with no number before the symbol
    ("Số: /BC-VPUB") and for the place-and-date line with the day, the month or the year left
    empty ("Sơn La, ngày  tháng  năm 2025").

    ## Why is this bad?
    The number and the date are filled in by the văn thư when the document is signed and
    registered. A draft that still has them blank is not ready to be issued, and a copy sent
    out in that state cannot be cited by anyone. This is the pre-signing reminder: it is a
    warning, not an error, because a draft is expected to have them blank.

    ## Example
    ```text
    Số: /BC-VPUB
    Sơn La, ngày tháng năm 2025
    ```

    ## Use instead
    ```text
    Số: 367/BC-VPUB
    Sơn La, ngày 09 tháng 5 năm 2025
    ```

    ## References
    Nghị định 30/2020/NĐ-CP về công tác văn thư, Phụ lục I, mục II.3 (số, ký hiệu) and
    II.4 (địa danh và thời gian ban hành văn bản).
    """

    code = "CC401"
    name = "blank-placeholder"
    severity = "warning"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        head = doc.text[:HEADER_CHARS]
        m = _NUMBER_BLANK.search(head)
        if m:
            sym = m.group("sym").strip()
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                self.msg(ctx, "number", symbol=sym),
                suggestion=self.msg(ctx, "number_fix"),
            )
        for m in _DATE_LINE.finditer(head):
            parts = [m.group("d"), m.group("m"), m.group("y")]
            blank = [not re.search(r"\d", p) or re.search(r"[.…_]", p) for p in parts]
            if not any(blank):
                continue
            names = [
                self.msg(ctx, part)
                for part, empty in zip(("day", "month", "year"), blank, strict=True)
                if empty
            ]
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                self.msg(ctx, "date", what=", ".join(names), text=" ".join(m.group(0).split())),
                suggestion=self.msg(ctx, "date_fix"),
            )
            break
