"""Mutations of real signed documents (the bench corpus's Công báo texts) are flagged.

A smaller run of bench/bench_check.py: the first documents of the corpus, each mutated in
four ways; at least 95% must be flagged, and the unmodified documents must carry fewer
than one error-level finding per ten documents. Skipped when the corpus is absent.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH_DOCS = REPO / ".." / "shared" / "bench-corpus" / "docs"
N_DOCS = 40

pytestmark = pytest.mark.bench_corpus


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_check", REPO / "bench" / "bench_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_check"] = module
    spec.loader.exec_module(module)
    return module


def test_mutations_are_flagged_and_clean_documents_are_quiet() -> None:
    if not BENCH_DOCS.is_dir():
        pytest.skip("the shared bench corpus is not next to this checkout")
    bench = _bench()
    paths = sorted(BENCH_DOCS.glob("cb-*.txt"))[:N_DOCS]
    res = bench.run_mutations(paths)
    made = res["mutations"]
    assert set(made) == {"date", "year", "issuer", "feb30"}, made
    assert sum(made.values()) >= 100
    assert res["rate"] >= 0.95, [(m.kind, m.doc, m.ref) for m in res["missed"]]
    assert res["errors_per_doc"] < 0.1, res["error_codes"]


def test_a_mutation_is_what_it_says() -> None:
    bench = _bench()
    import random

    text = (
        "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành "
        "chính trên môi trường điện tử; Quyết định số 834/QĐ-UBND ngày 10/4/2019 của UBND tỉnh; "
        "thực hiện Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ."
    )
    muts = {m.kind: m for m in bench.mutations("x.txt", text, random.Random(1))}
    assert set(muts) == {"date", "year", "issuer", "feb30"}
    assert muts["issuer"].before == "UBND tỉnh" and "của Tỉnh ủy" in muts["issuer"].text
    year = muts["year"]
    assert year.before == "ngày 08/4/2020" and year.after in ("ngày 08/4/2019", "ngày 08/4/2021")
    assert muts["feb30"].after.startswith(("ngày 30/2/", "ngày 30/02/"))
    assert muts["date"].before != muts["date"].after
