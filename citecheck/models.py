"""The records the checker produces: findings, per-file results, the table of authorities.

These pydantic models are the JSON contract of ``citecheck --format json`` (design notes,
section 5). Keep the field names stable: other tools parse them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from kb.models import Location

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

Verdict = Literal[
    "verified",
    "mismatch",
    "replaced",
    "repealed",
    "expired",
    "probably-replaced",
    "not-yet-in-force",
    "not-in-kb",
    "unjudged",
]


class Related(BaseModel):
    """Another place that is evidence for a finding (the other mentions of a document)."""

    path: str
    line: int
    column: int
    start: int
    end: int
    text: str = ""
    note: str = ""
    location: Location | None = None


class Finding(BaseModel):
    """One defect: what is wrong, where, the evidence and what to do."""

    code: str = Field(description="stable rule code, e.g. 'CC201'")
    name: str = Field(description="kebab-case rule name, e.g. 'date-mismatch'")
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    start: int
    end: int
    ref: str | None = Field(None, description="số hiệu (or key) of the document concerned")
    related: list[Related] = Field(default_factory=list)
    suggestion: str | None = None
    location: Location | None = Field(None, description="paragraph/page for docx and pdf")
    fingerprint: str = Field(
        default="", description="stable across edits that do not touch the span"
    )

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start, self.end, self.code)


class FileFindings(BaseModel):
    path: str
    findings: list[Finding]


class Summary(BaseModel):
    files: int = 0
    findings: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    by_code: dict[str, int] = Field(default_factory=dict)
    unreadable: list[str] = Field(default_factory=list)


class Variant(BaseModel):
    """One way a document was cited: the số hiệu and date as written, and how often."""

    ref: str | None = None
    date: str | None = None
    count: int = 0
    line: int = 0


class Authority(BaseModel):
    """One row of the table of authorities: a document the draft cites, once."""

    path: str = Field(description="the citing file")
    key: str | None = None
    ref: str | None = None
    type: str | None = None
    title: str | None = Field(None, description="what the draft says the document is about")
    count: int = 0
    first_line: int = 0
    variants: list[Variant] = Field(default_factory=list)
    kb: dict[str, str | None] | None = Field(default=None, description="what the KB records")
    verdict: Verdict = "unjudged"
    detail: str = ""
    judged_on: str | None = Field(
        default=None, description="ISO date the verdict is for: the citing document's date"
    )


class CheckReport(BaseModel):
    """``citecheck --format json``."""

    files: list[FileFindings]
    summary: Summary
    authorities: list[Authority] = Field(default_factory=list)

    def all_findings(self) -> list[Finding]:
        return [f for ff in self.files for f in ff.findings]
