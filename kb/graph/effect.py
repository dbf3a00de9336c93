"""The days documents and relations take effect, filled in after every derivation.

A document's first and last day in force come from its own final provisions (read at
parse time, ``kb.parse.effect``), else from imported metadata. A stated replacement or
repeal takes effect on the day its sentence names ("… hết hiệu lực kể từ ngày 01/7/2016",
"… tiếp tục có hiệu lực thi hành đến ngày 30/6/2022" — the day after, which also ends the
text kept in force, when its own text gives it no end), on the acting text's
day of signing ("kể từ ngày ký"), else on the acting text's own first day in force (left
empty here: the status reads it from the acting document).
"""

from __future__ import annotations

from kb.graph.record_fields import register_entries
from kb.parse.effect import RelationDay, relation_effect
from kb.store.sqlite import Store

# the kinds whose day is read; "tiếp tục có hiệu lực … đến ngày" is read whatever kind the
# sentence's phrase was taken for
DATED_KINDS = ("replaces", "repeals", "amends", "cites", "based_on")


def apply_effects(store: Store) -> None:
    """Fill ``documents.effective_*`` and ``relations.effective`` (inside the caller's
    transaction)."""
    store.copy_effects()
    store.set_register_starts(
        (key, e.in_force.isoformat(), e.source)
        for key, e in register_entries()
        if e.in_force is not None
    )
    updates: list[tuple[str | None, int]] = []
    ends: dict[str, str] = {}
    signed: dict[str, str | None] = {}
    for rel_id, source, target, evidence in store.relations_to_date(DATED_KINDS):
        found = relation_effect(str(evidence))
        if found is None or found.how == RelationDay.ACTING:
            continue
        if found.how == RelationDay.CONTINUES and found.day is not None:
            # "X … tiếp tục có hiệu lực thi hành đến ngày D": X ends the day after D
            day = found.day.isoformat()
            ends[target] = min(ends.get(target, day), day)
            continue
        if found.how == RelationDay.SIGNING:
            if source not in signed:
                row = store.effect(source)
                signed[source] = row[0] if row is not None else None
            signing = signed[source]
            if signing is not None and len(signing) == 10:
                updates.append((signing, rel_id))
        elif found.day is not None:
            updates.append((found.day.isoformat(), rel_id))
    store.set_relation_effects(updates)
    store.set_stated_ends(ends.items())
