"""Extract every citation of another document from a text, with its parts and exact span.

The text is never rewritten: patterns run on the text as read (or on its NFC copy when the
text is decomposed, with an offset map back), so ``text[c.start:c.end]`` is what the author
wrote. One pass finds the số hiệu; each is completed by looking a bounded window before
(type word, "số", pinpoint) and after (date, issuer, subject). Laws cited by name
(``kb.parse.laws``) and self- and back-references (``kb.parse.selfrefs``) are found next, each by its own
pass over the text.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from kb.models import (
    Citation,
    ExtractedFile,
    Family,
    citation_from_fields,
)
from kb.parse.context import (
    AFTER_OPENS,
    LAW_NAME_WINDOW,
    Backward,
    Before,
    Named,
    date_and_issuer,
    issuer_after,
    law_name_before,
    long_form_date,
    look_before,
    pinpoint_before,
    subject_after,
    title_date,
)
from kb.parse.dates import ParsedDate
from kb.parse.grammar import Grammar, TypeEntry, load_grammar, types_compatible
from kb.parse.header import parse_header
from kb.parse.lawregister import entry_key, law_key, term_corrected
from kb.parse.laws import laws_by_name
from kb.parse.lines import LineIndex
from kb.parse.pageheads import PageHeads
from kb.parse.refs import ParsedRef, find_refs
from kb.parse.selfrefs import GENERIC_TYPE_WORDS, self_and_back_references
from kb.parse.textutil import (
    NfcView,
    fold,
    mask_page_heads,
    one_space,
)

_LAW_WORDS = {"luat", "bo luat", "phap lenh", "nghi quyet", "hien phap"}


# what may stand between the numbers of a list that shares one type word
_LIST_GAP = re.compile(r"[\s\u00a0]*(?:[,;]|và|hoặc)[\s\u00a0]*(?:và[\s\u00a0]+)?")


class _Found(NamedTuple):
    ref: ParsedRef
    before: Before


def extract_file(path: str | Path) -> ExtractedFile:
    """Read a file with the readers and extract its citations."""
    from kb.readers import read_path

    source = read_path(Path(path))
    result = extract_text(source.text, str(path))
    for c in result.citations:
        c.location = source.locate(c.start)
    return result


def extract_text(text: str, path: str = "<text>") -> ExtractedFile:
    """The document's own header and every citation in ``text``."""
    with collector_paused():
        return _extract_text(text, path)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while one text is read.

    The parser makes a great many short-lived records (matches, tuples, citations) and no
    reference cycles among them (a test checks it), so reference counting frees them all. The
    collector, left running, would stop every few hundred records to walk the long-lived
    objects (grammar tables, the caches of numbers and folded words) for cycles that are not
    there: about a tenth of the parser's time. It runs again as soon as the text is read (and
    is left as it was when the caller had paused it)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _extract_text(text: str, path: str) -> ExtractedFile:
    view = NfcView(text)
    heads: list[tuple[int, int]] = []
    t = mask_page_heads(view.text, heads)
    g = load_grammar()
    header, header_span = parse_header(t)
    if view is not None and header.number_start is not None:
        header.number_start, header.number_end = view.span_to_original(
            header.number_start, header.number_end or header.number_start
        )
    lines = LineIndex(text)

    back = Backward(t)
    found: list[_Found] = []
    floor = 0
    for r in find_refs(t, back.rev):
        if header_span and header_span.start <= r.start < header_span.end:
            continue
        before = look_before(back, r.start, floor)
        found.append(_Found(r, before))
        floor = r.end

    citations: list[Citation] = []
    covered: list[tuple[int, int]] = []
    undated: list[tuple[Citation, ParsedRef]] = []
    claimed: set[int] = set()
    pages = PageHeads(t, heads, [f.before.start for f in found]) if heads else None
    not_cited_end = -1  # where the last number that is no citation ends ("Mẫu số 01/…")
    for i, f in enumerate(found):
        r, before = f.ref, f.before
        if (
            not_cited_end >= 0
            and before.type_word is None
            and not before.has_so
            and _LIST_GAP.fullmatch(t, not_cited_end, before.start)
        ):
            not_cited_end = r.end  # "Mẫu số 01/BC-UBND và 02/BC-UBND": a list of forms
            continue
        bound = found[i + 1].before.start if i + 1 < len(found) else len(t)
        done = _complete(back, f, bound, g, pages)
        if done is None:
            cited = _typed(before.type_word, r.family, r.type_code)[0]
            not_cited_end = -1 if cited or r.family is Family.LAW else r.end
            continue
        not_cited_end = -1
        c, date_start = done
        citations.append(c)
        covered.append((c.start, c.end))
        if date_start is None:
            undated.append((c, f.ref))
        else:
            claimed.add(date_start)
    _dates_after_nested_titles(back, undated, frozenset(claimed), g)

    citations.extend(laws_by_name(t, covered, g))
    citations.extend(self_and_back_references(back, citations, header, g))
    citations.sort(key=lambda c: c.start)

    # the records were built by the parser itself from typed values (``citation_of``, no
    # validation pass); the final positions are written straight into them
    mapped = view.mapped
    position = lines.position
    for c in citations:
        fields = c.__dict__
        start, end = fields["start"], fields["end"]
        if mapped:
            start, end = view.span_to_original(start, end)
            fields["start"], fields["end"] = start, end
            if c.ref_start is not None and c.ref_end is not None:
                fields["ref_start"], fields["ref_end"] = view.span_to_original(
                    c.ref_start, c.ref_end
                )
        fields["text"] = text[start:end]
        fields["line"], fields["column"] = position(start)
    if header.date_start is not None and header.date_end is not None:
        header.date_start, header.date_end = view.span_to_original(
            header.date_start, header.date_end
        )
    return ExtractedFile(path=path, document=header, citations=citations, chars=len(text))


@lru_cache(maxsize=4096)
def _typed(
    type_word: str | None, family: Family, type_code: str | None
) -> tuple[bool, TypeEntry | None, bool]:
    """For a type word before a số hiệu of this family and type code: whether the number is a
    citation at all, the document's type, and whether the word and the code disagree. The
    same few pairs come again and again, so the answers are kept."""
    g = load_grammar()
    word_type = g.type_for_word(type_word) if type_word else None
    if word_type is not None and not word_type.cited:
        return False, None, False
    code_type = _type_of(family, type_code, type_word, g)
    mismatch = False
    if word_type is not None and fold(type_word or "") not in GENERIC_TYPE_WORDS:
        mismatch = code_type is not None and not types_compatible(word_type, code_type, family)
        mismatch = mismatch or (family is Family.LETTER and word_type.name != "Công văn")
    return True, code_type, mismatch


def _type_of(
    family: Family, type_code: str | None, type_word: str | None, g: Grammar
) -> TypeEntry | None:
    word_type = g.type_for_word(type_word) if type_word else None
    if family in (Family.NORMATIVE, Family.ADMINISTRATIVE) and type_code:
        return g.type_by_state_code.get(type_code)
    if family is Family.PARTY and type_code:
        if type_code == "QĐ" and word_type is not None and word_type.name == "Quy định":
            return word_type
        return g.type_by_party_code.get(type_code)
    if family is Family.LAW:
        if word_type is not None and fold(type_word or "") in _LAW_WORDS:
            return word_type
        return g.type_for_word("luật")
    if family is Family.LETTER:
        return g.type_for_word("công văn")
    return word_type


@lru_cache(maxsize=256)
def _law_sequence_type(type_word: str | None) -> str | None:
    """The type a word before a /QH or /UBTVQH number names ("Luật", "Bộ luật", "Nghị quyết",
    "Pháp lệnh"), or None when no word, or a generic one ("văn bản"), stands there."""
    if type_word is None or fold(type_word) not in _LAW_WORDS:
        return None
    word_type = load_grammar().type_for_word(type_word)
    return word_type.name if word_type else None


def _dates_after_nested_titles(
    back: Backward, undated: list[tuple[Citation, ParsedRef]], claimed: frozenset[int], g: Grammar
) -> None:
    """A long-form title may cite other documents before its own date; look past them."""
    t = back.text
    for c, r in undated:
        titled = title_date(t, r.end, len(t), r.year, claimed, back)
        if titled is None:
            continue
        date, subject = titled
        value = date.value
        c.date, c.date_valid = value, value is not None
        c.date_text = one_space(date.text)
        c.subject = c.subject or subject.text
        c.key = _key(r, date, c.type_word)
        if c.issuer is None:
            issuer = issuer_after(t, date.end, len(t))
            if issuer is not None:
                c.issuer = issuer.text
                c.issuer_named_code = g.issuer_code_for_name(issuer.text)


def _key(r: ParsedRef, date: ParsedDate | None, type_word: str | None = None) -> str:
    if r.family is Family.LAW:
        return law_key(r.key_ref, _law_sequence_type(type_word))
    if r.family in (Family.NORMATIVE, Family.OLD):
        return r.key_ref
    return f"{r.key_ref}@{date.year if date else '?'}"


def _after_number(
    back: Backward, r: ParsedRef, bound: int, pages: PageHeads | None
) -> tuple[ParsedDate | None, Named | None, Named | None, int]:
    """The date, issuer and subject read after a số hiệu (up to ``bound``, where the next
    citation starts), and where the citation ends."""
    t = back.text
    opens = AFTER_OPENS.match(t, r.end) is not None
    date, issuer, cursor = (
        date_and_issuer(t, r.end, bound, r.year) if opens else (None, None, r.end)
    )
    if date is None and issuer is None and pages is not None:
        # the sentence goes on after a page head: "… 03/2014/TT-BKHĐT [head] ngày 26 tháng 5"
        went_on = pages.after(t, r.end)
        if went_on is not None:
            d2, i2, c2 = date_and_issuer(t, went_on[0], went_on[1], r.year)
            if d2 is not None and not t[d2.start].isupper():
                date, issuer, cursor = d2, i2, c2
    if date is None:
        if not opens:
            return None, None, None, r.end  # ", có hiệu lực …": most numbers end so
        end = r.end
    else:
        end = max(r.end, date.end)
    subject = subject_after(t, cursor, bound)
    if date is None:
        titled = title_date(t, r.end, bound, r.year, back=back)
        if titled is not None:
            date, subject = titled
            if issuer is None:
                issuer = issuer_after(t, date.end, bound)
    if date is None and subject is not None:
        lf = long_form_date(t, subject)
        if lf is not None:
            date, subject = lf
            if issuer is None:
                issuer = issuer_after(t, date.end, bound)
    return date, issuer, subject, end


def _complete(
    back: Backward, f: _Found, bound: int, g: Grammar, pages: PageHeads | None = None
) -> tuple[Citation, int | None] | None:
    t = back.text
    r, before = f.ref, f.before
    tw = before.type_word
    cited, code_type, mismatch = _typed(tw, r.family, r.type_code)
    if not cited and r.family is Family.LAW and before.has_so:
        # "Luật Người lao động … theo hợp đồng số 72/2006/QH11": no contract or form is
        # numbered /QH; the word is part of the name of the law before it
        law = law_name_before(t, r.start, max(0, before.start - LAW_NAME_WINDOW))
        if law is not None:
            before = law
            tw = before.type_word
            cited, code_type, mismatch = _typed(tw, r.family, r.type_code)
    if not cited:
        return None  # e.g. contract numbers (types.toml: cited = false)
    if r.type_code is None and r.family is Family.NORMATIVE and tw is None:
        return None  # "115/2017-BTC", the type code left out: only a type word says what it is
    has_context = tw is not None or before.has_so
    if not has_context:
        if not r.known or r.family is Family.OLD:
            return None
        if r.family is Family.LETTER and (g.issuer(r.issuer_code) is None):
            return None
    anomalies = [*r.anomalies, "type-word-mismatch"] if mismatch else list(r.anomalies)

    date, issuer, subject, end = _after_number(back, r, bound, pages)
    pinpoint, _ = pinpoint_before(back, before.start, 0)
    name = before.name.strip() if before.name else None
    c = _citation(
        r, before, code_type, tw, date, issuer, subject, pinpoint, name, end, anomalies, g
    )
    if r.family is Family.LAW and name and code_type is not None and r.year:
        corrected = term_corrected(code_type.name, one_space(name), r.ref, r.year)
        if corrected is not None:
            # the number as written names no law; the register's law of that name, number
            # and year is the one meant, and the slip is reported
            c.key = entry_key(corrected)[1]
            c.anomalies = [*c.anomalies, "wrong-term"]
    return c, (date.start if date else None)


def _citation(
    r: ParsedRef,
    before: Before,
    code_type: TypeEntry | None,
    tw: str | None,
    date: ParsedDate | None,
    issuer: Named | None,
    subject: Named | None,
    pinpoint: str | None,
    name: str | None,
    end: int,
    anomalies: list[str],
    g: Grammar,
) -> Citation:
    value = date.value if date else None
    # every field of Citation, in its order (``citation_of`` with these values, built in one go)
    fields = {
        "text": "",
        "start": before.start,
        "end": end,
        "line": 0,
        "column": 0,
        "family": r.family,
        "type": code_type.name if code_type else None,
        "type_code": r.type_code,
        "type_word": one_space(tw) if tw else None,
        "number": r.number,
        "year": r.year,
        "ref": r.ref,
        "ref_start": r.start,
        "ref_end": r.end,
        "issuer_code": r.issuer_code,
        "name": one_space(name) if name else None,
        "date": value,
        "date_text": one_space(date.text) if date else None,
        "date_valid": date is None or value is not None,
        "issuer": issuer.text if issuer else None,
        "issuer_named_code": g.issuer_code_for_name(issuer.text) if issuer else None,
        "subject": subject.text if subject else None,
        "pinpoint": pinpoint,
        "key": _key(r, date, tw),
        "self_reference": False,
        "resolved_to": None,
        "unresolved_reason": None,
        "anomalies": anomalies,
        "location": None,
        "law_unresolved": None,
    }
    return citation_from_fields(fields, set(_NUMBERED_FIELDS))


# the fields a citation by số hiệu sets (the others keep their defaults)
_NUMBERED_FIELDS = frozenset(
    (
        *("text", "start", "end", "line", "column", "family", "type", "type_code", "type_word"),
        *("number", "year", "ref", "ref_start", "ref_end", "issuer_code", "name", "date"),
        *("date_text", "date_valid", "issuer", "issuer_named_code", "subject", "pinpoint"),
        *("key", "anomalies"),
    )
)
