"""CC202 duplicate-citation."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from citecheck.messages import message
from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc
from citecheck.rules.mentions import usable
from kb.models import Citation
from kb.parse.textutil import fold

# Where one enumeration ends: a full stop before a capital letter, or a blank line before a
# heading or a bullet. Semicolons, commas and "và" separate the items of one enumeration.
_SENTENCE_END = re.compile(
    r"[.!?](?:\s*[\"”*_)]*)\s+(?=[A-ZĐÀ-Ỹ0-9\-–•+])|\n\s*\n\s*(?=[-–•+*]|[IVX]+\.|\d+\.)"
)
_ITEM_SEP = re.compile(r"(?:^|[;:]|\s(?:và|cùng)\s|^\s*[-–•+])\s*$")
_MAX_LEAD = 40
_TAIL = 50
# a copy-paste repeat sits next to its original: within the last few items
_WINDOW = 3


def _is_item_head(text: str, c: Citation, floor: int) -> bool:
    """True when the citation opens an item of a list: right after ';' or ':' (or at the
    start of the sentence), with at most a short lead-in ("; Thực hiện Quyết định …")."""
    window = text[max(floor, c.start - _MAX_LEAD) : c.start]
    cut = max(window.rfind(";"), window.rfind(":"))
    if cut < 0:
        return c.start - floor <= _MAX_LEAD and not re.search(r"\s(?:và|của)\s*$", window)
    lead = window[cut + 1 :]
    return len(lead.split()) <= 4 and not re.search(r"\s(?:và|của)\s*$", lead)


def _tail(text: str, c: Citation) -> str:
    """What the item says about the document: the words after the citation, folded."""
    return " ".join(fold(text[c.end : c.end + 120]).split())[:_TAIL]


class DuplicateCitation(Rule):
    """The same document listed twice in one enumeration.

    ## What it does
    Reads each enumeration of documents — the items of one sentence separated by ";" — and
    flags an item that cites a document already listed as an earlier item of
    the same enumeration (same số hiệu, date and pinpoint) with the same words after it — a
    copy-paste repeat, at most three items after the first. A document mentioned again *inside*
    another item ("Hướng dẫn … thực hiện Quy định số 429-QĐ/TU …") is not an item and is
    not reported, nor is the same document cited again in another sentence.

    ## Why is this bad?
    A list of the documents that were disseminated or implemented is read as a count; a
    duplicated item inflates it and usually hides the document that was meant to be there
    (a copy-paste slip).

    ## Example
    ```text
    … Quyết định số 36-QĐ/TU ngày 03/10/2010 của Ban Thường vụ Tỉnh ủy về ban hành Quy chế
    công tác dân vận …; Quyết định số 36-QĐ/TU ngày 03/10/2010 của Ban Thường vụ Tỉnh ủy về
    ban hành Quy chế công tác dân vận …; Quyết định số 23-QĐ/TW …
    ```

    ## Use instead
    ```text
    … Quyết định số 36-QĐ/TU ngày 03/10/2010 của Ban Thường vụ Tỉnh ủy về ban hành Quy chế
    công tác dân vận …; Quyết định số 23-QĐ/TW …
    ```

    ## References
    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6 (nội dung văn bản: chính xác, không trùng
    lặp).
    """

    code = "CC202"
    name = "duplicate-citation"
    severity = "warning"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        text = doc.text
        bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text) + 1]
        cites = sorted((c for c in doc.citations if usable(c)), key=lambda c: c.start)
        i = 0
        for lo, hi in itertools.pairwise(bounds):
            heads: list[Citation] = []
            while i < len(cites) and cites[i].start < hi:
                c = cites[i]
                i += 1
                if c.start < lo or not _is_item_head(text, c, lo):
                    continue
                recent = heads[-_WINDOW:]
                heads.append(c)
                first = next(
                    (
                        h
                        for h in recent
                        if h.key == c.key
                        and h.date == c.date
                        and h.pinpoint == c.pinpoint
                        and _tail(text, h) == _tail(text, c)
                    ),
                    None,
                )
                if first is None or "“" in text[first.end : c.start]:
                    continue  # none, or the second sits in a quotation of another text
                yield self.on_citation(
                    doc,
                    ctx,
                    c,
                    "duplicate",
                    line=doc.position(first.start)[0],
                    related=[
                        doc.related(first.start, first.end, message("related", "first", ctx.lang))
                    ],
                    suggestion=self.msg(ctx, "fix"),
                )
