"""The pure core must not import Textual (checked in a fresh interpreter)."""

import subprocess
import sys
from pathlib import Path

CORE = sorted(
    "explorer.core." + p.stem
    for p in (Path(__file__).parents[1] / "explorer" / "core").rglob("*.py")
    if p.stem != "__init__" and p.parent.name == "core"
)


def test_core_modules_do_not_import_textual():
    assert "explorer.core.loader" in CORE and "explorer.core.search" in CORE
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "import explorer.core\n"
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
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=Path(__file__).parents[1],
    )
    assert result.stdout.strip().splitlines()[-1] == "CLEAN 0"
