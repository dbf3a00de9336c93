"""CC402 section-numbering."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from citecheck.models import Finding
from citecheck.outline import (
    LINE_LEAD,
    Heading,
    heading_label,
    read_headings,
    to_roman,
)
from citecheck.rules.base import CheckContext, Rule, SourceDoc

# A document with more apparent breaks than this is not a simple outline (numbered table
# rows, annexes, quoted clauses): the rule stays silent rather than cry wolf.
MAX_BREAKS = 4

# levels, outermost first
_ORDER = ("roman", "arabic", "dotted2", "dotted3", "letter")


def _written_between(
    text: str, prev: Heading | None, h: Heading, expected: tuple[int, ...]
) -> bool:
    """True when the expected heading is at the start of a line between ``prev`` and ``h``.

    Headings are only followed where a line clearly starts a paragraph; one that was not
    recognised (after a page break, say) must not make the next one look out of sequence.
    """
    lo = prev.end if prev is not None else 0
    label = heading_label(h.kind, expected)
    if h.kind == "letter":
        pattern = re.escape(label)
    elif h.kind == "roman":
        pattern = re.escape(label) + r"(?:[.)]|[ \t\u00a0]*[-\u2013][ \t\u00a0])"
    else:
        pattern = re.escape(label) + r"\.?(?!\d)"
    return re.search(r"(?m)" + LINE_LEAD + pattern, text[lo : h.start]) is not None


class SectionNumbering(Rule):
    """Headings out of sequence: I, II, III, III — or 1.1 followed by 2.2, or d) then e).

    ## What it does
    Follows the numbering of the document's headings — Roman numerals (I., II.), Arabic
    numbers (1., 2.), dotted numbers (1.1., 1.2.) and lettered points (a), b), c)) — and flags
    a heading whose number repeats or skips the one expected after the previous heading of
    the same level. A higher heading restarts the numbering below it. Lettered points follow
    the Vietnamese alphabet: a) b) c) d) đ) e) g) h) … (đ comes after d; there is no f).
    Roman sections may be written "I.", "I)" or, in Party texts and forms, "I-".

    Advice stays right after the first fix: after "III." twice the repeat is told "IV", and a
    third "III." is then told "V"; the author's own next number ("IV") is left alone.

    Numbering that starts again at its first value (1., I., a)) is a new list, not a break:
    a new form or part, a list under a section. Three exceptions show a level lost in
    copying a report: sub-items "2.1 … 2.4" followed by "1." with nothing opening a new part
    (the roman heading above "1." is missing); main sections in capitals numbered like the
    items under them ("1. MỤC ĐÍCH, YÊU CẦU" then "1. Mục đích": the first should be "I.");
    and a first roman section "II." after Arabic items with no "I." before them.

    Lines inside quotations, the amended text an amending article quotes after "… như sau:"
    (with or without quotation marks), annexes, forms ("Mẫu số …") and chapters restart or
    are not followed, and a heading the expected one was written before (after a page
    break, say) is not a break. When a document shows more than four apparent breaks, its
    numbering is not a simple outline (numbered table rows, quoted clauses) and nothing is
    reported.

    ## Why is this bad?
    Readers and later documents cite parts of a report by their number ("mục III.2").
    A repeated or skipped number makes those references ambiguous and shows that a section
    was moved or deleted without renumbering.

    ## Example
    ```text
    III. ĐÁNH GIÁ CHUNG
    …
    III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU TRONG CÁC NĂM TIẾP THEO
    ```

    ## Use instead
    ```text
    III. ĐÁNH GIÁ CHUNG
    …
    IV. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU TRONG CÁC NĂM TIẾP THEO
    ```

    ## References
    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6.b (bố cục: phần, mục, khoản, điểm; điểm
    numbered with the letters of the Vietnamese alphabet a, b, c, d, đ, e …).
    """

    code = "CC402"
    name = "section-numbering"
    severity = "warning"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        found = list(self._breaks(doc, ctx))
        if len(found) <= MAX_BREAKS:
            yield from found

    def _breaks(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        headings = list(read_headings(doc.text))
        yield from self._lost_roman(doc, ctx, headings)
        last: dict[str, Heading] = {}
        outer: dict[str, Heading] = {}
        amended = False
        arabic_since_reset: Heading | None = None
        roman_seen = False
        for i, h in enumerate(headings):
            if h is None:
                last.clear()
                outer.clear()
                amended = False
                arabic_since_reset = None
                roman_seen = False
                continue
            level = _ORDER.index(h.kind)
            prev = last.get(h.kind)
            before = headings[i - 1] if i > 0 else None
            expected = self._expected(h, last)
            if h.quoting or (
                amended and not h.after_close and not (h.instructs and expected == h.value)
            ):
                # the amended text quoted after "… như sau:" has its own numbering; the
                # amending list goes on after the quotation closes, or with the number it
                # expects on a line that is itself an instruction ("2. Sửa đổi …")
                amended = True
                continue
            amended = False
            if h.kind == "roman" and not roman_seen:
                roman_seen = True
                if (
                    h.value[0] >= 2
                    and arabic_since_reset is not None
                    and not h.after_part
                    and not _first_roman_written(doc.text, arabic_since_reset, h)
                ):
                    yield self._roman_first(doc, ctx, h, arabic_since_reset)
            if h.kind == "arabic" and arabic_since_reset is None:
                arabic_since_reset = h
            if h.caps and prev is not None and not prev.caps and h.kind in outer:
                # back from a list nested in the section ("I. DANH MỤC …", "I. Nhóm …",
                # "II. Nhóm …", then "II. DANH MỤC …"): follow the sections again
                prev = outer.pop(h.kind)
                last[h.kind] = prev
            lost_above = (
                h.kind == "arabic"
                and h.value == (1,)
                and isinstance(before, Heading)
                and before.kind == "dotted2"
                and before.value[0] >= 2
                and _sub_item_run(headings, i - 1) >= 2
                and not h.after_part
            )
            if lost_above:
                assert isinstance(before, Heading)
                yield self._restart(doc, ctx, h, before)
            if lost_above or _restarts(h, prev) or _nested_list(h, prev):
                if prev is not None and prev.caps and not h.caps:
                    outer[h.kind] = prev
                # numbering that starts again at 1 is a new list — unless a run of sub-items
                # of a higher number comes right before it with nothing opening a new part
                # (above): then the heading above the new list was lost
                last[h.kind] = h
                for deeper in _ORDER[level + 1 :]:
                    last.pop(deeper, None)
                continue
            expected = self._expected(h, last)
            if prev is not None and prev.fixed_to is not None and h.value == prev.value:
                expected = (prev.fixed_to[0] + 1,)
            if (
                expected is not None
                and expected != h.value
                and not _written_between(doc.text, prev, h, expected)
            ):
                yield self._out_of_sequence(doc, ctx, h, prev, expected)
                if h.kind != "letter" and prev is not None and h.value == prev.value:
                    # a repeat: the next repeat of the same number is told the number after
                    # the one advised here ("III", "III", "III" → IV, then V); the next
                    # number in the author's own sequence ("IV") is left alone
                    h = replace(h, fixed_to=expected)
            last[h.kind] = h
            for deeper in _ORDER[level + 1 :]:
                last.pop(deeper, None)

    def _out_of_sequence(
        self,
        doc: SourceDoc,
        ctx: CheckContext,
        h: Heading,
        prev: Heading | None,
        expected: tuple[int, ...],
    ) -> Finding:
        related = [doc.related(prev.start, prev.end, self.msg(ctx, "previous"))] if prev else []
        shown = heading_label(h.kind, h.value)
        want = heading_label(h.kind, expected)
        key = "letter" if h.kind == "letter" else "number"
        if (
            h.kind == "letter"
            and h.value[0] > expected[0]
            and heading_label("letter", expected) == "đ)"
        ):
            key = "letter_d"
        elif prev is not None and prev.fixed_to is not None and h.value == prev.value:
            key = "after_fix"
        shown_prev = "-"
        if prev is not None:
            repeat = prev.fixed_to is not None and h.value == prev.value
            shown_prev = heading_label(
                h.kind, prev.fixed_to if repeat and prev.fixed_to else prev.value
            )
        return self.finding(
            doc,
            h.start,
            h.end,
            self.msg(ctx, key, got=shown, expected=want, prev=shown_prev),
            related=related,
            suggestion=self.msg(ctx, "fix", expected=want),
        )

    def _restart(self, doc: SourceDoc, ctx: CheckContext, h: Heading, sub: Heading) -> Finding:
        sub_label = heading_label(sub.kind, sub.value)
        return self.finding(
            doc,
            h.start,
            h.end,
            self.msg(ctx, "restart", got=heading_label(h.kind, h.value), prev=sub_label),
            related=[doc.related(sub.start, sub.end, self.msg(ctx, "previous"))],
            suggestion=self.msg(ctx, "restart_fix", got=heading_label(h.kind, h.value)),
        )

    def _roman_first(
        self, doc: SourceDoc, ctx: CheckContext, h: Heading, first_arabic: Heading
    ) -> Finding:
        return self.finding(
            doc,
            h.start,
            h.end,
            self.msg(
                ctx,
                "roman_first",
                got=heading_label(h.kind, h.value),
                arabic=heading_label(first_arabic.kind, first_arabic.value),
            ),
            related=[
                doc.related(first_arabic.start, first_arabic.end, self.msg(ctx, "first_heading"))
            ],
            suggestion=self.msg(ctx, "roman_first_fix", got=heading_label(h.kind, h.value)),
        )

    def _lost_roman(
        self, doc: SourceDoc, ctx: CheckContext, headings: list[Heading | None]
    ) -> Iterator[Finding]:
        """Main sections numbered like the items under them: "1. MỤC ĐÍCH, YÊU CẦU" then
        "1. Mục đích" — the capitals say the first was a roman section ("I.") in the original.
        Said once, on the first such section; the main sections then count as their own level.
        """
        if any(h is not None and h.kind == "roman" for h in headings):
            return
        mains: list[Heading] = []
        for i, h in enumerate(headings[:-1]):
            nxt = headings[i + 1]
            if (
                h is not None
                and nxt is not None
                and h.kind == "arabic"
                and h.caps
                and nxt.kind == "arabic"
                and not nxt.caps
                and nxt.value == (1,)
            ):
                mains.append(h)
        if not mains:
            return
        for h in headings:
            if h is not None and h.kind == "arabic" and h.caps:
                h.kind = "roman"  # followed as the main level from here on
        first = mains[0]
        roman = to_roman(first.value[0])
        yield self.finding(
            doc,
            first.start,
            first.end,
            self.msg(ctx, "lost_roman", got=heading_label("arabic", first.value), roman=roman),
            suggestion=self.msg(ctx, "lost_roman_fix", roman=roman),
        )

    @staticmethod
    def _expected(h: Heading, last: dict[str, Heading]) -> tuple[int, ...] | None:
        prev = last.get(h.kind)
        if h.kind in ("dotted2", "dotted3"):
            parent_kind = "arabic" if h.kind == "dotted2" else "dotted2"
            parent = last.get(parent_kind)
            prefix = h.value[:-1]
            if prev is not None and prev.value[:-1] == prefix:
                return (*prefix, prev.value[-1] + 1)
            if (
                parent is not None
                and parent.value != prefix
                and prev is not None
                and prev.value[:-1] == parent.value
            ):
                # "1.1" then "2.2" under "1.": a sibling was numbered under another parent
                return (*parent.value, prev.value[-1] + 1)
            return None
        if prev is None:
            return None
        return (prev.value[0] + 1,)


def _restarts(h: Heading, prev: Heading | None) -> bool:
    """Numbering that starts again at its first value (1., I., a)) after a later one."""
    if prev is None or h.kind in ("dotted2", "dotted3"):
        return False
    return h.value == (1,) and prev.value[0] >= 2


def _nested_list(h: Heading, prev: Heading | None) -> bool:
    """A list that starts at its first value under a section of the same numbering written in
    capitals ("I. DANH MỤC …" then "I. Nhóm thuốc …"): a level below it, not a repeat."""
    return prev is not None and h.value == (1,) and prev.caps and not h.caps


def _first_roman_written(text: str, first_arabic: Heading, h: Heading) -> bool:
    """Whether "I." is written at the start of a line before ``h`` (a heading the outline did
    not take, after a page break say)."""
    lo = 0
    return (
        re.search(
            r"(?m)" + LINE_LEAD + r"I(?:[.)]|[ \t\u00a0]*[-\u2013][ \t\u00a0])", text[lo : h.start]
        )
        is not None
    )


def _sub_item_run(headings: list[Heading | None], end: int) -> int:
    """How many sub-items ("2.1", "2.2" …) of one number run up to ``headings[end]``."""
    last = headings[end]
    if last is None:
        return 0
    n = 0
    for h in reversed(headings[: end + 1]):
        if h is None or h.kind != "dotted2" or h.value[:-1] != last.value[:-1]:
            break
        n += 1
    return n
