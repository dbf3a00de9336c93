"""Scoring of "which regulation applies" questions (``tests/kb/data/applies_questions.toml``).

For each question: is a text in force on the date among the first three answers, and is any
text replaced, repealed or not yet in force on that date called in force? The same
questions are put to a plain fuzzy title search (rapidfuzz over each document's type,
number, title and first lines, keeping the documents signed by the date) as a baseline.
Used by ``bench/bench_applies.py`` and by the test suite.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kb.graph.identity import ref_norm
from kb.parse.textutil import fold
from kb.queries.knowledge_base import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "tests" / "kb" / "data" / "applies_questions.toml"
IN_FORCE = ("in_force", "amended")
FIRST_LINES = 400  # characters of each corpus file the baseline reads


@dataclass(frozen=True)
class Question:
    query: str
    on: dt.date
    in_force: tuple[str, ...]
    not_in_force: tuple[str, ...]
    file: str


def load_questions(path: Path = QUESTIONS) -> list[Question]:
    data = tomllib.loads(path.read_text("utf-8"))
    return [
        Question(
            q["query"],
            dt.date.fromisoformat(q["on"]),
            tuple(q["in_force"]),
            tuple(q["not_in_force"]),
            q["file"],
        )
        for q in data["question"]
    ]


def _norm(ref: str | None) -> str:
    return ref_norm(ref) if ref else ""


@dataclass
class Score:
    """Totals over the questions."""

    asked: int = 0  # questions with a text in force to find
    found: int = 0  # … found among the first three answers
    ended: int = 0  # texts that must not be called in force
    called_in_force: int = 0  # … called in force all the same
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def found_share(self) -> float:
        return self.found / self.asked if self.asked else 0.0


def score_applies(kb: KnowledgeBase, questions: list[Question]) -> Score:
    s = Score()
    for q in questions:
        result = kb.applies(q.query, q.on)
        top = [_norm(r.ref) for r in result.results[:3]]
        if q.in_force:
            s.asked += 1
            if any(_norm(ref) in top for ref in q.in_force):
                s.found += 1
            else:
                s.misses.append(f"{q.query} @ {q.on}: {q.in_force} not in {top}")
        in_force = {_norm(r.ref) for r in result.results if r.status in IN_FORCE}
        for ref in q.not_in_force:
            s.ended += 1
            if _norm(ref) in in_force:
                s.called_in_force += 1
                s.wrong.append(f"{q.query} @ {q.on}: {ref} called in force")
    return s


def baseline_index(kb: KnowledgeBase, docs_dir: Path) -> list[tuple[str, str | None, str]]:
    """(ref, date, folded text) of each document: type, number, title and, for a corpus
    file, its first lines."""
    out = []
    for row in kb.store.all_documents():
        key, ref, doc_type, date, subject, title, path = (
            row[0],
            row[1],
            row[2],
            row[3],
            row[6],
            row[7],
            row[8],
        )
        head = ""
        if path:
            file = docs_dir.parent / path if not Path(path).is_absolute() else Path(path)
            if file.is_file():
                with file.open(encoding="utf-8", errors="replace") as f:
                    head = f.read(FIRST_LINES)
        text = " ".join(t for t in (doc_type, ref or key, title, subject, head) if t)
        out.append((ref or key, date, fold(text)))
    return out


def score_baseline(index: list[tuple[str, str | None, str]], questions: list[Question]) -> Score:
    from rapidfuzz import fuzz, process

    s = Score()
    for q in questions:
        day = q.on.isoformat()
        signed = [(ref, text) for ref, date, text in index if date and date[: len(day)] <= day]
        picks = process.extract(
            fold(q.query), [t for _, t in signed], scorer=fuzz.token_set_ratio, limit=3
        )
        top = [_norm(signed[i][0]) for _, _, i in picks]
        if q.in_force:
            s.asked += 1
            if any(_norm(ref) in top for ref in q.in_force):
                s.found += 1
            else:
                s.misses.append(f"{q.query} @ {q.on}: {q.in_force} not in {top}")
        # a search box has no status: whatever it answers, it offers as applicable
        for ref in q.not_in_force:
            s.ended += 1
            if _norm(ref) in top:
                s.called_in_force += 1
                s.wrong.append(f"{q.query} @ {q.on}: {ref} offered")
    return s


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    """The median wall time of ``fn`` in seconds."""
    import statistics
    import time

    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)
