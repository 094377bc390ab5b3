"""Shared fixtures: a clean environment for every test, a private config folder, the mini catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.core.catalog import load_catalog
from explorer.core.model import Catalog
from explorer.core.settings import CACHE_ENV, CONFIG_ENV
from tests.catalogs import MINI


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Stable colours for Pilot and snapshot tests; no test reads the real user config or cache."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path_factory.mktemp("config-default")))
    monkeypatch.setenv(CACHE_ENV, str(tmp_path_factory.mktemp("cache-default")))


@pytest.fixture
def parse_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty parse cache, switched on, that keeps catalogs of any size; the folder
    its entries go in."""
    from explorer.core.catalog import cache as catalog_cache

    directory = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(directory))
    monkeypatch.delenv(catalog_cache.DISABLE_ENV, raising=False)
    monkeypatch.setattr(catalog_cache, "MIN_BYTES", 0)
    return directory / catalog_cache.FOLDER


@pytest.fixture
def tmp_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty config folder, also set as $SO_EXPLORER_CONFIG_DIR."""
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv(CONFIG_ENV, str(folder))
    return folder


@pytest.fixture(scope="session")
def mini_catalog() -> Catalog:
    """tests/fixtures/mini.yaml: platforms alpha, beta, gamma; capabilities panels, hooks, api, legacy."""
    return load_catalog([str(MINI)])


@pytest.fixture
def make_app(tmp_config: Path, mini_catalog: Catalog):
    """``make_app(**options)`` → an ExplorerApp on the mini catalog with a private config folder."""
    from explorer.tui.app import ExplorerApp  # Textual only for the tests that use it

    def factory(catalog: Catalog | None = None, **options):
        options.setdefault("config_dir", str(tmp_config))
        return ExplorerApp(catalog or mini_catalog, **options)

    return factory
