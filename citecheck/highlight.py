"""Cut a draft's text into pieces so that each finding's span can be highlighted.

The pieces are plain strings; the template escapes them. A finding's own span is a
*mark*; the other places it cites as evidence (``related``) are underlined. Spans may
overlap: each piece carries every finding that covers it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Piece:
    text: str
    start: int
    findings: list[int] = field(default_factory=list)  # indices of findings marked here
    evidence: list[int] = field(default_factory=list)  # indices of findings citing it
    anchor: str | None = None  # id of the first piece of a finding's span
    marks: list[str] = field(default_factory=list)  # more ids starting here (evidence spans)
    severity: str | None = None  # the gravest severity among ``findings``

    @property
    def plain(self) -> bool:
        return not self.findings and not self.evidence


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def pieces(text: str, findings: list[Any]) -> list[Piece]:
    """Split ``text`` at every span boundary of ``findings`` (and of their evidence)."""
    n = len(text)
    marks: list[tuple[int, int, int, str]] = []  # start, end, finding index, "f" | "r"
    for i, f in enumerate(findings):
        s, e = _clamp(_get(f, "start"), _get(f, "end"), n)
        if e > s:
            marks.append((s, e, i, "f"))
        for r in _get(f, "related") or []:
            rs, re_ = _clamp(_get(r, "start"), _get(r, "end"), n)
            if re_ > rs and (rs, re_) != (s, e):
                marks.append((rs, re_, i, "r"))
    severities = [str(_get(f, "severity", "info")) for f in findings]
    cuts = {0, n}
    for s, e, _, _ in marks:
        cuts.add(s)
        cuts.add(e)
    bounds = sorted(cuts)
    out: list[Piece] = []
    anchored: set[int] = set()
    evidence_starts = {s for s, _, _, what in marks if what == "r"}
    seen_ids: set[str] = set()
    # a sweep over the cuts: the marks covering [a, b) are those started at or before a and
    # not yet ended, so many findings on a long text stay near-linear
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for m, (s, e, _, _) in enumerate(marks):
        starting.setdefault(s, []).append(m)
        ending.setdefault(e, []).append(m)
    active: set[int] = set()
    peak = 0  # a set keeps its table when emptied, and iterating it walks the whole table
    for a, b in pairwise(bounds):
        active.difference_update(ending.get(a, ()))
        if len(active) * 4 < peak:
            active = set(active)
            peak = len(active)
        active.update(starting.get(a, ()))
        peak = max(peak, len(active))
        if b <= a:
            continue
        piece = Piece(text[a:b], a)
        for m in sorted(active):
            _, _, i, what = marks[m]
            (piece.findings if what == "f" else piece.evidence).append(i)
        if piece.findings:
            first = min(piece.findings)
            if first not in anchored:
                anchored.add(first)
                piece.anchor = f"f-{first}"
            piece.severity = min((severities[i] for i in piece.findings), key=_gravity)
        if a in evidence_starts and f"e-{a}" not in seen_ids:
            seen_ids.add(f"e-{a}")
            if piece.anchor is None and not piece.findings:
                piece.anchor = f"e-{a}"
            else:
                piece.marks.append(f"e-{a}")
        if out and out[-1].plain and piece.plain and not piece.marks:
            out[-1].text += piece.text
        else:
            out.append(piece)
    return out


def _gravity(severity: str) -> int:
    return SEVERITY_ORDER.get(severity, 3)


def _clamp(start: Any, end: Any, n: int) -> tuple[int, int]:
    try:
        s, e = int(start), int(end)
    except (TypeError, ValueError):
        return 0, 0
    s = max(0, min(s, n))
    e = max(s, min(e, n))
    return s, e


def summary(findings: list[Any]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        sev = str(_get(f, "severity", "info"))
        counts[sev] = counts.get(sev, 0) + 1
    return counts
