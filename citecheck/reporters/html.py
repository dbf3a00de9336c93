"""``--format html``: one self-contained page — each draft's text with its findings marked.

Everything the page needs (style, no script) is inside the file, so it can be mailed or
opened from a shared folder without a network. Document text is untrusted: the template
escapes every piece of it.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from citecheck.highlight import pieces, summary
from citecheck.models import CheckReport
from citecheck.reporters.base import RenderOptions, Reporter
from citecheck.rules.base import SourceDoc

_LABELS = {
    "vi": {
        "title": "Kết quả kiểm tra trích dẫn",
        "files": "tệp",
        "error": "lỗi",
        "warning": "cảnh báo",
        "info": "thông tin",
        "none": "Không có phát hiện nào.",
        "fix": "Cách sửa",
        "evidence": "Căn cứ",
        "unreadable": "Không đọc được",
        "line": "dòng",
    },
    "en": {
        "title": "Citation check results",
        "files": "files",
        "error": "errors",
        "warning": "warnings",
        "info": "info",
        "none": "No findings.",
        "fix": "Fix",
        "evidence": "Evidence",
        "unreadable": "Could not read",
        "line": "line",
    },
}


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("citecheck.reporters", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


class HtmlReporter(Reporter):
    name = "html"

    def render(
        self, report: CheckReport, sources: dict[str, SourceDoc], options: RenderOptions
    ) -> str:
        files = []
        for entry in report.files:
            source = sources.get(entry.path)
            text = source.text if source is not None else ""
            files.append(
                {
                    "path": entry.path,
                    "findings": entry.findings,
                    "pieces": pieces(text, list(entry.findings)),
                    "counts": summary(list(entry.findings)),
                }
            )
        template = _environment().get_template("report.html")
        return template.render(
            lang=options.lang,
            t=_LABELS.get(options.lang, _LABELS["vi"]),
            files=files,
            summary=report.summary,
        )
