"""The message catalogue: every sentence the checker prints, in Vietnamese and English.

The sentences live in ``citecheck/data/messages.toml``; rules ask for them by rule code and
message key and fill the ``{placeholders}``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from kb.tables import load_table

LANGS = ("vi", "en")


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, Any]:
    return load_table("citecheck", "messages.toml")


def message(section: str, key: str, lang: str = "vi", **params: Any) -> str:
    """The sentence ``section.key`` in ``lang`` with its placeholders filled."""
    entry = _catalogue()[section][key]
    template = entry.get(lang) or entry["vi"]
    return str(template).format(**params)


def has_message(section: str, key: str) -> bool:
    return key in _catalogue().get(section, {})


def fmt_date(d: dt.date) -> str:
    """dd/mm/yyyy, the way Vietnamese documents write a date."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def join_words(items: list[str], lang: str) -> str:
    """'a, b và c' / 'a, b and c'."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    conj = message("common", "and", lang)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def count_phrase(counts: list[tuple[str, int]], lang: str) -> str:
    """'4 lần là 27/02/2019 và 1 lần là 27/12/2019'."""
    parts = [message("common", "times_as", lang, n=n, value=v) for v, n in counts]
    return join_words(parts, lang)
