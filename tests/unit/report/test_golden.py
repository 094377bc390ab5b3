"""Golden reports of the bundled catalog, one per format (plus a filtered view).

The reports are made with SOURCE_DATE_EPOCH fixed, so they must match byte for byte.
After a deliberate change to the catalog or a format, regenerate and review::

    UPDATE_GOLDEN=1 python -m pytest tests/unit/report/test_golden.py
    git diff tests/unit/report/golden/
"""

from __future__ import annotations

import pytest

from explorer.cli import main
from explorer.core.catalog import CatalogError, load_catalog
from tests.unit.report.golden_files import EPOCH, check_golden

CASES = {
    "everything.md": ["--all", "-f", "md"],
    "everything.csv": ["--all", "-f", "csv"],
    "everything.json": ["--all", "-f", "json"],
    "everything.html": ["--all", "-f", "html"],
    "cloud-web-differences.md": ["--env", "cloud", "--client", "web", "--differences", "-f", "md"],
}


def _bundled_ready() -> bool:
    try:
        return bool(load_catalog().points)
    except CatalogError:
        return False


pytestmark = pytest.mark.skipif(not _bundled_ready(), reason="the bundled catalog is not there yet")


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_report(name: str, monkeypatch: pytest.MonkeyPatch, capsysbinary) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code = main(["export", "--catalog", "bundled", *CASES[name]])
    out, err = capsysbinary.readouterr()
    assert code == 0, err
    check_golden(name, out, "tests/unit/report/test_golden.py")
