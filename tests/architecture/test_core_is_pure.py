"""The pure core imports neither Textual nor rich: every module under ``explorer/core``,
nested packages included, is imported in a fresh interpreter."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for p in (ROOT / "explorer" / "core").rglob("*.py")
)


def test_every_core_module_is_checked():
    assert "explorer.core.catalog.loader" in CORE and "explorer.core.report.html_report" in CORE
    assert "explorer.core.search" in CORE and "explorer.core.bookmarks.store" in CORE
    assert len(CORE) >= 35


def test_core_modules_do_not_import_textual_or_rich():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"core imported: {result.stdout}"


def test_cli_commands_other_than_the_app_do_not_import_textual():
    code = (
        "import sys\n"
        "from explorer.cli import main\n"
        "rc = main(['validate', 'tests/fixtures/mini.yaml'])\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', rc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip().splitlines()[-1] == "CLEAN 0"
