"""The architecture holds: import-linter's contracts (pyproject.toml) and no import cycles."""

from __future__ import annotations

from importlinter.cli import lint_imports

from tests.architecture.import_graph import cycles, graph
from tests.catalogs import ROOT


def test_import_contracts_are_kept(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_no_import_cycles_anywhere():
    edges = graph()
    assert "explorer.tui.app" in edges and "explorer.core.catalog.loader" in edges
    assert cycles(edges) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_import_module_calls_count_as_imports(tmp_path):
    from tests.architecture import import_graph

    tree = import_graph.ast.parse("import importlib\nimportlib.import_module('explorer.tui.app')\n")
    assert "explorer.tui.app" in import_graph._imports(tree, {"explorer.tui.app"})


def test_core_has_at_most_twelve_modules_at_its_top():
    top = [p for p in (ROOT / "explorer" / "core").glob("*.py") if p.name != "__init__.py"]
    assert len(top) <= 12, sorted(p.name for p in top)


def test_ruff_default_rules_are_clean():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
