"""``--format authorities``: the table of authorities of each checked document."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from citecheck.messages import fmt_date, message
from citecheck.models import CheckReport
from citecheck.reporters.base import RenderOptions, Reporter, clip
from citecheck.rules.base import SourceDoc

MARKS = {
    "verified": "✓",
    "mismatch": "✗",
    "replaced": "⊘",
    "repealed": "⊘",
    "expired": "⊘",
    "probably-replaced": "⚠",
    "not-yet-in-force": "…",
    "not-in-kb": "?",
    "unjudged": "·",
}


class AuthoritiesReporter(Reporter):
    name = "authorities"

    def render(
        self, report: CheckReport, sources: dict[str, SourceDoc], options: RenderOptions
    ) -> str:
        lang = options.lang
        out: list[str] = []
        for path, rows_iter in groupby(report.authorities, key=lambda a: a.path):
            rows = list(rows_iter)
            title = message("authorities", "title", lang, path=path)
            on = rows[0].judged_on
            when = (
                message("authorities", "as_of", lang, date=fmt_date(dt.date.fromisoformat(on)))
                if on
                else message("authorities", "as_of_unknown", lang)
            )
            out.append(f"{title} ({when})")
            out.append("=" * min(100, len(out[-1])))
            for a in rows:
                verdict = message("authorities", a.verdict, lang)
                label = " ".join(x for x in (a.type, a.ref) if x) or (a.key or "?")
                out.append(f"{MARKS[a.verdict]} {label}  [{verdict}]")
                cited = message("authorities", "cited", lang, n=a.count)
                variants = "; ".join(
                    f"{v.ref or '?'} {v.date or message('authorities', 'undated', lang)} ×{v.count}"
                    for v in a.variants
                )
                out.append(f"    {cited}, l.{a.first_line}: {variants}")
                if a.title:
                    title = clip(a.title, 100)
                    out.append(f"    {title}")
                if a.detail:
                    out.append(f"    → {a.detail}")
            out.append("")
        return "\n".join(out).rstrip() + "\n" if out else ""
