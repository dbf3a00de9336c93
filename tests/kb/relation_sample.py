"""Scoring the relations the KB draws against hand-labelled documents.

Used by ``tests/kb/test_relation_sample.py`` (with thresholds) and by
``bench/bench_graph.py`` (the figures). Each labelled document is parsed and built into
a KB of its own, as ``kb build`` would, and the stated edges of that KB are compared with
the labels: typed-edge precision (every kind but ``cites``), recall of "căn cứ"
(``based_on``) and recall of the other relations.

``web_layout`` re-lays a real text out the way copies on the web look: the header table
flattened to one cell per line with blank lines between, "Số:" alone on its line with
the number on the next, and the title and preamble broken into short lines anywhere
between words.
"""

from __future__ import annotations

import json
import re
import textwrap
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kb.graph.identity import ref_norm
from kb.graph.relations import Mention, find_relations
from kb.ingest.build import add_extracted
from kb.parse.extract import extract_text
from kb.store.sqlite import Store

THIS = "this"
_TITLE_WORDS = re.compile(
    r"^\s*(THÔNG TƯ|NGHỊ ĐỊNH|QUYẾT ĐỊNH|NGHỊ QUYẾT|LUẬT|BÁO CÁO|KẾ HOẠCH|CHỈ THỊ|"
    r"THÔNG TƯ LIÊN TỊCH|PHÁP LỆNH)\s*$"
)
_BODY_START = re.compile(r"^\s*(Điều 1\b|Chương I\b|QUYẾT ĐỊNH:|I\.\s|Phần I\b|NGHỊ QUYẾT:)")
_WRAP = 30  # characters per line of a re-laid preamble


def web_layout(text: str) -> str:
    """The text as a web copy lays it out (see the module's notes)."""
    lines = text.splitlines()
    title_at = next((i for i, ln in enumerate(lines[:80]) if _TITLE_WORDS.match(ln)), None)
    if title_at is None:
        return text
    body_at = next(
        (i for i in range(title_at + 1, len(lines)) if _BODY_START.match(lines[i])), len(lines)
    )
    out: list[str] = []
    for raw in lines[:title_at]:
        cell = raw.strip()
        if not cell:
            continue
        if cell.startswith("Số:"):
            out += ["Số:", cell[3:].strip(), ""]
        else:
            out += [cell, ""]
    out += [lines[title_at].strip(), ""]
    paragraph: list[str] = []
    for raw in lines[title_at + 1 : body_at]:
        paragraph.append(raw.strip())
        if raw.rstrip().endswith((";", ".", ":")) or not raw.strip():
            out += [*textwrap.wrap(" ".join(paragraph), _WRAP), ""]
            paragraph = []
    if paragraph:
        out += [*textwrap.wrap(" ".join(paragraph), _WRAP), ""]
    return "\n".join(out + lines[body_at:]) + "\n"


@dataclass
class Score:
    """Counts over a sample, overall and by layout."""

    typed_right: Counter[str] = field(default_factory=Counter)
    typed_wrong: Counter[str] = field(default_factory=Counter)
    basis_found: Counter[str] = field(default_factory=Counter)
    basis_total: Counter[str] = field(default_factory=Counter)
    other_found: Counter[str] = field(default_factory=Counter)
    other_total: Counter[str] = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    documents: int = 0

    def precision(self, layout: str | None = None) -> float:
        right, wrong = _sum(self.typed_right, layout), _sum(self.typed_wrong, layout)
        return right / (right + wrong) if right + wrong else 1.0

    def basis_recall(self, layout: str | None = None) -> float:
        total = _sum(self.basis_total, layout)
        return _sum(self.basis_found, layout) / total if total else 1.0

    def other_recall(self, layout: str | None = None) -> float:
        total = _sum(self.other_total, layout)
        return _sum(self.other_found, layout) / total if total else 1.0

    def lines(self) -> list[str]:
        out = []
        for layout in [None, *sorted(self.basis_total | self.other_total | self.typed_right)]:
            name = layout or "all"
            out.append(
                f"{name}: typed-edge precision {self.precision(layout):.3f} "
                f"({_sum(self.typed_right, layout)}/"
                f"{_sum(self.typed_right, layout) + _sum(self.typed_wrong, layout)}), "
                f"căn cứ recall {self.basis_recall(layout):.3f} "
                f"({_sum(self.basis_found, layout)}/{_sum(self.basis_total, layout)}), "
                f"other relations recall {self.other_recall(layout):.3f} "
                f"({_sum(self.other_found, layout)}/{_sum(self.other_total, layout)})"
            )
        out[0] += f" — {self.documents} readings"
        return out


def _sum(counter: Counter[str], layout: str | None) -> int:
    return counter[layout] if layout else sum(counter.values())


def _written(end: str, text: str) -> bool:
    """Whether an edge's end is the text itself or a document whose number the text writes
    (a law the KB knows by name only, or resolved from its name, is not labelled)."""
    if end == THIS:
        return True
    m = re.match(r"(\d+)/(\d{4})/", end)
    if m is None:
        return any(ch.isdigit() for ch in end) and "/" in end
    return re.search(rf"(?<!\d)0*{m.group(1)}/{m.group(2)}/", text) is not None


def _name(ref: str) -> str:
    return THIS if ref == THIS else ref_norm(ref)


def stated_edges(text: str, path: str) -> set[tuple[str, str, str]]:
    """(from, to, kind) of the typed stated edges a KB built from this one text holds,
    each end by its folded số hiệu, "this" for the text's own document."""
    store = Store(":memory:")
    try:
        add_extracted(store, [(extract_text(text, path), text)])
        own = {row[1] for row in store.file_documents()}
        docs = {row[0]: row[1] for row in store.all_documents()}
        out = set()
        for src, tgt, kind, origin, *_ in store.all_relations():
            if origin != "stated" or kind == "cites":
                continue

            def end(key: str) -> str:
                if key in own:
                    return THIS
                return ref_norm(docs.get(key) or key.partition("@")[0])

            out.add((end(src), end(tgt), kind))
        return out
    finally:
        store.close()


def score_sample(labels: Path, shared: Path, repository: Path | None = None) -> Score:
    """Score every labelled document found (``bench-corpus/…`` under ``shared``,
    ``corpus/…`` under the repository)."""
    repository = repository or Path(__file__).resolve().parents[2]
    data = tomllib.loads(labels.read_text(encoding="utf-8"))
    score = Score()
    for doc in data["document"]:
        base = repository if doc["file"].startswith("corpus/") else shared
        path = base / doc["file"]
        if not path.is_file():
            continue
        required = {
            (_name(r["from"]), _name(r["to"]), r["kind"])
            for r in doc["relations"]
            if not r.get("optional")
        }
        optional = {
            (_name(r["from"]), _name(r["to"]), r["kind"])
            for r in doc["relations"]
            if r.get("optional")
        }
        original = path.read_text(encoding="utf-8")
        for layout in doc["layouts"]:
            text = web_layout(original) if layout == "web" else original
            got = stated_edges(text, Path(doc["file"]).name)
            score.documents += 1
            for edge in got - optional:
                if not all(_written(end, text) for end in edge[:2]):
                    continue  # a law cited by name only: not labelled here
                if edge in required:
                    score.typed_right[layout] += 1
                else:
                    score.typed_wrong[layout] += 1
                    score.wrong.append(f"{doc['file']} ({layout}): {edge}")
            for edge in required:
                total, found = (
                    (score.basis_total, score.basis_found)
                    if edge[2] == "based_on"
                    else (score.other_total, score.other_found)
                )
                total[layout] += 1
                if edge in got:
                    found[layout] += 1
                else:
                    score.missed.append(f"{doc['file']} ({layout}): {edge}")
    return score


_VNLEGALTEXT_KINDS = {
    "supersedes": "replaces",
    "expires": "repeals",
    "amends_supplements": "amends",
    "guides": "guides",
    "pursuant_to": "based_on",
    "refers": "cites",
    "none": "cites",
}


def score_vnlegaltext(sample: Path) -> Score:
    """The VNLegalText labels (the relation of each reference to the acting document),
    compared with the relation reader's reading of the same references."""
    score = Score()
    for line in sample.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        extracted = extract_text(doc["text"])
        kept = sorted(
            (c for c in extracted.citations if not c.self_reference and c.key),
            key=lambda c: c.start,
        )
        views = [Mention(c.start, c.end, c.type, c.pinpoint) for c in kept]
        acting = {
            r.target: r.kind
            for r in find_relations(doc["text"], views, doc["doc_type"])
            if r.source is None and r.target is not None
        }
        score.documents += 1
        for ref in doc["references"]:
            hit = [i for i, c in enumerate(kept) if c.start < ref["end"] and c.end > ref["start"]]
            gold = _VNLEGALTEXT_KINDS[ref["relation"]]
            if ref["partial"] and gold in ("replaces", "repeals"):
                gold = "amends"
            got = acting.get(hit[0]) if hit else None
            if got is not None and got != "cites":
                if got == gold:
                    score.typed_right["vnlegaltext"] += 1
                else:
                    score.typed_wrong["vnlegaltext"] += 1
                    score.wrong.append(f"{doc['doc_id']}: {ref['mention']!r} {got} ≠ {gold}")
            if gold == "cites":
                continue
            total, found = (
                (score.basis_total, score.basis_found)
                if gold == "based_on"
                else (score.other_total, score.other_found)
            )
            total["vnlegaltext"] += 1
            if got == gold:
                found["vnlegaltext"] += 1
            else:
                score.missed.append(f"{doc['doc_id']}: {ref['mention']!r} {got} ≠ {gold}")
    return score
