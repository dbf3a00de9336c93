"""CC104 issuer-mismatch."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from citecheck.issuers import (
    Issuer,
    display_name,
    lookup,
    norm_code,
    party_committee_in,
    related_bodies,
)
from citecheck.messages import fmt_date, join_words
from citecheck.models import Finding, Severity
from citecheck.rules.base import CheckContext, Rule, SourceDoc
from citecheck.rules.mentions import Mention, named_with_cua
from kb.models import Citation, Family

# the document's own number is on a "Số …" line among its first lines
HEADER_CHARS = 600
HEADER_LINES = 8
_OWN_NUMBER = re.compile(r"(?i)^[ \t|*>#]*Số\b")

_FORM_FAMILY = {
    Family.NORMATIVE: "state",
    Family.ADMINISTRATIVE: "state",
    Family.LETTER: "state",
    Family.PARTY: "party",
}


def _tier(iss: Issuer) -> str:
    return "central" if iss.level == "central" else "local"


def _codes(c: Citation) -> list[str]:
    return [p for p in norm_code(c.issuer_code or "").split("-") if p]


def contradiction(c: Citation) -> tuple[Severity, str] | None:
    """How the named issuer contradicts the code in the số hiệu: (severity, kind) or None."""
    if not c.issuer_code or not c.issuer_named_code:
        return None
    named = lookup(c.issuer_named_code)
    if named is None:
        return None
    coded = [iss for code in _codes(c) if (iss := lookup(code)) is not None]
    if not coded:
        # an issuer code the table does not know: the form of the số hiệu still tells
        # a state document (n/TYPE-ISSUER) from a Party one (n-TYPE/ISSUER)
        form = _FORM_FAMILY.get(c.family) if c.family else None
        if form is not None and form != named.family:
            return "error", "family"
        return None
    if any(related_bodies(iss, named) for iss in coded):
        return None
    main = coded[0]
    if main.family != named.family:
        return "error", "family"
    if _tier(main) != _tier(named):
        return "error", "level"
    return "warning", "body"


class IssuerMismatch(Rule):
    """The issuer code in the số hiệu contradicts the body named, or one document has two codes.

    ## What it does
    Reads the issuer code of the số hiệu (`UBND` in `3266/UBND-NC`, `TU` in `114-KL/TU`)
    and the body named after the citation ("của Tỉnh ủy", "của Ban Bí thư Trung ương Đảng")
    and flags them when they cannot be the same body: a state code with a Party body (or the
    reverse), a central code with a provincial body (or the reverse) — errors — or two
    unrelated bodies of the same kind — a warning. A unit and its parent agree (a `VPUB`
    document "của Chánh Văn phòng UBND tỉnh"). It also flags the same number and date cited
    with two issuer codes (`114-KL/TU` and `114-KL/TW`, both of 14/7/2015) as a warning: two
    bodies can issue the same number on the same day, so without other evidence it is only
    a doubt. And it flags a local Party committee's own document — "TỈNH ỦY …" at its head —
    whose number carries the Central Committee's code ("Số 445-KL/TƯ", "-NQ/TW"), as a
    warning.

    ## Why is this bad?
    The issuer code is part of the document's identity. A công văn of the People's Committee
    attributed to the Party committee, or a Kết luận of the Secretariat numbered as a
    provincial one, sends the reader to a document that does not exist.

    ## Example
    ```text
    Công văn số 3266/UBND-NC ngày 25/8/2022 của Tỉnh ủy về việc triển khai thực hiện …
    Kết luận số 114-KL/TU ngày 14/7/2015 của Ban Bí thư Trung ương Đảng …
    ```

    ## Use instead
    ```text
    Công văn số 3266/UBND-NC ngày 25/8/2022 của UBND tỉnh về việc triển khai thực hiện …
    Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư Trung ương Đảng …
    ```

    ## References
    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3.b and Phụ lục III (chữ viết tắt tên cơ
    quan ban hành); Hướng dẫn 36-HD/VPTW ngày 03/4/2018, mục 1.3 (ký hiệu văn bản của Đảng).
    """

    code = "CC104"
    name = "issuer-mismatch"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        flagged: set[tuple[str, int]] = set()
        groups: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
        for doc in ctx.documents:
            for c in doc.citations:
                if c.self_reference or not c.ref:
                    continue
                found = contradiction(c) if named_with_cua(doc, c) else None
                if found is not None:
                    severity, kind = found
                    flagged.add((doc.path, c.start))
                    yield self.on_citation(
                        doc,
                        ctx,
                        c,
                        kind,
                        code=c.issuer_code,
                        coded=display_name(_codes(c)[0] if _codes(c) else None),
                        named=c.issuer or display_name(c.issuer_named_code),
                        severity=severity,
                        suggestion=self.msg(ctx, "fix", code=c.issuer_code, named=c.issuer or ""),
                    )
                if c.date is not None and c.number and c.issuer_code and (c.type or c.type_code):
                    number = c.number.lstrip("0") or "0"
                    groups[(c.type or c.type_code or "", number, c.date.isoformat())].append(
                        Mention(doc, c)
                    )
        yield from self._two_codes(ctx, groups, flagged)
        for doc in ctx.documents:
            yield from self._own_central_code(doc, ctx)

    def _own_central_code(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        """A local Party committee's own document numbered with the Central Committee's code:
        "TỈNH ỦY THỪA THIÊN HUẾ … Số 445-KL/TƯ"."""
        head = doc.text[:HEADER_CHARS]
        lines = [ln.strip() for ln in head.splitlines() if ln.strip()][:HEADER_LINES]
        committee = party_committee_in(lines)
        if committee is None:
            return
        for c in doc.citations:
            if c.start >= HEADER_CHARS:
                break
            if c.family != Family.PARTY or not _OWN_NUMBER.match(doc.line_at(c.start)):
                continue
            coded = lookup(c.issuer_code)
            if coded is None or coded.level != "central" or coded.family != "party":
                continue
            header = next((ln for ln in lines if party_committee_in([ln]) is committee), "")
            yield self.on_citation(
                doc,
                ctx,
                c,
                "own_central",
                code=c.issuer_code,
                coded=display_name(coded.code),
                header=header,
                local=committee.code,
                severity="warning",
                suggestion=self.msg(ctx, "own_central_fix", local=committee.code),
            )
            return

    def _two_codes(
        self,
        ctx: CheckContext,
        groups: dict[tuple[str, str, str], list[Mention]],
        flagged: set[tuple[str, int]],
    ) -> Iterator[Finding]:
        for mentions in groups.values():
            by_code: dict[str, list[Mention]] = defaultdict(list)
            for m in mentions:
                by_code[norm_code(m.citation.issuer_code or "")].append(m)
            if len(by_code) < 2:
                continue
            # a code whose mentions name a matching body is supported by evidence
            supported = {
                code
                for code, ms in by_code.items()
                if any(
                    m.citation.issuer_named_code and contradiction(m.citation) is None for m in ms
                )
            }
            ranked = sorted(by_code, key=lambda k: (k not in supported, -len(by_code[k])))
            best = ranked[0]
            refs = join_words(sorted({m.citation.ref or "" for m in mentions}), ctx.lang)
            date = fmt_date(mentions[0].citation.date) if mentions[0].citation.date else "?"
            for code in ranked[1:]:
                for m in by_code[code]:
                    if (m.doc.path, m.citation.start) in flagged:
                        continue
                    related = [
                        x.doc.related(x.citation.start, x.citation.end, x.citation.ref or "")
                        for x in by_code[best][:5]
                    ]
                    yield self.on_citation(
                        m.doc,
                        ctx,
                        m.citation,
                        "two_codes",
                        refs=refs,
                        date=date,
                        severity="warning",
                        related=related,
                        suggestion=self.msg(ctx, "two_codes_fix", refs=refs),
                    )
