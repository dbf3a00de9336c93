"""CC404 doubled-word."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from citecheck.models import Finding
from citecheck.rules.base import CheckContext, Rule, SourceDoc
from kb.tables import load_table


@dataclass(frozen=True)
class _Doubled:
    word: str
    after: frozenset[str]
    before_digit: bool


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, _Doubled]]:

    words = {
        row["word"]: _Doubled(
            row["word"], frozenset(row.get("after", [])), bool(row.get("before_digit", False))
        )
        for row in load_table("kb", "doubled_words.toml")["word"]
    }
    # any word twice on one line, one or two blanks apart (the check keeps the words of the
    # list, the second copy in lower case: a capitalised second copy starts a table cell or a
    # heading, "Mã số Số vụ"); one back-reference instead of the list as an alternation
    pattern = re.compile(
        r"(?<!\w)(?P<first>\w+)[ \t\u00a0]{1,2}(?P<second>(?P=first))(?!\w)", re.IGNORECASE
    )
    return pattern, words


_PREVIOUS = re.compile(r"([^\W\d_]+)[ \t\u00a0]+$")
_DIGIT_NEXT = re.compile(r"[ \t\u00a0]*\d")


class DoubledWord(Rule):
    """A word written twice in a row: "của của", "theo theo quy định", "năm năm 2016".

    ## What it does
    Looks for a function word repeated on the same line ("và và", "các các", "được được",
    "Nghị định số số 06/2021/NĐ-CP", "ngày ngày 16 tháng 8"). The words are a closed list,
    kept as data: in Vietnamese a syllable repeated across a word boundary is ordinary
    ("hành vi vi phạm", "hàng không không được") and so is true reduplication ("từ từ",
    "năm năm qua" — five years), so only words that are never meant twice are flagged, and
    "năm", "ngày", "tháng", "số" only before a number. A first copy that ends a compound
    word is left alone: "tiếp theo theo quy định", "tồn tại tại hiện trường", "tù và và".
    Information only.

    ## Why is this bad?
    A doubled word is a slip of editing. It is harmless to the meaning but shows in a signed
    document, and a checker is the cheapest place to catch it.

    ## Example
    ```text
    Thực hiện theo theo quy định của của Luật Cán bộ, công chức.
    ```

    ## Use instead
    ```text
    Thực hiện theo quy định của Luật Cán bộ, công chức.
    ```

    ## References
    Nghị định 30/2020/NĐ-CP về công tác văn thư, Điều 8 (văn bản phải được soát xét về thể
    thức, kỹ thuật trình bày trước khi ký ban hành).
    """

    code = "CC404"
    name = "doubled-word"
    severity = "info"

    def check_document(self, doc: SourceDoc, ctx: CheckContext) -> Iterator[Finding]:
        pattern, words = _table()
        text = doc.text
        for m in pattern.finditer(text):
            first, second = m.group("first"), m.group("second")
            entry = words.get(second)
            if entry is None or first.lower() != second:
                continue
            if entry.before_digit and not _DIGIT_NEXT.match(text, m.end()):
                continue
            prev = _PREVIOUS.search(text, max(0, m.start() - 30), m.start())
            if prev and prev.group(1).lower() in entry.after:
                continue
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                self.msg(ctx, "doubled", text=m.group(0), word=second),
                suggestion=self.msg(ctx, "fix", word=second),
            )
