"""Readable text output of the KB commands (Vietnamese by default, English on request)."""

from __future__ import annotations

from collections.abc import Iterable

import click

from kb.cli.wording import KIND_LABELS, msg, vn_date
from kb.records import AppliesResult, DocRef, ShowResult, StatsResult


def _ref(d: DocRef) -> str:
    return f"{d.ref or d.key} ({vn_date(d.date)})"


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


def print_applies(result: AppliesResult, lang: str) -> None:
    if not result.results:
        click.echo(msg(lang, "no_results", query=result.query))
        return
    click.echo(
        click.style(msg(lang, "results", query=result.query, on=vn_date(result.on)), bold=True)
    )
    for i, r in enumerate(result.results, start=1):
        click.echo(f"{i}. {r.type or ''} {r.ref or r.key} ({vn_date(r.date)}) — {r.status_label}")
        if r.subject:
            click.echo(f"     {r.subject}")
        if r.replaced_by:
            click.echo(f"     {msg(lang, 'replaced_by')}: {_refs(r.replaced_by)}")
        for name in ("replaces", "guided_by", "implemented_by"):
            items = getattr(r, name)
            if items:
                click.echo(f"     {msg(lang, name)}: {_refs(items)}")


STATS_LABELS = {
    "vi": {
        "head": "{files} tệp, {documents} văn bản, {mentions} lần nhắc đến, {relations} quan hệ, "
        "{unresolved} lần nhắc chưa xác định được văn bản",
        "type": "theo loại",
        "issuer": "theo cơ quan (mã)",
        "relation": "theo quan hệ",
        "origin": "theo nguồn",
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
        "ambiguous": "ambiguous mentions",
        "problems": "problems in the data",
        "disagreements": "disagreements with imported data",
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
