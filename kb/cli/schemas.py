"""The pydantic models behind each command's JSON output, by command name (``kb schema NAME``)."""

from __future__ import annotations

from pydantic import BaseModel

from kb.models import ExtractReport
from kb.records import AppliesResult, BuildReport, GraphOut, ShowResult, StatsResult

SCHEMAS: dict[str, type[BaseModel]] = {
    "extract": ExtractReport,
    "build": BuildReport,
    "show": ShowResult,
    "applies": AppliesResult,
    "graph": GraphOut,
    "stats": StatsResult,
}
