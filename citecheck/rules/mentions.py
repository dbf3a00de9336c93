"""Grouping the mentions of one document across the files being checked."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from citecheck.rules.base import CheckContext, SourceDoc
from kb.models import Citation, Family

# Families whose key does not already contain the date (a law cited by name is keyed by
# name *and* date, so two dates of "Luật Viên chức" are two laws, never a mismatch).
DATED_BY_KEY = {Family.LAW}


@dataclass(frozen=True)
class Mention:
    doc: SourceDoc
    citation: Citation


def usable(c: Citation) -> bool:
    """A mention the consistency rules may compare: resolved, not the document itself."""
    if c.self_reference or not c.key or not c.ref:
        return False
    return not c.key.endswith("@?")


def by_key(ctx: CheckContext) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for doc in ctx.documents:
        for c in doc.citations:
            if usable(c):
                groups[c.key or ""].append(Mention(doc, c))
    return groups
