"""Rule documentation, rendered from each rule's docstring (``citecheck rule``, docs/rules/)."""

from __future__ import annotations

import inspect
from functools import lru_cache
from pathlib import Path

from citecheck.rules.base import Rule
from kb.tables import load_table

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


SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"}
# the Vietnamese page: its section titles, and where each body comes from (the Vietnamese
# pages' table, or the docstring for the examples, which are Vietnamese text already)
SECTIONS_VI = (
    ("Quy tắc làm gì", "what"),
    ("Vì sao cần sửa", "why"),
    ("Ví dụ", "Example"),
    ("Nên viết", "Use instead"),
    ("Căn cứ", "refs"),
)


@lru_cache(maxsize=1)
def _pages_vi() -> dict[str, dict[str, str]]:
    return load_table("citecheck", "rule_pages_vi.toml")


def title(code: str, name: str, lang: str = "vi") -> str:
    """A few words naming a rule ("Từ bị lặp"); its kebab-case name in English."""
    if lang == "vi":
        page = _pages_vi().get(code)
        if page and page.get("title"):
            return page["title"]
    return name


def summary(rule: type[Rule], lang: str = "vi") -> str:
    """The one-line summary of a rule in ``lang``."""
    if lang == "vi":
        page = _pages_vi().get(rule.code)
        if page and page.get("summary"):
            return page["summary"]
    return rule.summary()


def render_rule_vi(rule: type[Rule]) -> str:
    """The Vietnamese page of a rule (``citecheck rule NAME``)."""
    page = _pages_vi().get(rule.code, {})
    english = sections(rule)
    parts = [
        f"# {rule.name} ({rule.code})",
        "",
        f"Mức mặc định: **{SEVERITY_VI[rule.severity]}**."
        + (" Cần cơ sở dữ liệu văn bản." if rule.needs_kb else ""),
        "",
        summary(rule, "vi"),
        "",
    ]
    for title, key in SECTIONS_VI:
        body = page.get(key) or english.get(key, "")
        if body:
            parts += [f"## {title}", "", body, ""]
    return "\n".join(parts).rstrip() + "\n"


def render_rule(rule: type[Rule], lang: str = "en") -> str:
    """The Markdown page of a rule: title, code, severity, summary and the sections (the
    docstring in English; ``lang="vi"`` gives the Vietnamese page)."""
    if lang == "vi":
        return render_rule_vi(rule)
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
