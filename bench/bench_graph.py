"""Benchmark of the knowledge graph on the shared bench corpus and on labelled samples.

Prints:

* ``kb build`` of the whole bench corpus into a new KB (wall time; goal ≤ 60 s);
* impossible edges among its typed edges (every kind but ``cites``): from a document to
  one issued later, to itself, or a lower-rank text amending / replacing / repealing a
  higher-rank one — counted here from the documents' dates and ranks, independently of
  the build's own check (goal 0, bar ≤ 0.5 %), and the readings the build kept as
  unresolved, by reason;
* recall of the pháp điển's own modification notes (``metadata.jsonl`` relations
  amended / supplemented / repealed in part … by) as stated amends / repeals / replaces
  edges between the two documents (the KB is built from the texts only, not imported);
* relation precision and recall on the hand-labelled sample
  (``tests/kb/data/relation_labels.toml``) and on the VNLegalText sample.

Usage: ``python bench/bench_graph.py [--db KB]`` (an existing KB of the bench corpus
skips the build).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb.graph.identity import ref_norm  # noqa: E402
from kb.graph.sanity import DocumentTime, issued_before, rank, when  # noqa: E402
from kb.store.sqlite import Store  # noqa: E402
from tests.kb.relation_sample import score_sample, score_vnlegaltext  # noqa: E402

BENCH = ROOT / ".." / "shared" / "bench-corpus"
DOCS = BENCH / "docs"
METADATA = BENCH / "metadata.jsonl"
VNLEGALTEXT = ROOT / ".." / "shared" / "vnlegaltext" / "vnlegaltext_sample.jsonl"
LABELS = ROOT / "tests" / "kb" / "data" / "relation_labels.toml"

MODIFIED_BY = {
    "amended_by",
    "supplemented_by",
    "modified_by",
    "repealed_in_part_by",
    "annulled_in_part_by",
    "suspended_by",
}
ACTING_KINDS = {"amends", "repeals", "replaces"}


def build(db: Path) -> tuple[float, float]:
    """``kb build`` of the bench corpus as a fresh process: (wall s, CPU s of it and its
    parsing workers)."""
    program = Path(sys.executable).parent / "kb"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [str(program), "build", str(DOCS), "--db", str(db)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def impossible_edges(store: Store) -> tuple[int, Counter[str], list[str]]:
    """(typed stated/inferred edges, impossible ones by reason, a few examples)."""
    docs = {
        row[0]: DocumentTime(date=row[3], type=row[2], issuer_code=row[5], ref=row[1], key=row[0])
        for row in store.all_documents()
    }
    typed = 0
    bad: Counter[str] = Counter()
    examples: list[str] = []
    for src, tgt, kind, origin, *_ in store.all_relations():
        if kind == "cites" or origin not in ("stated", "inferred"):
            continue
        typed += 1
        a, b = docs.get(src), docs.get(tgt)
        reason = None
        if src == tgt:
            reason = "self"
        elif a and b:
            wa, wb = when(a), when(b)
            if wa and wb and issued_before(wa, wb):
                reason = "later"
            elif kind in ACTING_KINDS:
                ra, rb = rank(a.type, a.issuer_code), rank(b.type, b.issuer_code)
                if ra is not None and rb is not None and ra < rb:
                    reason = "rank"
        if reason:
            bad[reason] += 1
            if len(examples) < 5:
                examples.append(f"{reason}: {src} {kind} {tgt}")
    return typed, bad, examples


def metadata_recall(store: Store) -> tuple[int, int, int, int]:
    """(notes, found as an edge; notes whose acting text is in the corpus, found)."""
    edges = {(r[0], r[1]) for r in store.all_relations(sorted(ACTING_KINDS))}
    in_corpus = {r[0] for r in store.all_documents() if r[10]}

    def key(ref: str, doc_type: str | None) -> str | None:
        """The document of that số hiệu; of that type where one number names two (a law
        and a resolution share the /QH numbers)."""
        keys = store.keys_by_ref_norm(ref_norm(ref))
        if len(keys) > 1 and doc_type:
            keys = [k for k in keys if (store.document(k) or (None,) * 3)[2] == doc_type]
        return keys[0] if len(keys) == 1 else None

    total = found = total_c = found_c = 0
    for line in METADATA.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if not record.get("so_hieu"):
            continue
        for rel in record["relations"]:
            if not MODIFIED_BY & set(rel.get("types", [])) or not rel.get("so_hieu"):
                continue
            target = key(record["so_hieu"], record.get("loai_van_ban"))
            source = key(rel["so_hieu"], rel.get("loai_van_ban"))
            hit = source is not None and target is not None and (source, target) in edges
            total += 1
            found += hit
            if source in in_corpus:
                total_c += 1
                found_c += hit
    return total, found, total_c, found_c


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "—"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="an existing KB of the bench corpus")
    args = parser.parse_args()
    if not DOCS.is_dir():
        print("bench corpus not found next to the checkout; skipped")
        return 0
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores shared: times are noisy)")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "bench.sqlite"
            wall, cpu = build(db)
            print(f"kb build (bench corpus): {wall:.1f} s wall, {cpu:.1f} s CPU (goal ≤ 60 s)")
        store = Store(db, readonly=True)
        typed, bad, examples = impossible_edges(store)
        n_bad = sum(bad.values())
        print(
            f"impossible edges: {n_bad} of {typed} typed edges ({100 * n_bad / max(typed, 1):.2f} %)"
            f"; by reason: {dict(bad) or '-'} (goal 0, bar ≤ 0.5 %)"
        )
        for ex in examples:
            print(f"  {ex}")
        unresolved = Counter(r[3] for r in store.unresolved_relations())
        print(f"kept as unresolved by the build: {sum(unresolved.values())} {dict(unresolved)}")
        total, found, total_c, found_c = metadata_recall(store)
        print(
            f"pháp điển modification notes as edges: {found}/{total} ({_ratio(found, total)});"
            f" where the acting text is in the corpus {found_c}/{total_c} ({_ratio(found_c, total_c)})"
        )
        store.close()
    if LABELS.is_file():
        for line in score_sample(LABELS, BENCH.parent).lines():
            print(f"labelled sample: {line}")
    if VNLEGALTEXT.is_file():
        for line in score_vnlegaltext(VNLEGALTEXT).lines():
            print(f"VNLegalText sample: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
