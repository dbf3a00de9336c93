"""Output formats, one module each behind one interface (:class:`Reporter`).

A format's module is imported only when that format is asked for, so that a plain-text
lint does not pay for the HTML templates.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from citecheck.reporters.base import RenderOptions, Reporter

# format name → (module, class)
_FORMATS: dict[str, tuple[str, str]] = {
    "text": ("citecheck.reporters.text", "TextReporter"),
    "json": ("citecheck.reporters.json", "JsonReporter"),
    "sarif": ("citecheck.reporters.sarif", "SarifReporter"),
    "github": ("citecheck.reporters.github", "GithubReporter"),
    "authorities": ("citecheck.reporters.authorities", "AuthoritiesReporter"),
    "html": ("citecheck.reporters.html", "HtmlReporter"),
}


class _Registry(Mapping[str, type[Reporter]]):
    def __getitem__(self, name: str) -> type[Reporter]:
        module, cls = _FORMATS[name]
        reporter: type[Reporter] = getattr(importlib.import_module(module), cls)
        return reporter

    def __iter__(self) -> Iterator[str]:
        return iter(_FORMATS)

    def __len__(self) -> int:
        return len(_FORMATS)


REPORTERS: Mapping[str, type[Reporter]] = _Registry()

__all__ = ["REPORTERS", "RenderOptions", "Reporter"]
