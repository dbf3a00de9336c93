"""Propose entries of the register of laws and ordinances (``kb/data/laws.toml``) from the
bench corpus: the pháp điển source notes ("Luật số 103/2016/QH13 Báo chí ngày 05/04/2016 của
Quốc hội, có hiệu lực thi hành kể từ ngày 01/01/2017") and the Công báo texts of laws (their
header, title, "… thông qua ngày …" and "… có hiệu lực thi hành từ ngày …").

The output is a proposal, written as TOML on standard output: a person reads it against the
texts before it goes into the register (each entry carries the words it was read from).

Usage: ``python bench/laws_register.py [BENCH_CORPUS] > proposed.toml``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from kb.parse.extract import extract_text

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench-corpus"
LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp", "Nghị quyết")
_NOTE = re.compile(
    r"\(Điều \S+ (?P<type>Bộ luật|Luật|Pháp lệnh|Hiến pháp|Nghị quyết) số (?P<num>\S+) "
    r"(?P<name>.+?) ngày (?P<passed>\d\d/\d\d/\d{4}) của (?P<issuer>[^,]+), có hiệu lực thi "
    r"hành kể từ ngày (?P<eff>\d\d/\d\d/\d{4})"
)
_PASSED = re.compile(
    r"(?:Luật|Bộ luật|Nghị quyết|Pháp lệnh) này (?:đã )?được [^.]{0,200}?thông qua ngày "
    r"(?P<d>\d{1,2}) tháng (?P<m>\d{1,2}) năm (?P<y>\d{4})"
)
_IN_FORCE = re.compile(
    r"(?:Luật|Bộ luật|Nghị quyết|Pháp lệnh) này có hiệu lực (?:thi hành )?(?:kể )?từ ngày "
    r"(?P<d>\d{1,2}) tháng (?P<m>\d{1,2}) năm (?P<y>\d{4})"
)


@dataclass
class Proposed:
    number: str
    type: str
    name: str
    passed: dt.date
    in_force: dt.date | None
    source: str


def _dmy(s: str) -> dt.date:
    d, m, y = s.split("/")
    return dt.date(int(y), int(m), int(d))


def _is_law_number(number: str, typ: str) -> bool:
    """Laws, codes, ordinances and the Constitution whatever their number's form; resolutions
    only of the National Assembly and its Standing Committee."""
    return typ != "Nghị quyết" or re.search(r"/(?:UBTV)?QH\d+$", number) is not None


def from_phapdien(bench: Path) -> dict[tuple[str, str], Proposed]:
    """One entry per document the notes name; its date in force the one most of its
    articles' notes give (a few articles of a law take effect on other dates), quoting a
    note that gives it."""
    from collections import Counter

    notes: dict[tuple[str, str], list[tuple[re.Match[str], str]]] = {}
    with (bench / "phapdien_articles.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            m = _NOTE.match(" ".join(row["note"].split()))
            if m is None or not _is_law_number(m["num"], m["type"]):
                continue
            notes.setdefault((m["num"], m["type"]), []).append((m, row["demuc"]))
    out: dict[tuple[str, str], Proposed] = {}
    for key, found in notes.items():
        in_force = Counter(_dmy(m["eff"]) for m, _ in found).most_common(1)[0][0]
        m, demuc = next((m, d) for m, d in found if _dmy(m["eff"]) == in_force)
        name = re.sub(r"^(?:Bộ [Ll]uật|Luật|Pháp lệnh|Nghị quyết)\s+", "", m["name"].strip())
        out[key] = Proposed(
            number=m["num"],
            type=m["type"],
            name=name[:1].upper() + name[1:],
            passed=_dmy(m["passed"]),
            in_force=in_force,
            source=(
                f"Bộ pháp điển (phapdien.moj.gov.vn), đề mục {demuc}, ghi chú nguồn: "
                f"«{m.group(0)[1:]}»"
            ),
        )
    return out


_CROSS = re.compile(
    r"(?P<type>Bộ luật|Luật|Pháp lệnh) (?P<num>\d+/(?:19|20)\d\d/(?:UBTV)?QH\d+) "
    r"(?P<name>[^;()\n]{2,200}?) ban hành ngày (?P<passed>\d\d/\d\d/\d{4})"
)


def from_crossrefs(bench: Path) -> dict[tuple[str, str], Proposed]:
    """The pháp điển's links between articles name their source "của Luật 76/2015/QH13 Tổ
    chức Chính phủ ban hành ngày 19/06/2015": number, name and date passed in one place."""
    out: dict[tuple[str, str], Proposed] = {}
    for path in sorted((bench / "docs").glob("pd-*.txt")):
        text = path.read_text(encoding="utf-8")
        if "ban hành ngày" not in text:
            continue
        for m in _CROSS.finditer(text):
            key = (m["num"], m["type"])
            passed = _dmy(m["passed"])
            if key in out or passed.year != int(m["num"].split("/")[1]):
                continue
            out[key] = Proposed(
                number=m["num"],
                type=m["type"],
                name=m["name"].strip(),
                passed=passed,
                in_force=None,
                source=f"Bộ pháp điển, liên kết giữa các điều ({path.stem}): «{m.group(0)}»",
            )
    return out


def from_congbao(bench: Path) -> dict[tuple[str, str], Proposed]:
    out: dict[tuple[str, str], Proposed] = {}
    with (bench / "metadata.jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    for row in rows:
        if row["source"] != "congbao" or row["loai_van_ban"] not in LAW_TYPES:
            continue
        text = (bench / row["file"]).read_text(encoding="utf-8")
        flat = " ".join(text.split())
        header = extract_text(text[:4000]).document
        passed = _PASSED.search(flat)
        in_force = _IN_FORCE.search(flat)
        if header.ref is None or header.title is None or passed is None:
            continue
        p = dt.date(int(passed["y"]), int(passed["m"]), int(passed["d"]))
        e = (
            dt.date(int(in_force["y"]), int(in_force["m"]), int(in_force["d"]))
            if in_force
            else None
        )
        title = header.title.strip()
        name = title[:1] + title[1:].lower() if title.isupper() else title
        typ = header.type or row["loai_van_ban"]
        said = f"«{passed.group(0)}»" + (f", «{in_force.group(0)}»" if in_force else "")
        out[(header.ref, typ)] = Proposed(
            number=header.ref,
            type=typ,
            name=name,
            passed=p,
            in_force=e,
            source=f"Công báo, {row['nguon_url']}: tiêu đề «{title}», {said}",
        )
    return out


def from_citations(bench: Path) -> dict[tuple[str, str], Proposed]:
    """Laws the corpus cites by type word, name and số hiệu ("Luật Tổ chức Chính phủ số
    76/2015/QH13"), dated by the citations that give that name a date in the number's year
    ("Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015"), with or without the number: the
    date most often written."""
    from collections import Counter

    from kb.parse.lawregister import name_key

    numbered: dict[tuple[str, str], Counter[str]] = {}  # (number, type) -> names
    where_numbered: dict[tuple[str, str], str] = {}
    dated: dict[tuple[str, str], Counter[dt.date]] = {}  # (type, name key) -> dates
    where_dated: dict[tuple[str, str, dt.date], str] = {}
    with (bench / "metadata.jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    for row in rows:
        text = (bench / row["file"]).read_text(encoding="utf-8")
        place = row.get("nguon_url") or row["id"]
        for c in extract_text(text).citations:
            if not (c.name and c.type in LAW_TYPES) or c.type == "Nghị quyết":
                continue
            name = " ".join(c.name.split())
            if re.search(r"(?i)\b(số|này|ngày)\b", name) or len(name.split()) > 25:
                continue
            if name.endswith("ban hành"):
                continue
            if re.search(r"(?i)\b(luật|pháp lệnh)\b", name) and not name.startswith("sửa"):
                continue
            cited = f"{place}: «{' '.join(c.text.split())}»"
            if c.ref and c.ref_start is not None and _is_law_number(c.ref, c.type):
                numbered.setdefault((c.ref, c.type), Counter())[name] += 1
                where_numbered.setdefault((c.ref, name), cited)
            if c.date:
                key = (c.type, name_key(name))
                dated.setdefault(key, Counter())[c.date] += 1
                where_dated.setdefault((*key, c.date), cited)
    out: dict[tuple[str, str], Proposed] = {}
    for (number, typ), names in numbered.items():
        year = re.search(r"/((?:19|20)\d\d)/", number)
        if year is None:
            continue
        name = names.most_common(1)[0][0]
        key = (typ, name_key(name))
        dates = Counter(
            {d: n for d, n in dated.get(key, Counter()).items() if d.year == int(year[1])}
        )
        if not dates:
            continue
        (date, n) = dates.most_common(1)[0]
        out[(number, typ)] = Proposed(
            number=number,
            type=typ,
            name=name[:1].upper() + name[1:],
            passed=date,
            in_force=None,
            source=(
                f"trích dẫn trong văn bản của Công báo/pháp điển: số hiệu "
                f"{where_numbered[(number, name)]}; ngày ({n} lần) {where_dated[(*key, date)]}"
            ),
        )
    return out


def _consistent(p: Proposed) -> bool:
    """A number with digits whose year is the year the law was passed, and a date in force
    not before it: a source that says otherwise is misprinted for this entry."""
    if not any(ch.isdigit() for ch in p.number):
        return False  # "Pháp lệnh số Không số …": no number to resolve to
    year = re.search(r"/((?:19|20)\d\d)/", p.number)
    if year is not None and int(year[1]) != p.passed.year:
        return False
    return p.in_force is None or p.in_force >= p.passed


def _tidy(name: str) -> str:
    """One space between words, no final full stop, a capital first letter; a name in
    capitals (a Công báo title) in sentence case."""
    name = " ".join(name.split()).rstrip(".").strip()
    if name.isupper():
        name = name.lower()
    return name[:1].upper() + name[1:]


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def main() -> int:
    bench = Path(sys.argv[1]) if len(sys.argv) > 1 else BENCH
    found = from_phapdien(bench)
    for key, p in from_congbao(bench).items():
        found.setdefault(key, p)
    for key, p in from_crossrefs(bench).items():
        found.setdefault(key, p)
    from kb.parse.lawregister import name_key

    same = {(name_key(p.name), p.passed) for p in found.values()}
    for key, p in sorted(from_citations(bench).items()):
        # a number written twice for one law ("67/2014/QH14" for 67/2014/QH13) is a typo
        if not any(k[0] == key[0] for k in found) and (name_key(p.name), p.passed) not in same:
            found[key] = p
            same.add((name_key(p.name), p.passed))
    found = {k: p for k, p in found.items() if _consistent(p)}
    for p in found.values():
        p.name = _tidy(p.name)
    for p in sorted(found.values(), key=lambda p: (p.passed, p.number)):
        print("[[law]]")
        print(f"number = {_toml_str(p.number)}")
        print(f"type = {_toml_str(p.type)}")
        print(f"name = {_toml_str(p.name)}")
        print(f"passed = {p.passed.isoformat()}")
        if p.in_force:
            print(f"in_force = {p.in_force.isoformat()}")
        print(f"source = {_toml_str(p.source)}")
        print()
    print(f"# {len(found)} entries proposed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
