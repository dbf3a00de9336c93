"""The citation grammar as data: type words, abbreviations, issuer codes and separators.

Everything here is read from the TOML files in ``kb/data``; this module only turns the
tables into look-up dictionaries and a few compiled patterns. Nothing is compiled at
import time: ``load_grammar()`` builds the tables once, on first use.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from kb.models import Family
from kb.parse.textutil import canon_letters, fold
from kb.tables import load_table


@dataclass(frozen=True)
class TypeEntry:
    name: str
    words: tuple[str, ...]
    state_codes: tuple[str, ...]
    party_codes: tuple[str, ...]
    normative: bool
    examples: tuple[str, ...]
    code_variants: tuple[str, ...] = ()  # spellings of the state code seen in real text: "QD"
    unofficial_codes: tuple[str, ...] = ()  # state codes not in Nghị định 30/2020: "CV"
    cited: bool = True  # False: numbers after this type word are not citations (contracts)
    self_reference: bool = True  # False: "<word> này" does not name the text ("Mẫu này")


@dataclass(frozen=True)
class IssuerEntry:
    code: str
    family: str  # "state" | "party"
    level: str  # "central" | "province" | "district" | "unit"
    names: tuple[str, ...]
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successor: str | None = None
    parent: str | None = None
    numbered_by_term: bool = False
    note: str | None = None
    examples: tuple[str, ...] = ()

    def valid_on(self, day: dt.date) -> bool:
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


@lru_cache(maxsize=8192)
def code_key(code: str) -> str:
    """Key under which a code is looked up: Ð folded to Đ, upper case."""
    return canon_letters(code).upper()


@dataclass(frozen=True)
class Grammar:
    types: tuple[TypeEntry, ...]
    issuers: dict[str, IssuerEntry]  # canonical code -> entry
    type_by_word: dict[str, TypeEntry]  # folded word -> entry
    state_type_codes: dict[str, str]  # code_key -> canonical code
    party_type_codes: dict[str, str]
    issuer_codes: dict[str, str]  # code_key -> canonical code
    type_by_state_code: dict[str, TypeEntry]  # canonical code -> entry
    type_by_party_code: dict[str, TypeEntry]
    unofficial_codes: dict[str, str]  # code_key -> canonical: state codes not in the decree
    issuer_by_name: dict[str, str]  # folded name -> code
    dash_chars: str
    slash_chars: str
    space_chars: str
    law_issuer: re.Pattern[str] = field(default=re.compile(r"^(QH|UBTVQH)(\d{1,2})$"))

    def unglued(self, entry: TypeEntry, code: str) -> tuple[str, str] | None:
        """(type code, issuer code) when ``code`` is a type code of ``entry`` run into a known
        issuer code, the dash lost ("QĐUBND" for a Quyết định: QĐ, UBND); None otherwise."""
        for type_code in entry.state_codes:
            rest = code[len(type_code) :]
            if code.upper().startswith(type_code.upper()) and rest and self.issuer(rest):
                return type_code, rest
        return None

    def issuer(self, code: str | None) -> IssuerEntry | None:
        if not code:
            return None
        canon = self.issuer_codes.get(code_key(code))
        if canon is None:
            m = self.law_issuer.match(code_key(code))
            canon = m.group(1) if m else None
        return self.issuers.get(canon) if canon else None

    def type_for_word(self, word: str) -> TypeEntry | None:
        return self.type_by_word.get(fold(word))

    def issuer_code_for_name(self, name: str) -> str | None:
        """Code of a named body ("Ban Thường vụ Tỉnh ủy" → "TU"), longest known name first."""
        folded = fold(name)
        if folded in _NAME_CODE_CACHE:
            return _NAME_CODE_CACHE[folded]
        code = self._code_for_folded_name(folded)
        if len(_NAME_CODE_CACHE) < 65536:
            _NAME_CODE_CACHE[folded] = code
        return code

    def _code_for_folded_name(self, folded: str) -> str | None:
        best: tuple[int, str] | None = None
        for known, code in self.issuer_by_name.items():
            matches = folded == known or folded.startswith(known + " ")
            if matches and (best is None or len(known) > best[0]):
                best = (len(known), code)
        return best[1] if best else None

    def self_words(self) -> set[str]:
        """The type words that name the text they are in when "này" follows ("Quyết định
        này"; not "Mẫu này", a form)."""
        return {w for t in self.types if t.self_reference for w in t.words}

    def type_words_pattern(self) -> str:
        """Alternation of the type words of ``self_words``, longest first, tolerant of line
        breaks and Ð."""
        words = sorted(self.self_words(), key=len, reverse=True)
        return "|".join(_word_regex(w) for w in words)

    def type_words_reversed_pattern(self) -> str:
        """``type_words_pattern`` for the reversed text: each word written backwards, the words
        with more syllables (then more letters) first, so that the first alternative that
        matches is the longest type word ending where the match starts."""
        words = sorted(
            self.self_words(),
            key=lambda w: (len(w.split()), len(w)),
            reverse=True,
        )
        return "|".join(_word_regex(" ".join(x[::-1] for x in reversed(w.split()))) for w in words)

    def issuer_names_pattern(self) -> str:
        names = sorted({n for i in self.issuers.values() for n in i.names}, key=len, reverse=True)
        return "|".join(_word_regex(n) for n in names)


_NAME_CODE_CACHE: dict[str, str | None] = {}


def _word_regex(word: str) -> str:
    parts = []
    for token in word.split():
        token_re = "".join(_char_regex(ch) for ch in token)
        parts.append(token_re)
    # "\s" holds the no-break space already; a one-class set under IGNORECASE made the issuer
    # pattern slow to compile (each set is expanded for case folding)
    return r"\s+".join(parts)


def _char_regex(ch: str) -> str:
    if ch in "đĐ":
        return "[đĐðÐ]"
    return re.escape(ch)


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _read_toml(name: str) -> dict[str, Any]:
    return load_table("kb", name)


@cache
def load_grammar() -> Grammar:
    types_data = _read_toml("types.toml")["type"]
    issuers_data = _read_toml("issuers.toml")["issuer"]
    seps = _read_toml("separators.toml")

    types = tuple(
        TypeEntry(
            name=t["name"],
            words=tuple(t.get("words", [])),
            state_codes=tuple(t.get("state_codes", [])),
            party_codes=tuple(t.get("party_codes", [])),
            normative=bool(t.get("normative", False)),
            examples=tuple(t.get("examples", [])),
            code_variants=tuple(t.get("code_variants", [])),
            unofficial_codes=tuple(t.get("unofficial_codes", [])),
            cited=bool(t.get("cited", True)),
            self_reference=bool(t.get("self_reference", True)),
        )
        for t in types_data
    )
    type_by_word: dict[str, TypeEntry] = {}
    state_type_codes: dict[str, str] = {}
    party_type_codes: dict[str, str] = {}
    type_by_state_code: dict[str, TypeEntry] = {}
    type_by_party_code: dict[str, TypeEntry] = {}
    unofficial_codes: dict[str, str] = {}
    for t in types:
        for w in t.words:
            type_by_word.setdefault(fold(w), t)
        for c in t.state_codes:
            state_type_codes[code_key(c)] = c
            type_by_state_code.setdefault(c, t)
        for v in t.code_variants:
            state_type_codes.setdefault(code_key(v), t.state_codes[0])
        for c in t.unofficial_codes:
            unofficial_codes[code_key(c)] = c
            type_by_state_code.setdefault(c, t)
        for c in t.party_codes:
            party_type_codes[code_key(c)] = c
            # "QĐ" in a Party number is a Quyết định unless the type word says Quy định
            type_by_party_code.setdefault(c, t)

    issuers: dict[str, IssuerEntry] = {}
    issuer_codes: dict[str, str] = {}
    issuer_by_name: dict[str, str] = {}
    for i in issuers_data:
        entry = IssuerEntry(
            code=i["code"],
            family=i["family"],
            level=i["level"],
            names=tuple(i.get("names", [])),
            valid_from=_date(i.get("valid_from")),
            valid_to=_date(i.get("valid_to")),
            successor=i.get("successor"),
            parent=i.get("parent"),
            numbered_by_term=bool(i.get("numbered_by_term", False)),
            note=i.get("note"),
            examples=tuple(i.get("examples", [])),
        )
        issuers[entry.code] = entry
        issuer_codes[code_key(entry.code)] = entry.code
        for n in entry.names:
            issuer_by_name.setdefault(fold(n), entry.code)

    return Grammar(
        types=types,
        issuers=issuers,
        type_by_word=type_by_word,
        state_type_codes=state_type_codes,
        party_type_codes=party_type_codes,
        issuer_codes=issuer_codes,
        type_by_state_code=type_by_state_code,
        type_by_party_code=type_by_party_code,
        unofficial_codes=unofficial_codes,
        issuer_by_name=issuer_by_name,
        dash_chars="".join(seps["dash"]["variants"]),
        slash_chars="".join(seps["slash"]["variants"]),
        space_chars="".join(seps["space"]["variants"]),
    )


def types_compatible(word_type: TypeEntry, code_type: TypeEntry, family: Family) -> bool:
    """Whether a type word and the type a code says agree (a Party "Quy định" may be
    numbered -QĐ; a law's number says Luật, Bộ luật, Pháp lệnh or Nghị quyết)."""
    if word_type.name == code_type.name:
        return True
    pair = {word_type.name, code_type.name}
    if family is Family.PARTY and pair == {"Quy định", "Quyết định"}:
        return True
    if family is Family.LAW:
        return word_type.name in {"Luật", "Bộ luật", "Pháp lệnh", "Nghị quyết", "Hiến pháp"}
    return pair in ({"Thông tư", "Thông tư liên tịch"}, {"Nghị quyết", "Nghị quyết liên tịch"})
