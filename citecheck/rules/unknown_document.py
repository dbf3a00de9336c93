"""CC304 unknown-document."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc, cite_label
from citecheck.rules.mentions import usable


class UnknownDocument(Rule):
    """A cited document the knowledge base does not know (information only).

    ## What it does
    With a knowledge base (`--db FILE`, or a directory checked as a corpus), lists each
    cited document the KB has no record of, once per file. It never says the citation is
    wrong — only that it could not be verified.

    ## Why is this bad?
    It is not bad in itself. But a citation nobody can check is where a wrong number or a
    wrong date hides; the list tells the reviewer which citations to verify by hand, and the
    KB curator which documents to add.

    ## Example
    ```text
    Quyết định số 59/QĐ-VPUB ngày 25/4/2022 của Văn phòng UBND tỉnh …   (not in the KB)
    ```

    ## Use instead
    ```text
    Add the document (or a curated fact about it) to the corpus and rebuild the KB; or
    check the citation against the signed original.
    ```

    ## References
    Design notes §4 (unknown-document is information, never an error); Nghị định
    30/2020/NĐ-CP, Điều 28 (đăng ký văn bản đi: every issued document is registered).
    """

    code = "CC304"
    name = "unknown-document"
    severity = "info"
    needs_kb = True

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.kb is None:
            return
        seen: set[str] = set()
        for c in doc.citations:
            if not usable(c) or c.key in seen:
                continue
            seen.add(c.key or "")
            if ctx.kb.known(c) is not None:
                continue
            yield self.finding(
                doc,
                c.start,
                c.end,
                self.msg(ctx, "unknown", what=cite_label(c)),
                ref=c.ref,
                suggestion=self.msg(ctx, "fix"),
            )
