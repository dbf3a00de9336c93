"""CC201 date-mismatch."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from citecheck.messages import count_phrase, fmt_date
from citecheck.models import Finding, Severity
from citecheck.rules.base import CheckContext, Rule, cite_label
from citecheck.rules.mentions import Mention, by_key, own_date, usable, year_contradicts
from kb.models import Citation, Family
from kb.parse.textutil import fold

MAX_RELATED = 8


def _reference(
    key_mentions: list[Mention], counts: list[tuple[dt.date, int]], ctx: CheckContext
) -> tuple[dt.date | None, str]:
    """The date the evidence supports, and why: 'kb', 'majority', 'number-year' or ''."""
    if ctx.kb is not None:
        known = ctx.kb.known(key_mentions[0].citation)
        trusted = known is not None and known.date_source in ("header", "curated", "imported")
        if trusted and known is not None and known.date is not None and known.date in dict(counts):
            return known.date, "kb"
    (top, n1), (_, n2) = counts[0], counts[1]
    if n1 >= 3 and n1 >= 2 * n2:
        return top, "majority"
    c = key_mentions[0].citation
    if c.family == Family.NORMATIVE and c.year:
        matching = [d for d, _ in counts if d.year == c.year]
        if len(matching) == 1:
            return matching[0], "number-year"
    if n1 > n2:
        # copies inside one document are not independent evidence: across files, the more
        # frequent date must also be attested by more documents
        files: dict[dt.date, set[str]] = {}
        for m in key_mentions:
            if m.citation.date is not None:
                files.setdefault(m.citation.date, set()).add(m.doc.path)
        a, b = files[top], files[counts[1][0]]
        one_witness_each = len(a) == 1 and len(b) == 1 and a != b
        if not one_witness_each and len(a) >= len(b):
            return top, "plurality"
    return None, ""


class DateMismatch(Rule):
    """The same document cited with different dates, in one file or across the corpus.

    ## What it does
    Groups the citations that name the same document (same type, number, issuer code, and —
    for documents whose number has no year — the same year of issue) and compares their
    dates. When they differ it reports each mention that departs from the best-supported
    date, counts the variants ("cited 5 times as 27/02/2019 and twice as 27/12/2019"), and
    says which one the evidence supports: the knowledge base's record, a clear majority, or
    the only date whose year matches the year in the số hiệu. It is an error only when that
    evidence is clear; when the variants are evenly attested it is a warning on every
    variant (copies of one paragraph inside one document count as one witness). A law cited by
    name and date is compared only when the register of laws resolves it to its number
    (otherwise two dates may be two laws), and `62/KH-VPUB` of 2023 and
    of 2024 are two plans — unless one file gives them the very same subject, which two
    yearly plans do not have (a warning: probably one document with a slip in the year).
    Only dates written as the document's date of
    issue are compared ("… số hiệu ngày …", or the date right after the số hiệu on the same
    line) — not an effective date in the next column of a table — and a date whose year
    contradicts the year in the số hiệu is left to number-year-mismatch.

    ## Why is this bad?
    A document is identified by its number *and* its date. Two dates for one document leave
    the reader unsure which text is meant; the wrong one usually survives from an earlier
    draft and is copied into every later report.

    ## Example
    ```text
    Sơ kết 03 năm thực hiện Quy định số 12-QĐ/TU ngày 27/12/2019 của Ban Thường vụ Tỉnh ủy …
    Thực hiện Quy định số 12-QĐ/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy …
    ```

    ## Use instead
    ```text
    Sơ kết 03 năm thực hiện Quy định số 12-QĐ/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy …
    Thực hiện Quy định số 12-QĐ/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy …
    ```

    ## References
    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3–4 (số, ký hiệu and ngày ban hành identify
    a document); Hướng dẫn 36-HD/VPTW 2018 for Party documents.
    """

    code = "CC201"
    name = "date-mismatch"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        yield from self._same_subject_other_year(ctx)
        for _key, mentions in by_key(ctx).items():
            dated = [
                m
                for m in mentions
                if m.citation.date is not None
                and own_date(m.doc, m.citation)
                and not year_contradicts(m.citation)
            ]
            tally = Counter(m.citation.date for m in dated if m.citation.date)
            if len(tally) < 2:
                continue
            first_seen = {
                d: i for i, d in reversed(list(enumerate(m.citation.date for m in dated)))
            }
            counts = sorted(tally.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))
            reference, why = _reference(dated, counts, ctx)
            baseline = reference if reference is not None else counts[0][0]
            severity: Severity = "error" if why in ("kb", "majority") else "warning"
            files = {m.doc.path for m in dated}
            c0 = dated[0].citation
            text = self.msg(
                ctx,
                "variants",
                what=cite_label(c0),
                counts=count_phrase([(fmt_date(d), n) for d, n in counts], ctx.lang),
            )
            if len(files) > 1:
                text += self.msg(ctx, "scope", n=len(files))
            text += self.msg(ctx, "end")
            if why:
                text += self.msg(
                    ctx, f"why_{why.replace('-', '_')}", date=fmt_date(baseline), year=c0.year
                )
            else:
                text += self.msg(ctx, "why_unclear")
            for m in dated:
                if why and m.citation.date == baseline:
                    continue
                # with no evidence either way every variant is reported, each pointing to
                # the mentions that differ from it
                others = [x for x in dated if x.citation.date != m.citation.date]
                good = [x for x in dated if x.citation.date == baseline] if why else others
                related = [
                    x.doc.related(
                        x.citation.start, x.citation.end, fmt_date(x.citation.date or baseline)
                    )
                    for x in good[:MAX_RELATED]
                ]
                suggestion = (
                    self.msg(ctx, "fix", date=fmt_date(baseline))
                    if why
                    else self.msg(ctx, "fix_unclear")
                )
                yield self.finding(
                    m.doc,
                    m.citation.start,
                    m.citation.end,
                    text,
                    severity=severity,
                    ref=m.citation.ref,
                    related=related,
                    suggestion=suggestion,
                )

    def _same_subject_other_year(self, ctx: CheckContext) -> Iterator[Finding]:
        """One số hiệu, dated in two different years, with the same subject, in one file.

        Numbers without a year restart every 1 January, so 62/KH-VPUB of 2023 and of 2024
        are two plans — unless the text gives them the very same subject, which two plans
        of two years do not have (their subjects name their own year)."""
        for doc in ctx.documents:
            groups: dict[str, list[Citation]] = {}
            for c in doc.citations:
                if (
                    usable(c)
                    and c.date
                    and "@" in (c.key or "")
                    and _subject_words(c) >= MIN_SUBJECT_WORDS
                ):
                    groups.setdefault((c.key or "").split("@")[0], []).append(c)
            for cites in groups.values():
                if len({c.date.year for c in cites if c.date}) < 2:
                    continue
                first = cites[0]
                for c in cites[1:]:
                    if c.date is None or first.date is None or c.date.year == first.date.year:
                        continue
                    if not _same_subject(first, c):
                        continue
                    yield self.on_citation(
                        doc,
                        ctx,
                        c,
                        "year_variants",
                        other=fmt_date(first.date),
                        related=[doc.related(first.start, first.end, fmt_date(first.date))],
                        suggestion=self.msg(ctx, "fix_unclear"),
                    )


MIN_SUBJECT_WORDS = 5


def _subject(c: Citation) -> str:
    return " ".join(fold(c.subject or "").split())


def _subject_words(c: Citation) -> int:
    return len(_subject(c).split())


def _same_subject(a: Citation, b: Citation) -> bool:
    """The same subject, allowing one mention to be cut short (a line break, a list)."""
    sa, sb = _subject(a), _subject(b)
    short, long_ = sorted((sa, sb), key=len)
    return len(short.split()) >= MIN_SUBJECT_WORDS and long_.startswith(short)
