"""CC303 future-citation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.messages import fmt_date
from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc
from citecheck.rules.mentions import own_date, usable, year_contradicts

# Consolidated texts (VBHN) carry the date of the original and cite the later amendments.
_CONSOLIDATED = re.compile(r"(?i)văn bản hợp nhất|VBHN")


class FutureCitation(Rule):
    """Cites a document dated after the citing document itself.

    ## What it does
    Compares the date of each citation with the latest date the citing document can have:
    its header date, the end of the month or year written on a half-blank date line
    ("ngày  tháng 4 năm 2026"), or `--as-of DATE`. A document cannot implement or quote
    a document issued after it was signed. When the draft has no date at all, nothing is
    reported. Consolidated texts (VBHN), which cite later amendments by design, are skipped.

    ## Why is this bad?
    Either the cited date is wrong (a typing slip in the year is the usual cause) or the
    draft's own date is; both make the citation point nowhere.

    ## Example
    ```text
    (a report dated 10/01/2022)
    Thực hiện Công văn số 4639/UBND-NC ngày 30/12/2022 của UBND tỉnh …
    ```

    ## Use instead
    ```text
    Thực hiện Công văn số 4639/UBND-NC ngày 30/12/2021 của UBND tỉnh …
    ```

    ## References
    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4 (ngày ban hành văn bản); a citation names
    a document already issued.
    """

    code = "CC303"
    name = "future-citation"
    severity = "error"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        window = ctx.window(doc)
        latest = window.latest
        if latest is None:
            return
        head = doc.extracted.document
        if (head.type_code or "").upper() == "VBHN" or _CONSOLIDATED.search(doc.text[:3000]):
            return
        for c in doc.citations:
            if not usable(c) or c.date is None or c.date <= latest or year_contradicts(c):
                continue
            yield self.on_citation(
                doc,
                ctx,
                c,
                "future",
                latest=fmt_date(latest),
                basis=self.msg(ctx, f"basis_{window.source.replace('-', '_')}"),
                severity="error" if own_date(doc, c) and window.source != "as-of" else "warning",
                suggestion=self.msg(ctx, "fix"),
            )
