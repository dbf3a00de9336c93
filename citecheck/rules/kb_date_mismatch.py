"""CC301 kb-date-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.kbview import KBView
from citecheck.messages import fmt_date
from citecheck.models import Finding, Severity
from citecheck.rules.base import CheckContext, KnowledgeRule, SourceDoc
from citecheck.rules.mentions import own_date, usable, year_contradicts

# Where the KB's date comes from, and whether it outweighs the draft.
TRUSTED_SOURCES = {"header", "curated", "imported", "document"}


class KbDateMismatch(KnowledgeRule):
    """A citation dated differently from the knowledge base's record of that document.

    ## What it does
    Looks each dated citation up in the knowledge base (`--db FILE`, or the KB built in
    memory from a directory) and compares its date with the date the KB records for the
    document. It is an error when the KB's date comes from the document's own header, from
    curated facts or from an imported official register; a warning when the KB only knows
    the date from other citations.

    ## Why is this bad?
    The draft names a document that, with that date, does not exist. Readers who follow
    the citation find a different date, and the draft's own list of authorities is wrong.

    ## Example
    ```text
    Thực hiện Quyết định số 144/QĐ-VPUB ngày 30/12/2020 của Chánh Văn phòng UBND tỉnh …
    ```

    ## Use instead
    ```text
    Thực hiện Quyết định số 144/QĐ-VPUB ngày 31/12/2020 của Chánh Văn phòng UBND tỉnh …
    ```

    ## References
    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4 (ngày ban hành là ngày ký); the KB's
    record is the document's own header line "…, ngày … tháng … năm …".
    """

    code = "CC301"
    name = "kb-date-mismatch"
    severity = "error"

    def check_known(self, doc: SourceDoc, ctx: CheckContext, kb: KBView) -> Iterator[Finding]:
        for c in doc.citations:
            if not usable(c) or c.date is None or not own_date(doc, c) or year_contradicts(c):
                continue
            known = kb.known(c)
            if known is None or known.date is None or known.date == c.date:
                continue
            if known.date_source == "mentions":
                continue  # the KB only knows the date from citations: date-mismatch's job
            severity: Severity = "error" if known.date_source in TRUSTED_SOURCES else "warning"
            yield self.on_citation(
                doc,
                ctx,
                c,
                "mismatch",
                kb_date=fmt_date(known.date),
                source=self.msg(ctx, f"source_{known.date_source}")
                if known.date_source in TRUSTED_SOURCES
                else self.msg(ctx, "source_kb"),
                severity=severity,
                suggestion=self.msg(ctx, "fix", kb_date=fmt_date(known.date)),
            )
