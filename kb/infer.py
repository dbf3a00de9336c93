"""Inferred supersession: same type, compatible issuer, near-identical subject, later date.

The design notes (§3.5) call this "probably replaces": the edge carries a confidence
and both subjects side by side as evidence, and curated facts can confirm or reject it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kb.relations import DATA_FILE
from kb.textutil import fold

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Candidate:
    key: str
    ref: str | None
    type: str | None
    issuer_code: str | None
    date: str | None
    subject: str | None


@dataclass(frozen=True)
class Inferred:
    source: str  # the later document
    target: str  # the earlier one
    confidence: float
    evidence: str


def _settings() -> dict[str, Any]:
    data = tomllib.loads(DATA_FILE.read_text("utf-8"))
    return dict(data["inference"])


def _clean(subject: str, stop: list[str]) -> str:
    s = fold(subject)
    for phrase in stop:
        s = re.sub(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", " ", s)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def infer_replacements(docs: Iterable[Candidate]) -> list[Inferred]:
    """Pairs (later, earlier) of one group whose subjects are near-identical."""
    from rapidfuzz import fuzz, process

    settings = _settings()
    types = set(settings["types"])
    stop = [fold(p) for p in settings["stop_phrases"]]
    threshold = float(settings["min_similarity"])
    min_words = int(settings["min_subject_words"])
    groups: dict[tuple[str, str], list[tuple[Candidate, str]]] = {}
    for d in docs:
        if d.type is None or d.type not in types or not d.subject or not d.date:
            continue
        if not d.issuer_code:
            continue
        cleaned = _clean(d.subject, stop)
        if len(cleaned.split()) < min_words:
            continue
        groups.setdefault((d.type, d.issuer_code), []).append((d, cleaned))
    out: list[Inferred] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        texts = [m[1] for m in members]
        scores = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, score_cutoff=threshold)
        for i, (a, ta) in enumerate(members):
            for j, (b, tb) in enumerate(members):
                score = float(scores[i][j])
                if i == j or score < threshold or not (a.date or "") > (b.date or ""):
                    continue
                if sorted(_DIGITS.findall(ta)) != sorted(_DIGITS.findall(tb)):
                    continue  # "năm 2024" and "năm 2025": two periods, not a replacement
                confidence = round(0.6 + 0.3 * (score - threshold) / max(100 - threshold, 1), 3)
                evidence = (
                    f"same type ({a.type}) and issuer ({a.issuer_code}), later date "
                    f"({a.date} after {b.date}), subjects {score:.0f}% alike: "
                    f"{a.ref}: “{a.subject}” | {b.ref}: “{b.subject}”"
                )
                out.append(Inferred(a.key, b.key, confidence, evidence))
    return out
