"""Check one URL: HEAD with a GET fallback, redirects followed by hand, every hop kept.

Why by hand: the point of the check is to tell the catalog author that a link moved and
where to, so each 3xx is recorded as a :class:`~.result.Hop` rather than followed
silently. Loops and long chains end the check with an error instead of spinning.

Why HEAD first: it asks for headers only, which is cheaper for the site. Some servers
answer HEAD wrongly (405, 501, 403, 404...) or drop the connection, so any 4xx/5xx or broken
connection on HEAD is retried once with GET, whose answer then counts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import urldefrag, urljoin

from explorer import __version__
from explorer.core.links.collect import UrlUses
from explorer.core.links.errors import BROKEN_CONNECTION, describe
from explorer.core.links.request import (
    Connector,
    Response,
    Target,
    UrlProblem,
    parse_target,
    send,
)
from explorer.core.links.result import (
    BAD_REDIRECT,
    BAD_URL,
    BROKEN,
    ERROR,
    HTTP_STATUS,
    OK,
    REDIRECT,
    REDIRECT_LOOP,
    TOO_MANY_REDIRECTS,
    Hop,
    LinkResult,
)
from explorer.core.util.sanitize import clean_text

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_TIMEOUT = 10.0
DEFAULT_CONCURRENCY = 8
DEFAULT_PER_HOST = 2
DEFAULT_MAX_HOPS = 10


def default_user_agent() -> str:
    return f"so-explorer/{__version__} (catalog link check; Python http.client)"


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """How politely and how long to check. ``connector`` is for tests (None: direct)."""

    timeout: float = DEFAULT_TIMEOUT
    concurrency: int = DEFAULT_CONCURRENCY
    per_host: int = DEFAULT_PER_HOST
    max_hops: int = DEFAULT_MAX_HOPS
    user_agent: str = field(default_factory=default_user_agent)
    connector: Connector | None = None


class _Stop(Exception):
    """Ends a check early with an error result."""

    def __init__(self, kind: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.status = kind, message, status


def _no_host_switch(host: str) -> None:
    """Default for ``enter_host``: nothing to wait for when checking outside the pool."""


def _fetch(connector: Connector, target: Target, options: CheckOptions) -> tuple[str, Response]:
    """``(method, response)``: HEAD, or GET when HEAD failed in a way GET might not."""
    try:
        head = send(connector, target, "HEAD", options.timeout, options.user_agent)
    except BROKEN_CONNECTION:
        head = None
    if head is not None and head.status < 400:
        return "HEAD", head
    return "GET", send(connector, target, "GET", options.timeout, options.user_agent)


def _next_url(current: str, response: Response) -> str:
    location = (response.location or "").strip()
    if not location:
        raise _Stop(BAD_REDIRECT, f"{response.status} redirect without a Location header", response.status)
    if not location.isprintable():  # escapes, controls, bidi overrides: never follow or show
        raise _Stop(BAD_REDIRECT, f"{response.status} redirect to a Location with control characters", response.status)
    return urldefrag(urljoin(current, location)).url


def _reason(response: Response) -> str:
    phrase = response.reason
    if not phrase:
        try:
            phrase = HTTPStatus(response.status).phrase
        except ValueError:
            phrase = ""
    return f"HTTP {response.status} {phrase}".rstrip()


def check_url(
    item: UrlUses,
    options: CheckOptions,
    connector: Connector,
    enter_host: Callable[[str], None] = _no_host_switch,
) -> LinkResult:
    """Check ``item.url``; never raises for network trouble (it becomes an ``error`` result).

    ``enter_host(host)`` is called before each request so the pool can hold the per-host
    limit for the host actually contacted (redirects may change it).
    """
    started = time.monotonic()
    hops: list[Hop] = []
    status: int | None = None
    method: str | None = None
    current = urldefrag(item.url.strip()).url
    seen = {current}

    def finish(result: str, final_url: str | None, error: str | None = None, kind: str | None = None) -> LinkResult:
        elapsed = int((time.monotonic() - started) * 1000)
        return LinkResult(
            item.url, result, status, final_url, tuple(hops), error, kind, method, item.used_by, elapsed
        )

    target: Target | None = None
    try:
        while True:
            target = parse_target(current)
            enter_host(target.host)
            method, response = _fetch(connector, target, options)
            status = response.status
            if status in REDIRECT_STATUSES:
                following = _next_url(current, response)
                hops.append(Hop(current, method, status, following))
                if following in seen:
                    raise _Stop(REDIRECT_LOOP, f"redirect loop: {following} was already visited", status)
                if len(hops) > options.max_hops:
                    raise _Stop(TOO_MANY_REDIRECTS, f"more than {options.max_hops} redirects", status)
                seen.add(following)
                current = following
                continue
            if status >= 400:
                return finish(BROKEN, current, _reason(response), HTTP_STATUS)
            if 300 <= status < 400:
                raise _Stop(BAD_REDIRECT, f"HTTP {status} is not a redirect that can be followed", status)
            return finish(REDIRECT if hops else OK, current)
    except _Stop as stop:
        return finish(ERROR, None, clean_text(stop.message), stop.kind)
    except UrlProblem as problem:
        status = method = None  # the last URL was not requested; earlier hops keep theirs
        prefix = "redirect target: " if hops else ""
        return finish(ERROR, None, prefix + str(problem), problem.kind)
    except Exception as exc:  # noqa: BLE001 -- every network failure; never a traceback
        status = method = None  # the last request got no answer; earlier hops keep theirs
        if target is None:
            return finish(ERROR, None, f"cannot check the URL: {type(exc).__name__}", BAD_URL)
        kind, message = describe(exc, target, options.timeout)
        return finish(ERROR, None, message, kind)
