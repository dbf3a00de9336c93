"""Find số hiệu (document numbers) in text and classify them.

One pattern, anchored on a number followed by a slash or a dash, finds every candidate in
a single pass; each candidate's symbol is then split into its codes and checked against
the tables of ``kb/data`` (type abbreviations, issuer codes). Nothing here rescans the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from operator import methodcaller
from typing import Any, NamedTuple

from kb.models import Family
from kb.parse.grammar import Grammar, code_key, load_grammar

_HSPACE = "[ \\t\\u00a0\\u202f\\u2009]"
# white space inside a broken số hiệu: spaces and at most three line breaks, taken whole
# (possessive): what follows it in the pattern never starts with white space, so giving some
# of it back never makes a match, and a failing number is not retried space by space
_SP = f"{_HSPACE}*+(?:\\r?\\n{_HSPACE}*+){{0,3}}+"
# a code: letters (an "&" may join two groups: BNN&PTNT, BGD&ĐT), then up to two digits (QH14)
_CODE = r"[A-ZĐÐa-zđð][A-Za-zĐđÐðƯƠ]{0,14}+(?:&[A-ZĐÐ][A-Za-zĐđÐð]{0,7}+)?\d{0,2}+"
_CODE_RE = re.compile(_CODE)
# codes written in mixed case that are nevertheless codes, not words
_MIXED_CASE_OK = re.compile(
    r"^(?:[A-ZĐƯƠ]+[a-zđ]?[A-ZĐƯƠ]*|[A-ZĐ][a-zđ]?[A-ZĐƯƠ]+|[A-ZĐ]+\d{1,2})$"
)


@cache
def ref_pattern() -> re.Pattern[str]:
    g = load_grammar()
    dash = "[" + re.escape(g.dash_chars) + "]"
    slash = "[" + re.escape(g.slash_chars) + "]"
    # a dot stands for a dash only between two codes, with nothing around it ("NQ.HĐTP"):
    # "TT-BCT. BAN HÀNH …" ends the number at the dot
    sep = f"(?:{_SP}(?:{dash}|{slash}){_SP}|\\.(?=[A-ZĐÐ]))"
    # a code never runs on into a word ("596/Ngày" in a gazette page header is no số hiệu)
    code = f"{_CODE}(?![^\\W\\d_])"
    symbol = f"{code}(?:{sep}{code}){{0,9}}"
    # The pattern starts with a digit (no look-behind) so the scan skips ahead on digits; what
    # stands before the number is checked in ``find_refs``. The digits are possessive and must
    # be followed by a space or a separator, so a number that is not a số hiệu fails at once.
    follow = "[" + re.escape(g.space_chars + g.dash_chars + g.slash_chars) + "]"
    # the year between two slashes written twice ("64//2023/NĐ-CP", "143/2025//NĐ-CP") or
    # followed by a dash ("95/1998-NĐ-CP", "115/2017-BTC"): malformed, read all the same, by an
    # alternative tried last, only where the usual forms fail (``_normative`` tells which)
    odd_year = (
        f"(?:{slash}{_SP})?(?P<xyear>(?:19|20)\\d\\d)"
        f"(?:{_SP}(?:{slash}{_SP}(?:{slash}{_SP})?|{dash}{_SP})|(?=[A-ZĐÐ]))(?P<xsym>{symbol})"
    )
    return re.compile(
        r"(?P<num>\d{1,5}+(?:\.\d{1,3}(?=[/\-]))?[a-z]?)"
        f"(?={follow})"
        "(?:"
        f"{_SP}{slash}{_SP}"
        f"(?:(?P<year>(?:19|20)\\d\\d){_SP}{slash}{_SP}(?P<nsym>{symbol})|(?P<asym>{symbol})"
        f"|{odd_year})"
        f"|{_SP}{dash}{_SP}(?P<ptype>{code}){_SP}{slash}{_SP}(?P<psym>{symbol})"
        f"|{dash}(?P<osym>{code})"
        ")"
    )


class ParsedRef(NamedTuple):
    """A số hiệu found in the text, split into its parts (a tuple: the same number cited again
    is a copy of the first reading with its offsets moved)."""

    start: int
    end: int
    number: str
    family: Family
    year: int | None = None
    type_code: str | None = None  # canonical, e.g. "QĐ", "QĐi"
    issuer_code: str | None = None  # canonical first issuer code, e.g. "UBND", "TU", "QH"
    issuer_codes: tuple[str, ...] = ()  # every issuer/unit code after the type
    ref: str = ""  # cleaned, as written
    key_ref: str = ""  # leading zeros stripped, QĐi folded: the identity part
    anomalies: tuple[str, ...] = ()
    known: bool = True  # every code is in the tables


# a number read again is a copy of its first reading with the offsets moved, built straight
# from the tuple's parts (``find_refs`` does this for most citations)
_new_tuple = tuple.__new__


_NOT_BEFORE = frozenset("0123456789./-_\u2010\u2011\u2012\u2013\u2014\u2015")
_SO_BEFORE = re.compile(r"(?i)s[ốoỐ]$")


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [
        (m.group(), start + m.start(), start + m.end()) for m in _CODE_RE.finditer(text[start:end])
    ]


def _token_ok(tok: str, text: str, tok_end: int, g: Grammar) -> bool:
    # a code never runs on into a word: "V" of "Văn" is not a code
    if tok_end < len(text) and (
        text[tok_end].isalpha() or text[tok_end] in "\u0300\u0301\u0303\u0309\u0323"
    ):
        return False
    k = code_key(tok)
    known = k in g.issuer_codes or k in g.state_type_codes or k in g.party_type_codes
    if tok[0].islower():
        # "85/2017/nđ-cp": a lower-case code only when the tables know it
        return known and tok.islower()
    if known or g.law_issuer.match(k):
        return True
    return bool(_MIXED_CASE_OK.match(canon(tok).replace("&", ""))) and len(tok) <= 15


def canon(code: str) -> str:
    return code.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


def _canon_code(tok: str, g: Grammar, prefer: str) -> tuple[str, bool]:
    """Canonical spelling of a code and whether the tables know it."""
    k = code_key(tok)
    order = {
        "issuer": (g.issuer_codes, g.state_type_codes, g.party_type_codes),
        "state_type": (g.state_type_codes, g.issuer_codes, g.party_type_codes),
        "party_type": (g.party_type_codes, g.state_type_codes, g.issuer_codes),
    }[prefer]
    for table in order:
        if k in table:
            return table[k], True
    m = g.law_issuer.match(k)
    if m:
        return f"{m.group(1)}{m.group(2)}", True
    return canon(tok).upper() if tok.isupper() else canon(tok), False


def _strip_zeros(num: str) -> str:
    return num.lstrip("0") or "0"


_SPACE_IN_REF = re.compile(r"[ \t\u00a0\u202f\u2009]")
_ODD_DASH = re.compile("[\u2010-\u2015\u2212\u00ad]")


def _spacing_anomalies(raw: str, anomalies: list[str]) -> None:
    if "\n" in raw or "\r" in raw:
        anomalies.append("line-break-in-ref")
    elif _SPACE_IN_REF.search(raw):
        anomalies.append("space-in-ref")
    if "\u00d0" in raw or "\u00f0" in raw:
        anomalies.append("eth-for-d")
    if _ODD_DASH.search(raw):
        anomalies.append("odd-dash")


def classify(m: re.Match[str], text: str) -> ParsedRef | None:
    """Turn a pattern match into a ParsedRef, or None when it is not a document number."""
    g = load_grammar()
    num = m.group("num")
    glued = m.start() > 0 and text[m.start() - 1].isalpha()
    if glued and not _SO_BEFORE.search(text, max(0, m.start() - 3), m.start()):
        return None  # part of a word or code such as "F0/F1"
    for group in ("nsym", "psym", "asym", "osym", "xsym"):
        if m.group(group) is not None:
            break
    sym_start, sym_end = m.start(group), m.end(group)
    toks = _tokens(text, sym_start, sym_end)
    # keep the leading run of tokens that are codes; cut the match after the last one
    kept: list[tuple[str, int, int]] = []
    for tok, ts, te in toks:
        if not _token_ok(tok, text, te, g):
            break
        kept.append((tok, ts, te))
    if group == "ptype":  # pragma: no cover - ptype is always followed by psym
        return None
    if group == "psym":
        ptype = m.group("ptype")
        if not _token_ok(ptype, text, m.end("ptype"), g):
            return None
    if not kept:
        if group == "psym":
            return _party_without_issuer(m, text, g)
        return None
    end = kept[-1][2]
    raw = text[m.start() : end]
    codes = [t for t, _, _ in kept]
    anomalies: list[str] = []
    _spacing_anomalies(raw, anomalies)
    if glued:
        anomalies.append("missing-space")

    if group == "nsym" or group == "xsym":
        return _normative(m, num, codes, end, anomalies, g)
    if group == "psym":
        return _party(m, num, m.group("ptype"), codes, end, anomalies, g)
    if group == "asym":
        return _administrative(m, num, codes, end, anomalies, g)
    return _old(m, num, codes, end, anomalies, g)


def _join(codes: list[str]) -> str:
    return "-".join(codes)


def _built(
    m: re.Match[str],
    end: int,
    num: str,
    family: Family,
    tail: str,
    anomalies: list[str],
    *,
    key_tail: str | None = None,
    **parts: Any,
) -> ParsedRef:
    """A ParsedRef whose số hiệu is ``num + tail``; its identity strips the number's leading
    zeros (and takes ``key_tail`` when the symbol folds, as Party ``QĐi`` does to ``QĐ``)."""
    return ParsedRef(
        start=m.start(),
        end=end,
        number=num,
        family=family,
        ref=num + tail,
        key_ref=_strip_zeros(num) + (tail if key_tail is None else key_tail),
        anomalies=tuple(anomalies),
        **parts,
    )


def _key_type(type_code: str) -> str:
    return "QĐ" if type_code == "QĐi" else type_code


def _normative(
    m: re.Match[str],
    num: str,
    codes: list[str],
    end: int,
    anomalies: list[str],
    g: Grammar,
) -> ParsedRef | None:
    dash_after_year = False
    if m.group("year") is not None:
        year = int(m.group("year"))
    else:  # the odd forms
        year = int(m.group("xyear"))
        between = m.string[m.end("num") : m.start("xsym")]
        if sum(between.count(ch) for ch in g.slash_chars) > 2:
            anomalies.append("doubled-slash")
        # "95/1998-NĐ-CP": a dash where the slash after the year belongs (with no type code
        # after it, "115/2017-BTC", the type code is what is missing)
        dash_after_year = any(ch in between for ch in g.dash_chars)
        if between[-1:].isdigit():
            # "89/2014TT-BTC": nothing between the year and the type code; read only when a
            # type code follows, and only after a type word or "số" (never ``known``)
            if code_key(codes[0]) not in g.state_type_codes:
                return None
            anomalies.append("missing-slash")
    glued = _glued_type_and_issuer(codes[0], g)
    if glued is not None:
        # "27/2016/TTBLĐTBXH": the dash between the type code and the issuer left out (read only
        # after a type word or "số": such a number is never ``known``)
        codes = [*glued, *codes[1:]]
        anomalies.append("missing-dash")
    first, known_first = _canon_code(codes[0], g, "state_type")
    if g.law_issuer.match(code_key(codes[0])):
        # 59/2020/QH14, 76/2025/UBTVQH15: a law or resolution of the National Assembly
        if dash_after_year:
            anomalies.append("dash-after-year")
        issuer = first
        return _built(
            m,
            end,
            num,
            Family.LAW,
            f"/{year}/{issuer}",
            anomalies,
            year=year,
            issuer_code=re.sub(r"\d+$", "", issuer),
            issuer_codes=(issuer,),
        )
    if code_key(codes[0]) not in g.state_type_codes:
        body = g.issuer(codes[0])
        if body is not None and body.numbered_by_term and len(codes) == 1:
            # "Pháp lệnh số 02/2020/UBTVQH": the term of the National Assembly left out (read
            # only after a type word or "số": such a number is never ``known``)
            return _built(
                m,
                end,
                num,
                Family.LAW,
                f"/{year}/{body.code}",
                [*anomalies, "missing-term"],
                year=year,
                issuer_code=body.code,
                issuer_codes=(body.code,),
                known=False,
            )
        if body is None or body.family != "state" or body.numbered_by_term:
            return None
        # the type code left out ("Thông tư 115/2017-BTC"): kept only after a type word
        issuers = tuple(_canon_code(c, g, "issuer")[0] for c in codes)
        return _built(
            m,
            end,
            num,
            Family.NORMATIVE,
            f"/{year}/{_join(list(issuers))}",
            [*anomalies, "missing-type"],
            year=year,
            issuer_code=issuers[0],
            issuer_codes=issuers,
            known=False,
        )
    if dash_after_year:
        anomalies.append("dash-after-year")
    rest = [_canon_code(c, g, "issuer") for c in codes[1:]]
    issuers = tuple(c for c, _ in rest)
    known = known_first and all(k for _, k in rest) and glued is None
    known = known and "missing-slash" not in anomalies
    if not issuers:
        anomalies.append("missing-issuer")
    return _built(
        m,
        end,
        num,
        Family.NORMATIVE,
        f"/{year}/{_join([first, *issuers])}",
        anomalies,
        year=year,
        type_code=first,
        issuer_code=issuers[0] if issuers else None,
        issuer_codes=issuers,
        known=known,
    )


def _glued_type_and_issuer(code: str, g: Grammar) -> tuple[str, str] | None:
    """A type code and an issuer code written as one ("TTBLĐTBXH" for "TT-BLĐTBXH"), split
    where the longest type code that leaves a known issuer code ends; None for a code the
    tables know as it is, or that splits no such way."""
    k = code_key(code)
    if k in g.state_type_codes or k in g.issuer_codes or g.law_issuer.match(k):
        return None
    for size in range(min(len(k) - 1, 4), 0, -1):
        if k[:size] in g.state_type_codes and k[size:] in g.issuer_codes:
            return code[:size], code[size:]
    return None


def _party(
    m: re.Match[str],
    num: str,
    ptype: str,
    codes: list[str],
    end: int,
    anomalies: list[str],
    g: Grammar,
) -> ParsedRef | None:
    k = code_key(ptype)
    if k not in g.party_type_codes:
        return _old_with_issuer(m, num, ptype, codes, end, anomalies, g)
    type_code = g.party_type_codes[k]
    issuers = [_canon_code(c, g, "issuer") for c in codes]
    issuer_codes = tuple(c for c, _ in issuers)
    first_issuer = g.issuer(issuer_codes[0])
    if first_issuer is not None and first_issuer.family == "state":
        anomalies.append("mixed-form")
    symbol = _join(list(issuer_codes))
    return _built(
        m,
        end,
        num,
        Family.PARTY,
        f"-{type_code}/{symbol}",
        anomalies,
        key_tail=f"-{_key_type(type_code)}/{symbol}",
        type_code=type_code,
        issuer_code=issuer_codes[0],
        issuer_codes=issuer_codes,
        known=all(k2 for _, k2 in issuers),
    )


def _old_with_issuer(
    m: re.Match[str],
    num: str,
    first: str,
    codes: list[str],
    end: int,
    anomalies: list[str],
    g: Grammar,
) -> ParsedRef | None:
    """Older state numbers written like Party ones: "23-L/CTN", "82-TC/TCT" (kept only when a
    type word or "số" stands before them)."""
    k = code_key(first)
    if k not in g.state_type_codes and k not in g.issuer_codes:
        return None
    head = _canon_code(first, g, "state_type")[0]
    rest = [_canon_code(c, g, "issuer")[0] for c in codes]
    issuer = g.issuer(rest[0])
    if issuer is not None and issuer.family == "party":
        return None
    return _built(
        m,
        end,
        num,
        Family.OLD,
        f"-{head}/{_join(rest)}",
        anomalies,
        type_code=head if k in g.state_type_codes else None,
        issuer_code=rest[0],
        issuer_codes=tuple(rest),
        known=False,
    )


def _party_without_issuer(m: re.Match[str], text: str, g: Grammar) -> ParsedRef | None:
    """ "429-QĐi/" with nothing usable after the slash: a Party number missing its issuer."""
    ptype = m.group("ptype")
    k = code_key(ptype)
    if k not in g.party_type_codes or not _token_ok(ptype, text, m.end("ptype"), g):
        return None
    type_code = g.party_type_codes[k]
    return _built(
        m,
        m.end("ptype"),
        m.group("num"),
        Family.PARTY,
        f"-{type_code}",
        ["missing-issuer"],
        key_tail=f"-{_key_type(type_code)}",
        type_code=type_code,
    )


def _administrative(
    m: re.Match[str],
    num: str,
    codes: list[str],
    end: int,
    anomalies: list[str],
    g: Grammar,
) -> ParsedRef | None:
    k0 = code_key(codes[0])
    # "174/CV-BCĐ": a code the decree does not give, before the issuer (read after a type word
    # or "số" only: such a number is never ``known``)
    unofficial = k0 in g.unofficial_codes and len(codes) > 1 and k0 not in g.issuer_codes
    if unofficial or (k0 in g.state_type_codes and (len(codes) > 1 or k0 not in g.issuer_codes)):
        type_code = g.unofficial_codes[k0] if unofficial else g.state_type_codes[k0]
        rest = [_canon_code(c, g, "issuer") for c in codes[1:]]
        issuers = tuple(c for c, _ in rest)
        if not issuers:
            anomalies.append("missing-issuer")
        else:
            first = g.issuer(issuers[0])
            if first is not None and first.family == "party":
                anomalies.append("mixed-form")
        return _built(
            m,
            end,
            num,
            Family.ADMINISTRATIVE,
            f"/{_join([type_code, *issuers])}",
            anomalies,
            type_code=type_code,
            issuer_code=issuers[0] if issuers else None,
            issuer_codes=issuers,
            known=not unofficial and all(kn for _, kn in rest),
        )
    # công văn: n/ISSUER-UNIT, no type code
    issuer, known = _canon_code(codes[0], g, "issuer")
    units = [_canon_code(c, g, "issuer")[0] for c in codes[1:]]
    if k0 in g.party_type_codes and k0 not in g.issuer_codes:
        return None
    return _built(
        m,
        end,
        num,
        Family.LETTER,
        f"/{_join([issuer, *units])}",
        anomalies,
        issuer_code=issuer,
        issuer_codes=(issuer, *units),
        known=known,
    )


def _old(
    m: re.Match[str], num: str, codes: list[str], end: int, anomalies: list[str], g: Grammar
) -> ParsedRef | None:
    k0 = code_key(codes[0])
    if k0 in g.party_type_codes and k0 not in g.issuer_codes:
        # "429-QĐi" with the issuer part missing
        type_code = g.party_type_codes[k0]
        return _built(
            m,
            end,
            num,
            Family.PARTY,
            f"-{type_code}",
            [*anomalies, "missing-issuer"],
            key_tail=f"-{_key_type(type_code)}",
            type_code=type_code,
        )
    issuer = g.issuer(codes[0])
    if issuer is None or issuer.family != "state" or issuer.level != "central":
        return None
    return _built(
        m,
        end,
        num,
        Family.OLD,
        f"-{issuer.code}",
        anomalies,
        issuer_code=issuer.code,
        issuer_codes=(issuer.code,),
    )


@cache
def _gap_chars() -> frozenset[str]:
    """Every character that may stand between a number and its first separator."""
    return frozenset(load_grammar().space_chars + " \t\u00a0\u202f\u2009\r\n")


@cache
def _number_back_re() -> re.Pattern[str]:
    """On the reversed text: a separator that a số hiệu can continue after, a second slash
    written right before it ("64//2023/…"), the white space and the one lower-case letter that
    may stand between it and its number, the number's digits, and the digits before a dot in
    front of them ("1.12/…"), each read backwards."""
    g = load_grammar()
    return re.compile(_number_back_pattern("[" + re.escape(g.dash_chars + g.slash_chars) + "]"))


def _number_back_pattern(first: str) -> str:
    """``_number_back_re`` starting with ``first`` (its separator, or a class of them)."""
    g = load_grammar()
    sep = "[" + re.escape(g.dash_chars + g.slash_chars) + "]"
    gap = "[" + re.escape("".join(sorted(_gap_chars()))) + "]"
    # what a số hiệu has after its first separator (white space, a code, or a year "19…",
    # "20…"), looked at behind the separator on the reversed text; dates such as "01/7/2022"
    # are left out here at no cost to the scan
    after = f"(?:(?<=[ \\t\\u00a0\\u202f\\u2009\\r\\nA-ZĐÐa-zđð]{sep})|(?<=(?:02|91){sep}))"
    slash = "[" + re.escape(g.slash_chars) + "]"
    return f"{first}{after}{slash}?{gap}*+[a-z]?+(\\d+)(?:\\.(\\d+))?"


@cache
def _separators() -> str:
    """Every dash and slash a số hiệu may be written with."""
    g = load_grammar()
    return g.dash_chars + g.slash_chars


@cache
def _number_back_for(separator: str) -> re.Pattern[str]:
    """``_number_back_re`` for one separator alone. A pattern that starts with one character
    is scanned for as fast as str.find finds it; one that starts with a class of twelve is
    tried at every character. A text holds few of the separators, "/" and "-" most, so each
    pattern is compiled when a text first holds its separator (the twelve take 6 ms)."""
    return re.compile(_number_back_pattern(re.escape(separator)))


def _number_backs(rev: str) -> list[re.Match[str]]:
    """The matches of ``_number_back_re`` over the reversed text, in order, found separator by
    separator. They never overlap, as the single scan's do not: a match may hold a second
    slash ("64//2023"), but none starts at it, for a separator starts a match only when a
    letter, a space or a year follows it in the text."""
    found: list[re.Match[str]] = []
    kinds = 0
    for ch in _separators():
        if ch in rev:
            found.extend(_number_back_for(ch).finditer(rev))
            kinds += 1
    if kinds > 1:
        found.sort(key=_START)
    return found


_START = methodcaller("start")


def _scan(text: str, rev: str | None = None) -> Iterator[re.Match[str]]:
    """The matches of ``ref_pattern`` over ``text``, the same as its ``finditer``.

    Every match has a slash or a dash after its number with only white space, a letter or a
    ".12" part between them, so the pattern is tried only at the numbers that stand before a
    separator. They are found by one scan of the reversed text (``rev``, made here when not
    given), from the separator back to the number, and taken in the order of the text.

    The digits of the pattern are possessive and at most five: started earlier than five
    digits before the end of its run the number runs into a sixth digit and fails, and every
    start from there on to the end of the run reads the same rest, so one start per run
    decides for the run (two when the run follows a dot and digits: "1.12/…")."""
    pattern = ref_pattern()
    back = _number_back_re()
    if rev is None:
        rev = text[::-1]
    n = len(text)
    floor = 0
    for c in reversed(_number_backs(rev)):
        at = n - 1 - c.start()  # the separator
        if at <= floor:
            continue
        if n - c.end() < floor:  # read back past the end of the last match: read again up to it
            c2 = back.match(rev, n - 1 - at, n - floor)
            if c2 is None:
                continue
            c = c2
        start, end = n - c.end(1), n - c.start(1)
        last = max(start, end - 5)
        starts = (last,) if c.start(2) < 0 else (max(n - c.end(2), n - c.start(2) - 5), last)
        for i in starts:
            m = pattern.match(text, i)
            if m is not None:
                floor = m.end()
                yield m
                break


# what ``classify`` made of a match, under what it saw (the three characters before the match,
# the match, the character after it): the same number reads the same in every document
_CLASSIFIED: dict[str | tuple[str, str, str], ParsedRef | None] = {}
_CLASSIFIED_MAX = 1 << 16
_UNSEEN = ParsedRef(-1, -1, "", Family.OLD)


def find_refs(text: str, rev: str | None = None) -> list[ParsedRef]:
    """Every số hiệu in ``text``, in order, in one pass.

    A number cited again reads the same: its classification is kept under what the match saw
    and reused with the offsets moved (a copy each time, so the kept one is never changed).
    What it saw is one slice of the text (three characters before the match to one after it)
    or, at either end of the text, the three parts apart."""
    out: list[ParsedRef] = []
    seen = _CLASSIFIED
    n = len(text)
    for m in _scan(text, rev):
        s, e = m.span()
        before = text[s - 1] if s > 0 else ""
        if before and before in _NOT_BEFORE:
            continue  # part of a longer number: "1.12/2020", "2021-2025/…", "x_12/…"
        key: str | tuple[str, str, str] = (
            text[s - 3 : e + 1]
            if s >= 3 and e < n
            else (text[max(0, s - 3) : s], m.group(), text[e] if e < n else "")
        )
        known = seen.get(key, _UNSEEN)
        if known is _UNSEEN:
            if len(seen) >= _CLASSIFIED_MAX:
                seen.clear()
            known = seen[key] = classify(m, text)
        if known is not None:
            out.append(_new_tuple(ParsedRef, (s, known[1] + s - known[0], *known[2:])))
    return out
