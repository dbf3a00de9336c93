"""CC403 own-number-forms."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc
from kb.models import Citation, DocumentHeader
from kb.parse.textutil import canon_letters

# "(Kèm theo Báo cáo số 120/BC-UBND …)": an annex names the document it belongs to
_ATTACHED = re.compile(r"(?:kèm theo|ban hành kèm|đính kèm)[^\n]{0,40}$", re.IGNORECASE)
ATTACHED_CHARS = 60
_OWN_PARTS = ("header", "footer")


def _norm_number(number: str | None) -> str:
    return (number or "").lstrip("0") or "0"


def _form(ref: str) -> str:
    """The số hiệu as compared: letters folded (Ð → Đ), case kept apart from that."""
    return canon_letters(ref).upper()


def _is_own_mention(doc: SourceDoc, head: DocumentHeader, c: Citation) -> bool:
    """``c`` names the document itself: same number and type, and dated like it, or in an
    annex's "kèm theo" line, or in the page header/footer."""
    if _norm_number(c.number) != _norm_number(head.number):
        return False
    if not c.type_code or _form(c.type_code) != _form(head.type_code or ""):
        return False
    if c.date is not None:
        return head.date is not None and c.date == head.date
    if c.self_reference:
        return True
    lead = doc.text[max(0, c.start - ATTACHED_CHARS) : c.start]
    if _ATTACHED.search(lead):
        return True
    loc = doc.location(c.start)
    return loc is not None and loc.part in _OWN_PARTS


class OwnNumberForms(Rule):
    """The document's own số hiệu written in two forms in one file (header vs title or footer).

    ## What it does
    Takes the document's own number from its "Số:" line and looks for the other places that
    name the document itself: an annex headed "(Kèm theo Báo cáo số … ngày …)", a page
    header or footer, a mention with the same number, type and date. When one of them writes
    the số hiệu differently — another issuer code ("120/BC-VPUB" against "120/BC-UBND"),
    another year, another zero-padding ("05/KH" against "5/KH") — the document carries two
    numbers.

    ## Why is this bad?
    The number is the document's identity: the văn thư registers it, others cite it, and
    the annexes are bound to it by it. Two forms in one file leave readers (and the register)
    with two documents, one of which does not exist.

    ## Example
    ```text
    Số: 120/BC-UBND
    …
    Phụ lục (Kèm theo Báo cáo số 120/BC-VPUB ngày 10/3/2026 của Văn phòng UBND tỉnh)
    ```

    ## Use instead
    ```text
    Số: 120/BC-VPUB
    …
    Phụ lục (Kèm theo Báo cáo số 120/BC-VPUB ngày 10/3/2026 của Văn phòng UBND tỉnh)
    ```

    ## References
    Nghị định 30/2020/NĐ-CP về công tác văn thư, Phụ lục I, mục II.3 (số, ký hiệu của văn
    bản) and mục IV (phụ lục kèm theo văn bản ghi số, ký hiệu của văn bản).
    """

    code = "CC403"
    name = "own-number-forms"
    severity = "warning"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        head = doc.extracted.document
        if not head.ref or not head.number or head.number_start is None:
            return
        own = _form(head.ref)
        written = head.number_text or head.ref
        for c in doc.citations:
            if c.ref is None or c.start <= (head.number_end or 0):
                continue
            if not c.issuer_code or not c.type_code:
                continue  # a part lost in extraction ("152/2025/TT- BTCngày"): malformed-ref's
            if not _is_own_mention(doc, head, c):
                continue
            same_ref = _form(c.ref) == own
            same_padding = (c.number or "") == head.number
            if same_ref and same_padding:
                continue
            yield self.finding(
                doc,
                c.ref_start if c.ref_start is not None else c.start,
                c.ref_end if c.ref_end is not None else c.end,
                self.msg(
                    ctx,
                    "differs",
                    other=doc.text[c.ref_start or c.start : c.ref_end or c.end],
                    own=written,
                ),
                ref=c.ref,
                related=[
                    doc.related(
                        head.number_start,
                        head.number_end or head.number_start,
                        self.msg(ctx, "note_header"),
                    )
                ],
                suggestion=self.msg(ctx, "fix", own=written),
            )
