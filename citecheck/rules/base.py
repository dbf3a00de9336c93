"""What every rule shares: the documents being checked, and how a finding is made.

A rule is a class with a stable ``code``, a kebab-case ``name`` (design notes, section 4),
a default ``severity`` and a docstring that is its documentation (What it does / Why is this
bad? / Example / Use instead / References). Per-file rules implement ``check_document``;
rules that compare documents with each other override ``check``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from citecheck.dating import DateWindow, date_window
from citecheck.kbview import KBView
from citecheck.messages import fmt_date, message
from citecheck.models import Finding, Related, Severity
from kb.models import Citation, ExtractedFile, Location
from kb.parse.lines import LineIndex

_LINE_BREAK = re.compile(r"\r|\n")


@dataclass
class SourceDoc:
    """One file as read: its text, what the parser found in it, and how to locate offsets."""

    path: str
    text: str
    extracted: ExtractedFile
    locate: Callable[[int], Location | None] | None = None

    @cached_property
    def _lines(self) -> LineIndex:
        return LineIndex(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        return self._lines.position(max(0, min(offset, len(self.text))))

    @cached_property
    def _line_ends(self) -> dict[int, int]:
        return {}  # line start -> line end, for the lines asked about

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """Start and end offsets of the line holding ``offset`` (the same line breaks as
        :meth:`position`: a form feed from a PDF does not end a line). The end of a line is
        looked for once, so many findings on one long line cost no more than one."""
        text = self.text
        offset = max(0, min(offset, len(text)))
        start = offset - self.position(offset)[1] + 1
        end = self._line_ends.get(start)
        if end is None:
            found = _LINE_BREAK.search(text, offset)
            end = found.start() if found else len(text)
            self._line_ends[start] = end
        return start, end

    def line_at(self, offset: int) -> str:
        """The whole line holding ``offset``, sliced out of the text around it."""
        start, end = self.line_bounds(offset)
        return self.text[start:end]

    def location(self, offset: int) -> Location | None:
        if self.locate is None:
            return None
        try:
            return self.locate(offset)
        except (IndexError, ValueError):
            return None

    @property
    def citations(self) -> list[Citation]:
        return self.extracted.citations

    def place(self, start: int, end: int) -> dict[str, Any]:
        """Where ``text[start:end]`` is: the fields a finding and its evidence share."""
        line, column = self.position(start)
        return {
            "path": self.path,
            "line": line,
            "column": column,
            "start": start,
            "end": end,
            "location": self.location(start),
        }

    def related(self, start: int, end: int, note: str = "") -> Related:
        snippet = " ".join(self.text[start:end].split())
        return Related(**self.place(start, end), text=snippet, note=note)


@dataclass
class CheckContext:
    """Everything a rule may look at: the documents, the KB, the language, the date."""

    documents: list[SourceDoc]
    lang: str = "vi"
    kb: KBView | None = None
    as_of: dt.date | None = None
    _windows: dict[str, DateWindow] = field(default_factory=dict)

    def window(self, doc: SourceDoc) -> DateWindow:
        if doc.path not in self._windows:
            self._windows[doc.path] = date_window(doc.extracted, self.as_of)
        return self._windows[doc.path]


class Rule:
    """Base class of every rule.

    A rule that compares documents overrides :meth:`check`; a rule that reads the KB sets
    ``needs_kb``. Any other rule implements :meth:`check_document`, which must look at its
    own document alone: over many files it runs in a worker process, right where the file is
    parsed, with a context that holds that document and no KB.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    needs_kb: ClassVar[bool] = False

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            yield from self.check_document(doc, ctx)

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        return iter(())

    # -- helpers ----------------------------------------------------------------------------
    def msg(self, ctx: CheckContext, key: str, **params: Any) -> str:
        return message(self.code, key, ctx.lang, **params)

    def finding(
        self,
        doc: SourceDoc,
        start: int,
        end: int,
        text: str,
        *,
        severity: Severity | None = None,
        ref: str | None = None,
        related: Iterable[Related] = (),
        suggestion: str | None = None,
    ) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=text,
            **doc.place(start, end),
            ref=ref,
            related=list(related),
            suggestion=suggestion,
        )

    def on_citation(
        self,
        doc: SourceDoc,
        ctx: CheckContext,
        c: Citation,
        key: str,
        *,
        severity: Severity | None = None,
        related: Iterable[Related] = (),
        suggestion: str | None = None,
        **params: Any,
    ) -> Finding:
        """A finding on citation ``c``'s span, carrying its số hiệu, with the message ``key``
        in which ``what`` names the cited document and ``date`` is the date it is cited with
        (unless ``params`` say otherwise)."""
        if c.date is not None:
            params.setdefault("date", fmt_date(c.date))
        text = self.msg(ctx, key, what=cite_label(c), **params)
        return self.finding(
            doc,
            c.start,
            c.end,
            text,
            severity=severity,
            ref=c.ref,
            related=related,
            suggestion=suggestion,
        )

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


class KnowledgeRule(Rule):
    """A rule that looks cited documents up in the knowledge base: it runs only with one,
    and implements ``check_known``."""

    needs_kb: ClassVar[bool] = True

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.kb is None:
            return iter(())
        return self.check_known(doc, ctx, ctx.kb)

    def check_known(self, doc: SourceDoc, ctx: CheckContext, kb: KBView) -> Iterator[Finding]:
        return iter(())


def cite_label(c: Citation) -> str:
    """'Quy định 12-QĐ/TU' — how a message names the cited document."""
    word = c.type or c.type_word or ""
    ref = c.ref or c.name or c.text
    return f"{word} {ref}".strip() if word and c.ref else ref


def cite_span(c: Citation) -> tuple[int, int]:
    return c.start, c.end
