"""``--format json``: the CheckReport model, as in the design notes, section 5."""

from __future__ import annotations

from citecheck.models import CheckReport
from citecheck.reporters.base import RenderOptions, Reporter
from citecheck.rules.base import SourceDoc


class JsonReporter(Reporter):
    name = "json"

    def render(
        self, report: CheckReport, sources: dict[str, SourceDoc], options: RenderOptions
    ) -> str:
        return report.model_dump_json(indent=2)
