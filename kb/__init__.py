"""Knowledge base of Vietnamese legal and administrative documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kb.models import Citation, DocumentHeader, ExtractedFile
    from kb.parse.extract import extract_file, extract_text

__all__ = ["Citation", "DocumentHeader", "ExtractedFile", "extract_file", "extract_text"]

_HOME = {
    "extract_file": "kb.parse.extract", "extract_text": "kb.parse.extract",
    "Citation": "kb.models", "DocumentHeader": "kb.models", "ExtractedFile": "kb.models",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    """Load the parser on first use: commands that only query the KB start faster."""
    if name in _HOME:
        import importlib

        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'kb' has no attribute {name!r}")
