"""``--format sarif``: SARIF 2.1.0, with stable rule ids and partial fingerprints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from citecheck import __version__
from citecheck.models import CheckReport
from citecheck.reporters.base import RenderOptions, Reporter
from citecheck.rules import RULES
from citecheck.rules.base import SourceDoc

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def _invocation(options: RenderOptions) -> dict[str, Any]:
    """The run's invocation: each file that could not be read is a tool execution
    notification (code scanning shows them), and the run did not fully succeed."""
    return {
        "executionSuccessful": not options.unreadable,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "descriptor": {"id": "unreadable"},
                "message": {"text": reason},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}],
            }
            for path, reason in options.unreadable
        ],
    }


class SarifReporter(Reporter):
    name = "sarif"

    def render(
        self, report: CheckReport, sources: dict[str, SourceDoc], options: RenderOptions
    ) -> str:
        from citecheck.ruledocs import render_rule, summary

        index = {r.code: i for i, r in enumerate(RULES)}
        rules = [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": summary(r, options.lang)},
                "fullDescription": {"text": summary(r, options.lang)},
                "help": {
                    "text": render_rule(r, options.lang),
                    "markdown": render_rule(r, options.lang),
                },
                "defaultConfiguration": {"level": LEVELS[r.severity]},
            }
            for r in RULES
        ]
        results: list[dict[str, Any]] = []
        for ff in report.files:
            for f in ff.findings:
                region: dict[str, Any] = {
                    "startLine": f.line,
                    "startColumn": f.column,
                    "charOffset": f.start,
                    "charLength": max(0, f.end - f.start),
                }
                if f.path in sources:
                    end_line, end_col = sources[f.path].position(f.end)
                    region["endLine"] = end_line
                    region["endColumn"] = end_col
                    region["snippet"] = {"text": sources[f.path].text[f.start : f.end]}
                result: dict[str, Any] = {
                    "ruleId": f.code,
                    "ruleIndex": index[f.code],
                    "level": LEVELS[f.severity],
                    "message": {"text": f.message + (f" {f.suggestion}" if f.suggestion else "")},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": _uri(f.path)},
                                "region": region,
                            }
                        }
                    ],
                    "partialFingerprints": {"citecheck/v1": f.fingerprint},
                }
                if f.related:
                    result["relatedLocations"] = [
                        {
                            "id": i,
                            "message": {"text": r.note or r.text},
                            "physicalLocation": {
                                "artifactLocation": {"uri": _uri(r.path)},
                                "region": {"startLine": r.line, "startColumn": r.column},
                            },
                        }
                        for i, r in enumerate(f.related)
                    ]
                if f.location is not None and f.location.label():
                    result["properties"] = {"location": f.location.label()}
                results.append(result)
        doc = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "citecheck",
                            "version": __version__,
                            "rules": rules,
                        }
                    },
                    "invocations": [_invocation(options)],
                    "results": results,
                    "columnKind": "unicodeCodePoints",
                }
            ],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2)
