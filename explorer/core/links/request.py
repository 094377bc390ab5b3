"""One HTTP(S) request with ``http.client``: no redirects followed, no body downloaded.

The checker follows redirects itself (to report every hop), so it needs a client that
does *not* follow them and that exposes each status and ``Location``: ``http.client`` does
exactly that. Each request uses a fresh connection with ``Connection: close``; a link check
touches each URL once or twice, so connection reuse would save little and cost complexity.

Connections come from a *connector* (``connector(target, timeout) -> HTTPConnection``) so
that tests can inject failures, such as a DNS error, without resolving any name.
"""

from __future__ import annotations

import http.client
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from explorer.core.links.result import BAD_URL, UNSUPPORTED_SCHEME
from explorer.core.util.sanitize import clean_text

SCHEMES = {"http": 80, "https": 443}
#: Characters left as they are in a request path/query (``%`` keeps existing escapes).
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"
#: At most this much of a GET body is read, so small pages finish cleanly and big ones
#: are not downloaded.
BODY_LIMIT = 16 * 1024
REASON_WIDTH = 80


class UrlProblem(Exception):
    """A URL that is not requested at all; ``kind`` is an ``error_kind`` of the result."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Target:
    """Where a request goes: scheme, ASCII host, port and the escaped request path."""

    scheme: str
    host: str
    port: int
    path: str

    @property
    def netloc(self) -> str:
        """``host`` or ``host:port`` (the port only when not the scheme's default)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if SCHEMES[self.scheme] == self.port else f"{host}:{self.port}"


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    reason: str
    location: str | None


def parse_target(url: str) -> Target:
    """Split ``url`` for ``http.client``; raise :class:`UrlProblem` if it cannot be requested."""
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in SCHEMES:
            shown = f"'{clean_text(scheme)}'" if scheme else "none"
            raise UrlProblem(UNSUPPORTED_SCHEME, f"not an http(s) URL (scheme {shown}); not requested")
        host = parts.hostname
        port = parts.port or SCHEMES[scheme]
    except ValueError as exc:  # a bad port or IPv6 literal
        raise UrlProblem(BAD_URL, f"malformed URL: {clean_text(str(exc))}") from None
    if not host:
        raise UrlProblem(BAD_URL, "the URL has no host name")
    try:
        ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError:
        raise UrlProblem(BAD_URL, f"the host name {clean_text(host)!r} is not valid") from None
    if any(ch.isspace() or not ch.isprintable() for ch in ascii_host):
        raise UrlProblem(BAD_URL, "the host name holds spaces or control characters")
    path = quote(parts.path or "/", safe=_SAFE_PATH)
    if parts.query:
        path += "?" + quote(parts.query, safe=_SAFE_QUERY)
    return Target(scheme, ascii_host, port, path)


def host_key(url: str) -> str:
    """The per-host limit's key for ``url`` (lower-case host name), or ``""`` if it has none."""
    try:
        return parse_target(url).host
    except UrlProblem:
        return ""


Connector = Callable[[Target, float], http.client.HTTPConnection]


class DirectConnector:
    """Plain connections to the target, verifying TLS against the system's trusted CAs.

    The default TLS context is built on first use (loading the CA store takes a few
    milliseconds) and then shared by every thread, which ``ssl.SSLContext`` allows.
    Proxy environment variables are not used.
    """

    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        self._context = ssl_context
        self._lock = threading.Lock()

    @property
    def context(self) -> ssl.SSLContext:
        with self._lock:
            if self._context is None:
                self._context = ssl.create_default_context()
            return self._context

    def __call__(self, target: Target, timeout: float) -> http.client.HTTPConnection:
        if target.scheme == "https":
            return http.client.HTTPSConnection(target.host, target.port, timeout=timeout, context=self.context)
        return http.client.HTTPConnection(target.host, target.port, timeout=timeout)


def send(
    connector: Connector, target: Target, method: str, timeout: float, user_agent: str,
    body_limit: int = BODY_LIMIT,
) -> Response:
    """Make one request; network errors propagate (see :func:`~.errors.describe`)."""
    conn = connector(target, timeout)
    try:
        conn.request(
            method,
            target.path,
            headers={
                "User-Agent": user_agent,
                "Accept": "*/*",
                "Accept-Encoding": "identity",
                "Connection": "close",
            },
        )
        response = conn.getresponse()
        if method != "HEAD" and body_limit > 0:
            try:
                response.read(body_limit)
            except (OSError, http.client.HTTPException):
                pass  # the status line and headers arrived; that is what a link check needs
        reason = clean_text(response.reason or "")[:REASON_WIDTH]
        location = response.getheader("Location")
        return Response(response.status, reason, location)
    finally:
        conn.close()
