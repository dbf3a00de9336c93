"""CC401 blank-placeholder."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc

# Only the top of a document holds its own number and date line; forms quoted in annexes
# ("…, ngày … tháng … năm 20…") are templates on purpose.
HEADER_CHARS = 2500

# spaces, and at most two line breaks: a web or PDF copy breaks the number and the date
# lines wherever its columns end ("Số:" / "/BC-UBND"; "ngày" / "tháng 5 năm 2025")
_GAP = r"[ \t\u00a0]*(?:\r?\n[ \t\u00a0|]*){0,2}"
_DOTS = r"[.…_]+"
_BLANK = rf"(?:{_GAP}{_DOTS}{_GAP}|{_GAP})"
_NUMBER_BLANK = re.compile(
    r"(?im)^[ \t>#*|]*Số[ \t\u00a0]*:?" + _GAP + rf"(?:{_DOTS}{_GAP})?"
    r"(?P<sym>/[ \t\u00a0]*[^\s/][^\s]*)"
)
_DATE_LINE = re.compile(
    rf"(?i)ngày(?P<d>{_GAP}\d{{1,2}}|{_BLANK}){_GAP}tháng"
    rf"(?P<m>{_GAP}\d{{1,2}}|{_BLANK}){_GAP}năm"
    rf"(?P<y>{_GAP}(?:\d{{4}}|20{_DOTS}|{_DOTS}))"
)
# what stands before "ngày" on its line when it is the place-and-date line: a place name
# and a comma, or nothing (a column of its own)
_DATE_LEAD = re.compile(r"(?:^|,)[ \t\u00a0|]*$")
# a place left as a dotted leader: "……, ngày …", "Xã ……, ngày …"
_PLACE_BLANK = re.compile(
    r"(?im)^[ \t|]*(?P<place>(?:(?:xã|phường|thị trấn|huyện|quận|tỉnh|thành phố)[ \t\u00a0]+)?"
    r"[.…_]{3,})[ \t\u00a0]*,[ \t\u00a0]*ngày\b"
)
# the issuing body's name in the header with its commune or district left as dots:
# "ỦY BAN NHÂN DÂN" / "XÃ ………"
_BODY_BLANK = re.compile(
    r"(?im)^[ \t|]*(?P<place>(?:(?:ủy|uỷ) ban nhân dân[ \t\u00a0]+|đảng ủy[ \t\u00a0]+)?"
    r"(?:xã|phường|thị trấn|huyện|quận|thị xã)[ \t\u00a0]*[.…_]{3,})[ \t\u00a0|]*$"
)
HEADER_LINES_FOR_BODY = 600  # characters: the body's name stands in the first lines


class BlankPlaceholder(Rule):
    """A number or date left blank in the document's own header ("Số: /BC-VPUB").

    ## What it does
    Looks at the top of the document for the "Số:" line with no number before the symbol
    ("Số: /BC-VPUB"), for the place-and-date line with the day, the month or the year left
    empty ("Sơn La, ngày  tháng  năm 2025"), for a place left as dots ("……, ngày …") and
    for the issuing body's commune or district left as dots in the header ("XÃ ………").
    A copy that broke these lines where its columns ended ("Số:" with "/BC-UBND" on the next
    line; "ngày" / "tháng 5 năm 2025") is read as one line.

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
        body = _BODY_BLANK.search(head[:HEADER_LINES_FOR_BODY])
        if body:
            yield self.finding(
                doc,
                body.start("place"),
                body.end("place"),
                self.msg(ctx, "body", text=" ".join(body.group("place").split())),
                suggestion=self.msg(ctx, "body_fix"),
            )
        place = _PLACE_BLANK.search(head)
        if place:
            yield self.finding(
                doc,
                place.start("place"),
                place.end("place"),
                self.msg(ctx, "place", text=" ".join(place.group("place").split())),
                suggestion=self.msg(ctx, "place_fix"),
            )
        for m in _DATE_LINE.finditer(head):
            if "\n" in m.group(0):
                line_start = head.rfind("\n", 0, m.start()) + 1
                if not _DATE_LEAD.search(head[line_start : m.start()]):
                    continue  # "… trong 15 ngày" / "tháng 6 năm 2024" in running text
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
