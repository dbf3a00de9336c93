"""Sanity of a document record's fields: the subject is the trích yếu, the issuer follows
from a central issuer code.

A subject taken from mentions may run on into what follows it ("… (sau đây gọi tắt là
…", "… ban hành" before the date of a pháp điển note); a code such as ``QH``, ``CP`` or
``TTg`` names its issuer whatever the mentions say.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kb.parse.grammar import load_grammar
from kb.parse.lawregister import LawEntry, entry_key, load_register
from kb.parse.textutil import fold
from kb.tables import load_table

SUBJECTS_FILE = Path(__file__).resolve().parents[1] / "data" / "subjects.toml"


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = load_table("kb", SUBJECTS_FILE.name)
    cut = tuple(fold(c) for c in data["cut_at"])
    tails = tuple(sorted((fold(t) for t in data["drop_tail"]), key=len, reverse=True))
    return cut, tails


def clean_subject(subject: str | None) -> str | None:
    """The subject up to its end: an alias defined after it cut, a dangling "ban hành"
    dropped. Folding keeps the length of the text, so offsets carry over."""
    if not subject:
        return subject
    cut, tails = _rules()
    folded = fold(subject)
    if len(folded) != len(subject):  # decomposed accents: offsets would not carry over
        return subject
    end = len(subject)
    for marker in cut:
        at = folded.find(marker)
        if 0 <= at < end:
            end = at
    text = subject[:end].rstrip(" ,;:(")
    folded = fold(text)
    for tail in tails:
        if folded.endswith(" " + tail):
            text = text[: len(text) - len(tail)].rstrip(" ,;")
            break
    return text or None


def issuer_for_code(code: str | None) -> str | None:
    """The body a central issuer code names (``QH13`` → Quốc hội, ``TTg`` → Thủ tướng
    Chính phủ), or None when the code alone does not say it (a provincial ``UBND``)."""
    if not code:
        return None
    entry = load_grammar().issuer(code)
    if entry is None or entry.level != "central" or not entry.names:
        return None
    return entry.names[0]


@lru_cache(maxsize=1)
def _register_by_key() -> dict[str, LawEntry]:
    return {entry_key(e)[1]: e for e in load_register().laws}


def register_entry(key: str) -> LawEntry | None:
    """The register's entry for a law, code, ordinance or NA resolution of this KB key
    (``kb/data/laws.toml``), or None."""
    return _register_by_key().get(key)


def register_entries() -> list[tuple[str, LawEntry]]:
    """(KB key, entry) of every law of the register."""
    return list(_register_by_key().items())
