"""When bodies existed: issuer codes and bodies named in words, from ``kb/data/issuers.toml``.

A code's lifetime (``valid_from`` / ``valid_to`` of an ``[[issuer]]``) tells when a số hiệu
with that code can be dated. The end of the district level and of the 29 merged provinces
shows only in words ("của UBND huyện Mai Sơn", "UBND tỉnh Hà Giang"), so those lifetimes are
the ``[[named_body]]`` and ``[[former_province]]`` tables, matched here as text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from citecheck.issuers import norm_code
from kb.tables import load_table


@dataclass(frozen=True)
class Lifetime:
    """A body and the days it existed; ``name`` is how messages call it."""

    name: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor: str | None
    source: str
    date_varies: bool = False
    local: bool = False  # a district or a former province: its name says "ban hành" only of its own

    def before(self, day: dt.date) -> bool:
        """``day`` falls before the body began."""
        return self.valid_from is not None and day < self.valid_from

    def after(self, day: dt.date) -> bool:
        """``day`` falls after the body ended."""
        return self.valid_to is not None and day > self.valid_to


@dataclass(frozen=True)
class NamedMatch:
    """A lapsed or not-yet body named in the text, at ``start:end``."""

    life: Lifetime
    start: int
    end: int
    text: str


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return load_table("kb", "issuers.toml")


@lru_cache(maxsize=1)
def code_lifetimes() -> dict[str, Lifetime]:
    """Issuer code → its lifetime, for the codes that have one."""
    out: dict[str, Lifetime] = {}
    for row in _data().get("issuer", []):
        if not (row.get("valid_from") or row.get("valid_to")):
            continue
        names = row.get("names") or [row["code"]]
        out[norm_code(row["code"])] = Lifetime(
            name=names[0],
            valid_from=_date(row.get("valid_from")),
            valid_to=_date(row.get("valid_to")),
            successor=row.get("successor"),
            source=row.get("source", ""),
            date_varies=bool(row.get("date_varies", False)),
        )
    return out


def code_lifetime(code: str | None) -> Lifetime | None:
    """The lifetime of issuer ``code`` ("BLĐTBXH"; a joint or unit suffix is cut: "UBND-NC")."""
    if not code:
        return None
    table = code_lifetimes()
    key = norm_code(code)
    return table.get(key) or table.get(key.split("-")[0])


def _words(name: str) -> str:
    """A name as a pattern: any run of blanks or line breaks between its words, dashes alike."""
    parts = [re.escape(w) for w in name.split()]
    joined = r"\s+".join(parts)
    return joined.replace(re.escape("-"), "[-–]").replace(re.escape("–"), "[-–]")


@lru_cache(maxsize=1)
def _named_patterns() -> list[tuple[re.Pattern[str], Lifetime]]:
    pats: list[tuple[re.Pattern[str], Lifetime]] = []
    for row in _data().get("named_body", []):
        names = sorted(row["names"], key=len, reverse=True)
        life = Lifetime(
            name=row["names"][0],
            valid_from=_date(row.get("valid_from")),
            valid_to=_date(row.get("valid_to")),
            successor=row.get("successor"),
            source=row.get("source", ""),
            date_varies=bool(row.get("date_varies", False)),
            local=bool(row.get("local", False)),
        )
        body = "|".join(_words(n) for n in names)
        pats.append((re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), life))
    for row in _data().get("former_province", []):
        name = row["name"]
        life = Lifetime(
            name=f"tỉnh {name}",
            valid_from=None,
            valid_to=_date(row.get("valid_to")),
            successor=row.get("merged_into"),
            source=row.get("source", ""),
        )
        pats.append(
            (
                re.compile(rf"(?<!\w)tỉnh(?:\s+ủy|\s+uỷ)?\s+{_words(name)}(?!\w)", re.IGNORECASE),
                life,
            )
        )
    return pats


_NEXT_WORD = re.compile(r"[ \t\u00a0]+([^\W\d_]+)")
MAX_PLACE_WORDS = 3


def _place_end(text: str, pos: int) -> int:
    """Past the place name after a body's kind word: "UBND huyện| Mai Sơn" (capitalised words
    on the same line)."""
    for _ in range(MAX_PLACE_WORDS):
        m = _NEXT_WORD.match(text, pos)
        if not m or not m.group(1)[0].isupper():
            break
        pos = m.end()
    return pos


def named_bodies(text: str) -> list[NamedMatch]:
    """Every lapsed (or not-yet) body named in ``text``, first by position, longest first."""
    found: list[NamedMatch] = []
    for pat, life in _named_patterns():
        for m in pat.finditer(text):
            end = _place_end(text, m.end())
            found.append(NamedMatch(life, m.start(), end, " ".join(text[m.start() : end].split())))
    found.sort(key=lambda n: (n.start, -(n.end - n.start)))
    kept: list[NamedMatch] = []
    for n in found:
        if kept and n.start < kept[-1].end:
            continue
        kept.append(n)
    return kept
