"""CC304 unknown-document."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.kbview import KBView
from citecheck.models import Finding
from citecheck.rules.base import CheckContext, KnowledgeRule, SourceDoc
from citecheck.rules.mentions import usable


class UnknownDocument(KnowledgeRule):
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

    def check_known(self, doc: SourceDoc, ctx: CheckContext, kb: KBView) -> Iterator[Finding]:
        seen: set[str] = set()
        for c in doc.citations:
            if not usable(c) or c.key in seen:
                continue
            seen.add(c.key or "")
            if kb.known(c) is not None:
                continue
            yield self.on_citation(doc, ctx, c, "unknown", suggestion=self.msg(ctx, "fix"))
