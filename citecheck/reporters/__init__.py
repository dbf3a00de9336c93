"""Output formats, one module each behind one interface (:class:`Reporter`)."""

from __future__ import annotations

from citecheck.reporters.authorities import AuthoritiesReporter
from citecheck.reporters.base import RenderOptions, Reporter
from citecheck.reporters.github import GithubReporter
from citecheck.reporters.html import HtmlReporter
from citecheck.reporters.json import JsonReporter
from citecheck.reporters.sarif import SarifReporter
from citecheck.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    r.name: r
    for r in (
        TextReporter,
        JsonReporter,
        SarifReporter,
        GithubReporter,
        AuthoritiesReporter,
        HtmlReporter,
    )
}

__all__ = ["REPORTERS", "RenderOptions", "Reporter"]
