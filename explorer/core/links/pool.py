"""Check many URLs at once, politely: at most N requests overall and at most M per host.

Threads, not asyncio, because ``http.client`` is blocking and the standard library has no
asynchronous HTTP client; a handful of threads waiting on sockets costs nothing.

Each worker holds one *host slot* while it checks a URL and moves it when a redirect leads
to another host (releasing the old slot before waiting for the new one, so two workers can
never wait on each other). Workers take the first pending URL whose host has a free slot,
so a catalog with many links to one site does not leave every worker queued behind it
while other sites wait.

Workers are daemon threads and results reach the caller's thread through a queue polled
with a timeout, so Ctrl-C interrupts the caller at once and the process can exit without
waiting for requests in flight.
"""

from __future__ import annotations

import queue
import threading
from collections import Counter, deque
from collections.abc import Callable, Sequence

from explorer.core.links.check import CheckOptions, check_url
from explorer.core.links.collect import UrlUses
from explorer.core.links.request import Connector, DirectConnector, host_key
from explorer.core.links.result import LinkResult

POLL_SECONDS = 0.1

ProgressCallback = Callable[[LinkResult, int, int], None]
Job = tuple[str, int, UrlUses]  # (host key, position in the input, item)


class HostGate:
    """Counts requests in flight per host and makes callers wait for a free slot."""

    def __init__(self, per_host: int) -> None:
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        self.per_host = per_host
        self._busy: Counter[str] = Counter()
        self._changed = threading.Condition()

    def busy(self, host: str) -> int:
        with self._changed:
            return self._busy[host]

    def take(self, pending: deque[Job], stop: threading.Event) -> Job | None:
        """Remove and return the first pending ``(host, ...)`` job whose host has a free slot,
        holding that slot; ``None`` when nothing is pending or ``stop`` is set."""
        with self._changed:
            while True:
                if stop.is_set() or not pending:
                    return None
                for index, job in enumerate(pending):
                    if self._busy[job[0]] < self.per_host:
                        del pending[index]
                        self._busy[job[0]] += 1
                        return job
                self._changed.wait(POLL_SECONDS)

    def move(self, held: str, host: str) -> None:
        """Give up the slot for ``held`` and wait for one for ``host`` (no-op if the same)."""
        if held == host:
            return
        with self._changed:
            self._release(held)
            while self._busy[host] >= self.per_host:
                self._changed.wait()
            self._busy[host] += 1

    def release(self, host: str) -> None:
        with self._changed:
            self._release(host)

    def _release(self, host: str) -> None:
        self._busy[host] -= 1
        if self._busy[host] <= 0:
            del self._busy[host]
        self._changed.notify_all()


def _worker(
    gate: HostGate,
    pending: deque[Job],
    results: queue.Queue,
    options: CheckOptions,
    connector: Connector,
    stop: threading.Event,
) -> None:
    while (job := gate.take(pending, stop)) is not None:
        held, index, item = job

        def enter_host(host: str) -> None:
            nonlocal held
            gate.move(held, host)
            held = host

        try:
            result = check_url(item, options, connector, enter_host)
        except BaseException as exc:  # noqa: BLE001 -- a bug: re-raised in the caller thread
            results.put((index, exc))
            return
        finally:
            gate.release(held)
        results.put((index, result))


def check_links(
    items: Sequence[UrlUses],
    options: CheckOptions | None = None,
    on_result: ProgressCallback | None = None,
) -> list[LinkResult]:
    """Check every URL and return the results in the order of ``items``.

    ``on_result(result, done, total)`` is called in the caller's thread as each URL
    finishes (for a progress bar). KeyboardInterrupt stops workers from starting new
    URLs and propagates.
    """
    options = options or CheckOptions()
    if options.concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    gate = HostGate(options.per_host)
    connector = options.connector or DirectConnector()  # one TLS context for every thread
    pending: deque[Job] = deque((host_key(item.url), n, item) for n, item in enumerate(items))
    results: queue.Queue = queue.Queue()
    stop = threading.Event()
    workers = [
        threading.Thread(
            target=_worker,
            args=(gate, pending, results, options, connector, stop),
            name=f"so-explorer-links-{n}",
            daemon=True,
        )
        for n in range(min(options.concurrency, len(items)))
    ]
    for worker in workers:
        worker.start()
    done: list[LinkResult | None] = [None] * len(items)
    count = 0
    try:
        while count < len(items):
            try:
                index, got = results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not any(worker.is_alive() for worker in workers) and results.empty():
                    raise RuntimeError("the link check workers stopped early") from None
                continue
            if isinstance(got, BaseException):
                raise got
            done[index] = got
            count += 1
            if on_result is not None:
                on_result(got, count, len(items))
    finally:
        stop.set()
    return [result for result in done if result is not None]
