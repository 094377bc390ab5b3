"""Where the tests' shared files are: the repository root and the shared catalog fixtures."""

from __future__ import annotations

from pathlib import Path

from explorer.core.catalog import load_catalog
from explorer.core.model import Catalog

ROOT = Path(__file__).resolve().parents[1]
#: Catalogs several test folders use; fixtures of one folder live beside its tests.
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini.yaml"


def load_fixture(name: str) -> Catalog:
    """Load ``tests/fixtures/<name>`` (for tests that need another catalog)."""
    return load_catalog([str(FIXTURES / name)])
#: The recommendation engine's catalog (beside its unit tests; the CLI tests use it too).
SHOP = ROOT / "tests" / "unit" / "recommend" / "fixtures" / "shop.yaml"
