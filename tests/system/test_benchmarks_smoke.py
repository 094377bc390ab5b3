"""Smoke tests for the benchmark scripts: they run and print their tables (no timing asserts)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.catalogs import ROOT


@pytest.mark.slow
def test_search_benchmark_quick():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_search.py"), "--quick"],
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "## Per keystroke" in out and "ours p95" in out
    rows = [line.split() for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert [row[0] for row in rows] == ["200", "1000"]
    assert "## Relevance" in out
    ours = next(line for line in out.splitlines() if line.startswith("ours "))
    assert ours.split()[1].endswith("%")


@pytest.mark.slow
def test_app_benchmark_quick():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_app.py"), "--quick", "--json"],
        capture_output=True, text=True, timeout=300, cwd=ROOT, check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for label in ("load cold", "first frame", "bare app baseline", "keystroke p95",
                  "filter/differences p95", "per pagedown", "export json", "peak RSS, app"):
        assert label in out, label
    import json

    figures = json.loads(out[out.index("{"):])
    assert set(figures) == {"bundled", "200"}
    assert figures["200"]["points"] == 200 and figures["200"]["keystrokes"] > 0


@pytest.mark.slow
def test_search_ab_benchmark_compares_two_revisions():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_search_ab.py"), "HEAD", "HEAD", "--sizes", "200",
         "--runs", "1"],
        capture_output=True, text=True, timeout=300, cwd=ROOT, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "median p95: A" in done.stdout and "B/A" in done.stdout
    listed = subprocess.run(["git", "-C", str(ROOT), "worktree", "list"], capture_output=True, text=True, check=False)
    assert "so-bench-ab-" not in listed.stdout  # its checkouts are removed


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_terminal_benchmark_quick():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_terminal.py"), "--quick"],
        capture_output=True, text=True, timeout=300, cwd=ROOT, check=False,
    )
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if line.split()[:1] == ["bundled"])
    assert row.split()[5].endswith("×"), row
