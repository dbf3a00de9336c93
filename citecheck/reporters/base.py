"""The one interface every output format implements."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from citecheck.models import CheckReport
from citecheck.rules.base import SourceDoc


@dataclass
class RenderOptions:
    lang: str = "vi"
    color: bool = False
    statistics: bool = False
    # files that could not be read: (path, reason in ``lang``)
    unreadable: Sequence[tuple[str, str]] = ()


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, an ellipsis marking the cut."""
    return text if len(text) <= width else text[: width - 3] + "…"


class Reporter:
    """Turns a report into the text of one output format."""

    name: ClassVar[str]

    def render(
        self, report: CheckReport, sources: dict[str, SourceDoc], options: RenderOptions
    ) -> str:
        raise NotImplementedError

    def chunks(
        self, report: CheckReport, sources: dict[str, SourceDoc], options: RenderOptions
    ) -> Iterator[str]:
        """The output in pieces, to be written one after another (the whole of
        :meth:`render` by default; formats that can, file by file)."""
        yield self.render(report, sources, options)
