"""CC105 issuer-validity."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from citecheck.dating import date_window
from citecheck.issuers import display_name
from citecheck.lifetimes import Lifetime, NamedMatch, code_lifetime, named_bodies
from citecheck.messages import fmt_date
from citecheck.models import Finding, Severity
from citecheck.rules.base import CheckContext, Rule, SourceDoc
from kb.models import Citation

# "… ngày 10/02/2026 của UBND huyện Mai Sơn về việc …": the issuer phrase after a citation
_OF = re.compile(r"[ \t\u00a0\r\n]*,?[ \t\u00a0\r\n]*(?:của|do)[ \t\u00a0\r\n]+", re.IGNORECASE)
_PHRASE_END = re.compile(r"\s(?:về|quy định|ban hành|hướng dẫn|phê duyệt)\s|[,;:()]|\n\s*\n")
PHRASE_CHARS = 120
# "UBND huyện Mai Sơn ban hành Kế hoạch …": a body said to issue something
_ISSUES = re.compile(r"[ \t\u00a0]+(?:sẽ[ \t\u00a0]+|tiếp tục[ \t\u00a0]+)?ban hành(?!\w)")
_BAN_HANH = re.compile(r"(?<!\w)ban hành(?!\w)")
ISSUER_LEAD_CHARS = 90
_BY = re.compile(r"(?<!\w)do\s+(?:Chủ tịch\s+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# the head of a document: the lines above its "Số:" line name the body that issues it
HEAD_CHARS = 600
SURE_SOURCES = ("header", "header-year")


class IssuerValidity(Rule):
    """A document attributed to a body that did not exist on its date (2025 reorganisation).

    ## What it does
    Compares the date of a document with the lifetime of the body it is attributed to. A
    citation "Quyết định số 15/QĐ-UBND ngày 10/02/2026 của UBND huyện Mai Sơn" names a
    district that ended on 30/6/2025; "Thông tư số 10/2025/TT-BLĐTBXH ngày 01/4/2025" carries
    the code of a ministry merged into Bộ Nội vụ on 01/3/2025; "Thông tư … /TT-BNNMT" dated
    2024 names a ministry that began on 01/3/2025. The document under check is judged the
    same way: a draft dated 2026 whose head reads "ỦY BAN NHÂN DÂN / HUYỆN MAI SƠN", or
    whose text says "UBND huyện … ban hành …". The lifetimes are data with their legal
    sources: ministries merged from 01/3/2025, provincial departments with them, district
    UBND, HĐND and Party committees ended on 01/7/2025, 29 provinces merged into others
    from 01/7/2025, Party boards merged in 2025. A 2024 document of a UBND huyện is fine.

    It is an error only when both are read for certain: the body (its code, or its name
    after "của") and the date. Bodies whose end date differs from place to place (the Party
    boards, provincial departments) and a body said to "ban hành" something give warnings.

    ## Why is this bad?
    A body that no longer exists cannot sign a document, and a citation that says it did is
    wrong in its date, its number or its issuer. After the 2025 reorganisation, old headers
    and templates are reused by mistake: a report of 2026 still headed by a district UBND,
    or a plan citing "Sở Kế hoạch và Đầu tư" for a document of 2026.

    ## Example
    ```text
    Căn cứ Quyết định số 15/QĐ-UBND ngày 10/02/2026 của UBND huyện Mai Sơn về việc …
    ```

    ## Use instead
    ```text
    Căn cứ Quyết định số 15/QĐ-UBND ngày 10/02/2026 của UBND xã Mai Sơn về việc …
    ```

    ## References
    Nghị quyết số 176/2025/QH15 (cơ cấu tổ chức của Chính phủ từ 01/3/2025); Nghị quyết số
    202/2025/QH15 (sắp xếp đơn vị hành chính cấp tỉnh, từ 01/7/2025); Nghị quyết số
    203/2025/QH15 sửa đổi Hiến pháp và Luật Tổ chức chính quyền địa phương số 72/2025/QH15
    (chính quyền địa phương hai cấp từ 01/7/2025); Nghị định số 45/2025/NĐ-CP (các sở).
    """

    code = "CC105"
    name = "issuer-validity"
    severity = "error"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        yield from self._citations(doc, ctx)
        yield from self._own(doc, ctx)

    # -- cited documents ---------------------------------------------------------------------
    def _citations(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        for c in doc.citations:
            if c.self_reference or c.date is None or not c.date_valid:
                continue
            if c.year and c.year != c.date.year:
                continue  # number-year-mismatch says which of the two is wrong
            life = code_lifetime(c.issuer_code)
            if life is not None and (life.after(c.date) or life.before(c.date)):
                yield self._on_cited(doc, ctx, c, life, f"{life.name} ({c.issuer_code})")
                continue
            named = self._named_after(doc, c)
            if named is not None and (named.life.after(c.date) or named.life.before(c.date)):
                yield self._on_cited(doc, ctx, c, named.life, named.text)

    def _named_after(self, doc: SourceDoc, c: Citation) -> NamedMatch | None:
        """The lapsed body named in the "của …" phrase right after citation ``c``."""
        m = _OF.match(doc.text, c.end)
        if not m:
            return None
        tail = doc.text[m.end() : m.end() + PHRASE_CHARS]
        stop = _PHRASE_END.search(tail)
        phrase = tail[: stop.start()] if stop else tail
        found = named_bodies(phrase)
        return found[0] if found else None

    def _on_cited(
        self, doc: SourceDoc, ctx: CheckContext, c: Citation, life: Lifetime, body: str
    ) -> Finding:
        assert c.date is not None
        key = "cited_not_yet" if life.before(c.date) else "cited_ended"
        severity: Severity = "warning" if life.date_varies else "error"
        return self.on_citation(
            doc,
            ctx,
            c,
            key,
            severity=severity,
            suggestion=self._fix(ctx, life),
            body=body,
            **self._span(life),
        )

    # -- the document itself -----------------------------------------------------------------
    def _own(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        # the document's own date, not --as-of (the day it is judged at is not its date)
        window = date_window(doc.extracted)
        if window.earliest is None:
            return
        sure = window.source in SURE_SOURCES
        on = window.earliest
        head = doc.extracted.document
        # the lines above "Số:" name the issuer; without a "Số:" line the head is not known
        head_end = min(head.number_start, HEAD_CHARS) if head.number_start is not None else 0
        reported: list[tuple[int, int]] = []
        life = code_lifetime(head.issuer_code)
        if (
            life is not None
            and head.number_start is not None
            and head.number_end is not None
            and self._lapsed(life, window.earliest, window.latest)
        ):
            reported.append((head.number_start, head.number_end))
            yield self._on_own(
                doc,
                ctx,
                head.number_start,
                head.number_end,
                life,
                head.ref or life.name,
                on,
                "error" if sure and not life.date_varies else "warning",
                window.source,
            )
        # one finding for the head: its code already says it when the number carries one
        for n in [] if reported else named_bodies(doc.text[:head_end]):
            # the issuer block is in capitals ("ỦY BAN NHÂN DÂN / HUYỆN MAI SƠN"); a name in
            # running text above "Số:" belongs to a title or a citation
            if n.text.upper() != n.text:
                continue
            if self._lapsed(n.life, window.earliest, window.latest):
                reported.append((n.start, n.end))
                yield self._on_own(
                    doc,
                    ctx,
                    n.start,
                    n.end,
                    n.life,
                    n.text,
                    on,
                    "error" if sure and not n.life.date_varies else "warning",
                    window.source,
                )
                break
        for n in self._said_to_issue(doc.text):
            if any(s <= n.start < e for s, e in reported) or not n.life.after(on):
                continue
            if not n.life.local or _BY.search(doc.text, max(0, n.start - 12), n.start):
                continue  # "danh mục do UBND huyện ban hành": a list it issued, not a new act
            issues = _ISSUES.match(doc.text, n.end)
            if not issues or self._earlier_year_near(doc.text, n, n.life):
                continue
            yield self.finding(
                doc,
                n.start,
                issues.end(),
                self.msg(
                    ctx,
                    "issues_ended",
                    text=" ".join(doc.text[n.start : issues.end()].split()),
                    on=fmt_date(on),
                    basis=self.msg(ctx, f"basis_{window.source.replace('-', '_')}"),
                    body=n.text,
                    **self._span(n.life),
                ),
                severity="warning",
                suggestion=self._fix(ctx, n.life),
            )

    @staticmethod
    def _said_to_issue(text: str) -> Iterator[NamedMatch]:
        """Bodies named right before "ban hành" (looked for only there: a scan of the whole
        text for every name would cost more than the rest of the checker)."""
        last = -1
        for m in _BAN_HANH.finditer(text):
            base = max(0, m.start() - ISSUER_LEAD_CHARS, last)
            for n in named_bodies(text[base : m.start()]):
                n = NamedMatch(n.life, base + n.start, base + n.end, n.text)
                issues = _ISSUES.match(text, n.end)
                if issues is not None and issues.end() == m.end():
                    yield n
            last = m.end()

    @staticmethod
    def _lapsed(life: Lifetime, earliest: dt.date, latest: dt.date | None) -> bool:
        """The document's date window lies wholly outside the body's lifetime."""
        return life.after(earliest) or (latest is not None and life.before(latest))

    @staticmethod
    def _earlier_year_near(text: str, n: NamedMatch, life: Lifetime) -> bool:
        """The sentence around ``n`` names a year within the body's lifetime ("Năm 2024, UBND
        huyện ban hành …"): the text tells of the past."""
        if life.valid_to is None:
            return False
        start = 0
        for m in _SENTENCE_END.finditer(text, max(0, n.start - 400), n.start):
            start = m.end()
        stop = _SENTENCE_END.search(text, n.end)
        sentence = text[start : stop.start() if stop else len(text)]
        return any(int(y) <= life.valid_to.year for y in _YEAR.findall(sentence))

    def _on_own(
        self,
        doc: SourceDoc,
        ctx: CheckContext,
        start: int,
        end: int,
        life: Lifetime,
        body: str,
        on: dt.date,
        severity: Severity,
        source: str,
    ) -> Finding:
        key = "own_not_yet" if life.valid_from and not life.after(on) else "own_ended"
        return self.finding(
            doc,
            start,
            end,
            self.msg(
                ctx,
                key,
                body=body,
                on=fmt_date(on),
                basis=self.msg(ctx, f"basis_{source.replace('-', '_')}"),
                **self._span(life),
            ),
            severity=severity,
            suggestion=self._fix(ctx, life),
        )

    # -- wording -------------------------------------------------------------------------------
    @staticmethod
    def _span(life: Lifetime) -> dict[str, Any]:
        return {
            "until": fmt_date(life.valid_to) if life.valid_to else "",
            "since": fmt_date(life.valid_from) if life.valid_from else "",
            "source": life.source,
            "name": life.name,
        }

    def _fix(self, ctx: CheckContext, life: Lifetime) -> str:
        if life.valid_to is None:
            return self.msg(ctx, "fix_not_yet", since=fmt_date(life.valid_from or dt.date.min))
        successor = display_name(life.successor) if life.successor else ""
        key = "fix_successor" if successor else "fix_ended"
        text = self.msg(ctx, key, successor=successor, until=fmt_date(life.valid_to))
        if life.date_varies:
            text += self.msg(ctx, "varies")
        return text
