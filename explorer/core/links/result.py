"""What checking one URL found: the outcome, every redirect hop, and a one-line reason.

These records are the contract between the checker and everything that shows it (the text
table, ``--json``, tests), so their JSON form has a fixed key order that docs/links.md
documents. Every string in them is already clean of control characters: reason phrases and
``Location`` headers come from the network and are cleaned where they are read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

OK, REDIRECT, BROKEN, ERROR = "ok", "redirect", "broken", "error"
#: Every outcome, in the order summaries list them.
RESULTS: tuple[str, ...] = (OK, REDIRECT, BROKEN, ERROR)
#: Outcomes that make ``so-explorer links`` exit 1.
PROBLEMS: frozenset[str] = frozenset({BROKEN, ERROR})

# Machine-readable kinds of problem (``error_kind``); the ``error`` text says it for people.
HTTP_STATUS = "http"  # the server answered 4xx or 5xx
TIMEOUT = "timeout"
DNS = "dns"
REFUSED = "refused"
TLS = "tls"
CONNECTION = "connection"  # reset, closed early, garbled response, other socket errors
REDIRECT_LOOP = "redirect-loop"
TOO_MANY_REDIRECTS = "too-many-redirects"
BAD_REDIRECT = "bad-redirect"  # 3xx without a usable Location
UNSUPPORTED_SCHEME = "unsupported-scheme"
BAD_URL = "bad-url"
ERROR_KINDS: tuple[str, ...] = (
    HTTP_STATUS, TIMEOUT, DNS, REFUSED, TLS, CONNECTION,
    REDIRECT_LOOP, TOO_MANY_REDIRECTS, BAD_REDIRECT, UNSUPPORTED_SCHEME, BAD_URL,
)


@dataclass(frozen=True, slots=True)
class Hop:
    """One redirect: ``method url`` was answered ``status`` with ``Location: location``.

    ``location`` is absolute (resolved against ``url``) and without a fragment.
    """

    url: str
    method: str
    status: int
    location: str

    def as_json(self) -> dict:
        return {"url": self.url, "method": self.method, "status": self.status, "location": self.location}


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The outcome for one distinct catalog URL.

    - ``ok``: the last response was below 300 and no redirect happened;
    - ``redirect``: one or more redirects, then a response below 300 (``final_url``);
    - ``broken``: the last response was 4xx/5xx (after the GET fallback);
    - ``error``: no usable response: timeout, DNS, refused, TLS, loop, bad URL...

    ``status`` and ``method`` describe the last request: its status, and ``HEAD`` or ``GET``
    (``GET`` means HEAD was not good enough there). Both are ``None`` when that request got
    no answer or was not made (a timeout, say, even after redirects, which stay in ``hops``).
    """

    url: str
    result: str
    status: int | None
    final_url: str | None
    hops: tuple[Hop, ...]
    error: str | None
    error_kind: str | None
    method: str | None
    used_by: tuple[str, ...]
    elapsed_ms: int

    @property
    def problem(self) -> bool:
        return self.result in PROBLEMS

    def as_json(self) -> dict:
        """The record of ``--json``; the key order is part of the documented format."""
        return {
            "url": self.url,
            "result": self.result,
            "status": self.status,
            "final_url": self.final_url,
            "hops": [hop.as_json() for hop in self.hops],
            "error": self.error,
            "error_kind": self.error_kind,
            "method": self.method,
            "used_by": list(self.used_by),
            "elapsed_ms": self.elapsed_ms,
        }


def count_results(results: Iterable[LinkResult]) -> dict[str, int]:
    """``{"ok": n, "redirect": n, "broken": n, "error": n}``, every key present."""
    counts = Counter(r.result for r in results)
    return {name: counts.get(name, 0) for name in RESULTS}
