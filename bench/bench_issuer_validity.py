"""issuer-validity on planted citations: bodies ended by the 2025 reorganisation, cited in the
five seed reports with a date after their end (each must be flagged) and with a date before
it (none may be).

Each planted citation is written by hand from the reorganisation's facts (the dates are those
of ``kb/data/issuers.toml``), one sentence appended to the seed's text as a new "Căn cứ"
paragraph, one at a time. The expected severity is part of the label: error where the body
and the date are both read for certain, warning where the body's end date differs from
province to province.

Run: ``python bench/bench_issuer_validity.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from citecheck.config import Options  # noqa: E402
from citecheck.engine import check_texts  # noqa: E402

# (sentence after its body ended, expected severity, the same body before its end)
PLANTED = [
    (
        "Quyết định số 15/QĐ-UBND ngày 10/02/2026 của UBND huyện Mai Sơn về việc tổ chức đối thoại",
        "error",
        "Quyết định số 15/QĐ-UBND ngày 10/02/2024 của UBND huyện Mai Sơn về việc tổ chức đối thoại",
    ),
    (
        "Nghị quyết số 08/NQ-HĐND ngày 20/7/2025 của Hội đồng nhân dân huyện Thuận Châu",
        "error",
        "Nghị quyết số 08/NQ-HĐND ngày 20/7/2023 của Hội đồng nhân dân huyện Thuận Châu",
    ),
    (
        "Kế hoạch số 12/KH-UBND ngày 01/02/2026 của UBND tỉnh Hà Giang về phối hợp",
        "error",
        "Kế hoạch số 12/KH-UBND ngày 01/02/2025 của UBND tỉnh Hà Giang về phối hợp",
    ),
    (
        "Thông tư số 10/2025/TT-BLĐTBXH ngày 01/4/2025 của Bộ Lao động - Thương binh và Xã hội",
        "error",
        "Thông tư số 10/2020/TT-BLĐTBXH ngày 12/11/2020 của Bộ Lao động - Thương binh và Xã hội",
    ),
    (
        "Công văn số 1250/BKHĐT-TH ngày 15/5/2025 của Bộ Kế hoạch và Đầu tư",
        "error",
        "Công văn số 1250/BKHĐT-TH ngày 15/5/2024 của Bộ Kế hoạch và Đầu tư",
    ),
    (
        "Nghị quyết số 05-NQ/HU ngày 10/8/2025 của Ban Thường vụ Huyện ủy Mai Sơn",
        "error",
        "Nghị quyết số 05-NQ/HU ngày 10/8/2024 của Ban Thường vụ Huyện ủy Mai Sơn",
    ),
    (
        "Hướng dẫn số 15-HD/BTGTU ngày 20/9/2025 của Ban Tuyên giáo Tỉnh ủy",
        "warning",
        "Hướng dẫn số 15-HD/BTGTU ngày 20/9/2024 của Ban Tuyên giáo Tỉnh ủy",
    ),
    (
        "Công văn số 250/STNMT-MT ngày 05/3/2026 của Sở Tài nguyên và Môi trường",
        "warning",
        "Công văn số 250/STNMT-MT ngày 05/3/2024 của Sở Tài nguyên và Môi trường",
    ),
    (
        "Thông tư số 05/2024/TT-BNNMT ngày 10/5/2024 của Bộ Nông nghiệp và Môi trường",
        "error",
        "Thông tư số 05/2025/TT-BNNMT ngày 10/5/2025 của Bộ Nông nghiệp và Môi trường",
    ),
]


def _findings(text: str) -> list[tuple[int, str]]:
    options = Options(select=["CC105"], as_of=None)
    report = check_texts([("draft.txt", text)], options).report
    return [(f.start, f.severity) for f in report.all_findings()]


def main() -> int:
    seeds = sorted((REPO / "corpus").glob("*.txt"))
    planted = flagged = right_severity = controls = false_flags = 0
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        base = {s for s, _ in _findings(text)}
        for after, severity, before in PLANTED:
            for sentence, must_flag in ((after, True), (before, False)):
                start = len(text) + len("\n\nCăn cứ ")
                planted_text = f"{text}\n\nCăn cứ {sentence};\n"
                new = [(s, sev) for s, sev in _findings(planted_text) if s not in base]
                on_it = [sev for s, sev in new if s >= start]
                if must_flag:
                    planted += 1
                    flagged += bool(on_it)
                    right_severity += on_it == [severity]
                else:
                    controls += 1
                    false_flags += bool(on_it)
    print(f"seeds: {len(seeds)}; planted sentences: {len(PLANTED)} x 2")
    print(
        f"after the body's end: {flagged}/{planted} flagged, {right_severity} at the expected severity"
    )
    print(f"before the body's end: {false_flags}/{controls} flagged (must be 0)")
    return 0 if flagged == planted and false_flags == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
