"""`so-explorer cache`: where the parse cache is, what it holds, and --clear."""

from __future__ import annotations

import pytest

from explorer.cli import main
from explorer.core.catalog import cache as catalog_cache
from tests.catalogs import MINI


@pytest.fixture
def cache(parse_cache):
    return parse_cache


def test_an_empty_cache_says_where_it_is(cache, capsys):
    assert main(["cache"]) == 0
    out = capsys.readouterr().out
    assert str(cache) in out and "0 entries" in out


def test_a_loaded_catalog_is_listed_with_its_name_then_cleared(cache, capsys):
    assert main(["search", "webhook", "--catalog", str(MINI)]) in (0, 1)
    capsys.readouterr()
    assert main(["cache"]) == 0
    out = capsys.readouterr().out
    assert "1 entry" in out and "Mini test catalog" in out
    assert main(["cache", "--clear"]) == 0
    assert "deleted 1 cache entry" in capsys.readouterr().out
    assert not [p for p in cache.iterdir() if p.is_dir()]
    assert main(["cache"]) == 0
    assert "0 entries" in capsys.readouterr().out


def test_a_damaged_entry_is_listed_as_unreadable_and_cleared(cache, capsys):
    entry = cache / "0123456789abcdef"
    entry.mkdir(parents=True)
    (entry / catalog_cache.CATALOG_FILE).write_bytes(b"not a cache file")
    assert main(["cache"]) == 0
    assert "unreadable" in capsys.readouterr().out
    assert main(["cache", "--clear"]) == 0
    assert not entry.exists()


def test_the_cache_switched_off(monkeypatch, capsys):
    monkeypatch.setenv(catalog_cache.DISABLE_ENV, "1")
    assert main(["cache"]) == 0
    assert "off" in capsys.readouterr().out
