"""Checking one URL against a local server: statuses, redirects, fallbacks and failures."""

from __future__ import annotations

import socket

import pytest
from links_local_server import (  # noqa: F401 -- fixtures
    refused_url_fixture,
    server_fixture,
    tls_server_fixture,
    trusting_context,
)

from explorer import __version__
from explorer.core.links import (
    CheckOptions,
    DirectConnector,
    UrlUses,
    check_url,
    default_user_agent,
)

FAST = CheckOptions(timeout=0.3)


def check(url: str, options: CheckOptions = FAST, connector=None):
    return check_url(UrlUses(url, ("points[p].docs",)), options, connector or DirectConnector())


def test_200_is_ok_with_head_only(server):
    result = check(server.url("/ok"))
    assert (result.result, result.status, result.method) == ("ok", 200, "HEAD")
    assert result.final_url == server.url("/ok") and result.hops == ()
    assert result.error is None and result.error_kind is None and not result.problem
    assert result.used_by == ("points[p].docs",)
    assert server.record.methods("/ok") == ["HEAD"]


def test_redirect_chain_reports_every_hop_and_the_final_url(server):
    result = check(server.url("/chain/1"))
    assert result.result == "redirect" and not result.problem
    assert result.status == 200
    assert result.final_url == server.url("/ok")  # the fragment of the Location is dropped
    assert [(h.url, h.status, h.location) for h in result.hops] == [
        (server.url("/chain/1"), 301, server.url("/chain/2")),  # relative Location resolved
        (server.url("/chain/2"), 308, server.url("/ok")),
    ]


@pytest.mark.parametrize("path, status, reason", [("/missing", 404, "Not Found"), ("/error", 500, "Internal Server Error")])
def test_4xx_and_5xx_are_broken_after_a_get_retry(server, path, status, reason):
    result = check(server.url(path))
    assert (result.result, result.status, result.error_kind) == ("broken", status, "http")
    assert result.error == f"HTTP {status} {reason}"
    assert result.method == "GET" and result.problem
    assert server.record.methods(path) == ["HEAD", "GET"]


def test_head_405_falls_back_to_get(server):
    result = check(server.url("/head405"))
    assert (result.result, result.status, result.method) == ("ok", 200, "GET")
    assert server.record.methods("/head405") == ["HEAD", "GET"]


def test_connection_dropped_on_head_falls_back_to_get(server):
    result = check(server.url("/head-drop"))
    assert (result.result, result.status, result.method) == ("ok", 200, "GET")
    assert server.record.methods("/head-drop") == ["HEAD", "GET"]


def test_slow_answer_times_out_without_a_get_retry(server):
    result = check(server.url("/slow"))
    assert (result.result, result.error_kind, result.status) == ("error", "timeout", None)
    assert result.error == f"no answer from 127.0.0.1:{server.port} within 0.3 s"
    assert server.record.methods("/slow") == ["HEAD"]


def test_refused_connection(refused_url):
    result = check(refused_url)
    assert (result.result, result.error_kind, result.status, result.method) == ("error", "refused", None, None)
    assert result.error.startswith("connection refused by 127.0.0.1:")


def test_redirect_loop_is_detected(server):
    result = check(server.url("/loop/a"))
    assert (result.result, result.error_kind) == ("error", "redirect-loop")
    assert [h.location for h in result.hops] == [server.url("/loop/b"), server.url("/loop/a")]
    assert "redirect loop" in result.error
    assert server.record.methods("/loop/a") == ["HEAD"]  # not requested a second time


def test_too_many_redirects(server):
    result = check(server.url("/many/1"), CheckOptions(timeout=1, max_hops=3))
    assert (result.result, result.error_kind) == ("error", "too-many-redirects")
    assert result.error == "more than 3 redirects"
    assert len(result.hops) == 4 and len(server.record.requests) == 4


def test_redirect_without_location(server):
    result = check(server.url("/no-location"))
    assert (result.result, result.error_kind, result.status) == ("error", "bad-redirect", 302)


def test_redirect_to_a_location_with_control_characters_is_not_followed(server):
    result = check(server.url("/bad-location"))
    assert (result.result, result.error_kind, result.status) == ("error", "bad-redirect", 301)
    assert result.error == "301 redirect to a Location with control characters"
    assert result.hops == () and server.record.methods("/ok") == []


def test_failure_after_a_redirect_keeps_the_hop_and_names_the_failing_host(server, refused_url):
    result = check(server.url(f"/to?u={refused_url}"))
    assert (result.result, result.error_kind, result.status, result.method) == ("error", "refused", None, None)
    assert [h.location for h in result.hops] == [refused_url]
    assert refused_url.split("/")[2] in result.error


def test_redirect_to_another_scheme_is_not_followed(server):
    result = check(server.url("/to?u=ftp://files.example/x"))
    assert (result.result, result.error_kind) == ("error", "unsupported-scheme")
    assert result.error.startswith("redirect target: not an http(s) URL")
    assert (result.status, result.method) == (None, None)
    assert [(h.status, h.location) for h in result.hops] == [(301, "ftp://files.example/x")]


def test_non_http_url_is_reported_without_a_request():
    def no_connections(target, timeout):
        raise AssertionError("no request may be made")

    for url in ("mailto:someone@example.com", "ftp://files.example/x", "example.com/no-scheme"):
        result = check(url, connector=no_connections)
        assert (result.result, result.error_kind) == ("error", "unsupported-scheme"), url
        assert "not requested" in result.error


def test_tls_certificate_not_trusted(tls_server):
    result = check(tls_server.url("/ok"))
    assert (result.result, result.error_kind) == ("error", "tls")
    assert result.error.startswith(f"TLS certificate of 127.0.0.1:{tls_server.port} not trusted: ")
    assert "self-signed" in result.error or "self signed" in result.error


def test_https_to_a_plain_http_server_is_a_tls_error(server):
    result = check(server.url("/ok").replace("http://", "https://"))
    assert (result.result, result.error_kind) == ("error", "tls")
    assert result.error.startswith(f"TLS error with 127.0.0.1:{server.port}: ")


def test_https_works_when_the_certificate_is_trusted(tls_server):
    result = check(tls_server.url("/chain/1"), connector=DirectConnector(trusting_context()))
    assert (result.result, result.status, result.final_url) == ("redirect", 200, tls_server.url("/ok"))
    assert [h.location for h in result.hops] == [tls_server.url("/chain/2"), tls_server.url("/ok")]


def test_dns_failure_is_classified_without_resolving(monkeypatch):
    asked = []

    def no_dns(host, *args, **kwargs):
        asked.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    result = check("https://no-such-host.invalid/page")
    assert asked == ["no-such-host.invalid"]
    assert (result.result, result.error_kind, result.status) == ("error", "dns", None)
    assert result.error == "DNS lookup failed for no-such-host.invalid: Name or service not known"


def test_user_agent_names_so_explorer_and_its_version(server):
    check(server.url("/ok"))
    check(server.url("/missing"))
    assert server.record.user_agents == {default_user_agent()}
    assert default_user_agent().startswith(f"so-explorer/{__version__} ")


def test_reason_phrase_from_the_network_is_cleaned(server):
    result = check(server.url("/hostile"))
    assert result.error == "HTTP 404 Not Found"
    assert all(ch.isprintable() for ch in result.error)


def test_json_record_has_the_documented_keys_in_order(server):
    record = check(server.url("/chain/1")).as_json()
    assert list(record) == [
        "url", "result", "status", "final_url", "hops", "error", "error_kind", "method", "used_by", "elapsed_ms",
    ]
    assert list(record["hops"][0]) == ["url", "method", "status", "location"]
    assert isinstance(record["elapsed_ms"], int) and record["elapsed_ms"] >= 0
