"""Checking many URLs: per-host limit, order, progress, Ctrl-C, and import hygiene."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import deque
from pathlib import Path

import pytest
from links_local_server import (  # noqa: F401 -- fixtures
    link_catalog_fixture,
    link_catalog_path_fixture,
    refused_url_fixture,
    server_fixture,
)

from explorer.core.links import (
    CheckOptions,
    UrlUses,
    check_links,
    collect_urls,
    count_results,
)
from explorer.core.links.pool import HostGate

ROOT = Path(__file__).parents[3]


def uses(*urls: str) -> list[UrlUses]:
    return [UrlUses(url, (f"points[p{n}].docs",)) for n, url in enumerate(urls)]


def test_whole_catalog_results_in_input_order(link_catalog):
    items = collect_urls(link_catalog)
    seen = []
    results = check_links(items, CheckOptions(timeout=2), lambda r, done, total: seen.append((r.url, done, total)))
    assert [r.url for r in results] == [i.url for i in items]
    assert [done for _, done, _ in seen] == list(range(1, len(items) + 1))
    assert {total for _, _, total in seen} == {len(items)} and {u for u, _, _ in seen} == {i.url for i in items}
    assert count_results(results) == {"ok": 2, "redirect": 1, "broken": 2, "error": 2}
    assert {r.url: r.used_by for r in results} == {i.url: i.used_by for i in items}


@pytest.mark.parametrize("per_host", [1, 2, 3])
def test_per_host_limit_is_honoured(server, per_host):
    server.record.busy_pair = per_host  # the server waits until that many overlap
    results = check_links(
        uses(*(server.url(f"/busy/{n}") for n in range(2 * per_host))),
        CheckOptions(timeout=5, concurrency=8, per_host=per_host),
    )
    assert {r.result for r in results} == {"ok"}
    assert server.record.peak == per_host


def test_overall_concurrency_is_honoured_across_hosts(server):
    # 127.0.0.1 and localhost are two hosts for the limit, but one server counts both
    server.record.busy_pair = 2
    urls = [server.url(f"/busy/{n}") for n in range(4)]
    urls += [u.replace("127.0.0.1", "localhost") for u in urls]
    results = check_links(uses(*urls), CheckOptions(timeout=5, concurrency=2, per_host=2))
    assert {r.result for r in results} == {"ok"}
    assert server.record.peak == 2


def test_same_url_twice_is_checked_twice_and_kept_in_order(server):
    items = uses(server.url("/ok"), server.url("/missing"), server.url("/ok"))
    assert [r.result for r in check_links(items, CheckOptions(timeout=2))] == ["ok", "broken", "ok"]


def test_no_items_no_threads():
    before = threading.active_count()
    assert check_links([]) == []
    assert threading.active_count() == before


def test_keyboard_interrupt_stops_without_waiting_for_slow_requests(server):
    def interrupt(result, done, total):
        raise KeyboardInterrupt

    items = uses(server.url("/ok"), *(server.url(f"/slow?{n}") for n in range(6)))
    with pytest.raises(KeyboardInterrupt):
        check_links(items, CheckOptions(timeout=5, concurrency=1, per_host=1), interrupt)
    # one worker, one slot: after /ok it may have taken at most one more URL
    assert len(server.record.requests) <= 2


def test_bad_options_are_rejected():
    with pytest.raises(ValueError):
        check_links(uses("http://a.example/"), CheckOptions(concurrency=0))
    with pytest.raises(ValueError):
        HostGate(0)


def test_host_gate_blocks_the_slot_after_the_limit_and_moves_between_hosts():
    gate = HostGate(2)
    stop = threading.Event()
    pending = deque([("a", 0, "u0"), ("a", 1, "u1"), ("a", 2, "u2"), ("b", 3, "u3")])
    assert gate.take(pending, stop)[1] == 0
    assert gate.take(pending, stop)[1] == 1
    assert gate.take(pending, stop)[1] == 3  # host a is full, so b's URL goes first
    assert gate.busy("a") == 2 and gate.busy("b") == 1

    moved = threading.Event()

    def redirect_to_a():
        gate.move("b", "a")  # waits: a is full
        moved.set()

    thread = threading.Thread(target=redirect_to_a, daemon=True)
    thread.start()
    assert not moved.wait(0.1)
    assert gate.busy("b") == 0  # the old slot is released before waiting
    gate.release("a")
    assert moved.wait(2)
    thread.join(2)
    assert gate.busy("a") == 2
    stop.set()
    assert gate.take(pending, stop) is None


def test_import_opens_no_connection_and_loads_no_ui_library():
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise SystemExit('network at import time')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "import explorer.core.links, explorer.core.links.pool, explorer.cli.links_cmd\n"
        "from explorer.cli import main\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print('ok', bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok []"


def test_other_commands_do_not_import_the_http_machinery():
    code = (
        "import sys\n"
        "from explorer.cli import main\n"
        "main(['validate', 'tests/fixtures/mini.yaml'])\n"
        "print(sorted(m for m in ('explorer.core.links', 'http.client', 'ssl') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
