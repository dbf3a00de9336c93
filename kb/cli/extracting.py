"""``kb extract`` of one file, as the text or the JSON it prints: done in a worker process,
so the whole output is never held at once.

The JSON of a run is ``{"files": [...]}`` indented by two spaces, as the ``ExtractReport``
model writes it; each file's entry is written by its own model and indented to its place.
"""

from __future__ import annotations

import click

from kb.models import Citation, ExtractedFile

JSON_START = '{\n  "files": [\n'
JSON_END = "\n  ]\n}\n"
JSON_EMPTY = '{\n  "files": []\n}\n'
_ENTRY_INDENT = "    "


def extract_one(job: tuple[str, str]) -> tuple[str, str | None]:
    """(output, None) for a file read, or ("", the error message) for one that is not."""
    from kb.parse.extract import extract_file
    from kb.readers import ReadError

    path, fmt = job
    try:
        result = extract_file(path)
    except ReadError as err:
        return "", f"{path}: {err}"
    return (json_entry(result) if fmt == "json" else text_entry(result)), None


def json_entry(result: ExtractedFile) -> str:
    """The file's entry in the ``files`` list, indented as in the whole report."""
    body = result.model_dump_json(indent=2)
    return _ENTRY_INDENT + body.replace("\n", "\n" + _ENTRY_INDENT)


def _format_citation(c: Citation) -> str:
    parts = [c.ref or c.name or "", c.type or ""]
    if c.date_text:
        parts.append(c.date_text if c.date_valid else f"{c.date_text} (ngày không hợp lệ)")
    if c.issuer:
        parts.append(f"của {c.issuer}")
    if c.self_reference:
        parts.append(f"→ chính văn bản này ({c.resolved_to or 'chưa rõ số hiệu'})")
    elif c.resolved_to:
        parts.append(f"→ {c.resolved_to}")
    elif c.unresolved_reason:
        parts.append(f"(chưa xác định: {c.unresolved_reason})")
    if c.anomalies:
        parts.append("[" + ", ".join(c.anomalies) + "]")
    where = c.location.label() if c.location and c.location.label() else f"{c.line}:{c.column}"
    return f"  {where}  " + "  ".join(p for p in parts if p)


def text_entry(result: ExtractedFile) -> str:
    """The file's lines in the text output (its name in bold where the terminal shows it)."""
    d = result.document
    own = d.ref or ("(số để trống)" if d.number_blank else "(không có số)")
    when = d.date.isoformat() if d.date else (d.date_text or "(không có ngày)")
    lines = [
        click.style(result.path, bold=True),
        f"  văn bản: {d.type or '?'} {own}, {when}" + (f" — {d.title}" if d.title else ""),
    ]
    cites = [c for c in result.citations if not c.self_reference and c.resolved_to is None]
    lines.append(f"  {len(cites)} trích dẫn")
    lines.extend(_format_citation(c) for c in result.citations)
    return "\n".join(lines)
