"""Laws cited by name: recall on a hand-labelled sample, and how many by-name citations of the
whole bench corpus the register of laws resolves to a số hiệu (and why the others are not).

* samples: ``tests/parser/data/laws_sample.toml`` (40 windows of the bench corpus) and
  ``laws_sample_2.toml`` (30 windows of its Công báo texts, held out), labelled by reading:
  every citation by số hiệu, and every law cited by name with a year or date; recall (found
  with the labelled date) and the citations read there that are not labelled;
* corpus: every law, code or ordinance cited by name with a year or date in
  ``bench-corpus/docs``: resolved through ``kb/data/laws.toml`` or not, by reason, with the
  most frequent unresolved names.

Usage: ``python bench/bench_laws.py [--quick]`` (``--quick``: the sample only).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kb.models import Citation
from kb.parse.extract import extract_text
from kb.parse.textutil import fold

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench-corpus"
SAMPLE = ROOT / "tests" / "parser" / "data" / "laws_sample.toml"
# held out: labelled by reading, run once, nothing changed for it
HELD_OUT = ROOT / "tests" / "parser" / "data" / "laws_sample_2.toml"


def _ident(s: str) -> str:
    """A số hiệu or "type name" as compared: no case, accents, punctuation or leading zeros."""
    s = re.sub(r"(?<!\d)0+(?=\d)", "", fold(s))
    return " ".join(re.sub(r"[,.;]", " ", s).split())


def _row(c: Citation) -> tuple[str, str]:
    by_name = bool(c.name) and c.ref_start is None
    ident = f"{c.type} {c.name}" if by_name else (c.ref or "")
    if c.date:
        when = c.date.isoformat()
    else:
        year = re.search(r"(?:19|20)\d\d", c.date_text or "")
        when = year.group() if year else ""
    return _ident(ident), when


@dataclass
class SampleScore:
    labelled: int = 0
    found: int = 0
    by_name_labelled: int = 0
    by_name_found: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 0.0


def score_sample(path: Path = SAMPLE) -> SampleScore:
    score = SampleScore()
    for w in tomllib.loads(path.read_text(encoding="utf-8"))["window"]:
        got = [
            _row(c)
            for c in extract_text(w["text"]).citations
            if not c.self_reference and (c.ref_start is not None or c.name)
        ]
        for ident, when in w["want"]:
            by_name = not any(ch.isdigit() for ch in ident)
            score.labelled += 1
            score.by_name_labelled += by_name
            want = (_ident(ident), when)
            hit = next((g for g in got if g[0] == want[0] and (not when or g[1] == when)), None)
            if hit is None:
                score.missed.append(f"{w['file']}: {ident} {when}")
                continue
            got.remove(hit)
            score.found += 1
            score.by_name_found += by_name
        score.extra.extend(f"{w['file']}: {g[0]} {g[1]}" for g in got)
    return score


@dataclass
class CorpusCount:
    files: int = 0
    by_name: int = 0
    resolved: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    names: Counter[tuple[str, str, str]] = field(default_factory=Counter)


def count_corpus(docs: Path) -> CorpusCount:
    out = CorpusCount()
    for f in sorted(docs.glob("*.txt")):
        out.files += 1
        for c in extract_text(f.read_text(encoding="utf-8")).citations:
            if not c.name or c.ref_start is not None or c.self_reference:
                continue
            out.by_name += 1
            if c.ref:
                out.resolved += 1
                continue
            reason = c.law_unresolved or "?"
            out.reasons[reason] += 1
            out.names[(reason, f"{c.type} {' '.join(c.name.split())}", c.date_text or "")] += 1
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the labelled sample only")
    args = parser.parse_args()
    print("| measure | value |")
    print("|---|---|")
    for label, path in (
        ("sample 1, 40 windows", SAMPLE),
        ("sample 2, 30 windows, held out", HELD_OUT),
    ):
        s = score_sample(path)
        print(
            f"| {label}: recall | {s.recall:.3f} "
            f"({s.found}/{s.labelled}; laws by name {s.by_name_found}/{s.by_name_labelled}) |"
        )
        print(f"| {label}: citations read that are not labelled | {len(s.extra)} |")
        for m in s.missed:
            print(f"|   missed | {m} |")
        for e in s.extra:
            print(f"|   not labelled | {e} |")
    if args.quick or not (BENCH / "docs").is_dir():
        return 0
    started = time.process_time()
    n = count_corpus(BENCH / "docs")
    cpu = time.process_time() - started
    share = n.resolved / n.by_name if n.by_name else 0.0
    print(f"| corpus: laws cited by name with a year or date ({n.files} files) | {n.by_name} |")
    print(f"| corpus: resolved to a số hiệu by the register | {n.resolved} ({share:.1%}) |")
    for reason, k in n.reasons.most_common():
        print(f"| corpus: unresolved, {reason} | {k} |")
    print(f"| corpus pass, CPU seconds (machine shared, noisy) | {cpu:.1f} |")
    print("\nMost frequent unresolved names (reason, name, date as written, count):")
    for (reason, name, when), k in n.names.most_common(25):
        print(f"- {reason}: {name} {when} ×{k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
