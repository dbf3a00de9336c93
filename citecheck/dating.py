"""When was the citing document written? The date window a KB verdict is judged at.

A signed document carries its date in the header. A draft often leaves it blank
("ngày  tháng  năm 2025"): then the year (and month) still bound it, and every document it
cites was issued before it, so the latest cited date is a lower bound. ``--as-of`` overrides
both.

* ``earliest``: the document is dated no earlier than this. A citation of a document that
  was already replaced on ``earliest`` is certainly out of date (superseded-citation).
* ``latest``: the document is dated no later than this. A citation dated after ``latest``
  cites the future (future-citation).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from kb.models import ExtractedFile


@dataclass(frozen=True)
class DateWindow:
    earliest: dt.date | None
    latest: dt.date | None
    source: str  # "as-of" | "header" | "header-year" | "cited" | "unknown"

    @property
    def exact(self) -> bool:
        return self.earliest is not None and self.earliest == self.latest

    def describe(self) -> str:
        if self.earliest and self.latest and self.exact:
            return self.earliest.isoformat()
        lo = self.earliest.isoformat() if self.earliest else "?"
        hi = self.latest.isoformat() if self.latest else "?"
        return f"{lo}..{hi}"


def date_window(extracted: ExtractedFile, as_of: dt.date | None = None) -> DateWindow:
    """The window of possible dates of the document ``extracted`` was read from."""
    if as_of is not None:
        return DateWindow(as_of, as_of, "as-of")
    head = extracted.document
    if head.date is not None:
        return DateWindow(head.date, head.date, "header")
    earliest: dt.date | None = None
    latest: dt.date | None = None
    source = "unknown"
    if head.date_year:
        year = head.date_year
        if head.date_month and 1 <= head.date_month <= 12:
            last = calendar.monthrange(year, head.date_month)[1]
            earliest = dt.date(year, head.date_month, 1)
            latest = dt.date(year, head.date_month, last)
        else:
            earliest, latest = dt.date(year, 1, 1), dt.date(year, 12, 31)
        source = "header-year"
    cited = [
        c.date
        for c in extracted.citations
        if c.date is not None and not c.self_reference and (latest is None or c.date <= latest)
    ]
    if cited:
        newest = max(cited)
        if earliest is None or newest > earliest:
            earliest = newest
            source = "cited" if source == "unknown" else source
    return DateWindow(earliest, latest, source)
