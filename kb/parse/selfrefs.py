"""Self-references ("Quyết định này", "Nghị định này") and back-references ("văn bản nêu
trên", "Quyết định trên"): a type word followed by "này", "trên", "nêu trên" or "nói trên".
A self-reference resolves to the document's own header; a back-reference to the one earlier
citation it can mean, and stays unresolved, with the reason, when there is none or several."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any, NamedTuple

from kb.models import Citation, DocumentHeader, citation_defaults, citation_from_fields, citation_of
from kb.parse.context import Backward
from kb.parse.grammar import Grammar, load_grammar
from kb.parse.textutil import fold, one_space

_WS = r"[\s\u00a0]"
# type words that name no type in particular: a back-reference after one may mean any document
GENERIC_TYPE_WORDS = frozenset({"van ban", "cong van"})
# "này", "nêu trên", "nói trên", "trên" after a type word: the word before the anchor must end
# a type word before the type word itself is matched. A footnote number may follow
# ("Nghị định này48."), a letter may not.
_SELF_WINDOW = 40
_SELF_SET = frozenset(
    ("text", "start", "end", "line", "column", "type", "type_word", "self_reference")
)
_SELF_UNKNOWN = "the document's own number or date is not known"
# the words in capitals, each with its accented letter: few texts hold that letter, and a text
# is searched for one character many times faster than for a word
_CAPITALS = (("NÀY", "À"), ("TRÊN", "Ê"))
_BEFORE_TREN = frozenset({"neu", "noi"})


@cache
def _anchor_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """On the reversed text: "này" and "trên" where a type word may stand before them. Most
    of these words follow no type word, and the scan itself rejects them, in C. Each pattern
    starts with a literal the scan skips ahead on: "yàn", and the "rt" of "nêrt" ("n" is the
    most frequent letter of the texts, "r" a rare one).

    Before "này" it reads the type word too: the longest one after the white space with no
    letter before it, as ``_type_word_back_re`` reads it but without the bound of the
    window. When that word starts inside the window it is the answer of the window too (a
    word that fits in it is one the longest word found ends with, or shorter); when no word
    is found, none stands in the window either. Before "trên" the pattern lets through a
    superset of what ``_type_word_before`` answers for: a type word, or a word of three letters
    (what folds to "nêu" or "nói" has three) and a type word, after white space."""
    tw = load_grammar().type_words_reversed_pattern()
    nay = re.compile(rf"yàn(?=\s+(?P<tw>(?i:{tw}))(?!\w))")
    tren = re.compile(rf"rt(?<=nêrt)(?=\s+(?:[^\W\d_]{{3}}\s+)?(?i:{tw}))")
    return nay, tren


# an anchor: its span, and the type word before it with its start when the scan has read it
# ("", -1: not read yet)
_Anchor = tuple[int, int, str, int]


def _self_anchors(back: Backward) -> list[_Anchor]:
    """ "này", "trên", "nêu trên", "nói trên" standing as words where a type word may stand
    before them (see ``_anchor_res``), in order: every span a type word stands before is
    among them. Whether one does is read next, on the reversed text (``_type_word_before``),
    unless the scan has read the word already."""
    t, n = back.text, back.n
    nay, tren = _anchor_res()
    spans: list[_Anchor] = []
    for m in nay.finditer(back.rev):
        e = n - m.start()
        if e < n and ((ch := t[e]).isalpha() or unicodedata.combining(ch) > 0):
            continue  # as _is_letter says, without the call
        a, b = m.span(1)
        tw_start = n - b
        if e - 3 - tw_start <= _SELF_WINDOW:
            spans.append((e - 3, e, t[tw_start : n - a], tw_start))
        else:
            spans.append((e - 3, e, "", -1))  # the word starts before the window: read again
    for m in tren.finditer(back.rev):
        i = n - m.end()
        e = i + 4
        if not (e < n and _is_letter(t[e])):
            spans.append((_tren_start(back, i), e, "", -1))
    for word, accented in _CAPITALS:
        k = word.index(accented)
        size = len(word)
        j = t.find(accented)
        while j >= 0:
            i = j - k
            e = i + size
            if (
                i > 0
                and t.startswith(word, i)
                and t[i - 1].isspace()
                and not (e < n and _is_letter(t[e]))
            ):
                spans.append((i if word == "NÀY" else _tren_start(back, i), e, "", -1))
            j = t.find(accented, j + 1)
    spans.sort()
    return spans


def _tren_start(back: Backward, i: int) -> int:
    """Where the anchor of the "trên" at ``i`` starts: at "nêu" or "nói" when one stands
    before it ("văn bản nêu trên")."""
    prev = _word_before(back, i)
    if fold(prev) in _BEFORE_TREN:
        return back.text.rfind(prev, 0, i)
    return i


def _is_letter(ch: str) -> bool:
    return ch.isalpha() or unicodedata.combining(ch) > 0


@cache
def _type_word_before_re() -> re.Pattern[str]:
    g = load_grammar()
    tw = g.type_words_pattern()
    # the search tries every start in its window: a look-ahead for the first letters of the
    # type words (matched as case-blind as the words) rejects most of them at once
    firsts = "".join(sorted({re.escape(w[0]) for w in g.self_words()} | set("đĐðÐ")))
    return re.compile(rf"(?=[{firsts}])(?<!\w)(?P<tw>{tw}){_WS}+$", re.IGNORECASE)


# on the reversed text: the white space before a position, then the word (letters only, at
# most twelve of them) before that
_WORD_BACK = re.compile(r"\s*+([^\W\d_]{1,12})")
_WORD_REACH = 16


def _word_before(back: Backward, pos: int) -> str:
    """The word (letters, at most 12 of them) that ends the 16 characters before ``pos``, white
    space at their end left out; "" when they end with something else."""
    n = back.n
    m = _WORD_BACK.match(back.rev, n - pos, n - max(0, pos - _WORD_REACH))
    return m.group(1)[::-1] if m else ""


@cache
def _type_word_back_re() -> re.Pattern[str]:
    """On the reversed text: white space, then the longest type word before it."""
    tw = load_grammar().type_words_reversed_pattern()
    return re.compile(rf"{_WS}+(?P<tw>{tw})(?!\w)", re.IGNORECASE)


def _type_word_before(back: Backward, s: int) -> tuple[str, int] | None:
    """The type word that ends with only white space between it and ``s``, starting at most
    ``_SELF_WINDOW`` characters before ``s``: (as written, start). The same answer as the
    search of ``_type_word_before_re`` in that window, found by one match on the reversed
    text instead of a try at every character of the window."""
    t, n = back.text, back.n
    lo = max(0, s - _SELF_WINDOW)
    m = _type_word_back_re().match(back.rev, n - s, n - lo)
    if m is None:
        return None
    start, end = n - m.end("tw"), n - m.start("tw")
    if start == lo and lo > 0 and _WORD_CHAR.match(t, lo - 1):
        # the window's edge hides the letter before the word: the plain search decides
        f = _type_word_before_re().search(t, lo, s)
        return None if f is None else (f.group("tw"), f.start("tw"))
    return t[start:end], start


_WORD_CHAR = re.compile(r"\w")


def _self_template(own_key: str | None) -> tuple[dict[str, Any], frozenset[str]]:
    """The record of "Quyết định này" but for its span and type, as ``citation_of`` builds
    it, and the fields it sets: a document names itself again and again, and each record is a
    copy of this one with four fields written."""
    fields = dict(citation_defaults())
    fields.update(text="", line=0, column=0, self_reference=True, resolved_to=own_key)
    if own_key is None:
        fields["unresolved_reason"] = _SELF_UNKNOWN
        return fields, _SELF_SET | {"resolved_to", "unresolved_reason"}
    return fields, _SELF_SET | {"resolved_to"}


class _Word(NamedTuple):
    """What a type word before an anchor says, read once per word as written."""

    document: bool  # a capital first: "các quy định này" speaks of provisions
    luat: bool  # "luật", which "pháp" before it turns into the law in general
    type_name: str | None
    spaced: str  # with one space between its words
    generic: bool  # "văn bản": a back-reference after it may mean any document


def _word_facts(tw: str, g: Grammar) -> _Word:
    word_type = g.type_for_word(tw)
    folded = fold(tw)
    return _Word(
        tw[0].isupper(),
        folded == "luat",
        word_type.name if word_type else None,
        one_space(tw),
        folded in GENERIC_TYPE_WORDS,
    )


def self_and_back_references(
    back: Backward, citations: list[Citation], header: DocumentHeader, g: Grammar
) -> list[Citation]:
    t = back.text
    out: list[Citation] = []
    ordered: list[Citation] | None = None  # sorted at the first back-reference: few texts hold one
    seen_keys: set[str] = set()
    seen_by_type: dict[str, set[str]] = {}
    nxt = 0
    template, fields_set = _self_template(header.key)
    facts: dict[str, _Word] = {}
    for s, e, tw, tw_start in _self_anchors(back):
        if tw_start < 0:
            found = _type_word_before(back, s)
            if found is None:
                continue
            tw, tw_start = found
        w = facts.get(tw)
        if w is None:
            w = facts[tw] = _word_facts(tw, g)
        if not w.document:
            continue  # "các quy định này" speaks of provisions, not of a document
        if w.luat and fold(t[max(0, tw_start - 6) : tw_start]).rstrip().endswith("phap"):
            continue  # "PHÁP LUẬT TRÊN ĐỊA BÀN": the law in general, not "the law above"
        if e - s == 3:  # "này" or "NÀY" ("trên" and "nêu trên" are longer)
            fields = template.copy()
            fields["start"] = tw_start
            fields["end"] = e
            fields["type"] = w.type_name
            fields["type_word"] = w.spaced
            fields["anomalies"] = []
            out.append(citation_from_fields(fields, set(fields_set)))
            continue
        c = citation_of(
            text="",
            start=tw_start,
            end=e,
            line=0,
            column=0,
            type=w.type_name,
            type_word=w.spaced,
        )
        if ordered is None:
            ordered = sorted(
                (c for c in citations if c.key and not c.self_reference), key=lambda c: c.start
            )
        while nxt < len(ordered) and ordered[nxt].start < c.start:
            x = ordered[nxt]
            seen_keys.add(x.key or "")
            seen_by_type.setdefault(x.type or "", set()).add(x.key or "")
            nxt += 1
        if w.generic:
            earlier = seen_keys
        else:
            earlier = seen_by_type.get(w.type_name, set()) if w.type_name is not None else set()
        if len(earlier) == 1:
            c.resolved_to = next(iter(earlier))
        else:
            c.unresolved_reason = (
                "no earlier citation it can refer to"
                if not earlier
                else f"{len(earlier)} earlier citations it could refer to"
            )
        out.append(c)
    return out
