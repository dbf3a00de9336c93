"""The issuer table (``kb/data/issuers.toml``) as the checker needs it: family, level, parent."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kb.parse.textutil import canon_letters, fold
from kb.tables import load_table


@dataclass(frozen=True)
class Issuer:
    code: str
    family: str  # "state" | "party"
    level: str  # "central" | "province" | "district" | "unit"
    parent: str | None
    names: tuple[str, ...]


def norm_code(code: str) -> str:
    return canon_letters(code).upper()


@lru_cache(maxsize=1)
def issuers() -> dict[str, Issuer]:
    table: dict[str, Issuer] = {}
    for row in load_table("kb", "issuers.toml").get("issuer", []):
        iss = Issuer(
            code=row["code"],
            family=row.get("family", "state"),
            level=row.get("level", "central"),
            parent=row.get("parent"),
            names=tuple(row.get("names", [])),
        )
        table[norm_code(iss.code)] = iss
        for alias in row.get("aliases", []):
            table[norm_code(alias)] = iss
    return table


def lookup(code: str | None) -> Issuer | None:
    if not code:
        return None
    table = issuers()
    key = norm_code(code)
    if key in table:
        return table[key]
    # a joint or unit suffix: "UBND-NC" → UBND, "BTC-BNV" → BTC
    head = key.split("-")[0]
    return table.get(head)


@lru_cache(maxsize=1)
def _local_party_names() -> tuple[tuple[Issuer, tuple[str, ...]], ...]:
    """The local Party committees of the table, in its order, each with its names folded."""
    return tuple(
        (iss, tuple(fold(name) for name in iss.names))
        for iss in issuers().values()
        if iss.family == "party" and iss.level != "central"
    )


def party_committee_in(lines: list[str]) -> Issuer | None:
    """The local Party committee a document's header names ("TỈNH ỦY THỪA THIÊN HUẾ",
    "HUYỆN ỦY …", "ĐẢNG ỦY …"), from the names in the issuer table; None for any other."""
    committees = _local_party_names()
    for line in lines:
        folded = fold(line)
        for iss, names in committees:
            if names and folded.startswith(names):
                return iss
    return None


def display_name(code: str | None) -> str:
    iss = lookup(code)
    if iss is None or not iss.names:
        return code or "?"
    return iss.names[0]


def related_bodies(a: Issuer, b: Issuer) -> bool:
    """Same body, or one is a unit of the other (VPUB of UBND, BDVTU of TU)."""
    if a.code == b.code:
        return True
    return norm_code(a.parent or "") == norm_code(b.code) or norm_code(b.parent or "") == norm_code(
        a.code
    )
