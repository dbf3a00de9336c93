"""Inferred supersession: same type, compatible issuer, near-identical subject, later date.

The design notes (§3.5) call this "probably replaces": the edge carries a confidence
and both subjects side by side as evidence, and curated facts can confirm or reject it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kb.graph.relations import DATA_FILE
from kb.parse.textutil import fold
from kb.tables import load_table

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
    data = load_table("kb", DATA_FILE.name)
    return dict(data["inference"])


def _clean(subject: str, stop: list[str]) -> str:
    s = fold(subject)
    for phrase in stop:
        s = re.sub(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", " ", s)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def infer_replacements(docs: Iterable[Candidate]) -> list[Inferred]:
    """Pairs (later, earlier) of one group whose subjects are near-identical."""
    from rapidfuzz import fuzz

    settings = _settings()
    types = set(settings["types"])
    stop = [fold(p) for p in settings["stop_phrases"]]
    generic = {fold(w) for w in settings["generic_words"]}
    threshold = float(settings["min_similarity"])
    min_words = int(settings["min_subject_words"])
    min_share = float(settings["min_overlap_share"])
    groups: dict[tuple[str, str], list[tuple[Candidate, str]]] = {}
    for d in docs:
        if d.type is None or d.type not in types or not d.subject or not d.date:
            continue
        if not d.issuer_code:
            continue
        cleaned = _clean(d.subject, stop)
        if len(set(cleaned.split()) - generic) < min_words:
            continue
        groups.setdefault((d.type, d.issuer_code), []).append((d, cleaned))
    out: list[Inferred] = []
    for members in groups.values():
        words = [set(text.split()) - generic for _, text in members]
        for i, j in _candidate_pairs(words):
            (a, ta), (b, tb) = members[i], members[j]
            if (a.date or "") < (b.date or ""):
                (a, ta), (b, tb), i, j = (b, tb), (a, ta), j, i
            if a.date == b.date:
                continue
            wa, wb = words[i], words[j]
            if min(len(wa), len(wb)) < min_share * max(len(wa), len(wb)):
                continue
            if sorted(_DIGITS.findall(ta)) != sorted(_DIGITS.findall(tb)):
                continue  # "năm 2024" and "năm 2025": two periods, not a replacement
            score = float(fuzz.token_set_ratio(ta, tb, score_cutoff=threshold))
            if score < threshold:
                continue
            confidence = round(0.6 + 0.3 * (score - threshold) / max(100 - threshold, 1), 3)
            evidence = (
                f"same type ({a.type}) and issuer ({a.issuer_code}), later date "
                f"({a.date} after {b.date}), subjects {score:.0f}% alike: "
                f"{a.ref}: “{a.subject}” | {b.ref}: “{b.subject}”"
            )
            out.append(Inferred(a.key, b.key, confidence, evidence))
    return out


def _candidate_pairs(words: list[set[str]], rarest: int = 4) -> set[tuple[int, int]]:
    """Pairs of subjects sharing one of the rarest specific words of either: a subject
    nearly contained in another shares its rarest words with it. Avoids comparing every
    pair of a large group (the Thông tư of one ministry)."""
    index: dict[str, list[int]] = {}
    for i, ws in enumerate(words):
        for w in ws:
            index.setdefault(w, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for i, ws in enumerate(words):
        for w in sorted(ws, key=lambda w: (len(index[w]), w))[:rarest]:
            for j in index[w]:
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
    return pairs
