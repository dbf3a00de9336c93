"""The table of authorities: every document a draft cites, once, with a verdict.

Like a citator's answer to "is this still good law?": for each cited document, how it was
cited (the variants of số hiệu and date), what the KB knows of it, and a verdict on the
draft's own date — verified, mismatch (what differs), replaced or repealed (by what, when),
not in the KB, or could not judge (and why). Nothing passes silently.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from citecheck.kbview import Standing
from citecheck.messages import fmt_date, message
from citecheck.models import Authority, Finding, Variant
from citecheck.rules.base import CheckContext, SourceDoc
from kb.graph.ranking import ISSUED, type_class
from kb.graph.status import Status, label
from kb.models import Citation

# findings that make a citation a "mismatch" in the table
MISMATCH_CODES = {"CC101", "CC102", "CC103", "CC104", "CC201", "CC203", "CC301", "CC303"}


def _group_key(c: Citation) -> str | None:
    if c.self_reference:
        return None
    if c.key:
        return c.key
    if c.ref:
        return f"{c.ref}@?"
    return None


def _entries(doc: SourceDoc) -> dict[str, list[Citation]]:
    groups: dict[str, list[Citation]] = defaultdict(list)
    for c in sorted(doc.citations, key=lambda c: c.start):
        k = _group_key(c)
        if k:
            groups[k].append(c)
    return groups


def build_authorities(ctx: CheckContext, findings: list[Finding]) -> list[Authority]:
    by_span: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for f in findings:
        by_span[(f.path, f.start)].append(f)
    lang = ctx.lang
    out: list[Authority] = []
    for doc in ctx.documents:
        window = ctx.window(doc)
        on = window.earliest or window.latest
        for key, cites in _entries(doc).items():
            first = cites[0]
            variants: dict[tuple[str | None, str | None], Variant] = {}
            own: list[Finding] = []
            for c in cites:
                ref_span = (c.ref_start, c.ref_end)
                shown = (
                    " ".join(doc.text[ref_span[0] : ref_span[1]].split())
                    if ref_span[0] is not None and ref_span[1] is not None
                    else c.ref
                )
                vkey = (shown, fmt_date(c.date) if c.date else c.date_text)
                v = variants.setdefault(vkey, Variant(ref=vkey[0], date=vkey[1], line=c.line))
                v.count += 1
                own.extend(by_span.get((doc.path, c.start), []))
                if c.ref_start is not None:
                    own.extend(
                        x for x in by_span.get((doc.path, c.ref_start), []) if x.start != c.start
                    )
            entry = Authority(
                path=doc.path,
                key=key,
                ref=first.ref or first.name,
                type=first.type,
                title=next((c.subject for c in cites if c.subject), None),
                count=len(cites),
                first_line=first.line,
                variants=list(variants.values()),
            )
            entry.judged_on = on.isoformat() if isinstance(on, dt.date) else None
            _judge(entry, cites, own, ctx, on, lang)
            out.append(entry)
    return out


def _judge(
    entry: Authority,
    cites: list[Citation],
    own: list[Finding],
    ctx: CheckContext,
    on: object,
    lang: str,
) -> None:
    bad = [f for f in own if f.code in MISMATCH_CODES]
    known = (
        ctx.kb.known(cites[0])
        if ctx.kb is not None and entry.key and not entry.key.endswith("@?")
        else None
    )
    if known is not None:
        entry.kb = {
            "key": known.key,
            "ref": known.ref,
            "date": known.date.isoformat() if known.date else None,
            "type": known.type,
        }
    if known is not None and isinstance(on, dt.date) and ctx.kb is not None:
        st = ctx.kb.standing(known.key, on)
        if st is not None and st.status in ("expired", "probably_replaced", "not_yet_in_force"):
            _judge_not_plainly_in_force(entry, st, lang)
            return
        if st is not None and st.status in ("replaced", "repealed"):
            entry.verdict = "replaced" if st.status == "replaced" else "repealed"
            entry.detail = message(
                "authorities",
                "kb_gone",
                lang,
                status=message("authorities", st.status, lang),
                by=st.by_ref or st.by_key or "?",
                since=fmt_date(st.since) if st.since else "?",
            )
            return
    if bad:
        entry.verdict = "mismatch"
        entry.detail = " | ".join(dict.fromkeys(f.message for f in bad))
        return
    if entry.key and entry.key.endswith("@?"):
        entry.verdict = "unjudged"
        entry.detail = message("authorities", "unresolved", lang)
        return
    if ctx.kb is None:
        entry.verdict = "unjudged"
        entry.detail = message("authorities", "no_kb", lang)
        return
    if known is None:
        entry.verdict = "not-in-kb"
        entry.detail = message("authorities", "not-in-kb", lang)
        return
    if on is None:
        entry.verdict = "unjudged"
        entry.detail = message("authorities", "as_of_unknown", lang)
        return
    differing = sorted(
        {fmt_date(c.date) for c in cites if c.date and known.date and c.date != known.date}
    )
    if differing and known.date is not None:
        entry.verdict = "mismatch"
        entry.detail = message(
            "authorities",
            "date_differs",
            lang,
            dates=", ".join(differing),
            date=fmt_date(known.date),
        )
        return
    entry.verdict = "verified"
    st = ctx.kb.standing(known.key, on) if isinstance(on, dt.date) else None
    entry.detail = message(
        "authorities",
        "kb_agrees",
        lang,
        ref=known.ref or known.key,
        date=fmt_date(known.date) if known.date else "?",
        status=_status_label(st.status if st is not None else "unknown", known.type, lang),
    )


def _status_label(status: str, doc_type: str | None, lang: str) -> str:
    """The KB's words for a status: "còn hiệu lực", "đã ban hành" for a report or plan."""
    try:
        value = Status(status)
    except ValueError:
        return status
    if type_class(doc_type) == ISSUED and value in (Status.IN_FORCE, Status.AMENDED):
        value = Status.ISSUED
    return label(value, lang)


def _judge_not_plainly_in_force(entry: Authority, st: Standing, lang: str) -> None:
    """Ended by its own terms, only inferred to be replaced, or not yet in force: never
    "verified, in force"."""
    since = fmt_date(st.since) if st.since else "?"
    if st.status == "expired":
        entry.verdict = "expired"
        entry.detail = message("authorities", "kb_expired", lang, since=since)
    elif st.status == "probably_replaced":
        entry.verdict = "probably-replaced"
        entry.detail = message(
            "authorities", "kb_probably", lang, by=st.by_ref or st.by_key or "?", since=since
        )
    else:
        entry.verdict = "not-yet-in-force"
        entry.detail = message("authorities", "kb_not_yet", lang)
