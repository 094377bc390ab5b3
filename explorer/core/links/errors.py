"""Turn a failed request into a kind and a short one-line reason.

Python reports network failures as a family of exceptions that inherit from each other
(``ssl.SSLError``, ``socket.gaierror``, ``TimeoutError`` and ``ConnectionRefusedError`` are
all ``OSError``), so the order of the checks below matters: most specific first.
The reason names the host, because after a redirect the failing host is not the one in the
catalog.
"""

from __future__ import annotations

import http.client
import socket
import ssl

from explorer.core.links.request import Target
from explorer.core.links.result import BAD_URL, CONNECTION, DNS, REFUSED, TIMEOUT, TLS
from explorer.core.util.sanitize import clean_text

MESSAGE_WIDTH = 160

#: Failures of a HEAD request after which a GET is worth trying: the server broke the
#: connection or answered garbage, as some servers do for HEAD only.
BROKEN_CONNECTION: tuple[type[BaseException], ...] = (
    ConnectionResetError,
    ConnectionAbortedError,
    BrokenPipeError,
    http.client.HTTPException,  # RemoteDisconnected, BadStatusLine, IncompleteRead...
)


def _seconds(timeout: float) -> str:
    return f"{timeout:g} s"


def _strerror(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _ssl_reason(exc: ssl.SSLError) -> str:
    """OpenSSL's reason code in words (``WRONG_VERSION_NUMBER`` → ``wrong version number``)."""
    reason = getattr(exc, "reason", None)
    if isinstance(reason, str) and reason:
        return reason.lower().replace("_", " ")
    return _strerror(exc)


def describe(exc: BaseException, target: Target, timeout: float) -> tuple[str, str]:
    """``(error_kind, reason)`` for an exception raised while requesting ``target``."""
    kind, message = _describe(exc, target, timeout)
    return kind, clean_text(message)[:MESSAGE_WIDTH]


def _describe(exc: BaseException, target: Target, timeout: float) -> tuple[str, str]:
    where = target.netloc
    if isinstance(exc, ssl.SSLCertVerificationError):
        detail = getattr(exc, "verify_message", None) or "certificate verify failed"
        return TLS, f"TLS certificate of {where} not trusted: {detail}"
    if isinstance(exc, ssl.SSLError):
        return TLS, f"TLS error with {where}: {_ssl_reason(exc)}"
    if isinstance(exc, socket.gaierror):
        return DNS, f"DNS lookup failed for {target.host}: {_strerror(exc)}"
    if isinstance(exc, TimeoutError):  # socket.timeout is TimeoutError since Python 3.10
        return TIMEOUT, f"no answer from {where} within {_seconds(timeout)}"
    if isinstance(exc, ConnectionRefusedError):
        return REFUSED, f"connection refused by {where}"
    if isinstance(exc, http.client.RemoteDisconnected):
        return CONNECTION, f"{where} closed the connection without answering"
    if isinstance(exc, ConnectionResetError):
        return CONNECTION, f"connection reset by {where}"
    if isinstance(exc, http.client.InvalidURL):
        return BAD_URL, f"invalid URL: {exc}"
    if isinstance(exc, http.client.HTTPException):
        return CONNECTION, f"bad HTTP response from {where} ({type(exc).__name__})"
    if isinstance(exc, OSError):
        return CONNECTION, f"cannot connect to {where}: {_strerror(exc)}"
    if isinstance(exc, UnicodeError):
        return BAD_URL, "the URL cannot be encoded for a request"
    return CONNECTION, f"request to {where} failed: {type(exc).__name__}: {exc}"
