"""A local HTTP(S) server, tiny catalogs pointing at it, and the fixtures that serve them.

Shared by ``tests/unit/links`` and ``tests/cli`` (which loads this file by path). Test
modules import the fixtures from here rather than from a ``conftest.py``: the existing
tests do ``from conftest import ...``, and a second ``conftest.py`` in a folder without
``__init__.py`` would take that module name from them.

No test touches the internet: every URL is on 127.0.0.1 (or localhost), a port that was
closed on purpose, or a host whose DNS lookup is intercepted.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from explorer.core.catalog import load_catalog
from explorer.core.model import Catalog

CERT = Path(__file__).parent / "certs" / "selfsigned-localhost.pem"
#: How long /slow waits before answering, unless the test ends first (it always does).
SLOW_SECONDS = 5.0
BUSY_SECONDS = 0.02
RENDEZVOUS_SECONDS = 1.0


@dataclass
class Record:
    """What the server saw: every request, the User-Agents, and concurrency per route."""

    requests: list[tuple[str, str]] = field(default_factory=list)
    user_agents: set[str] = field(default_factory=set)
    #: /busy/* requests in flight now, the most seen at once, and how many to wait for.
    in_flight: int = 0
    peak: int = 0
    busy_pair: int = 2
    lock: threading.Lock = field(default_factory=threading.Lock)
    cond: threading.Condition = field(default_factory=threading.Condition)
    release: threading.Event = field(default_factory=threading.Event)

    def methods(self, path: str) -> list[str]:
        with self.lock:
            return [method for method, seen in self.requests if seen == path]


class Handler(BaseHTTPRequestHandler):
    """Routes by path; see :func:`routes` for the list. ``self.server.record`` logs."""

    server_version = "links-test"

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def do_HEAD(self) -> None:
        self._route("HEAD")

    def do_GET(self) -> None:
        self._route("GET")

    def _send(self, status: int, location: str | None = None, body: bytes = b"") -> None:
        self.send_response(status)
        if location is not None:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _route(self, method: str) -> None:
        record: Record = self.server.record  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        path = parts.path
        with record.lock:
            record.requests.append((method, path))
            record.user_agents.add(self.headers.get("User-Agent", ""))
        if path == "/ok":
            self._send(200, body=b"fine\n")
        elif path == "/chain/1":
            self._send(301, "/chain/2")  # relative Location
        elif path == "/chain/2":
            self._send(308, self.server.base + "/ok#top")  # absolute
        elif path == "/missing":
            self._send(404)
        elif path == "/error":
            self._send(500)
        elif path == "/slow":
            record.release.wait(SLOW_SECONDS)
            self._send(200)
        elif path == "/head405":
            self._send(405 if method == "HEAD" else 200)
        elif path == "/head-drop":
            if method == "HEAD":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)  # no status line at all
                return
            self._send(200)
        elif path == "/loop/a":
            self._send(301, "/loop/b")
        elif path == "/loop/b":
            self._send(302, "/loop/a")
        elif path.startswith("/many/"):
            self._send(301, f"/many/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/bad-location":
            self._send(301, "/ok\x1b]52;c;aGk=\x07")  # an OSC 52 clipboard write
        elif path == "/no-location":
            self._send(302)
        elif path == "/to":
            self._send(301, parse_qs(parts.query)["u"][0])
        elif path == "/hostile":
            self.send_response(404, "Not \x1b[31mFound\x07")
            self.end_headers()
        elif path.startswith("/busy/"):
            self._busy(record)
            self._send(200)
        else:
            self._send(404)


    def _busy(self, record: Record) -> None:
        """Count requests in flight; wait (briefly) for ``busy_pair`` of them to overlap.

        The rendezvous makes overlap certain when the client allows it, so the peak is
        exactly the client's limit rather than whatever the scheduler happened to do. The
        count drops *before* the answer goes out, so the server never sees more requests
        than the client has in flight.
        """
        with record.cond:
            record.in_flight += 1
            record.peak = max(record.peak, record.in_flight)
            record.cond.notify_all()
            record.cond.wait_for(lambda: record.in_flight >= record.busy_pair, RENDEZVOUS_SECONDS)
        time.sleep(BUSY_SECONDS)
        with record.cond:
            record.in_flight -= 1


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    record: Record
    base: str


@dataclass
class LocalServer:
    base: str
    record: Record
    port: int

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve(tls: bool = False) -> Iterator[LocalServer]:
    """A server on 127.0.0.1 (a free port) in a thread; stopped, and /slow released, on exit."""
    server = _Server(("127.0.0.1", 0), Handler)
    server.record = Record()
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(CERT)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    port = server.server_address[1]
    server.base = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    try:
        yield LocalServer(server.base, server.record, port)
    finally:
        server.record.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def closed_port() -> int:
    """A port on 127.0.0.1 that was bound and then closed: connecting to it is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def trusting_context() -> ssl.SSLContext:
    """A client TLS context that trusts the self-signed test certificate (and nothing else)."""
    return ssl.create_default_context(cafile=str(CERT))


def write_catalog(path: Path, base: str, refused: str) -> Path:
    """A valid catalog (shape of tests/fixtures/mini.yaml) whose links all point at ``base``.

    Distinct URLs: /ok (used three times), /chain/1, /missing, /error, /head405, /loop/a and
    ``refused``. Seven URLs in all.
    """

    def link(title: str, url: str) -> str:
        return f'{{title: "{title}", url: "{url}"}}'

    ok = base + "/ok"
    text = f"""\
format: 1
catalog: {{id: local, name: Local link test catalog, version: "1.0"}}
platforms:
  - id: local
    name: Local server
    short_name: Local
    summary: Links on a test server.
    environments: [cloud]
    clients: [web]
    authentication: None.
    lifecycle:
      - {{status: legacy, summary: Old., source: {link("Gone", base + "/missing")}}}
    sources: [{link("Home", ok)}]
    sdks: [{link("SDK", base + "/chain/1")}]
capabilities:
  - {{id: hooks, name: Event notifications, kind: events}}
points:
  - id: webhooks
    name: Webhooks
    capability: hooks
    kind: events
    summary: Notifications.
    direction: outbound
    docs: [{link("Docs", ok)}, {link("Errors", base + "/error")}]
    sdks: [{link("Client", base + "/head405")}]
    source: {link("Source", ok)}
    availability:
      local: {{status: available}}
  - id: polling
    name: Polling
    capability: hooks
    kind: events
    summary: Ask again and again.
    direction: inbound
    docs: [{link("Loop", base + "/loop/a")}]
    source: {link("Down", refused)}
    availability:
      local: {{status: available}}
"""
    path.write_text(text, encoding="utf-8")
    return path


def write_one_point_catalog(path: Path, source: str, *docs: str) -> Path:
    """A valid catalog with one platform and one point: ``source`` is used by both (twice)."""
    doc_list = ", ".join(f'{{title: "D{n}", url: "{url}"}}' for n, url in enumerate(docs))
    path.write_text(
        "format: 1\n"
        "catalog: {id: c, name: C, version: '1'}\n"
        "platforms:\n"
        "  - {id: p, name: P, short_name: P, summary: S., environments: [cloud], clients: [web],\n"
        f'     authentication: A., sources: [{{title: Home, url: "{source}"}}]}}\n'
        "capabilities:\n"
        "  - {id: c, name: C, kind: events}\n"
        "points:\n"
        "  - {id: x, name: X, capability: c, kind: events, summary: S., direction: outbound,\n"
        f'     source: {{title: Src, url: "{source}"}}, docs: [{doc_list}],\n'
        "     availability: {p: {status: available}}}\n",
        encoding="utf-8",
    )
    return path


# Fixtures. A test module imports the ``*_fixture`` functions it needs (``# noqa: F401``);
# tests then ask for them by the short name, which does not shadow the import.


@pytest.fixture(name="server")
def server_fixture() -> Iterator[LocalServer]:
    with serve() as local:
        yield local


@pytest.fixture(name="tls_server")
def tls_server_fixture() -> Iterator[LocalServer]:
    with serve(tls=True) as local:
        yield local


@pytest.fixture(name="refused_url")
def refused_url_fixture() -> str:
    return f"http://127.0.0.1:{closed_port()}/gone"


@pytest.fixture(name="link_catalog_path")
def link_catalog_path_fixture(tmp_path: Path, server: LocalServer, refused_url: str) -> str:
    """Path of a catalog with seven distinct URLs on the local server (see ``write_catalog``)."""
    return str(write_catalog(tmp_path / "links.yaml", server.base, refused_url))


@pytest.fixture(name="link_catalog")
def link_catalog_fixture(link_catalog_path: str) -> Catalog:
    return load_catalog([link_catalog_path])


@pytest.fixture(name="make_catalog")
def make_catalog_fixture(tmp_path: Path) -> Callable[..., str]:
    """``make_catalog(source_url, *doc_urls)`` → path of a new one-point catalog."""
    made = iter(range(1_000_000))

    def factory(source: str, *docs: str) -> str:
        return str(write_one_point_catalog(tmp_path / f"catalog{next(made)}.yaml", source, *docs))

    return factory
