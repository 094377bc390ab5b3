"""The parse cache restores exactly what a parse builds, is keyed by content, keeps the most
recently used catalogs within its bounds, and never trusts a file it cannot verify."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from explorer.core import compare
from explorer.core.catalog import cache as catalog_cache
from explorer.core.catalog import load_catalog
from explorer.core.catalog import loader as catalog_loader
from explorer.core.compare import ComparisonIndex
from explorer.core.filters import Filters
from explorer.core.rowsets import ROWS_KEY
from tests.catalogs import MINI


@pytest.fixture
def cache(parse_cache):
    return parse_cache


@pytest.fixture
def parses(monkeypatch):
    """How many YAML files were parsed (a cache hit parses none)."""
    calls: list[str] = []
    real = catalog_loader.parse_bytes

    def counting(raw, file, *args, **kwargs):
        calls.append(file)
        return real(raw, file, *args, **kwargs)

    monkeypatch.setattr(catalog_loader, "parse_bytes", counting)
    return calls


def variant(tmp_path, name: str, title: str):
    """A copy of the mini catalog with other bytes (another catalog name)."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(MINI.read_text().replace("Mini test catalog", title))
    return path


def only_entry(cache):
    (entry,) = [p for p in cache.iterdir() if p.is_dir()]
    return entry


def test_restore_equals_parse(cache, parses):
    parsed = load_catalog([MINI])
    entry = only_entry(cache)
    assert (entry / catalog_cache.CATALOG_FILE).is_file()
    restored = load_catalog([MINI])
    assert len(parses) == 1  # the second load parsed nothing
    assert restored == parsed and restored is not parsed
    assert restored.point("gamma.soap").on("gamma").environments == ("onsite",)
    assert restored.files == parsed.files == (str(MINI),)
    assert restored.cache_key == parsed.cache_key == entry.name


def test_the_bundled_catalog_survives_the_cache(cache, parses):
    parsed = load_catalog()
    restored = load_catalog()
    assert restored == parsed
    assert restored.synonyms == parsed.synonyms and restored.requirements == parsed.requirements
    assert len(parses) == len(parsed.files)


def test_restored_values_are_shared(cache):
    load_catalog([MINI])
    restored = load_catalog([MINI])
    availability = [av for p in restored.points for av in p.availability]
    assert len({id(av) for av in availability}) == len(set(availability)) < len(availability)


def test_changed_file_is_parsed_again(cache, tmp_path):
    copy = tmp_path / "c.yaml"
    shutil.copy(MINI, copy)
    load_catalog([copy])
    copy.write_text(MINI.read_text().replace("Mini test catalog", "Changed name"))
    assert load_catalog([copy]).info.name == "Changed name"


def test_keyed_by_content_the_same_bytes_elsewhere_hit_the_same_entry(cache, tmp_path, parses):
    load_catalog([MINI])
    moved = tmp_path / "elsewhere" / "renamed.yaml"
    moved.parent.mkdir()
    shutil.copy(MINI, moved)
    restored = load_catalog([moved])
    assert len(parses) == 1  # a hit
    assert restored.files == (str(moved),)  # named as loaded this time
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 1


def test_two_catalogs_stay_cached(cache, tmp_path, parses):
    first, second = variant(tmp_path, "a", "First"), variant(tmp_path, "b", "Second")
    load_catalog([first])
    load_catalog([second])
    assert len(parses) == 2
    for _ in range(3):  # switching between them parses nothing
        assert load_catalog([first]).info.name == "First"
        assert load_catalog([second]).info.name == "Second"
    assert len(parses) == 2


def test_least_recently_used_entries_go_first_when_the_total_size_is_exceeded(cache, tmp_path, monkeypatch, parses):
    paths = [variant(tmp_path, f"c{i}", f"Catalog {i}") for i in range(4)]
    load_catalog([paths[0]])
    size = catalog_cache.entries()[0].size
    monkeypatch.setattr(catalog_cache, "MAX_TOTAL_BYTES", int(size * 2.5))  # room for two
    load_catalog([paths[1]])
    _age(cache, seconds=10)  # both older than what comes next
    load_catalog([paths[0]])  # a hit: now the most recently used
    load_catalog([paths[2]])  # stored: the least recently used (1) goes
    kept = {e.title.rsplit(" ", 3)[0] for e in catalog_cache.entries(with_titles=True)}  # "name version (n points)"
    assert kept == {"Catalog 0", "Catalog 2"}
    assert sum(e.size for e in catalog_cache.entries()) <= catalog_cache.MAX_TOTAL_BYTES
    del parses[:]
    load_catalog([paths[0]])
    load_catalog([paths[2]])
    assert parses == []
    load_catalog([paths[1]])
    assert len(parses) == 1


def test_the_number_of_entries_is_bounded(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(catalog_cache, "MAX_ENTRIES", 3)
    for i in range(5):
        load_catalog([variant(tmp_path, f"c{i}", f"Catalog {i}")])
        _age(cache, seconds=1)
    assert len(catalog_cache.entries()) == 3


def test_the_newest_entry_is_kept_even_when_it_alone_exceeds_the_bound(cache, tmp_path, monkeypatch, parses):
    monkeypatch.setattr(catalog_cache, "MAX_TOTAL_BYTES", 1)
    load_catalog([MINI])
    load_catalog([MINI])
    assert len(parses) == 1


def _age(cache, seconds: float) -> None:
    """Make every entry look used ``seconds`` earlier (mtimes are the LRU clock)."""
    for entry in cache.iterdir():
        target = entry / catalog_cache.CATALOG_FILE
        if target.exists():
            stat = target.stat()
            os.utime(target, (stat.st_atime - seconds, stat.st_mtime - seconds))
    time.sleep(0.01)


def _damage(data: bytes, how: str) -> bytes:
    header = len(catalog_cache.MAGIC) + catalog_cache._HEADER.size
    if how == "truncated":
        return data[: len(data) // 2]
    if how == "flipped":  # one changed character inside the payload: the checksum says so
        middle = header + (len(data) - header) // 2
        return data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1:]
    if how == "old schema":
        return catalog_cache.MAGIC + catalog_cache._HEADER.pack(4, 0, 0) + data[header:]
    if how == "not ours":
        return b"\x00not a cache file"
    if how == "empty":
        return b""
    if how == "json of schema 4":
        return b'{"schema": 4}\n[]\n'
    if how == "valid marshal, wrong shape":
        return catalog_cache.encode(("catalog", "x", (), (), (), (), (), (), (), (), ""))
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["truncated", "flipped", "old schema", "not ours", "empty", "json of schema 4",
                                 "valid marshal, wrong shape"])
def test_a_damaged_cache_file_is_discarded_and_the_catalog_parsed_again(cache, how, parses):
    first = load_catalog([MINI])
    target = only_entry(cache) / catalog_cache.CATALOG_FILE
    target.write_bytes(_damage(target.read_bytes(), how))
    assert load_catalog([MINI]) == first
    assert len(parses) == 2  # never trusted: parsed again
    assert catalog_cache.decode(target.read_bytes())  # and stored again, whole
    assert load_catalog([MINI]) == first
    assert len(parses) == 2


def test_a_cache_file_of_another_entry_is_not_used(cache, tmp_path, parses):
    load_catalog([MINI])
    other = variant(tmp_path, "other", "Other")
    load_catalog([other])
    entries = {e.path for e in catalog_cache.entries()}
    mini_entry = only_matching(entries, load_catalog([MINI]).cache_key)
    other_entry = only_matching(entries, load_catalog([other]).cache_key)
    shutil.copy(other_entry / catalog_cache.CATALOG_FILE, mini_entry / catalog_cache.CATALOG_FILE)
    del parses[:]
    assert load_catalog([MINI]).info.name == "Mini test catalog"
    assert len(parses) == 1


def only_matching(paths, key):
    (found,) = [p for p in paths if p.name == key]
    return found


def test_the_comparison_row_sets_are_kept_next_to_the_catalog(cache, monkeypatch):
    parsed = load_catalog([MINI])
    built = ComparisonIndex(parsed)
    assert (only_entry(cache) / f"{ROWS_KEY}.bin").is_file()
    restored = load_catalog([MINI])
    assert ROWS_KEY in restored.derived
    monkeypatch.setattr(compare, "build_row_sets", lambda *args: pytest.fail("a warm start builds nothing"))
    again = ComparisonIndex(restored)
    for filters in (Filters(), Filters.from_lists(["cloud"])):
        a, b = built.compare(restored.platform_ids, filters), again.compare(restored.platform_ids, filters)
        assert (a.agree_bits, a.present_bits) == (b.agree_bits, b.present_bits)
        assert list(a.rows) == list(b.rows)


def test_damaged_row_sets_are_rebuilt(cache):
    ComparisonIndex(load_catalog([MINI]))
    rows = only_entry(cache) / f"{ROWS_KEY}.bin"
    rows.write_bytes(rows.read_bytes()[:-3])
    restored = load_catalog([MINI])
    assert ROWS_KEY not in restored.derived and not rows.exists()
    index = ComparisonIndex(restored)  # builds, and keeps them again
    assert rows.is_file() and index.compare(restored.platform_ids, Filters()).present_bits


def test_row_sets_of_another_catalog_are_not_used(cache):
    catalog = load_catalog([MINI])
    catalog.derived[ROWS_KEY] = (1, 99, ("x",), (), 0)  # the wrong shape for this catalog
    index = ComparisonIndex(catalog)
    assert index.compare(catalog.platform_ids, Filters()).present_bits


def test_clear_deletes_every_entry_and_old_format_files(cache, tmp_path):
    load_catalog([MINI])
    load_catalog([variant(tmp_path, "b", "B")])
    old = cache.parent / "catalog-0123.json"
    old.write_text("{}")
    assert catalog_cache.clear() == 2
    assert catalog_cache.entries() == [] and not old.exists()


def test_cache_can_be_switched_off(cache, monkeypatch):
    monkeypatch.setenv(catalog_cache.DISABLE_ENV, "1")
    catalog = load_catalog([MINI])
    ComparisonIndex(catalog)
    assert not cache.exists()


def test_small_catalogs_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("SO_EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(catalog_cache.DISABLE_ENV, raising=False)
    assert MINI.stat().st_size < catalog_cache.MIN_BYTES
    ComparisonIndex(load_catalog([MINI]))
    assert not (tmp_path / "cache").exists()


def test_unwritable_cache_dir_is_harmless(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SO_EXPLORER_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(catalog_cache, "MIN_BYTES", 0)
    catalog = load_catalog([MINI])
    assert catalog.info.id == "mini"
    ComparisonIndex(catalog)
