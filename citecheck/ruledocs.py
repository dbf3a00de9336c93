"""Rule documentation, rendered from each rule's docstring (``citecheck rule``, docs/rules/)."""

from __future__ import annotations

import inspect
from pathlib import Path

from citecheck.rules.base import Rule

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "References")


def sections(rule: type[Rule]) -> dict[str, str]:
    """The ``## Section`` bodies of a rule's docstring."""
    doc = inspect.cleandoc(rule.__doc__ or "")
    out: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in doc.splitlines():
        if line.startswith("## "):
            if current is not None:
                out[current] = "\n".join(lines).strip()
            current = line[3:].strip()
            lines = []
        elif current is not None:
            lines.append(line)
    if current is not None:
        out[current] = "\n".join(lines).strip()
    return out


def missing_sections(rule: type[Rule]) -> list[str]:
    have = sections(rule)
    return [s for s in SECTIONS if not have.get(s)]


def render_rule(rule: type[Rule]) -> str:
    """The Markdown page of a rule: title, code, severity, summary and the sections."""
    parts = [
        f"# {rule.name} ({rule.code})",
        "",
        f"Default severity: **{rule.severity}**."
        + (" Needs a knowledge base." if rule.needs_kb else ""),
        "",
        rule.summary(),
        "",
    ]
    for title, body in sections(rule).items():
        parts += [f"## {title}", "", body, ""]
    return "\n".join(parts).rstrip() + "\n"


def render_index(rules: tuple[type[Rule], ...]) -> str:
    lines = ["# Rules", "", "| code | name | severity | what |", "|---|---|---|---|"]
    for r in rules:
        lines.append(f"| {r.code} | [{r.name}]({r.name}.md) | {r.severity} | {r.summary()} |")
    return "\n".join(lines) + "\n"


def write_docs(folder: Path) -> list[Path]:
    """Write docs/rules/<name>.md for every rule and an index; return the paths written."""
    from citecheck.rules import RULES

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for rule in RULES:
        path = folder / f"{rule.name}.md"
        path.write_text(render_rule(rule), encoding="utf-8")
        written.append(path)
    index = folder / "README.md"
    index.write_text(render_index(RULES), encoding="utf-8")
    written.append(index)
    return written


if __name__ == "__main__":  # python -m citecheck.ruledocs docs/rules
    import sys

    for p in write_docs(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules")):
        print(p)
