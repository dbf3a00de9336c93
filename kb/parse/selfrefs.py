"""Self-references ("Quyết định này", "Nghị định này") and back-references ("văn bản nêu
trên", "Quyết định trên"): a type word followed by "này", "trên", "nêu trên" or "nói trên".
A self-reference resolves to the document's own header; a back-reference to the one earlier
citation it can mean, and stays unresolved, with the reason, when there is none or several."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kb.models import Citation, DocumentHeader, citation_defaults, citation_from_fields, citation_of
from kb.parse.context import Backward
from kb.parse.grammar import Grammar, TypeEntry, load_grammar
from kb.parse.textutil import fold, may_hold, one_space

_WS = r"[\s\u00a0]"
# type words that name no type in particular: a back-reference after one may mean any document
GENERIC_TYPE_WORDS = frozenset({"van ban", "cong van"})
# "này", "nêu trên", "nói trên", "trên" after a type word: the word before the anchor must end
# a type word before the type word itself is matched. A footnote number may follow
# ("Nghị định này48."), a letter may not.
_SELF_WINDOW = 40
_SELF_SET = ("text", "start", "end", "line", "column", "type", "type_word", "self_reference")
_SELF_UNKNOWN = "the document's own number or date is not known"
_SELF_WORDS = ("này", "NÀY", "trên", "TRÊN")
_BEFORE_TREN = frozenset({"neu", "noi"})


def _self_anchors(back: Backward) -> list[tuple[int, int]]:
    """Spans of "này", "trên", "nêu trên", "nói trên" standing as words, in order. Found with
    str.find, no regex: these words are frequent and the scan must stay cheap. Whether a type
    word stands before each is read next, on the reversed text (``_type_word_before``)."""
    t = back.text
    spans: list[tuple[int, int]] = []
    n = len(t)
    for word in _SELF_WORDS:
        size = len(word)
        tren = word[0] in "tT"
        i = t.find(word) if may_hold(t, word) else -1
        while i >= 0:
            e = i + size
            if i > 0 and t[i - 1].isspace() and not (e < n and _is_letter(t[e])):
                s = i
                if tren:
                    prev = _word_before(back, i)
                    if fold(prev) in _BEFORE_TREN:
                        s = t.rfind(prev, 0, i)
                spans.append((s, e))
            i = t.find(word, e)
    spans.sort()
    return spans


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


def _self_citation(
    start: int, end: int, word_type: TypeEntry | None, type_word: str, own_key: str | None
) -> Citation:
    """The record of "Quyết định này": ``citation_of`` with these values, built in one go (a
    document names itself again and again)."""
    fields = dict(citation_defaults())
    fields.update(
        start=start,
        end=end,
        text="",
        line=0,
        column=0,
        type=word_type.name if word_type else None,
        type_word=type_word,
        self_reference=True,
        resolved_to=own_key,
        anomalies=[],
    )
    if own_key is None:
        fields["unresolved_reason"] = _SELF_UNKNOWN
        return citation_from_fields(fields, {*_SELF_SET, "resolved_to", "unresolved_reason"})
    return citation_from_fields(fields, {*_SELF_SET, "resolved_to"})


def self_and_back_references(
    back: Backward, citations: list[Citation], header: DocumentHeader, g: Grammar
) -> list[Citation]:
    t = back.text
    out: list[Citation] = []
    ordered = sorted(
        (c for c in citations if c.key and not c.self_reference), key=lambda c: c.start
    )
    seen_keys: set[str] = set()
    seen_by_type: dict[str, set[str]] = {}
    nxt = 0
    for s, e in _self_anchors(back):
        found = _type_word_before(back, s)
        if found is None:
            continue
        tw, tw_start = found
        if not tw[0].isupper():
            continue  # "các quy định này" speaks of provisions, not of a document
        if fold(tw) == "luat" and fold(t[max(0, tw_start - 6) : tw_start]).rstrip().endswith(
            "phap"
        ):
            continue  # "PHÁP LUẬT TRÊN ĐỊA BÀN": the law in general, not "the law above"
        word_type = g.type_for_word(tw)
        what = fold(t[s:e])
        if what == "nay":
            c = _self_citation(tw_start, e, word_type, one_space(tw), header.key)
        else:
            c = citation_of(
                text="",
                start=tw_start,
                end=e,
                line=0,
                column=0,
                type=word_type.name if word_type else None,
                type_word=one_space(tw),
            )
            while nxt < len(ordered) and ordered[nxt].start < c.start:
                x = ordered[nxt]
                seen_keys.add(x.key or "")
                seen_by_type.setdefault(x.type or "", set()).add(x.key or "")
                nxt += 1
            if fold(tw) in GENERIC_TYPE_WORDS:
                earlier = seen_keys
            else:
                earlier = seen_by_type.get(word_type.name, set()) if word_type else set()
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
