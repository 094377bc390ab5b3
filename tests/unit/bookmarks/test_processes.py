"""Real processes on one bookmarks file: concurrent saves merge, a killed writer never leaves half a file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.core.bookmarks import BookmarkStore
from explorer.core.bookmarks.document import FILE_NAME, parse
from tests.catalogs import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="uses SIGKILL")]


# argv: config dir, go file, prefix, count, action (add|remove|churn)
WORKER = """
import sys, time
from pathlib import Path
from explorer.core.bookmarks import BookmarkStore

folder, go, prefix, count, action = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
store, warnings = BookmarkStore.open(folder)  # both open before either saves
assert warnings == [], warnings
go.with_name(f"ready-{prefix}").touch()
while not go.exists():
    time.sleep(0.002)
if action == "add":
    for i in range(count):
        store.add(f"{prefix}.{i}", "gamma", note=f"note {prefix} {i}")
        assert store.save(), store.take_warnings()
elif action == "remove":
    for i in range(count):
        assert store.remove(f"{prefix}.{i}", "gamma"), i
        assert store.save(), store.take_warnings()
else:  # churn forever: big notes so each write takes a while
    n = 0
    while True:
        for i in range(count):
            store.add(f"{prefix}.{i}", "gamma")
            store.set_note(f"{prefix}.{i}", "gamma", f"round {n} " + "x" * 600)
        store.save()
        for i in range(0, count, 2):
            store.remove(f"{prefix}.{i}", "gamma")
        store.save()
        n += 1
print("done", flush=True)
"""


def start(tmp_path: Path, folder: Path, prefix: str, count: int, action: str) -> subprocess.Popen:
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    return subprocess.Popen(
        [sys.executable, str(script), str(folder), str(tmp_path / "go"), prefix, str(count), action],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def go(tmp_path: Path, prefixes: tuple[str, ...], procs: list[subprocess.Popen]) -> None:
    """Start the workers together; never leave one waiting forever when something fails."""
    deadline = time.monotonic() + 60
    try:
        while not all((tmp_path / f"ready-{p}").exists() for p in prefixes):
            for proc in procs:
                assert proc.poll() is None, f"a worker died: {proc.communicate()[1]}"
            assert time.monotonic() < deadline, "workers did not start"
            time.sleep(0.01)
    except BaseException:
        for proc in procs:
            proc.kill()
            proc.communicate()
        raise
    (tmp_path / "go").touch()


def finish(proc: subprocess.Popen) -> None:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert out.strip() == "done"


def keys(folder: Path) -> set[tuple[str, str]]:
    store, warnings = BookmarkStore.open(folder)
    assert warnings == []
    return set(store.keys())


def test_two_processes_adding_at_once_keep_the_union(tmp_path):
    folder = tmp_path / "cfg"
    count = 40
    procs = [start(tmp_path, folder, prefix, count, "add") for prefix in ("a", "b")]
    go(tmp_path, ("a", "b"), procs)
    for proc in procs:
        finish(proc)
    expected = {(f"{p}.{i}", "gamma") for p in ("a", "b") for i in range(count)}
    assert keys(folder) == expected
    store, _ = BookmarkStore.open(folder)
    assert store.get("b.7", "gamma").note == "note b 7"


def test_removes_in_one_process_are_not_undone_by_another(tmp_path):
    folder = tmp_path / "cfg"
    seed, _ = BookmarkStore.open(folder)
    for i in range(30):
        seed.add(f"old.{i}", "gamma")
    assert seed.save()
    procs = [start(tmp_path, folder, "old", 30, "remove"), start(tmp_path, folder, "new", 30, "add")]
    go(tmp_path, ("old", "new"), procs)
    for proc in procs:
        finish(proc)
    assert keys(folder) == {(f"new.{i}", "gamma") for i in range(30)}


def assert_whole(doc) -> None:
    """The churn worker's file holds 60 or 30 bookmarks, each with a full note (never a cut file)."""
    (shortlist,) = doc.shortlists
    assert len(shortlist.bookmarks) in (30, 60)
    assert all(b.note.endswith("x" * 600) for b in shortlist.bookmarks)


def test_a_writer_killed_mid_save_leaves_the_old_or_the_new_file(tmp_path):
    folder = tmp_path / "cfg"
    (tmp_path / "go").touch()
    reads = 0
    for round_ in range(5):
        proc = start(tmp_path, folder, "p", 60, "churn")
        try:
            deadline = time.monotonic() + 30
            while not (folder / FILE_NAME).exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            # Read while the writer works: every read sees a whole file.
            for _ in range(100 + round_ * 25):
                assert_whole(parse((folder / FILE_NAME).read_bytes()))
                reads += 1
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        data = (folder / FILE_NAME).read_bytes()
        assert_whole(parse(data))
        store, warnings = BookmarkStore.open(folder)
        assert warnings == [] and store.persistent
        assert not list(folder.glob("*.corrupt-*"))
        # Leftover temp files of the killed writer are cleared by the next open.
        assert not list(folder.glob(f".{FILE_NAME}.*.tmp"))
    assert reads > 0
