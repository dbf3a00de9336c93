"""``--format json``: the CheckReport model, as in the design notes, section 5.

The report is written file by file (:meth:`JsonReporter.chunks`): each part by its own
model, indented to its place, so the whole document is never one string. The bytes are
those of ``report.model_dump_json(indent=2)``.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from citecheck.models import CheckReport
from citecheck.reporters.base import RenderOptions, Reporter
from citecheck.rules.base import SourceDoc

_STREAMED_FIELDS = {"files", "summary", "authorities"}


def _nested(model: BaseModel, indent: str) -> str:
    """``model`` as JSON indented by two, its lines after the first shifted by ``indent``."""
    return model.model_dump_json(indent=2).replace("\n", "\n" + indent)


def _items(key: str, models: list[BaseModel], last: bool) -> Iterator[str]:
    end = "\n" if last else ",\n"
    if not models:
        yield f'  "{key}": []{end}'
        return
    yield f'  "{key}": [\n'
    for i, model in enumerate(models):
        yield "    " + _nested(model, "    ") + ("\n" if i == len(models) - 1 else ",\n")
    yield f"  ]{end}"


class JsonReporter(Reporter):
    name = "json"

    def render(
        self, report: CheckReport, sources: dict[str, SourceDoc], options: RenderOptions
    ) -> str:
        return "".join(self.chunks(report, sources, options))

    def chunks(
        self, report: CheckReport, sources: dict[str, SourceDoc], options: RenderOptions
    ) -> Iterator[str]:
        if set(CheckReport.model_fields) != _STREAMED_FIELDS:  # a field added since
            yield report.model_dump_json(indent=2)
            return
        yield "{\n"
        yield from _items("files", list(report.files), last=False)
        yield '  "summary": ' + _nested(report.summary, "  ") + ",\n"
        yield from _items("authorities", list(report.authorities), last=True)
        yield "}"
