"""``--format text`` (default): like a good linter — location, code, name, message, the
source line with a caret under the span, the evidence, the fix, and a summary line."""

from __future__ import annotations

import re
from collections import Counter

import click

from citecheck.messages import message
from citecheck.models import CheckReport, Finding, Related
from citecheck.reporters.base import RenderOptions, Reporter, clip
from citecheck.rules import RULES
from citecheck.rules.base import SourceDoc

COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
MAX_RELATED_SHOWN = 5
_NOT_SPACE = re.compile(r"\S")


def where(path: str, line: int, column: int, location: object = None) -> str:
    label = location.label() if location is not None and hasattr(location, "label") else ""
    if label:
        offset = getattr(location, "offset", None)
        return f"{path}:{label}:{(offset or 0) + 1}"
    return f"{path}:{line}:{column}"


class TextReporter(Reporter):
    name = "text"

    def render(
        self, report: CheckReport, sources: dict[str, SourceDoc], options: RenderOptions
    ) -> str:
        out: list[str] = []

        def style(s: str, **kw: object) -> str:
            return click.style(s, **kw) if options.color else s  # type: ignore[arg-type]

        for ff in report.files:
            for f in ff.findings:
                out.extend(self._finding(f, sources.get(f.path), options, style))
        s = report.summary
        if options.statistics and s.by_code:
            out.append(message("report", "statistics", options.lang) + ":")
            names = {r.code: r.name for r in RULES}
            for code, n in sorted(Counter(s.by_code).items(), key=lambda kv: (-kv[1], kv[0])):
                out.append(f"{n:>6}  {code}  {names.get(code, '')}")
        if s.findings:
            out.append(
                style(
                    message(
                        "report",
                        "summary",
                        options.lang,
                        files=s.files,
                        findings=s.findings,
                        errors=s.errors,
                        warnings=s.warnings,
                        infos=s.infos,
                    ),
                    bold=True,
                )
            )
        else:
            out.append(style(message("report", "clean", options.lang, files=s.files), fg="green"))
        return "\n".join(out)

    def _finding(
        self, f: Finding, src: SourceDoc | None, options: RenderOptions, style: object
    ) -> list[str]:
        st = style  # callable(str, **kw) -> str
        head = (
            f"{st(where(f.path, f.line, f.column, f.location), bold=True)}: "  # type: ignore[operator]
            f"{st(f.code, fg=COLOURS[f.severity], bold=True)} "  # type: ignore[operator]
            f"{st(f.name, fg=COLOURS[f.severity])} {f.message}"  # type: ignore[operator]
        )
        lines = [head]
        if src is not None:
            lines.extend(self._snippet(f, src))
        for r in f.related[:MAX_RELATED_SHOWN]:
            lines.append(f"   = {message('report', 'see', options.lang)} {self._related(r)}")
        if len(f.related) > MAX_RELATED_SHOWN:
            lines.append(f"   = … (+{len(f.related) - MAX_RELATED_SHOWN})")
        if f.suggestion:
            lines.append(f"   = {message('report', 'fix', options.lang)}: {f.suggestion}")
        lines.append("")
        return lines

    @staticmethod
    def _related(r: Related) -> str:
        loc = where(r.path, r.line, r.column, r.location)
        note = f" ({r.note})" if r.note else ""
        text = clip(r.text, 80)
        return f"{loc}: {text}{note}"

    @staticmethod
    def _snippet(f: Finding, src: SourceDoc) -> list[str]:
        line_start, line_end = src.line_bounds(f.start)
        text = src.text
        if _NOT_SPACE.search(text, line_start, line_end) is None:
            return []
        line_len = line_end - line_start
        width = len(str(f.line))
        end_line, end_col = src.position(f.end)
        span_end = end_col if end_line == f.line else line_len + 1
        length = max(1, span_end - f.column)
        col = f.column
        if line_len > 160:  # long paragraphs: show a window around the span
            lo = max(0, col - 60)
            window_end = min(line_start + lo + 160, line_end)
            shown = (
                ("…" if lo else "")
                + text[line_start + lo : window_end]
                + ("…" if lo + 160 < line_len else "")
            )
            col = col - lo + (1 if lo else 0)
            length = min(length, 160)
        else:
            shown = text[line_start:line_end]
        pad = " " * width
        return [
            f" {pad} |",
            f" {f.line} | {shown.rstrip()}",
            f" {pad} | {' ' * (col - 1)}{'^' * length}",
        ]
