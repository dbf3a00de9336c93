"""CC102 malformed-ref."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.messages import has_message
from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc, cite_label
from kb.models import Citation, Family
from kb.parse.grammar import load_grammar

# Numbers without an issuer part (or a type code) were the rule before the current forms;
# only a dated citation from this year on is reported as missing it.
MODERN_FORMS = 2000
_OLD_FORMS_LACKED = {"missing-issuer", "missing-type"}

# Damage that comes from reading a PDF (a citation broken across lines or pages) is not a
# defect of the document and is not reported.
NOT_DEFECTS = {"line-break-in-ref", "page-break-in-ref", "eth-for-d", "odd-dash", "odd-slash"}


def _glued_type_code(c: Citation) -> str | None:
    """The number as it should be written when its type code is glued to the issuer code —
    "Quyết định số 2468/QĐUBND" for 2468/QĐ-UBND, the dash lost (a PDF copy drops it) — so
    that it reads as a công văn of an unknown body; None otherwise."""
    if c.family not in (Family.LETTER, Family.ADMINISTRATIVE) or not c.type_word:
        return None
    g = load_grammar()
    entry = g.type_for_word(c.type_word)
    if entry is None or not c.ref or "/" not in c.ref:
        return None
    split = g.unglued(entry, c.issuer_code or "")
    return None if split is None else f"{c.ref.rsplit('/', 1)[0]}/{split[0]}-{split[1]}"


class MalformedRef(Rule):
    """A số hiệu written wrongly: stray spaces, the issuer part missing, type word vs code.

    ## What it does
    Reports the damage the citation parser saw inside a số hiệu: a space inside it
    (`834/QĐ- UBND`), the issuer part missing (`429-QĐi` with no `/TU`), the type code
    missing (`Thông tư 115/2017-BTC`), the term of the National Assembly missing
    (`Pháp lệnh số 02/2020/UBTVQH`), the dash after the type code missing
    (`27/2016/TTBLĐTBXH`) or the slash after the year (`89/2014TT-BTC`), a doubled slash
    (`64//2023/NĐ-CP`), a dash after the year (`95/1998-NĐ-CP`), a type word that
    contradicts the type code (a "Kế hoạch" numbered `-HD/`), and a Party issuer written in
    the state form (`31/KH-ĐUVP` for the Party committee's `31-KH/ĐUVP`). A missing issuer
    part or type code is reported only for a citation dated 2000 or later: older forms such
    as "Chỉ thị 87-CT" had none. A type code glued to the issuer code ("Quyết định số
    2468/QĐUBND", the dash lost) is reported as the missing dash. The document's own number
    is held to the type word of its title: "QUYẾT ĐỊNH" numbered `1961/QĐUBND` (the dash
    lost) or `55/2007/CT-UBND` (the code of a Chỉ thị). Breaks that come from reading a PDF (a number split across
    two lines) are not reported: the signed document is not wrong.

    ## Why is this bad?
    A số hiệu is matched character for character by registers, search engines and the
    knowledge base. A malformed one finds nothing — or the wrong document — and a
    state-form number for a Party document mixes two numbering systems.

    ## Example
    ```text
    Quyết định số 834/QĐ- UBND ngày 10/4/2019 của UBND tỉnh
    Quy định số 429-QĐi ngày 01/7/2022 của Tỉnh ủy Sơn La
    Kế hoạch số 31/KH-ĐUVP ngày 23/10/2021
    ```

    ## Use instead
    ```text
    Quyết định số 834/QĐ-UBND ngày 10/4/2019 của UBND tỉnh
    Quy định số 429-QĐi/TU ngày 01/7/2022 của Tỉnh ủy Sơn La
    Kế hoạch số 31-KH/ĐUVP ngày 23/10/2021
    ```

    ## References
    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3 (số và ký hiệu: "/" between number and
    symbol, "-" between the groups, no spaces) and Phụ lục III; Hướng dẫn 36-HD/VPTW 2018,
    mục 1.3 (Party số hiệu `n-TYPE/ISSUER`).
    """

    code = "CC102"
    name = "malformed-ref"
    severity = "warning"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        yield from self._own_number(doc, ctx)
        for c in doc.citations:
            if c.self_reference:
                continue
            glued = _glued_type_code(c)
            if glued is not None:
                start = c.ref_start if c.ref_start is not None else c.start
                end = c.ref_end if c.ref_end is not None else c.end
                written = " ".join(doc.text[start:end].split())
                yield self.finding(
                    doc,
                    start,
                    end,
                    self.msg(ctx, "missing-dash", what=cite_label(c), written=written),
                    ref=c.ref,
                    suggestion=self.msg(ctx, "missing-dash_fix", ref=glued),
                )
                continue
            for raw in dict.fromkeys(c.anomalies):
                anomaly = raw
                if raw == "mixed-form":
                    anomaly = "party-form-state" if c.family == Family.PARTY else "state-form-party"
                if raw == "type-word-mismatch" and (c.type_code or "") in ("", "VBHN"):
                    continue  # no type code to contradict; a consolidated text keeps its type word
                if raw in _OLD_FORMS_LACKED and (c.date is None or c.date.year < MODERN_FORMS):
                    continue  # "Chỉ thị 87-CT", "Thông tư 01-TT": the older forms had no issuer
                if anomaly in NOT_DEFECTS or not has_message(self.code, anomaly):
                    continue
                start = c.ref_start if c.ref_start is not None else c.start
                end = c.ref_end if c.ref_end is not None else c.end
                written = " ".join(doc.text[start:end].split())
                yield self.finding(
                    doc,
                    start,
                    end,
                    self.msg(
                        ctx,
                        anomaly,
                        what=cite_label(c),
                        written=written,
                        word=c.type_word or "",
                        code=c.type_code or "",
                        issuer=c.issuer_code or "",
                        meant=(c.key or "").split("@")[0],
                    ),
                    ref=c.ref,
                    suggestion=self.msg(
                        ctx,
                        f"{anomaly}_fix",
                        ref=c.ref or written,
                        issuer=c.issuer_code or "",
                        meant=(c.key or "").split("@")[0],
                    ),
                )

    def _own_number(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        """The document's own số hiệu against the type word of its title: a type code glued
        to the issuer code, or a type code of another type."""
        h = doc.extracted.document
        if not h.number_anomalies or h.number_start is None or h.number_end is None:
            return
        written = " ".join(doc.text[h.number_start : h.number_end].split())
        for anomaly in h.number_anomalies:
            if anomaly == "missing-dash":
                g = load_grammar()
                entry = g.type_for_word(" ".join((h.type_word or "").split()))
                split = g.unglued(entry, h.issuer_code or "") if entry else None
                head = (h.ref or written).rsplit("/", 1)[0]
                fixed = f"{head}/{split[0]}-{split[1]}" if split else written
                yield self.finding(
                    doc,
                    h.number_start,
                    h.number_end,
                    self.msg(ctx, "missing-dash", what="", written=written),
                    ref=h.ref,
                    suggestion=self.msg(ctx, "missing-dash_fix", ref=fixed),
                )
            elif anomaly == "type-word-mismatch":
                yield self.finding(
                    doc,
                    h.number_start,
                    h.number_end,
                    self.msg(
                        ctx,
                        "type-word-mismatch",
                        word=" ".join((h.type_word or "").split()),
                        code=h.type_code or "",
                        written=written,
                        what="",
                        issuer=h.issuer_code or "",
                    ),
                    ref=h.ref,
                    suggestion=self.msg(ctx, "type-word-mismatch_fix", ref=h.ref or written),
                )
