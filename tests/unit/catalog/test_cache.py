"""The parse cache restores exactly what a parse builds, and never serves stale data."""

from __future__ import annotations

import shutil

import pytest

from explorer.core.catalog import cache as catalog_cache
from explorer.core.catalog import load_catalog
from tests.catalogs import MINI


@pytest.fixture
def cache(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("SO_EXPLORER_CACHE_DIR", str(directory))
    monkeypatch.delenv(catalog_cache.DISABLE_ENV, raising=False)
    monkeypatch.setattr(catalog_cache, "MIN_BYTES", 0)
    return directory


def test_restore_equals_parse(cache):
    parsed = load_catalog([MINI])
    assert len(list(cache.glob("catalog-*.json"))) == 1
    restored = load_catalog([MINI])
    assert restored == parsed
    assert restored.point("gamma.soap").on("gamma").environments == ("onsite",)
    assert restored is not parsed


def test_changed_file_is_parsed_again(cache, tmp_path):
    copy = tmp_path / "c.yaml"
    shutil.copy(MINI, copy)
    load_catalog([copy])
    copy.write_text(MINI.read_text().replace("Mini test catalog", "Changed name"))
    assert load_catalog([copy]).info.name == "Changed name"


def test_corrupt_cache_is_dropped_and_rebuilt(cache):
    first = load_catalog([MINI])
    (entry,) = cache.glob("catalog-*.json")
    entry.write_bytes(b"\x00not json")
    assert load_catalog([MINI]) == first
    assert entry.read_bytes().startswith(b"{")


def test_cache_can_be_switched_off(cache, monkeypatch):
    monkeypatch.setenv(catalog_cache.DISABLE_ENV, "1")
    load_catalog([MINI])
    assert not cache.exists()


def test_unwritable_cache_dir_is_harmless(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SO_EXPLORER_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(catalog_cache, "MIN_BYTES", 0)
    assert load_catalog([MINI]).info.id == "mini"
