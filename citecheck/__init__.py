"""Checker for the citations in Vietnamese administrative drafts.

``citecheck.check_text(text, kb=None, ...)`` checks a text held in memory and
``citecheck.check(text_or_path, kb=None, ...)`` a text, a file or a directory; both return
the findings. The ``citecheck`` CLI is a thin layer over them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["CheckReport", "Finding", "__version__", "check", "check_text"]

if TYPE_CHECKING:
    from citecheck.engine import check, check_text
    from citecheck.models import CheckReport, Finding


def __getattr__(name: str) -> Any:
    # lazy: `citecheck --help` must not pay for the parser
    if name in ("check", "check_text"):
        from citecheck import engine

        return getattr(engine, name)
    if name in ("Finding", "CheckReport"):
        from citecheck import models

        return getattr(models, name)
    raise AttributeError(name)
