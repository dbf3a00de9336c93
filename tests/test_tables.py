"""The data tables read through ``kb.tables``: the same values as the TOML parser gives, from
the TOML or from the kept JSON, and a kept copy that is stale, broken or cannot be written
never changes what is read."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from kb import tables


def _data_files() -> list[tuple[str, str]]:
    return [
        (package, entry.name)
        for package in ("kb", "citecheck")
        for entry in resources.files(package).joinpath("data").iterdir()
        if entry.name.endswith(".toml")
    ]


def _toml(package: str, name: str) -> dict[str, object]:
    return tomllib.loads(resources.files(package).joinpath("data", name).read_text("utf-8"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(tables.CACHE_ENV, str(directory))
    return directory


@pytest.mark.parametrize(("package", "name"), _data_files())
def test_every_table_reads_the_same_parsed_and_kept(package: str, name: str, cache: Path) -> None:
    first = tables.load_table(package, name)  # parsed, and kept
    kept = list(cache.glob(f"{package}-{Path(name).stem}-*.json"))
    assert len(kept) == 1
    again = tables.load_table(package, name)  # read from the kept copy
    assert first == again == _toml(package, name)


def test_the_tables_hold_dates_and_they_come_back_as_dates(cache: Path) -> None:
    tables.load_table("kb", "laws.toml")
    laws = tables.load_table("kb", "laws.toml")  # from the kept copy
    assert any(isinstance(row.get("passed"), dt.date) for row in laws["law"])
    value = {"d": dt.date(2025, 3, 1), "t": dt.time(7, 30), "dt": dt.datetime(2025, 3, 1, 7, 30)}
    text = json.dumps(value, default=tables._encode)
    assert json.loads(text, object_hook=tables._decode) == value


def test_a_broken_kept_copy_is_parsed_again_and_replaced(cache: Path) -> None:
    tables.load_table("kb", "types.toml")
    kept = next(cache.glob("kb-types-*.json"))
    kept.write_text("{not json", "utf-8")
    assert tables.load_table("kb", "types.toml") == _toml("kb", "types.toml")
    assert json.loads(kept.read_text("utf-8"))  # written again, whole


def test_a_copy_kept_under_another_digest_is_not_read(cache: Path) -> None:
    """An edited table has a new digest: what was kept for the old text is never read."""
    cache.mkdir()
    (cache / "kb-types-000000000000000000000000.json").write_text('{"type": []}', "utf-8")
    assert tables.load_table("kb", "types.toml") == _toml("kb", "types.toml")


def test_a_cache_that_cannot_be_written_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", "utf-8")
    monkeypatch.setenv(tables.CACHE_ENV, str(blocked / "cache"))  # under a file: no directory
    assert tables.load_table("kb", "laws.toml") == _toml("kb", "laws.toml")
