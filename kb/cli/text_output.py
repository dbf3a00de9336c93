"""Readable text output of the KB commands (Vietnamese by default, English on request)."""

from __future__ import annotations

from collections.abc import Iterable

import click

from kb.cli.wording import KIND_LABELS, msg
from kb.parse.dates import vn_date
from kb.records import AppliesItem, AppliesResult, DocRef, ShowResult, StatsResult


def _ref(d: DocRef) -> str:
    if d.ref or not d.label:
        return f"{d.ref or d.key} ({vn_date(d.date)})"
    return d.label  # a file without its number: type, title and date already


def _refs(items: Iterable[DocRef]) -> str:
    return ", ".join(_ref(d) for d in items)


def print_show(result: ShowResult, lang: str) -> None:
    d = result.document
    head = f"{d.ref or d.key} — {d.type or '?'}, {vn_date(d.date)}"
    if d.issuer:
        head += f", {d.issuer}"
    click.echo(click.style(head, bold=True))
    if d.subject:
        click.echo(f"  {d.subject}")
    line = msg(lang, "status", on=vn_date(d.status_on), label=d.status_label)
    if d.replaced_by:
        line += f" — {msg(lang, 'replaced_by')} {_refs(d.replaced_by)}"
    click.echo(line)
    for p in d.probably_replaced_by:
        click.echo("  " + msg(lang, "probably_by", ref=_ref(p), confidence=p.confidence))
        if p.evidence:
            click.echo(f"      {p.evidence}")
    days = []
    if d.effective_from:
        days.append(msg(lang, "effective_from", date=vn_date(d.effective_from)))
    if d.effective_to:
        days.append(msg(lang, "effective_to", date=vn_date(d.effective_to)))
    if days:
        click.echo("  " + "; ".join(days))
    if d.effective_text:
        click.echo(f"  {msg(lang, 'effect_clause')}: {d.effective_text}")
    labels = KIND_LABELS.get(lang, KIND_LABELS["vi"])
    if result.relations:
        click.echo(f"{msg(lang, 'relations')}:")
    for r in result.relations:
        arrow = "→" if r.direction == "out" else "←"
        kind = labels[(r.kind, r.direction)]
        click.echo(f"  {arrow} {kind} {_ref(r.other)}  [{r.origin}, {r.confidence:.2f}]")
        if r.evidence and r.kind != "cites":
            where = f"{r.path}: " if r.path and r.origin == "stated" else ""
            click.echo(f"      {where}{r.evidence}")
    v = result.variants
    click.echo(f"{msg(lang, 'mentions', n=len(result.mentions))}:")
    if v.refs:
        click.echo(
            f"  {msg(lang, 'variants')}: " + ", ".join(f"{k} ×{n}" for k, n in v.refs.items())
        )
    if v.dates:
        dates = ", ".join(f"{vn_date(k)} ×{n}" for k, n in sorted(v.dates.items()))
        click.echo(f"  {msg(lang, 'dates')}: {dates}")
    for m in result.mentions:
        text = " ".join((m.text or "").split())
        click.echo(f"  {m.path}:{m.line}  {text}")
    if result.disagreements:
        click.echo(f"{msg(lang, 'disagree')}:")
        for x in result.disagreements:
            click.echo(f"  {x.field}: {x.corpus} ≠ {x.imported}")


SHOWN_AMENDMENTS = 6  # the latest first; `kb show` lists them all


def _print_item(i: int | None, r: AppliesItem, lang: str) -> None:
    indent = "     " if r.under else ""
    head = f"{i}. " if i is not None else "- "
    if r.under:
        head = f"{indent}↳ {msg(lang, 'role_' + r.role)}: "
    name = f"{r.label or r.ref or r.key} ({vn_date(r.date)})" if r.ref else r.label or r.key
    line = f"{head}{name} — {r.status_label}"
    if r.effective_from and r.effective_from != r.date:
        line += f"; {msg(lang, 'effective_from', date=vn_date(r.effective_from))}"
    click.echo(line)
    pad = indent + "     "
    if r.subject:
        click.echo(f"{pad}{r.subject}")
    if r.replaced_by:
        click.echo(f"{pad}{msg(lang, 'replaced_by')}: {_refs(r.replaced_by)}")
    for p in r.probably_replaced_by:
        click.echo(pad + msg(lang, "probably_by", ref=_ref(p), confidence=p.confidence))
    if r.amended_by:
        shown = _refs(r.amended_by[:SHOWN_AMENDMENTS])
        more = len(r.amended_by) - SHOWN_AMENDMENTS
        click.echo(f"{pad}{msg(lang, 'amended_by')}: {shown}" + (f" (+{more})" if more > 0 else ""))
    for name in ("replaces", "guided_by", "implemented_by"):
        items = getattr(r, name)
        if items:
            click.echo(f"{pad}{msg(lang, name)}: {_refs(items)}")


def print_applies(result: AppliesResult, lang: str) -> None:
    if not result.results and not result.later:
        click.echo(msg(lang, "no_results", query=result.query))
        return
    click.echo(
        click.style(msg(lang, "results", query=result.query, on=vn_date(result.on)), bold=True)
    )
    group = None
    number = 0
    for r in result.results:
        if r.group != group:
            group = r.group
            click.echo(click.style(f"{msg(lang, 'group_' + group)}:", underline=True))
        if r.under is None:
            number += 1
        _print_item(None if r.under else number, r, lang)
    if result.later:
        click.echo(click.style(f"{msg(lang, 'group_later')}:", underline=True))
        for r in result.later:
            _print_item(None, r, lang)


STATS_LABELS = {
    "vi": {
        "head": "{files} tệp, {documents} văn bản, {mentions} lần nhắc đến, {relations} quan hệ, "
        "{unresolved} lần nhắc chưa xác định được văn bản",
        "type": "theo loại",
        "issuer": "theo cơ quan (mã)",
        "relation": "theo quan hệ",
        "origin": "theo nguồn",
        "unresolved": "quan hệ không thể có, giữ lại chưa xác định (theo lý do)",
        "ambiguous": "nhắc đến không rõ văn bản nào",
        "problems": "vấn đề trong dữ liệu",
        "disagreements": "khác với dữ liệu nhập",
    },
    "en": {
        "head": "{files} files, {documents} documents, {mentions} mentions, {relations} relations, "
        "{unresolved} unresolved mentions",
        "type": "by type",
        "issuer": "by issuer code",
        "relation": "by relation",
        "origin": "by origin",
        "unresolved": "impossible relations kept as unresolved (by reason)",
        "ambiguous": "ambiguous mentions",
        "problems": "problems in the data",
        "disagreements": "disagreements with imported data",
    },
}


# why a reading was kept as unresolved instead of becoming an edge (kb.graph.sanity)
UNRESOLVED_REASONS = {
    "vi": {
        "later": "trỏ tới văn bản ban hành sau",
        "self": "trỏ tới chính nó",
        "rank": "văn bản cấp thấp hơn sửa đổi, thay thế hoặc bãi bỏ văn bản cấp cao hơn",
    },
    "en": {
        "later": "to a document issued later",
        "self": "to itself",
        "rank": "a lower-rank text amending, replacing or repealing a higher-rank one",
    },
}


def print_stats(result: StatsResult, lang: str) -> None:
    labels = STATS_LABELS.get(lang, STATS_LABELS["vi"])
    click.echo(
        labels["head"].format(
            files=result.files,
            documents=result.documents,
            mentions=result.mentions,
            relations=result.relations,
            unresolved=result.unresolved_mentions,
        )
    )
    for name, counts in (
        ("type", result.by_type),
        ("issuer", result.by_issuer),
        ("relation", result.by_relation),
        ("origin", result.by_origin),
    ):
        shown = ", ".join(f"{c.name or '—'} {c.count}" for c in counts[:15])
        click.echo(f"{labels[name]}: {shown}")
    if result.unresolved_relations:
        reasons = UNRESOLVED_REASONS.get(lang, UNRESOLVED_REASONS["vi"])
        shown = ", ".join(
            f"{reasons.get(c.name or '', c.name)} {c.count}" for c in result.unresolved_relations
        )
        click.echo(f"{labels['unresolved']}: {shown}")
    disagreements = [f"{d.key} {d.field}: {d.corpus} ≠ {d.imported}" for d in result.disagreements]
    for name, items in (
        ("ambiguous", result.ambiguous_mentions),
        ("problems", result.problems),
        ("disagreements", disagreements),
    ):
        if items:
            click.echo(f"{labels[name]} ({len(items)}):")
            for item in items[:50]:
                click.echo(f"  {item}")
