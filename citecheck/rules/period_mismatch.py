"""CC203 period-mismatch."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from citecheck.messages import count_phrase
from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc, cite_label
from citecheck.rules.mentions import Mention, usable
from kb.models import Citation

_PERIOD = re.compile(
    r"(?i)giai[ \t\u00a0\n]+đoạn[ \t\u00a0\n]+((?:19|20)\d\d)[ \t\u00a0\n]*[-–—][ \t\u00a0\n]*((?:19|20)\d\d)"
)
# the subject of a citation ends at the next item of the list or the end of the sentence
_STOP = re.compile(r";|\.(?:\s|$)")


def subject_period(doc: SourceDoc, c: Citation, next_start: int) -> tuple[str, int, int] | None:
    """The 'giai đoạn yyyy-yyyy' in the subject of citation ``c``, with its span."""
    limit = min(next_start, c.end + 600, len(doc.text))
    tail = doc.text[c.end : limit]
    stop = _STOP.search(tail)
    if stop:
        tail = tail[: stop.start()]
    m = _PERIOD.search(tail)
    if not m:
        return None
    return f"{m.group(1)}-{m.group(2)}", c.end + m.start(), c.end + m.end()


class PeriodMismatch(Rule):
    """One plan or programme cited with two different periods (2021-2025 and 2021-2022).

    ## What it does
    Reads the "giai đoạn yyyy-yyyy" in the subject of each citation (up to the next item of
    the list) and flags a document whose mentions give it different periods. Different
    documents may of course cover different periods; only mentions of the same số hiệu and
    date are compared.

    ## Why is this bad?
    The period is part of what a plan is. A plan cited once for 2021-2025 and once for
    2021-2022 leaves the reader unsure whether the target years were changed or one of
    the mentions is a typing slip.

    ## Example
    ```text
    Quyết định số 2674/QĐ-UBND ngày 02/11/2021 … phong trào thi đua "Dân vận khéo" giai đoạn
    2021-2025; … Quyết định số 2674/QĐ-UBND ngày 02/11/2021 … giai đoạn 2021-2022
    ```

    ## Use instead
    ```text
    Quyết định số 2674/QĐ-UBND ngày 02/11/2021 … phong trào thi đua "Dân vận khéo" giai đoạn
    2021-2025; … Quyết định số 2674/QĐ-UBND ngày 02/11/2021 … giai đoạn 2021-2025
    ```

    ## References
    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5 (trích yếu nội dung văn bản must state the
    subject exactly as the document does).
    """

    code = "CC203"
    name = "period-mismatch"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        groups: dict[str, list[tuple[Mention, str, int, int]]] = defaultdict(list)
        for doc in ctx.documents:
            cites = sorted(doc.citations, key=lambda c: c.start)
            for i, c in enumerate(cites):
                if not usable(c):
                    continue
                nxt = cites[i + 1].start if i + 1 < len(cites) else len(doc.text)
                found = subject_period(doc, c, nxt)
                if found:
                    groups[c.key or ""].append((Mention(doc, c), *found))
        for items in groups.values():
            tally = Counter(p for _, p, _, _ in items)
            if len(tally) < 2:
                continue
            counts = tally.most_common()
            top = counts[0][0] if counts[0][1] > counts[1][1] else None
            phrase = count_phrase([(p, n) for p, n in counts], ctx.lang)
            first_period = items[0][1]
            baseline = top or first_period
            for m, period, start, end in items:
                if period == baseline:
                    continue
                others = [x for x in items if x[1] != period]
                yield self.finding(
                    m.doc,
                    start,
                    end,
                    self.msg(ctx, "mismatch", what=cite_label(m.citation), counts=phrase),
                    ref=m.citation.ref,
                    related=[x[0].doc.related(x[2], x[3], x[1]) for x in others[:5]],
                    suggestion=self.msg(ctx, "fix", period=baseline),
                )
