"""``so-explorer links``: text and JSON output, options, exit codes, progress, Ctrl-C."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.cli import links_cmd, main
from explorer.core.links import CheckOptions, default_user_agent

ROOT = Path(__file__).parents[2]


def _load_links_server():
    """tests/unit/links/links_local_server.py, loaded by path (test folders are not packages)."""
    path = ROOT / "tests" / "unit" / "links" / "links_local_server.py"
    spec = importlib.util.spec_from_file_location("links_local_server_for_cli", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


links_server = _load_links_server()
# the fixtures this module uses (registered under their short names: server, make_catalog...)
server_fixture = links_server.server_fixture
refused_url_fixture = links_server.refused_url_fixture
make_catalog_fixture = links_server.make_catalog_fixture
link_catalog_path_fixture = links_server.link_catalog_path_fixture

KEYS = ["url", "result", "status", "final_url", "hops", "error", "error_kind", "method", "used_by", "elapsed_ms"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["links", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_lists_every_url_marks_problems_and_ends_with_a_summary(capsys, server, link_catalog_path, refused_url):
    code, out, err = run(capsys, "--catalog", link_catalog_path, "--timeout", "2")
    assert code == 1
    assert err == ""  # no progress bar when stderr is not a terminal
    lines = out.splitlines()
    assert lines[-1] == "7 URLs: 2 ok, 1 redirect, 2 broken, 2 errors"
    rows = {line.split()[-1]: line.split()[:2] for line in lines if line[:1].strip()}
    assert rows == {
        server.url("/head405"): ["ok", "200"],
        server.url("/ok"): ["ok", "200"],
        server.url("/chain/1"): ["redirect", "200"],
        server.url("/error"): ["BROKEN", "500"],
        server.url("/missing"): ["BROKEN", "404"],
        server.url("/loop/a"): ["ERROR", "302"],
        refused_url: ["ERROR", "-"],
        "errors": ["7", "URLs:"],
    }
    text = "\n".join(lines)
    assert f"301 → {server.url('/chain/2')}\n" in text and f"final: {server.url('/ok')}\n" in text
    assert "HTTP 404 Not Found\n" in text and "used by: platforms[local].lifecycle.source" in text
    assert "connection refused by 127.0.0.1:" in text
    # good news first, problems last, right above the summary
    order = [line.split()[0] for line in lines if line[:1].strip()][:-1]
    assert order == ["ok", "ok", "redirect", "BROKEN", "BROKEN", "ERROR", "ERROR"]


def test_json_has_one_record_per_url_with_stable_keys(capsys, server, link_catalog_path, refused_url):
    code, out, err = run(capsys, "--catalog", link_catalog_path, "--json", "--timeout", "2")
    assert code == 1 and err == ""
    records = json.loads(out)
    assert all(list(record) == KEYS for record in records)
    by_url = {r["url"]: r for r in records}
    assert len(records) == len(by_url) == 7
    assert {u: r["result"] for u, r in by_url.items()} == {
        server.url("/ok"): "ok",
        server.url("/head405"): "ok",
        server.url("/chain/1"): "redirect",
        server.url("/missing"): "broken",
        server.url("/error"): "broken",
        server.url("/loop/a"): "error",
        refused_url: "error",
    }
    chain = by_url[server.url("/chain/1")]
    assert chain["final_url"] == server.url("/ok") and [h["status"] for h in chain["hops"]] == [301, 308]
    assert by_url[server.url("/ok")]["used_by"] == [
        "platforms[local].sources", "points[webhooks].docs", "points[webhooks].source",
    ]
    assert by_url[server.url("/head405")]["method"] == "GET"
    assert by_url[refused_url]["error_kind"] == "refused" and by_url[refused_url]["status"] is None
    assert by_url[server.url("/loop/a")]["error_kind"] == "redirect-loop"
    assert len(out.splitlines()) == len(records) + 2  # "[", one record per line, "]"


def test_all_good_exits_0_with_head_then_get_and_a_named_user_agent(capsys, server, make_catalog):
    code, out, _ = run(capsys, "--catalog", make_catalog(server.url("/ok"), server.url("/head405")))
    assert code == 0
    assert out.splitlines()[-1] == "2 URLs: 2 ok, 0 redirects, 0 broken, 0 errors"
    assert server.record.methods("/head405") == ["HEAD", "GET"]
    assert server.record.methods("/ok") == ["HEAD"]  # used twice in the catalog, checked once
    assert server.record.user_agents == {default_user_agent()}


def test_redirects_alone_exit_0_unless_strict(capsys, server, make_catalog):
    catalog = make_catalog(server.url("/ok"), server.url("/chain/1"))
    assert run(capsys, "--catalog", catalog)[0] == 0
    code, out, _ = run(capsys, "--catalog", catalog, "--strict")
    assert code == 1 and out.splitlines()[-1] == "2 URLs: 1 ok, 1 redirect, 0 broken, 0 errors"


def test_slow_server_times_out(capsys, server, make_catalog):
    code, out, _ = run(capsys, "--catalog", make_catalog(server.url("/slow")), "--timeout", "0.3", "--json")
    assert code == 1
    [record] = json.loads(out)
    assert (record["result"], record["error_kind"]) == ("error", "timeout")
    assert record["error"].endswith("within 0.3 s")


@pytest.mark.parametrize("per_host", ["1", "2"])
def test_per_host_option_limits_requests_in_flight(capsys, server, make_catalog, per_host):
    server.record.busy_pair = int(per_host)
    catalog = make_catalog(server.url("/busy/0"), *(server.url(f"/busy/{n}") for n in range(1, 4)))
    code, _, _ = run(capsys, "--catalog", catalog, "--per-host", per_host, "--concurrency", "8")
    assert code == 0
    assert server.record.peak == int(per_host)


@pytest.mark.parametrize(
    "args, message",
    [
        (("--timeout", "0"), "--timeout must be more than 0 and at most 300 seconds, not 0"),
        (("--timeout", "soon"), "--timeout must be a number of seconds, not 'soon'"),
        (("--timeout", "nan"), "--timeout must be more than 0"),
        (("--timeout", "inf"), "--timeout must be more than 0"),
        (("--concurrency", "0"), "--concurrency must be from 1 to 64, not 0"),
        (("--concurrency", "lots"), "--concurrency must be a whole number, not 'lots'"),
        (("--concurrency", "65"), "--concurrency must be from 1 to 64, not 65"),
        (("--per-host", "0"), "--per-host must be from 1 to 16, not 0"),
    ],
)
def test_usage_errors_exit_2_with_one_line(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith(f"so-explorer: {message}") and err.count("\n") == 1


def test_bad_catalog_exits_2_with_the_catalog_messages(capsys, tmp_path):
    code, out, err = run(capsys, "--catalog", str(tmp_path / "nope.yaml"))
    assert code == 2 and out == ""
    assert "nope.yaml:1:1: no such file or folder" in err
    assert err.splitlines()[-1] == "so-explorer: the catalog has 1 problem; nothing was changed"


def test_ctrl_c_exits_130_quietly(capsys, monkeypatch, link_catalog_path):
    import explorer.core.links

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(explorer.core.links, "check_links", interrupted)
    assert run(capsys, "--catalog", link_catalog_path) == (130, "", "")


def test_a_catalog_without_urls_is_fine(capsys, monkeypatch, link_catalog_path):
    import explorer.core.links

    monkeypatch.setattr(explorer.core.links, "collect_urls", lambda catalog: [])
    assert run(capsys, "--catalog", link_catalog_path) == (0, "", "the catalog holds no URLs\n")
    assert run(capsys, "--catalog", link_catalog_path, "--json") == (0, "[]\n", "")


def test_progress_bar_on_a_terminal_only(capsys, monkeypatch, server, make_catalog):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code = main(["links", "--catalog", make_catalog(server.url("/ok"), server.url("/missing")), "--json"])
    assert code == 1
    drawn = terminal.getvalue()
    assert "\r" in drawn and "2/2 URLs, 1 problem" in drawn
    assert drawn.endswith("\r") and drawn.rsplit("\r", 2)[-2].strip() == ""  # erased at the end
    assert len(json.loads(capsys.readouterr().out)) == 2  # stdout holds only the JSON


def test_cli_defaults_match_the_core():
    core = CheckOptions()
    assert (links_cmd.DEFAULT_TIMEOUT, links_cmd.DEFAULT_CONCURRENCY, links_cmd.DEFAULT_PER_HOST) == (
        core.timeout, core.concurrency, core.per_host,
    )


def test_help_lists_the_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "links" in capsys.readouterr().out


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_subprocess_json_run(server, link_catalog_path):
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "links", "--catalog", link_catalog_path, "--json", "--timeout", "2"],
        capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=60, check=False,
    )
    assert result.returncode == 1 and result.stderr == ""
    records = json.loads(result.stdout)
    assert sorted(r["result"] for r in records) == ["broken", "broken", "error", "error", "ok", "ok", "redirect"]


@pytest.mark.skipif(os.name != "posix", reason="SIGINT as Ctrl-C sends it")
def test_subprocess_ctrl_c_exits_130_without_a_traceback(server, make_catalog):
    catalog = make_catalog(server.url("/slow"), server.url("/slow?again"))
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer", "links", "--catalog", catalog, "--timeout", "30"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=_env(),
    )
    try:
        for _ in range(500):  # until the first request is in flight (at most ~10 s)
            if server.record.requests or process.poll() is not None:
                break
            time.sleep(0.02)
        assert server.record.requests, "the command never reached the server"
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130
    assert (out, err) == ("", "")
