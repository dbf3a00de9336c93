"""The local web application: check a draft, ask which regulation applies, browse documents.

``create_app`` is imported lazily so that ``import citecheck.web`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from citecheck.web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from citecheck.web.app import create_app

        return create_app
    raise AttributeError(name)
