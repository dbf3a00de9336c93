"""Relations stated in a document's own text ("… này thay thế Quyết định số …").

The phrases live in ``kb/data/relations.toml``. ``find_relations`` reads one text and
its citations and says, for each citation, which relation the sentence around it
states: from the document the text belongs to (the *acting* document), or — when the
phrase sits in the description of another cited document — between the two cited
documents.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kb.parse.folding import fold, fold_with_offsets, original_offset
from kb.parse.grammar import load_grammar
from kb.tables import load_table as load_data_table

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "relations.toml"

KINDS = ("replaces", "repeals", "amends", "guides", "implements", "based_on", "corrects", "cites")

CONFIDENCE_DIRECT = 0.9
CONFIDENCE_NESTED = 0.8
WINDOW = 400  # characters looked at before a citation
AFTER_WINDOW = 250  # characters looked at after it
HEAD_WINDOW = 1200  # characters looked back for the head of a description

_BOUNDARY = re.compile(
    r"[.!?]\s+(?=[A-ZĐÐÀ-Ỹ0-9])|\n[ \t]*\n|;[ \t]*\n|\n(?=[ \t]*(?:\d+\.\s|[a-zđ]\)\s|-\s|Điều\s))"
)


@dataclass(frozen=True)
class Phrase:
    kind: str
    position: str  # "before" | "after"
    reverse: bool
    text: str  # folded
    reach_through: bool = False  # a bare "tại" / "theo" after it does not stop it


@dataclass(frozen=True)
class PhraseTable:
    before: re.Pattern[str]
    after: re.Pattern[str]
    lookup: dict[tuple[str, str], Phrase]  # (position, folded text) → phrase
    written: dict[tuple[str, str], set[str]]  # (position, folded text) → accented forms
    conjunctions: tuple[str, ...]
    until: tuple[str, ...]
    partial_kind: str
    implements_types: frozenset[str]
    quoting_types: frozenset[str]
    raw: dict[str, Any]


@dataclass(frozen=True)
class Mention:
    """What the relation reader needs of a citation."""

    start: int
    end: int
    type: str | None = None
    pinpoint: str | None = None
    self_reference: bool = False


@dataclass(frozen=True)
class StatedRelation:
    """One relation read in a text. ``None`` as an end means the acting document."""

    source: int | None  # index into the citations
    target: int | None
    kind: str
    confidence: float
    phrase: str | None
    evidence: str
    start: int  # evidence span in the text
    end: int


def _written(s: str) -> str:
    """A phrase as written, for comparing accents: NFC, lower case, Ð read as Đ."""
    return _squeeze(unicodedata.normalize("NFC", s.replace("Ð", "Đ").replace("ð", "đ")).lower())


def _squeeze(s: str) -> str:
    return " ".join(re.sub(r"\s*,\s*", ", ", s).split())


def _pattern(phrases: list[str]) -> re.Pattern[str]:
    alts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        parts = [r"\s+".join(re.escape(w) for w in part.split()) for part in p.split(",")]
        alts.append(r"\s*,\s*".join(parts))
    first = "".join(sorted({re.escape(p[0]) for p in phrases}))
    return re.compile(rf"(?=[{first}])(?<![a-z0-9])(?:{'|'.join(alts)})(?![a-z0-9])")


def load_table(data: dict[str, Any] | None = None) -> PhraseTable:
    """Compile the phrase table (from ``kb/data/relations.toml`` unless given)."""
    if data is None:
        data = load_data_table("kb", DATA_FILE.name)
    lookup: dict[tuple[str, str], Phrase] = {}
    written: dict[tuple[str, str], set[str]] = {}
    by_pos: dict[str, list[str]] = {"before": [], "after": []}
    for entry in data["phrase"]:
        kind = entry["kind"]
        if kind not in KINDS:
            raise ValueError(f"relations.toml: unknown kind {kind!r}")
        pos = entry.get("position", "before")
        reverse = entry.get("direction", "forward") == "reverse"
        through = bool(entry.get("reach_through", False))
        for text in entry["phrases"]:
            folded = _squeeze(fold(text))
            lookup[(pos, folded)] = Phrase(kind, pos, reverse, folded, through)
            written.setdefault((pos, folded), set()).add(_written(text))
            by_pos[pos].append(folded)
    return PhraseTable(
        before=_pattern(by_pos["before"]),
        after=_pattern(by_pos["after"]),
        lookup=lookup,
        written=written,
        conjunctions=tuple(_squeeze(fold(c)) for c in data.get("conjunctions", [])),
        until=tuple(_squeeze(fold(u)) for u in data.get("until", [])),
        partial_kind=data.get("partial_kind", "amends"),
        implements_types=frozenset(data.get("implements_acting_types", [])),
        quoting_types=frozenset(data.get("quoting_types", [])),
        raw=data,
    )


@lru_cache(maxsize=1)
def default_table() -> PhraseTable:
    return load_table()


@lru_cache(maxsize=1)
def _type_words() -> re.Pattern[str]:
    """Document type words (folded), as whole words: "luat", "nghi dinh", "thong tu" …"""
    words = sorted(load_grammar().type_by_word, key=len, reverse=True)
    alts = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in words)
    return re.compile(rf"(?<![a-z0-9])(?:{alts})(?![a-z0-9])")


_ALIAS = re.compile(r"sau\s+day\s+(?:duoc\s+)?(?:goi|viet)(?:\s+(?:tat|gon|chung))?\s+la\s*$")
_THROUGH = ("tai", "theo")  # the bare words a reach_through phrase is not stopped by
_NAMED_BEFORE = 24  # characters looked at before a phrase for the type word of a name


@dataclass
class _Hit:
    start: int
    end: int
    phrase: Phrase


def _windows(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _hits(text: str, table: PhraseTable, pos: str, windows: list[tuple[int, int]]) -> list[_Hit]:
    """Phrase hits inside the windows, in offsets of ``text``. Only the windows are
    folded; a window with decomposed accents maps its offsets back."""
    pattern = table.before if pos == "before" else table.after
    out = []
    for ws, we in windows:
        lead = 1 if ws > 0 else 0  # one character before, for the word boundary
        base = ws - lead
        folded, shifts = fold_with_offsets(text[base:we])
        for m in pattern.finditer(folded, lead):
            key = (pos, _squeeze(m.group(0)))
            phrase = table.lookup.get(key)
            if phrase is None:
                continue
            start = base + original_offset(shifts, m.start())
            end = base + original_offset(shifts, m.end())
            original = text[start:end]
            # accents are optional, but when written they must be the phrase's: "Chỉ huy
            # Bộ đội" does not say "hủy bỏ"
            if original.isascii() or _written(original) in table.written[key]:
                out.append(_Hit(start, end, phrase))
    return out


def _in_a_name(text: str, hit: _Hit) -> bool:
    """Whether the phrase is part of a document's name: right after a type word, as in
    "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ" or "Nghị quyết hướng
    dẫn …" — the name of a text, not an act of any document of the sentence."""
    lead = text[max(0, hit.start - _NAMED_BEFORE) : hit.start]
    last_line = lead.strip().rpartition("\n")[2]
    if last_line.isupper():
        return False  # a title line above ("NGHỊ ĐỊNH"), not a name running into the phrase
    lead = fold(lead).rstrip()
    return any(m.end() == len(lead) for m in _type_words().finditer(lead))


def _object_given(text: str, citations: Sequence[Mention], hit: _Hit, c: Mention) -> bool:
    """Whether the phrase already has its object before ``c``: a document named without a
    number (a law by name) between them, and ``c`` set apart from it by a comma or
    semicolon, not joined by "và" ("… quy định chi tiết … Luật Phòng, chống tác hại của
    thuốc lá về kinh doanh thuốc lá, Thông tư số 21/2013/TT-BCT …": the circular is the
    next item of an outer list, not what the decree details)."""
    inside = [m for m in citations if hit.end <= m.start and m.end <= c.start]
    named = [m.end for m in inside if "/" not in text[m.start : m.end]]
    # a type word outside the numbered citations of the gap: a name the parser did not
    # take for a citation ("… thi hành Luật Du lịch về …")
    cut = hit.end
    gap = []
    for m in inside:
        gap.append((cut, text[cut : m.start]))
        cut = m.end
    gap.append((cut, text[cut : c.start]))
    for base, piece in gap:
        folded, shifts = fold_with_offsets(piece)
        for w in _type_words().finditer(folded):
            if not re.search(r"(?:cac|nhung)\s+$", folded[: w.start()]):
                named.append(base + original_offset(shifts, w.end()))
    if not named:
        return False
    tail = fold(text[max(named) : c.start])
    return bool(re.search(r"[,;]", tail)) and not re.search(r"(?<![a-z])(?:va|hoac)\s*$", tail)


def _closed_before(text: str, hit: _Hit, c: Mention, sent_start: int) -> bool:
    """Whether the phrase sits in a parenthesis that closes before ``c``: "Luật Xử lý vi
    phạm hành chính năm 2012 (sửa đổi, bổ sung năm 2020), Nghị định số …" — the
    parenthesis describes the law; it says nothing of the decree."""
    lead = text[sent_start : hit.start]
    if lead.rfind("(") <= lead.rfind(")"):
        return False
    return ")" in text[hit.end : c.start]


def _until(table: PhraseTable, text: str, c: Mention, sent_start: int) -> bool:
    """Whether the citation follows "đến khi" or a like word: its end is a time limit of
    something else, not an act of the acting document."""
    lead = _squeeze(fold(text[max(sent_start, c.start - 30) : c.start]))
    return any(lead == u or lead.endswith(" " + u) for u in table.until)


_LIST_ITEM = re.compile(r"[ \t]*(?:[a-zđ]\)|[-+•]|\d+\.\d+\.?)[ \t]")
_NEW_CLAUSE = re.compile(r"[ \t]*(?:\d+\.[ \t]|Điều[ \t]+\d|Chương[ \t])")
_INTRO_LOOKBACK = 3000  # characters a list may run before its item


def _list_intro(
    table: PhraseTable, text: str, item_start: int, bounds: list[int], bare: bool = False
) -> tuple[_Hit, int] | None:
    """For a list item ("a) …", "- …", or a line that starts with the citation: ``bare``),
    the phrase that ends the list's introduction (the clause ending with a colon above
    it: "Các văn bản sau đây hết hiệu lực thi hành kể từ ngày …:", "Bãi bỏ các quy định
    sau:", "… được sửa đổi, bổ sung bởi:"), with the introduction's start."""
    if not (bare or _LIST_ITEM.match(text, item_start)):
        return None
    lines_start = max(0, item_start - _INTRO_LOOKBACK)
    colon = -1
    at = item_start
    while at > lines_start:
        line_start = text.rfind("\n", lines_start, at - 1) + 1
        line = text[line_start:at]
        if line.rstrip().endswith(":"):
            colon = line_start + len(line.rstrip()) - 1
            break
        if _NEW_CLAUSE.match(line) or line_start <= lines_start:
            return None
        at = line_start
    if colon < 0:
        return None
    b = bisect.bisect_right(bounds, colon) - 1
    intro_start = max(bounds[b] if b >= 0 else 0, colon - WINDOW)
    hits = [
        h
        for pos in ("before", "after")
        for h in _hits(text, table, pos, [(intro_start, colon)])
        if h.phrase.kind != "cites" and not (pos == "before" and _in_a_name(text, h))
    ]
    if not hits:
        return None
    return max(hits, key=lambda h: h.end), intro_start


_NAMED_CITATION = re.compile(r"\s*(?:so\b|\d)")


def _outer_item(text: str, citations: Sequence[Mention], hit: _Hit, c: Mention) -> bool:
    """Whether ``c`` is the next item of the outer list rather than one more document a
    passive phrase lists: "… số 70/2006/QH11 đã được sửa đổi, bổ sung một số điều theo
    Luật số 62/2010/QH12, Luật Điện ảnh số 62/2006/QH11 …" — the amending laws are
    written "Luật số …"; a law with its name starts the next item."""
    if not hit.phrase.reverse:
        return False
    if not any(hit.end <= m.start and m.end <= c.start for m in citations):
        return False  # the first document after the phrase is what it lists
    folded = fold(text[c.start : c.start + 40])
    w = _type_words().match(folded)
    return w is not None and _NAMED_CITATION.match(folded, w.end()) is None


_LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh")
_LAW_NAME = re.compile(r"(?<![a-z])(?:bo\s+luat|luat|phap\s+lenh)\s+(?!so\b|nay\b|\d)[a-z]")


def _law_between(text: str, owner: Mention, hit: _Hit, c: Mention) -> bool:
    """Whether a passive phrase speaks of a law named (without number) between the owner
    and the phrase, the listed document being a law too: "…, Luật Dầu khí năm 1993 đã
    được sửa đổi, bổ sung một số điều theo Luật số 19/2000/QH10 …" amends the oil law,
    not the document before it. (A decree listed there amends the owner: a decree does
    not amend a law.)"""
    if not hit.phrase.reverse or c.type not in _LAW_TYPES:
        return False
    between = text[owner.end : hit.start]
    folded, shifts = fold_with_offsets(between)
    for m in _LAW_NAME.finditer(folded):
        if between[original_offset(shifts, m.start())].isupper():
            return True
    return False


def _sibling(owner: Mention, c: Mention, hit: _Hit) -> bool:
    """Whether ``c``, of the owner's own type, is more likely the next item of the list the
    owner is in than what the owner's description guides: a decree details a law, a
    circular guides a decree; "Nghị định số A … quy định chi tiết … Luật Ban hành văn bản
    quy phạm pháp luật năm 2015 và Nghị định số B …" lists two decrees."""
    return hit.phrase.kind == "guides" and owner.type is not None and owner.type == c.type


def find_relations(
    text: str,
    citations: Sequence[Mention],
    acting_type: str | None = None,
    table: PhraseTable | None = None,
) -> list[StatedRelation]:
    """Read the relation stated around each citation; citations must be sorted by start."""
    table = table or default_table()
    real = [i for i, c in enumerate(citations) if not c.self_reference]
    starts = [citations[i].start for i in real]
    spans_before = [(max(0, citations[i].start - WINDOW), citations[i].start) for i in real]
    spans_after = [(citations[i].end, citations[i].end + AFTER_WINDOW) for i in real]
    before = [
        h for h in _hits(text, table, "before", _windows(spans_before)) if not _in_a_name(text, h)
    ]
    after = _hits(text, table, "after", _windows(spans_after))
    before_ends = [h.end for h in before]
    after_starts = [h.start for h in after]
    bounds = [m.end() for m in _BOUNDARY.finditer(text)]
    out: list[StatedRelation] = []
    for n, i in enumerate(real):
        c = citations[i]
        b = bisect.bisect_right(bounds, c.start) - 1
        sent_start = max(bounds[b] if b >= 0 else 0, c.start - WINDOW)
        # a passive phrase may speak of the head of a long description
        head_start = max(bounds[b] if b >= 0 else 0, c.start - HEAD_WINDOW)
        e = bisect.bisect_left(bounds, c.end)
        sent_end = min(bounds[e] if e < len(bounds) else len(text), c.end + AFTER_WINDOW)
        evidence_span = (sent_start, sent_end)
        # 1. a phrase right behind the citation
        nxt = starts[n + 1] if n + 1 < len(starts) else len(text)
        semi = text.find(";", c.end, sent_end)
        limit = min(nxt, sent_end, semi if semi >= 0 else sent_end)
        k = bisect.bisect_left(after_starts, c.end)
        if k < len(after) and after[k].start < limit and after[k].phrase.kind != "cites":
            hit = after[k]
            if _until(table, text, c, sent_start):
                # "… tiếp tục thực hiện cho đến khi Luật … hết hiệu lực": a time limit
                out.append(_cites(i, text, evidence_span))
                continue
            made = _make(
                table, c, None, i, hit, acting_type, CONFIDENCE_DIRECT, text, evidence_span
            )
            out.append(made)
            if made.source is None and made.kind in ENDING_KINDS:
                # "Luật số A … (sau đây gọi chung là …) và Nghị quyết số B … hết hiệu lực …":
                # the phrase ends every subject the clause coordinates, not only the last
                for j in _coordinated_heads(text, citations, real[:n], c, bounds):
                    head_span = (min(citations[j].start, evidence_span[0]), evidence_span[1])
                    out.append(
                        _make(
                            table, citations[j], None, j, hit, acting_type, CONFIDENCE_NESTED,
                            text, head_span,
                        )
                    )  # fmt: skip
            continue
        # an alias the text defines ("(sau đây viết tắt là Thông tư số …)") names a
        # document already described: it adds no relation
        if _ALIAS.search(fold(text[max(0, c.start - 40) : c.start])):
            out.append(_cites(i, text, evidence_span))
            continue
        # 2. the nearest phrase before it, in the same sentence
        k = bisect.bisect_right(before_ends, c.start) - 1
        near = before[k] if k >= 0 and before[k].start >= sent_start else None
        if near is not None and near.phrase.kind != "based_on" and ";" in text[near.end : c.start]:
            # "… Nghị định số A … quy định chi tiết …; khoản 4 Điều 12 Nghị định số B …": a
            # description in the item before says nothing of this item
            near = None
        if near is not None and near.phrase.text in _THROUGH and k > 0:
            # "thực hiện chỉ đạo của … tại Công văn số …": the direction reaches through
            earlier = before[k - 1]
            if (
                earlier.phrase.reach_through
                and earlier.start >= sent_start
                and ";" not in text[earlier.end : c.start]
            ):
                near = earlier
        if near is None:
            item = text[sent_start : c.start].strip() == ""  # the item is the citation
            intro = _list_intro(table, text, sent_start, bounds, item)
            if intro is None:
                out.append(_cites(i, text, evidence_span))
            else:
                # "Các văn bản sau đây hết hiệu lực …: a) Thông tư số …; b) …": the item
                # takes what the list's introduction says; "Thông tư số A … được sửa
                # đổi, bổ sung bởi: Thông tư số B …; Thông tư số C …": of the document
                # the introduction names
                hit, intro_start = intro
                span = (intro_start, evidence_span[1])
                subject = None
                if hit.phrase.reverse:
                    named = [j for j in real[:n] if intro_start <= citations[j].start < hit.start]
                    subject = named[-1] if named else None
                acting = acting_type if subject is None else citations[subject].type
                out.append(
                    _make(
                        table, c, subject, i, hit, acting, CONFIDENCE_NESTED, text, span,
                        part_from=sent_start,
                    )
                )  # fmt: skip
            continue
        hit = near
        if _closed_before(text, hit, c, sent_start):
            out.append(_cites(i, text, evidence_span))
            continue
        owner = _owner(
            table, text, citations, real[:n], hit, c,
            head_start if hit.phrase.reverse else sent_start,
        )  # fmt: skip
        if owner is not None and (
            _object_given(text, citations, hit, c)
            or _sibling(citations[owner], c, hit)
            or _outer_item(text, citations, hit, c)
            or _law_between(text, citations[owner], hit, c)
        ):
            # the next item of the list the owner is in: it takes what the acting
            # document says of that list ("Căn cứ A …; … và B …")
            k = bisect.bisect_right(before_ends, citations[owner].start) - 1
            while k >= 0 and before[k].start >= sent_start and before[k].phrase.reverse:
                k -= 1  # a passive phrase needs its own subject: not the list's phrase
            outer = before[k] if k >= 0 and before[k].start >= sent_start else None
            if outer is None:
                out.append(_cites(i, text, evidence_span))
            else:
                out.append(
                    _make(
                        table,
                        c,
                        None,
                        i,
                        outer,
                        acting_type,
                        CONFIDENCE_NESTED,
                        text,
                        evidence_span,
                    )
                )
            continue
        if owner is None:
            out.append(
                _make(table, c, None, i, hit, acting_type, CONFIDENCE_DIRECT, text, evidence_span)
            )
        else:
            p = citations[owner]
            out.append(
                _make(table, c, owner, i, hit, p.type, CONFIDENCE_NESTED, text, evidence_span)
            )
            out.append(_cites(i, text, evidence_span))
    return out


ENDING_KINDS = ("replaces", "repeals")
_JOINED = re.compile(r"(?:\)|,)?\s*(?:,|và|cùng)\s*$")
_ITEM_MARK = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.|[a-zđ]\)|[-–+])?\s*$")


def _coordinated_heads(
    text: str,
    citations: Sequence[Mention],
    earlier: list[int],
    c: Mention,
    bounds: list[int],
) -> list[int]:
    """The subjects coordinated with ``c`` in its clause, when ``c`` is joined to what comes
    before it by "và" or a comma: the clause's first citation (nothing but an item mark
    before it) and each citation joined to a subject the same way. Citations inside a
    description (amending texts after "theo", an alias after "gọi chung là") are not
    subjects."""
    if not _JOINED.search(text[max(0, c.start - 12) : c.start]):
        return []
    b = bisect.bisect_right(bounds, c.start) - 1
    clause_start = bounds[b] if b >= 0 else 0
    semi = text.rfind(";", clause_start, c.start)
    if semi >= 0:
        clause_start = semi + 1
    same_clause = [j for j in earlier if citations[j].start >= clause_start]
    if not same_clause:
        return []
    first = same_clause[0]
    if not _ITEM_MARK.match(text[clause_start : citations[first].start]):
        return []
    heads = [first]
    for prev, j in itertools.pairwise(same_clause):
        before_j = text[max(0, citations[j].start - 12) : citations[j].start]
        if prev == heads[-1] and _JOINED.search(before_j):
            heads.append(j)
    return heads


def _owner(
    table: PhraseTable,
    text: str,
    citations: Sequence[Mention],
    earlier: list[int],
    hit: _Hit,
    c: Mention,
    sent_start: int,
) -> int | None:
    """The earlier citation whose description holds the phrase, if any. A passive phrase
    ("… được sửa đổi, bổ sung bởi …") speaks of the head of the description, the first
    document of the clause, not of one its description mentions ("Thông tư liên tịch số
    A … theo Quyết định số B …, được sửa đổi, bổ sung bởi: Thông tư số C": C amends A)."""
    found = None
    for j in reversed(earlier):
        p = citations[j]
        if p.start >= hit.start:
            continue
        if p.start < sent_start or ";" in text[p.start : c.start]:
            return found
        if found is None:
            lead = fold(text[max(p.end, hit.start - 40) : hit.start]).rstrip(" ,")
            if any(lead == conj or lead.endswith(" " + conj) for conj in table.conjunctions):
                return None
            if not hit.phrase.reverse:
                return j
        elif _next_item(text[p.end : citations[found].start + _TYPE_WORD_MAX]):
            return found  # "Luật A …, Luật B … đã được sửa đổi …": B heads its own item
        found = j
    return found


_ITEM_JOIN = re.compile(r"(?:[,;]|(?<![a-z])va)\s+(?=\S)")
_TYPE_WORD_MAX = 20  # characters of the next citation looked at for its type word


def _next_item(between: str) -> bool:
    """Whether a new item of a list starts in ``between`` (the text from one citation to
    the start of the next): a comma or "và" followed by a type word with a capital ("…,
    Bộ luật Lao động số …", "… và Luật số …")."""
    folded, shifts = fold_with_offsets(between)
    for m in _ITEM_JOIN.finditer(folded):
        w = _type_words().match(folded, m.end())
        at = original_offset(shifts, m.end())
        if w is not None and at < len(between) and between[at].isupper():
            return True
    return False


def _evidence(text: str, span: tuple[int, int]) -> str:
    return " ".join(text[span[0] : span[1]].split())


def _cites(i: int, text: str, span: tuple[int, int]) -> StatedRelation:
    return StatedRelation(None, i, "cites", 1.0, None, _evidence(text, span), span[0], span[1])


_PINPOINT = re.compile(r"(?<![a-z])(?:dieu|khoan|diem|muc|chuong|phan)\s+(?:\d|[ivxlc]+\b)")


def _partial(
    text: str, c: Mention, hit: _Hit, span: tuple[int, int], part_from: int | None = None
) -> bool:
    """Whether only a part (Điều, khoản, điểm, Mục, Chương) of the cited document is
    meant: a pinpoint on the citation, or one between the phrase (or the start of the
    sentence, for a phrase after the citation; of the list item, for a list's intro) and
    the citation."""
    if c.pinpoint:
        return True
    start = hit.end if hit.start < c.start else span[0]
    if part_from is not None:
        start = part_from
    return _PINPOINT.search(fold(text[start : c.start])) is not None


def _make(
    table: PhraseTable,
    c: Mention,
    owner: int | None,
    i: int,
    hit: _Hit,
    acting_type: str | None,
    confidence: float,
    text: str,
    span: tuple[int, int],
    part_from: int | None = None,
) -> StatedRelation:
    phrase = hit.phrase
    kind = phrase.kind
    if owner is None and acting_type in table.quoting_types:
        kind = "cites"
    if kind == "implements" and acting_type not in table.implements_types:
        kind = "cites"
    if kind in ("replaces", "repeals") and _partial(text, c, hit, span, part_from):
        kind = table.partial_kind
    if kind == "cites":
        confidence = 1.0
    source, target = (i, owner) if phrase.reverse and kind != "cites" else (owner, i)
    return StatedRelation(
        source, target, kind, confidence, text[hit.start : hit.end], _evidence(text, span), *span
    )
