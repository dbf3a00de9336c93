"""CC103 number-year-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.messages import fmt_date
from citecheck.models import Finding, Severity
from citecheck.rules.base import CheckContext, Rule, SourceDoc, cite_label
from citecheck.rules.mentions import own_date


class NumberYearMismatch(Rule):
    """A normative số hiệu whose year is not the year of its date (`45/2020/NĐ-CP ngày 08/4/2021`).

    ## What it does
    For documents whose số hiệu carries a year — laws, ordinances, decrees, circulars,
    normative decisions and resolutions (`n/yyyy/TYPE-ISSUER`, `n/yyyy/QH14`) — compares that
    year with the year of the date written after it. Numbers run from 01 on 1 January, and a
    law's number carries the year it was passed, so the two always agree.

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
        for c in doc.citations:
            if c.self_reference or c.year is None or c.date is None or not c.ref:
                continue
            if c.date.year == c.year:
                continue
            severity: Severity = "error" if own_date(doc, c) else "warning"
            yield self.finding(
                doc,
                c.start,
                c.end,
                self.msg(ctx, "mismatch", what=cite_label(c), year=c.year, date=fmt_date(c.date)),
                severity=severity,
                ref=c.ref,
                suggestion=self.msg(ctx, "fix", year=c.year, dyear=c.date.year),
            )
