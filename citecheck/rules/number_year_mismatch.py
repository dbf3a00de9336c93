"""CC103 number-year-mismatch."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.messages import fmt_date
from citecheck.models import Finding, Severity
from citecheck.rules.base import CheckContext, Rule, SourceDoc
from citecheck.rules.mentions import own_date

_NORMATIVE_NUMBER = re.compile(r"^\d+[a-zA-Z]?/((?:19|20)\d\d)/")


class NumberYearMismatch(Rule):
    """A normative số hiệu whose year is not the year of its date (`45/2020/NĐ-CP ngày 08/4/2021`).

    ## What it does
    For documents whose số hiệu carries a year — laws, ordinances, decrees, circulars,
    normative decisions and resolutions (`n/yyyy/TYPE-ISSUER`, `n/yyyy/QH14`) — compares that
    year with the year of the date written after it. Numbers run from 01 on 1 January, and a
    law's number carries the year it was passed, so the two always agree. The document's
    own number ("Số: …" in its header) is checked against its own date line the same way.

    ## Why is this bad?
    One of the two is wrong, and the citation points to no real document. The knowledge base
    cannot match it, and a reader who looks up the decree by its number finds a different
    date from the one in the report.

    ## Example
    ```text
    Nghị định số 45/2020/NĐ-CP ngày 08/4/2021 của Chính phủ về thực hiện TTHC trên môi
    trường điện tử
    ```

    ## Use instead
    ```text
    Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện TTHC trên môi
    trường điện tử
    ```

    ## References
    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3.a (số của văn bản quy phạm pháp luật gồm
    số thứ tự, năm ban hành, ký hiệu); Luật Ban hành văn bản quy phạm pháp luật 2015, Điều 8.
    """

    code = "CC103"
    name = "number-year-mismatch"
    severity = "error"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        yield from self._own_header(doc, ctx)
        for c in doc.citations:
            if c.self_reference or c.year is None or c.date is None or not c.ref:
                continue
            if c.date.year == c.year:
                continue
            severity: Severity = "error" if own_date(doc, c) else "warning"
            yield self.on_citation(
                doc,
                ctx,
                c,
                "mismatch",
                year=c.year,
                severity=severity,
                suggestion=self.msg(ctx, "fix", year=c.year, dyear=c.date.year),
            )

    def _own_header(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        """The document's own "Số: 45/2020/NĐ-CP" against its own date line."""
        head = doc.extracted.document
        m = _NORMATIVE_NUMBER.match(head.ref or "")
        if not m or head.date is None or head.number_start is None:
            return
        year = int(m.group(1))
        if year == head.date.year:
            return
        yield self.finding(
            doc,
            head.number_start,
            head.number_end or head.number_start,
            self.msg(ctx, "header", ref=head.ref, year=year, date=fmt_date(head.date)),
            ref=head.ref,
            suggestion=self.msg(ctx, "fix", year=year, dyear=head.date.year),
        )
