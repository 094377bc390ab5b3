"""Failure classification and URL splitting, without any network."""

from __future__ import annotations

import http.client
import socket
import ssl

import pytest

from explorer.core.links import UrlUses, check_url
from explorer.core.links.check import CheckOptions
from explorer.core.links.errors import describe
from explorer.core.links.request import Target, UrlProblem, parse_target

TARGET = Target("https", "docs.example.com", 443, "/a")


def _cert_error() -> ssl.SSLCertVerificationError:
    exc = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    exc.verify_message = "certificate has expired"
    return exc


@pytest.mark.parametrize(
    "exc, kind, message",
    [
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "dns",
         "DNS lookup failed for docs.example.com: Name or service not known"),
        (TimeoutError("timed out"), "timeout", "no answer from docs.example.com within 2.5 s"),
        (ConnectionRefusedError(111, "Connection refused"), "refused", "connection refused by docs.example.com"),
        (_cert_error(), "tls", "TLS certificate of docs.example.com not trusted: certificate has expired"),
        (ssl.SSLError(1, "[SSL] wrong version number"), "tls", "TLS error with docs.example.com: [SSL] wrong version number"),
        (http.client.RemoteDisconnected("gone"), "connection", "docs.example.com closed the connection without answering"),
        (ConnectionResetError(104, "Connection reset by peer"), "connection", "connection reset by docs.example.com"),
        (http.client.BadStatusLine("\x1b[2Jgarbage"), "connection", "bad HTTP response from docs.example.com (BadStatusLine)"),
        (OSError(101, "Network is unreachable"), "connection", "cannot connect to docs.example.com: Network is unreachable"),
        (http.client.InvalidURL("bad \x1b]52;c;x\x07 url"), "bad-url", "invalid URL: bad url"),
    ],
)
def test_exceptions_become_one_line_reasons(exc, kind, message):
    assert describe(exc, TARGET, 2.5) == (kind, message)


def test_reasons_are_one_short_line():
    kind, message = describe(RuntimeError("x\n" * 200), TARGET, 1)
    assert kind == "connection" and "\n" not in message and len(message) <= 160


def test_gaierror_from_an_injected_connector_is_a_dns_error():
    def resolver_fails(target, timeout):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    result = check_url(UrlUses("https://docs.example.com/x", ()), CheckOptions(), resolver_fails)
    assert (result.result, result.error_kind) == ("error", "dns")
    assert result.error == "DNS lookup failed for docs.example.com: Temporary failure in name resolution"


def test_head_failure_that_is_not_a_broken_connection_is_not_retried():
    calls = []

    def refuse(target, timeout):
        calls.append(target)
        raise ConnectionRefusedError(111, "Connection refused")

    result = check_url(UrlUses("http://h.example/", ()), CheckOptions(), refuse)
    assert result.error_kind == "refused" and len(calls) == 1


@pytest.mark.parametrize(
    "url, target",
    [
        ("https://Docs.Example.com/a/b?x=1#frag", Target("https", "docs.example.com", 443, "/a/b?x=1")),
        ("http://example.com", Target("http", "example.com", 80, "/")),
        ("HTTP://example.com:8080/p q", Target("http", "example.com", 8080, "/p%20q")),
        ("https://bücher.example/straße", Target("https", "xn--bcher-kva.example", 443, "/stra%C3%9Fe")),
        ("https://example.com/already%20escaped", Target("https", "example.com", 443, "/already%20escaped")),
        ("http://[::1]:8000/x", Target("http", "::1", 8000, "/x")),
    ],
)
def test_parse_target(url, target):
    assert parse_target(url) == target


@pytest.mark.parametrize(
    "url, kind",
    [
        ("mailto:a@example.com", "unsupported-scheme"),
        ("ftp://example.com/", "unsupported-scheme"),
        ("https:///path-only", "bad-url"),
        ("https://example.com:99999/", "bad-url"),
        ("http://[::1/", "bad-url"),
    ],
)
def test_urls_that_cannot_be_requested(url, kind):
    with pytest.raises(UrlProblem) as caught:
        parse_target(url)
    assert caught.value.kind == kind


def test_netloc_shows_the_port_only_when_it_is_not_the_default():
    assert Target("https", "a.example", 443, "/").netloc == "a.example"
    assert Target("http", "a.example", 8080, "/").netloc == "a.example:8080"
    assert Target("http", "::1", 80, "/").netloc == "[::1]"
