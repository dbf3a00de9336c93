"""CC302 superseded-citation."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.kbview import KBView, Standing
from citecheck.messages import fmt_date
from citecheck.models import Finding, Severity
from citecheck.rules.base import CheckContext, KnowledgeRule, SourceDoc, cite_label
from citecheck.rules.mentions import usable
from kb.models import Citation
from kb.parse.textutil import fold

GONE = {"replaced", "repealed", "expired", "probably_replaced"}
CONTEXT = 160
# words of a clause that describes the change (accent-folded)
CHANGE_WORDS = (
    "bai bo",
    "thay the",
    "het hieu luc",
    "sua doi",
    "bo sung",
    "dinh chinh",
    "hop nhat",
    "ngung hieu luc",
    "dinh chi",
)


class SupersededCitation(KnowledgeRule):
    """Cites a document already replaced or repealed on the citing document's own date.

    ## What it does
    Asks the knowledge base whether each cited document was still in force on the date of
    the document that cites it — its header date; when the header date is blank, the
    earliest date it can have (the year on the date line, and no earlier than the newest
    document it cites); or `--as-of DATE`. A citation that was correct on that date is not
    flagged because a later document replaced it since. The finding names what replaced
    or repealed the document and when, once per cited document (the other mentions are
    listed as evidence). It is an error when a person checked the replacement (curated
    facts) or an official register records it; a warning when it was read from a
    document's text ("… thay thế …", "bãi bỏ …" may be partial or transitional); a text
    that had ended by its own terms ("… có hiệu lực đến hết ngày …", "… tiếp tục có hiệu
    lực thi hành đến ngày …") is reported the same way; a replacement only inferred by the
    KB (same issuer, same subject, later date) is info, and the message says so. The day a
    replacement counts from is the day the replacing text takes effect, not its signing. A
    document that itself replaces what it cites is not reported. A mention
    whose own clause speaks of the change ("… đã được sửa đổi, bổ sung bởi …", "… bị bãi
    bỏ") is not reported: the text already knows.

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

    def check_known(self, doc: SourceDoc, ctx: CheckContext, kb: KBView) -> Iterator[Finding]:
        window = ctx.window(doc)
        on = window.earliest
        if on is None:
            return
        reported: dict[str, Finding] = {}
        head = doc.extracted.document
        own_keys = {k for k in (head.key, head.ref) if k}
        for c in doc.citations:
            if not usable(c):
                continue
            known = kb.known(c)
            if known is None:
                continue
            if known.key in reported:
                first = reported[known.key]
                first.related.append(doc.related(c.start, c.end, "again"))
                continue
            st = kb.standing(known.key, on)
            if st is None or st.status not in GONE:
                continue
            if st.since is not None and st.since > on:
                continue
            if st.by_key and st.by_key in own_keys:
                continue  # the document itself replaces or repeals what it cites
            if talks_about_change(doc.text, c):
                continue  # "… đã được sửa đổi, bổ sung bởi …", "… bị bãi bỏ": the text knows
            note = self.msg(ctx, "inferred") if st.origin == "inferred" else ""
            severity: Severity = "error" if _certain(st) else "warning"
            if st.status == "probably_replaced":
                severity = "info"  # a guess of the KB: said, never as an error
            finding = self.finding(
                doc,
                c.start,
                c.end,
                self.msg(
                    ctx,
                    st.status,
                    what=cite_label(c),
                    by=st.by_ref or st.by_key or "?",
                    since=fmt_date(st.since) if st.since else "?",
                    on=fmt_date(on),
                    basis=self.msg(ctx, f"basis_{window.source.replace('-', '_')}"),
                )
                + note,
                severity=severity,
                ref=c.ref,
                suggestion=self.msg(ctx, "fix", by=st.by_ref or st.by_key)
                if st.by_ref or st.by_key
                else self.msg(ctx, "expired_fix"),
            )
            reported[known.key] = finding
            yield finding


def _certain(st: Standing) -> bool:
    """A replacement or repeal a person checked (curated) or an official register records
    (imported). One read from a document's text may be partial or transitional."""
    return st.origin in ("curated", "imported")


def talks_about_change(text: str, c: Citation) -> bool:
    """Whether the clause around the citation is about the change itself."""
    lo = max(0, c.start - CONTEXT)
    hi = min(len(text), c.end + CONTEXT)
    before = text[lo : c.start]
    after = text[c.end : hi]
    cut = max(before.rfind(";"), before.rfind(". "), before.rfind("\n\n"))
    before = before[cut + 1 :]
    stop = min((x for x in (after.find(";"), after.find(". ")) if x >= 0), default=len(after))
    clause = fold(before + " " + after[:stop])
    return any(w in clause for w in CHANGE_WORDS)
