"""Golden reports of the bundled catalog, one per format (plus a filtered view).

The reports are made with SOURCE_DATE_EPOCH fixed, so they must match byte for byte.
After a deliberate change to the catalog or a format, regenerate and review::

    UPDATE_GOLDEN=1 python -m pytest tests/unit/report/test_golden.py
    git diff tests/unit/report/golden/
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core.catalog import CatalogError, load_catalog

GOLDEN = Path(__file__).parent / "golden"
EPOCH = "1795000000"  # 2026-11-18T11:06:40Z
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
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(out)
    assert path.exists(), f"{path} is missing; run UPDATE_GOLDEN=1 pytest {__file__}"
    expected = path.read_bytes()
    if out != expected:
        got, want = out.decode().splitlines(), expected.decode().splitlines()
        first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        pytest.fail(
            f"{name} differs from the golden file at line {first + 1}:\n"
            f"  golden: {want[first] if first < len(want) else '<end>'}\n"
            f"  now:    {got[first] if first < len(got) else '<end>'}\n"
            "If the change is intended: UPDATE_GOLDEN=1 pytest tests/unit/report/test_golden.py"
        )
