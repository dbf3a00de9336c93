"""CC302 superseded-citation."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.messages import fmt_date
from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc, cite_label
from citecheck.rules.mentions import usable

GONE = {"replaced", "repealed"}


def note_after(text: str, note: str) -> str:
    return text + note


class SupersededCitation(Rule):
    """Cites a document already replaced or repealed on the citing document's own date.

    ## What it does
    Asks the knowledge base whether each cited document was still in force on the date of
    the document that cites it — its header date; when the header date is blank, the
    earliest date it can have (the year on the date line, and no earlier than the newest
    document it cites); or `--as-of DATE`. A citation that was correct on that date is not
    flagged because a later document replaced it since. The finding names what replaced
    or repealed the document and when. It is an error when the replacement is stated in a
    document's text, curated or imported; a warning when the KB only inferred it (same
    issuer, same subject, later date), and the fix says so.

    ## Why is this bad?
    A report that "implements" a regulation that no longer applies was built on the wrong
    text: the duties, deadlines and forms may all have changed. Citators mark such an
    authority red.

    ## Example
    ```text
    (a report dated 15/9/2022)
    Thực hiện Quy định số 12-QĐ/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy về đối thoại …
    ```

    ## Use instead
    ```text
    Thực hiện Quy định số 429-QĐ/TU ngày 01/7/2022 của Tỉnh ủy về đối thoại trực tiếp …
    ```

    ## References
    Luật Ban hành văn bản quy phạm pháp luật 2015, Điều 154 (văn bản hết hiệu lực khi được
    thay thế hoặc bị bãi bỏ); Quy định 66-QĐ/TW 2017 for Party documents.
    """

    code = "CC302"
    name = "superseded-citation"
    severity = "error"
    needs_kb = True

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.kb is None:
            return
        window = ctx.window(doc)
        on = window.earliest
        if on is None:
            return
        for c in doc.citations:
            if not usable(c):
                continue
            known = ctx.kb.known(c)
            if known is None:
                continue
            st = ctx.kb.standing(known.key, on)
            if st is None or st.status not in GONE:
                continue
            if st.since is not None and st.since > on:
                continue
            note = self.msg(ctx, "inferred") if st.origin == "inferred" else ""
            yield self.finding(
                doc,
                c.start,
                c.end,
                note_after(
                    self.msg(
                        ctx,
                        st.status,
                        what=cite_label(c),
                        by=st.by_ref or st.by_key or "?",
                        since=fmt_date(st.since) if st.since else "?",
                        on=fmt_date(on),
                        basis=self.msg(ctx, f"basis_{window.source.replace('-', '_')}"),
                    ),
                    note,
                ),
                severity="warning" if st.origin == "inferred" else "error",
                ref=c.ref,
                suggestion=self.msg(ctx, "fix", by=st.by_ref or st.by_key or "?"),
            )
