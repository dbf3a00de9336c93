"""The register of laws and ordinances (``kb/data/laws.toml``): which number sequence a type
of /QH and /UBTVQH document belongs to, and which law a name and a year or date name."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

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
    raw = resources.files("kb").joinpath("data", "laws.toml").read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
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
