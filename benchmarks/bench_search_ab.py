"""The search engine of two revisions, timed in the same run, alternately.

    python benchmarks/bench_search_ab.py 219fe20 HEAD                 # 10k and 100k points, 3 runs each
    python benchmarks/bench_search_ab.py 219fe20 HEAD --sizes 10000 --runs 5

A budget such as "at most 5 ms at 10k points (today 3.7 ms)" was measured on some machine
at some time; absolute milliseconds from another day or machine are not comparable, and a
third program as the baseline (fzf) varies by a third between runs on a shared machine. This
script compares like with like: each revision is checked out into a temporary git worktree,
and for each size the two engines run in fresh processes, A, B, A, B, …, each timing the
keystrokes of ``bench_search.py`` (``SearchEngine.search`` per prefix, 3 rounds, a
keystroke's time its median over the rounds) on the same synthetic catalog. It prints each
run's p50 / p95, the median p95 of each revision over the runs, and B's over A's.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: Run in a fresh interpreter inside one checkout: its own explorer, gen_catalog and bench_search.
WORKER = """
import sys
root, n = sys.argv[1], int(sys.argv[2])
sys.path[:0] = [root + "/benchmarks", root]
import bench_search, gen_catalog
import explorer
from explorer.core.search import SearchEngine
assert explorer.__file__.startswith(root), explorer.__file__
if hasattr(bench_search, "synthetic"):
    catalog = bench_search.synthetic(n)
else:
    catalog = gen_catalog.to_catalog(gen_catalog.generate(n))
times = bench_search.time_engine(SearchEngine(catalog), bench_search.keystrokes(), 3)
print(bench_search.percentile(times, 0.50), bench_search.percentile(times, 0.95))
"""


def checkout(rev: str, into: Path) -> Path:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(into), rev], check=True)
    return into


def run(root: Path, size: int) -> tuple[float, float]:
    result = subprocess.run([sys.executable, "-c", WORKER, str(root), str(size)], capture_output=True, text=True,
                            check=False)
    if result.returncode:
        raise SystemExit(f"the engine of {root} failed at {size} points:\n{result.stderr[-2000:]}")
    p50, p95 = map(float, result.stdout.split())
    return p50, p95


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", help="the first revision (e.g. the one a budget was written against)")
    parser.add_argument("b", help="the second revision")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3, help="runs of each revision per size (default 3)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="so-bench-ab-") as work:
        roots: list[tuple[str, Path]] = []
        try:
            for label, rev in (("A", args.a), ("B", args.b)):
                roots.append((label, checkout(rev, Path(work) / label)))
            print(f"search engine, {args.a} (A) against {args.b} (B), per keystroke in ms, {args.runs} alternating runs")
            for size in sizes:
                p95s: dict[str, list[float]] = {"A": [], "B": []}
                for _ in range(args.runs):
                    for label, root in roots:
                        p50, p95 = run(root, size)
                        p95s[label].append(p95)
                        print(f"  {size:>7} points  {label}  p50 {p50:7.2f}  p95 {p95:7.2f}", flush=True)
                a, b = statistics.median(p95s["A"]), statistics.median(p95s["B"])
                print(f"  {size:>7} points  median p95: A {a:.2f}, B {b:.2f}, B/A {b / a:.2f}×")
        finally:
            for _, root in roots:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(root)], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
