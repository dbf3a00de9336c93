"""Checker for the citations in Vietnamese administrative drafts.

``citecheck.check(text_or_path, kb=None, ...)`` returns the findings; the ``citecheck`` CLI
is a thin layer over it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["CheckReport", "Finding", "__version__", "check"]

if TYPE_CHECKING:
    from citecheck.engine import check
    from citecheck.models import CheckReport, Finding


def __getattr__(name: str) -> Any:
    # lazy: `citecheck --help` must not pay for the parser
    if name == "check":
        from citecheck.engine import check

        return check
    if name in ("Finding", "CheckReport"):
        from citecheck import models

        return getattr(models, name)
    raise AttributeError(name)
