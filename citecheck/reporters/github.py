"""``--format github``: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from citecheck.models import CheckReport
from citecheck.reporters.base import RenderOptions, Reporter
from citecheck.rules.base import SourceDoc

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    name = "github"

    def render(
        self, report: CheckReport, sources: dict[str, SourceDoc], options: RenderOptions
    ) -> str:
        lines: list[str] = []
        for ff in report.files:
            for f in ff.findings:
                end_line = sources[f.path].position(f.end)[0] if f.path in sources else f.line
                props = [
                    f"file={escape_property(f.path)}",
                    f"line={f.line}",
                    f"col={f.column}",
                    f"endLine={end_line}",
                    f"title={escape_property(f'{f.code} {f.name}')}",
                ]
                body = f.message + (f"\n{f.suggestion}" if f.suggestion else "")
                lines.append(f"::{LEVELS[f.severity]} {','.join(props)}::{escape_data(body)}")
        return "\n".join(lines)
