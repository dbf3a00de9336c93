"""The register of laws and ordinances (``kb/data/laws.toml``): which number sequence a type
of /QH and /UBTVQH document belongs to, and which law a name and a year or date name."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kb.models import Family
from kb.parse.refs import find_refs
from kb.parse.textutil import fold
from kb.tables import load_table

UNKNOWN_SEQUENCE = "?"


@dataclass(frozen=True)
class LawEntry:
    number: str
    type: str
    name: str
    aliases: tuple[str, ...]
    passed: dt.date
    in_force: dt.date | None
    source: str


@dataclass(frozen=True)
class Register:
    sequences: dict[str, str]  # type name -> the sequence its numbers run in
    abbreviations: dict[str, str]  # short form (as written) -> words it stands for
    laws: tuple[LawEntry, ...]


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@cache
def load_register() -> Register:
    data = load_table("kb", "laws.toml")
    laws = []
    for e in data.get("law", []):
        passed = _date(e["passed"])
        if passed is None:
            raise ValueError(f"laws.toml: {e['number']} has no date passed")
        laws.append(
            LawEntry(
                number=e["number"],
                type=e["type"],
                name=e["name"],
                aliases=tuple(e.get("aliases", ())),
                passed=passed,
                in_force=_date(e.get("in_force")),
                source=e["source"],
            )
        )
    return Register(
        sequences=dict(data.get("sequences", {})),
        abbreviations=dict(data.get("abbreviations", {})),
        laws=tuple(laws),
    )


def law_key(key_ref: str, type_name: str | None) -> str:
    """The identity of a /QH or /UBTVQH số hiệu: the number and the sequence of its type
    (``93/2015/QH13@Luật``, ``93/2015/QH13@Nghị quyết``); ``…@?`` when no type word says
    which, a mention that resolves to the one known document of that number or stays
    ambiguous."""
    sequence = load_register().sequences.get(type_name or "", UNKNOWN_SEQUENCE)
    return f"{key_ref}@{sequence}"


_PUNCT = re.compile(r"[,.;:()\[\]\"“”'‘’\-–—/]+")
_AMENDED_DRAFT = re.compile(r"\(\s*sửa\s+đổi\s*\)\s*$", re.IGNORECASE)
_TAIL = re.compile(
    r"(?:\s+(?:ban hanh|cua quoc hoi|cua uy ban thuong vu quoc hoi|duoc quoc hoi|"
    r"nuoc cong hoa xa hoi chu nghia viet nam|nam))+$"
)
_HEAD = re.compile(r"^(?:ve\s+|so\s+|bo luat\s+|luat\s+|phap lenh\s+|nghi quyet\s+)+")


def name_key(name: str, abbreviations: dict[str, str] | None = None) -> str:
    """The form of a law's name that is compared: abbreviations written out ("NSNN" → "ngân
    sách nhà nước"), "(sửa đổi)" of a draft's name dropped, no accents, case or punctuation,
    no trailing "ban hành" / "của Quốc hội"."""
    abbreviations = load_register().abbreviations if abbreviations is None else abbreviations
    name = _AMENDED_DRAFT.sub("", name)
    words = [abbreviations.get(w.strip(",.;"), w) for w in name.split()]
    folded = fold(_PUNCT.sub(" ", " ".join(words)))
    return _HEAD.sub("", _TAIL.sub("", folded)).strip()


@dataclass(frozen=True)
class LawMatch:
    """The register's answer for a law cited by name: the entry, or why there is none."""

    entry: LawEntry | None
    reason: str | None = None


@cache
def _index() -> dict[tuple[str, str], tuple[LawEntry, ...]]:
    reg = load_register()
    index: dict[tuple[str, str], list[LawEntry]] = {}
    for e in reg.laws:
        sequence = reg.sequences.get(e.type, e.type)
        for name in (e.name, *e.aliases):
            bucket = index.setdefault((sequence, name_key(name)), [])
            if e not in bucket:
                bucket.append(e)
    return {k: tuple(v) for k, v in index.items()}


def find_law(type_name: str, name: str, year: int, date: dt.date | None = None) -> LawMatch:
    """The law, code, ordinance or resolution of the National Assembly named ``name`` and
    passed on ``date`` (or in ``year``). A date that is not the day it was passed still
    finds the one law of that name passed that year; a year alone may also be the year it
    took effect ("Luật Doanh nghiệp 2020" passed 17/6/2020, "Luật BHXH 2014"), when only one
    law of that name took effect then. Never a guess between two."""
    reg = load_register()
    sequence = reg.sequences.get(type_name, type_name)
    key = name_key(name)
    candidates = _index().get((sequence, key), ())
    if not candidates:
        return LawMatch(None, "name-not-in-register")
    exact = [e for e in candidates if date is not None and e.passed == date]
    if len(exact) == 1:
        return LawMatch(exact[0])
    same_year = [e for e in candidates if e.passed.year == year]
    if len(same_year) == 1:
        return LawMatch(same_year[0])
    if len(same_year) > 1:
        return LawMatch(None, "several-laws-that-year")
    if date is None:
        in_force = [e for e in candidates if e.in_force and e.in_force.year == year]
        if len(in_force) == 1:
            return LawMatch(in_force[0])
    return LawMatch(None, "no-law-of-that-name-that-year")


def entry_key(entry: LawEntry) -> tuple[str, str]:
    """The số hiệu of an entry as the parser writes it, and the KB key it names."""
    refs = find_refs(entry.number)
    if not refs or refs[0].start != 0:
        return entry.number, entry.number
    r = refs[0]
    if r.family is Family.LAW:
        return r.ref, law_key(r.key_ref, entry.type)
    return r.ref, r.key_ref


def term_corrected(type_name: str, name: str, ref: str, year: int) -> LawEntry | None:
    """The register's law when a law cited by name and number has the wrong term in its
    number ("Luật Đầu tư số 67/2014/QH14": a law of 2014 is of the 13th term, and the register
    knows Luật Đầu tư 67/2014/QH13): same number and year, another term. None otherwise."""
    entry = find_law(type_name, name, year).entry
    if entry is None or entry.number == ref:
        return None
    head, sep, _ = ref.rpartition("QH")
    entry_head, entry_sep, _ = entry.number.rpartition("QH")
    return entry if sep and entry_sep and head == entry_head else None
