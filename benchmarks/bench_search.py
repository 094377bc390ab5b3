"""Search benchmark: per-keystroke time and relevance, ours vs rapidfuzz WRatio vs fzf.

    python benchmarks/bench_search.py [--sizes 1000,10000,100000] [--quick]

**Speed.** For each size, a synthetic catalog (``gen_catalog.py``, the same model objects
``load_catalog`` builds, with the bundled search vocabulary of ``catalog/vocabulary.yaml``
added, as the app has it) is indexed, then scripted queries are typed one character at a
time, as a user does. Each keystroke is timed for:

* ours: ``SearchEngine.search(prefix)``, the full ranked list of hits (every matching
  (point, platform) pair as a ``Hit``; the top 50 with exact scores and spans, all of them
  in catalogs of up to 1,000 pairs);
* WRatio: ``rapidfuzz.process.extract(prefix, lines, scorer=fuzz.WRatio, limit=50)`` over one
  line per pair (``name | platform name``), lines and query lower-cased beforehand;
* fzf: the whole ``fzf --filter prefix`` process (start, read, match, sort, print) on the same
  lines, when ``fzf`` is on PATH.

Each keystroke's time is its median over the rounds; p50 and p95 are over the keystrokes.
The ratio columns are the others' p95 over ours. The engine keeps its caches between keystrokes, as in the app, and
starts each round cold (``clear_cache``).

**Relevance.** top-1, top-3 and MRR (mean reciprocal rank, 0 when not in the first 50) on
two sets against the bundled catalog: ``tests/unit/search/relevance_queries.yaml`` (tuned on
itself) and ``relevance_fresh.yaml`` (written before tuning for issue 15); ours, WRatio
``extract`` and ``fzf --filter``, the last two over the ``name | platform name`` line of every
pair.

``--quick`` runs tiny sizes (the CI smoke test uses it).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import gen_catalog
import yaml
from rapidfuzz import fuzz, process

from explorer.core.catalog import load_catalog
from explorer.core.search import SearchEngine

SCRIPT = ("contact", "webhook", "get person", "soap ticket", "agent")
RELEVANCE_SETS = (
    ROOT / "tests" / "unit" / "search" / "relevance_queries.yaml",
    ROOT / "tests" / "unit" / "search" / "relevance_fresh.yaml",
)
TOP = 50


def keystrokes(queries=SCRIPT) -> list[str]:
    return [q[:k] for q in queries for k in range(1, len(q) + 1) if q[:k].strip() == q[:k] or k == len(q)]


def pair_lines(catalog) -> tuple[list[str], list[tuple[str, str]]]:
    """One line per indexed (point, platform) pair, and the pairs in the same order."""
    lines, pairs = [], []
    names = {p.id: p.name for p in catalog.platforms}
    for point in catalog.points:
        for av in point.availability:
            if av.status.value == "not-available":
                continue
            lines.append(f"{point.name} | {names[av.platform]}")
            pairs.append((point.id, av.platform))
    return lines, pairs


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def per_keystroke(samples: list[list[float]]) -> list[float]:
    """Round-by-round times → one time per keystroke: its median over the rounds (damps the
    noise of a shared machine; the same for every engine)."""
    return [statistics.median(times) for times in zip(*samples)]


def time_engine(engine: SearchEngine, typed: list[str], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        engine.clear_cache()  # every round types the queries from a cold cache
        times = []
        for text in typed:
            start = time.perf_counter()
            engine.search(text)
            times.append((time.perf_counter() - start) * 1000)
        samples.append(times)
    return per_keystroke(samples)


def time_wratio(lines: list[str], typed: list[str], rounds: int) -> list[float]:
    lowered = [line.lower() for line in lines]
    samples = []
    for _ in range(rounds):
        times = []
        for text in typed:
            start = time.perf_counter()
            process.extract(text.lower(), lowered, scorer=fuzz.WRatio, limit=TOP)
            times.append((time.perf_counter() - start) * 1000)
        samples.append(times)
    return per_keystroke(samples)


def fzf_filter(fzf: str, path: str, text: str) -> list[str]:
    with open(path, "rb") as handle:
        done = subprocess.run([fzf, "--filter", text], stdin=handle, capture_output=True, check=False)
    return done.stdout.decode("utf-8", "replace").splitlines()


def time_fzf(fzf: str, lines: list[str], typed: list[str], rounds: int) -> list[float]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
        path = handle.name
    try:
        samples = []
        for _ in range(rounds):
            times = []
            for text in typed:
                start = time.perf_counter()
                fzf_filter(fzf, path, text)
                times.append((time.perf_counter() - start) * 1000)
            samples.append(times)
        return per_keystroke(samples)
    finally:
        os.unlink(path)


def synthetic(n: int):
    """A synthetic catalog of ``n`` points with the bundled search vocabulary."""
    bundled = load_catalog()
    catalog = gen_catalog.to_catalog(gen_catalog.generate(n))
    return dataclasses.replace(catalog, synonyms=bundled.synonyms, stop_words=bundled.stop_words)


def speed(sizes: list[int], fzf: str | None, wratio: bool, rounds: int) -> None:
    typed = keystrokes()
    print(f"\n## Per keystroke: {len(typed)} keystrokes typing {', '.join(map(repr, SCRIPT))}, {rounds} round(s)")
    print("(a keystroke that only adds a space is skipped: same query); a keystroke's time is its")
    print("median over the rounds, p50/p95 over keystrokes; times in ms;")
    print("x = their p95 / our p95; index = building the engine, once per catalog\n")
    header = (
        f"{'points':>8} {'pairs':>8} {'index s':>8} {'ours p50':>9} {'ours p95':>9} "
        f"{'WRatio p50':>11} {'WRatio p95':>11} {'x p95':>6} {'fzf p50':>8} {'fzf p95':>8} {'x p95':>6}"
    )
    print(header)
    print("-" * len(header))
    for n in sizes:
        catalog = synthetic(n)
        gc.collect()
        start = time.perf_counter()
        engine = SearchEngine(catalog)
        build = time.perf_counter() - start
        ours = time_engine(engine, typed, rounds)
        lines, _ = pair_lines(catalog)
        row = (
            f"{n:>8} {len(lines):>8} {build:>8.2f} {statistics.median(ours):>9.2f} "
            f"{percentile(ours, 0.95):>9.2f} "
        )
        if wratio:
            theirs = time_wratio(lines, typed, rounds)
            row += (
                f"{statistics.median(theirs):>11.2f} {percentile(theirs, 0.95):>11.2f} "
                f"{percentile(theirs, 0.95) / percentile(ours, 0.95):>6.1f} "
            )
        else:
            row += f"{'-':>11} {'-':>11} {'-':>6} "
        if fzf:
            fz = time_fzf(fzf, lines, typed, rounds)
            row += (
                f"{statistics.median(fz):>8.1f} {percentile(fz, 0.95):>8.1f} "
                f"{percentile(fz, 0.95) / percentile(ours, 0.95):>6.1f}"
            )
        else:
            row += f"{'-':>8} {'-':>8} {'-':>6}"
        print(row, flush=True)
        del engine, catalog


def _rank(ranked_pairs: list[tuple[str, str]], expect, platform_id) -> int | None:
    wanted = {expect} if isinstance(expect, str) else set(expect)
    for index, (point_id, plat) in enumerate(ranked_pairs[:TOP]):
        if point_id in wanted and (platform_id is None or plat == platform_id):
            return index
    return None


def relevance(fzf: str | None, path: Path) -> None:
    catalog = load_catalog()
    queries = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    engine = SearchEngine(catalog)
    lines, pairs = pair_lines(catalog)
    lowered = [line.lower() for line in lines]
    ranks: dict[str, list[int | None]] = {"ours": [], "WRatio extract": [], "fzf --filter": []}
    lines_file = None
    if fzf:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
            lines_file = handle.name
    index_of = {line: i for i, line in enumerate(lines)}
    try:
        for q in queries:
            text, expect, plat = q["query"], q["expect"], q.get("platform")
            hits = engine.search(text)
            ranks["ours"].append(_rank([(h.point.id, h.platform) for h in hits], expect, plat))
            found = process.extract(text.lower(), lowered, scorer=fuzz.WRatio, limit=TOP)
            ranks["WRatio extract"].append(_rank([pairs[i] for _, _, i in found], expect, plat))
            if fzf and lines_file:
                out = fzf_filter(fzf, lines_file, text)
                ranks["fzf --filter"].append(_rank([pairs[index_of[line]] for line in out if line in index_of], expect, plat))
    finally:
        if lines_file:
            os.unlink(lines_file)
    print(f"\n## Relevance: {len(queries)} queries of {path.relative_to(ROOT)} on the bundled catalog")
    print("(WRatio and fzf see one 'name | platform name' line per pair; ours also searches aliases,")
    print(" keywords, technologies, capability names and summaries)\n")
    print(f"{'engine':<16} {'top-1':>7} {'top-3':>7} {'MRR':>6}")
    for name, found in ranks.items():
        if not found:
            print(f"{name:<16} {'-':>7} {'-':>7} {'-':>6}  (fzf not on PATH)")
            continue
        top1 = sum(1 for r in found if r == 0) / len(found)
        top3 = sum(1 for r in found if r is not None and r < 3) / len(found)
        mrr = sum(1 / (r + 1) for r in found if r is not None) / len(found)
        print(f"{name:<16} {top1:>7.1%} {top3:>7.1%} {mrr:>6.3f}")


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs {cpu}; Python {platform.python_version()}; {platform.platform()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="catalog sizes in points, comma-separated")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke test")
    parser.add_argument("--no-wratio", action="store_true", help="skip the rapidfuzz WRatio timings")
    parser.add_argument("--relevance-only", action="store_true", help="skip the timings")
    parser.add_argument("--rounds", type=int, default=3, help="times the script is typed (default 3)")
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else max(1, args.rounds)
    sizes = [200, 1000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    fzf = shutil.which("fzf")
    print("# Search benchmark")
    print(f"machine: {machine()}")
    version = subprocess.run([fzf, "--version"], capture_output=True, text=True, check=False).stdout if fzf else ""
    print(f"fzf: {version.strip() or 'not found'}")
    if not args.relevance_only:
        speed(sizes, fzf, wratio=not args.no_wratio, rounds=rounds)
    for path in RELEVANCE_SETS:
        relevance(fzf, path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
