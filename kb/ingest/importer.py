"""``kb import FILE.jsonl``: authoritative metadata, kept apart from what the corpus says.

One JSON object per line, in the shape of a national-database export: ``so_hieu``,
``loai_van_ban``, ``co_quan_ban_hanh``, ``trich_yeu``, ``ngay_ban_hanh``,
``ngay_hieu_luc``, ``ngay_het_hieu_luc``, ``tinh_trang_hieu_luc`` and ``relations``
(each with ``types``, ``so_hieu``, ``loai_van_ban``, ``ngay_hieu_luc``…). Imported
facts go to their own tables with origin "imported"; where they disagree with the
corpus both stay, and the disagreement can be listed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.store.sqlite import Store

# relation type in the export → (kind, True when the counterpart acts on this document)
RELATION_TYPES: dict[str, tuple[str, bool]] = {
    "amended_by": ("amends", True),
    "supplemented_by": ("amends", True),
    "modified_by": ("amends", True),
    "repealed_in_part_by": ("amends", True),
    "annulled_in_part_by": ("amends", True),
    "expired_in_part_by": ("amends", True),
    "suspended_by": ("amends", True),
    "replaced_by": ("replaces", True),
    "repealed_by": ("repeals", True),
    "guided_by": ("guides", True),
    "corrected_by": ("corrects", True),
    "replaces": ("replaces", False),
    "repeals": ("repeals", False),
    "amends": ("amends", False),
    "supplements": ("amends", False),
    "guides": ("guides", False),
    "based_on": ("based_on", False),
    "corrects": ("corrects", False),
}


@dataclass
class ImportResult:
    rows: int = 0
    documents: int = 0
    relations: int = 0
    skipped: list[str] = field(default_factory=list)  # rows without a số hiệu
    errors: list[str] = field(default_factory=list)  # rows that cannot be read


class _NoNumber(Exception):
    """A row without a số hiệu: nothing to key it by."""


def _vn_date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        d = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return ""
    return f" ngày {d.day:02d}/{d.month:02d}/{d.year}"


def key_of(ref: str, doc_type: str | None, date: str | None) -> str:
    """The KB key of a document given by số hiệu, type and date, as the parser makes it."""
    from kb.parse.extract import extract_text

    text = f"{doc_type or 'Văn bản'} số {ref}{_vn_date(date)}"
    for c in extract_text(text).citations:
        if c.key:
            return c.key
    return " ".join(ref.split())


def _row(
    data: dict[str, Any], where: str
) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    ref = data.get("so_hieu")
    if not ref:
        raise _NoNumber()
    doc_type = data.get("loai_van_ban")
    issued = data.get("ngay_ban_hanh")
    key = key_of(ref, doc_type, issued)
    source_id = str(data.get("id") or where)
    doc = (
        key,
        ref,
        doc_type,
        data.get("co_quan_ban_hanh"),
        issued,
        data.get("ngay_hieu_luc"),
        data.get("ngay_het_hieu_luc"),
        data.get("tinh_trang_hieu_luc"),
        data.get("trich_yeu"),
        source_id,
        data.get("file"),
    )
    rels = []
    stubs = []
    for rel in data.get("relations") or []:
        other_ref = rel.get("so_hieu")
        if not other_ref:
            continue
        other = key_of(other_ref, rel.get("loai_van_ban"), rel.get("ngay_ban_hanh"))
        stubs.append(
            (
                other,
                other_ref,
                rel.get("loai_van_ban"),
                None,
                rel.get("ngay_ban_hanh"),
                rel.get("ngay_hieu_luc"),
                None,
                None,
                None,
                source_id,
                None,
            )
        )
        types = rel.get("types") or []
        articles = ", ".join(rel.get("affected_articles") or [])
        for t in types:
            if t not in RELATION_TYPES:
                continue
            kind, inbound = RELATION_TYPES[t]
            detail = f"{t}" + (f": {articles}" if articles else "")
            if rel.get("ngay_hieu_luc"):
                detail += f" (hiệu lực {rel['ngay_hieu_luc']})"
            src, tgt = (other, key) if inbound else (key, other)
            rels.append((src, tgt, kind, detail, source_id))
    return doc, rels, stubs


def import_jsonl(store: Store, path: Path) -> ImportResult:
    """Load one export file and re-derive the KB, in one transaction."""
    from kb.graph.derive import derive
    from kb.ingest.build import stored_facts

    result = ImportResult()
    docs: list[tuple[Any, ...]] = []
    rels: list[tuple[Any, ...]] = []
    stubs: list[tuple[Any, ...]] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            result.rows += 1
            where = f"{path.name}:{n}"
            try:
                data = json.loads(line)
                doc, doc_rels, doc_stubs = _row(data, where)
            except _NoNumber:
                result.skipped.append(f"{where}: không có số hiệu, bỏ qua")
                continue
            except (json.JSONDecodeError, ValueError, AttributeError) as exc:
                result.errors.append(f"{where}: {exc}")
                continue
            docs.append(doc)
            rels.extend(doc_rels)
            stubs.extend(doc_stubs)
    facts, names = stored_facts(store)
    with store.transaction():
        store.add_imported(docs, rels, stubs)
        derive(store, facts, names)
    result.documents = len(docs)
    result.relations = len(rels)
    return result
