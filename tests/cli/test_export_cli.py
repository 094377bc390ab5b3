"""``so-explorer export``: formats, scopes, exit codes, overwriting, reproducible output."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core.bookmarks import BookmarkStore
from tests.catalogs import FIXTURES, MINI

CATALOG = ["--catalog", str(MINI)]
EPOCH = "1795000000"


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def export(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, bytes, str]:
    code = main(["export", *CATALOG, *args])
    out, err = capsysbinary.readouterr()
    return code, out, err.decode()


@pytest.mark.parametrize("name, fmt", [("r.md", "md"), ("r.markdown", "md"), ("r.csv", "csv"),
                                       ("r.json", "json"), ("r.HTML", "html"), ("r.htm", "html")])
def test_format_follows_the_extension(tmp_path: Path, capsysbinary, name: str, fmt: str) -> None:
    target = tmp_path / name
    code, out, err = export(capsysbinary, "-o", str(target))
    assert code == 0 and err == ""
    assert out.decode().startswith(f"wrote {target.resolve()} (")
    code, stdout, _ = export(capsysbinary, "--format", fmt)
    assert code == 0
    assert target.read_bytes() == stdout  # file and stdout hold the same bytes


def test_stdout_needs_a_format(capsysbinary) -> None:
    code, out, err = export(capsysbinary)
    assert code == 2 and out == b""
    assert err.startswith("so-explorer: --format is needed") and err.count("\n") == 1
    code, out, _ = export(capsysbinary, "-o", "-", "-f", "json")
    assert code == 0 and json.loads(out)["scope"] == "view"


def test_unknown_extension_is_a_usage_error(tmp_path: Path, capsysbinary) -> None:
    code, _, err = export(capsysbinary, "-o", str(tmp_path / "r.txt"))
    assert code == 2 and "cannot tell the format" in err
    assert not (tmp_path / "r.txt").exists()
    code, _, _ = export(capsysbinary, "-o", str(tmp_path / "r.txt"), "-f", "md")
    assert code == 0 and (tmp_path / "r.txt").read_text().startswith("# Integration comparison")


def test_overwrite_needs_force(tmp_path: Path, capsysbinary) -> None:
    target = tmp_path / "r.md"
    target.write_text("keep me")
    code, _, err = export(capsysbinary, "-o", str(target))
    assert code == 2 and "already exists; use --force" in err
    assert target.read_text() == "keep me"
    code, _, _ = export(capsysbinary, "-o", str(target), "--force")
    assert code == 0 and target.read_text().startswith("# Integration comparison")


def test_nothing_matched_exits_1_and_writes_nothing(tmp_path: Path, capsysbinary) -> None:
    target = tmp_path / "r.csv"
    code, out, err = export(capsysbinary, "-o", str(target), "--query", "zzzzqqq")
    assert code == 1 and out == b""
    assert err == "so-explorer: nothing matched: the query 'zzzzqqq' shows no rows " \
        "(environments: cloud + onsite; clients: win + web); nothing was written\n"
    assert not target.exists()


def test_io_error_is_one_line_exit_2(tmp_path: Path, capsysbinary) -> None:
    target = tmp_path / "missing" / "r.md"
    code, _, err = export(capsysbinary, "-o", str(target))
    assert code == 2
    assert err.startswith(f"so-explorer: cannot write {target}: ") and err.count("\n") == 1


def test_scope_options_that_clash(capsysbinary) -> None:
    code, _, err = export(capsysbinary, "-f", "md", "--all", "--query", "rest", "--env", "cloud")
    assert code == 2 and "--all takes no filters or query (--query, --env given)" in err
    code, _, err = export(capsysbinary, "-f", "md", "--shortlist", "x", "--differences")
    assert code == 2 and "--shortlist takes no --differences" in err
    with pytest.raises(SystemExit) as exc:
        main(["export", "-f", "md", "--all", "--shortlist", "x"])
    assert exc.value.code == 2


def test_view_options_shape_the_report(capsysbinary) -> None:
    code, out, _ = export(capsysbinary, "-f", "json", "--platforms", "gamma,alpha", "--env", "onsite",
                          "--query", "rest", "--differences")
    assert code == 0
    doc = json.loads(out)
    assert [p["id"] for p in doc["platforms"]] == ["gamma", "alpha"]
    assert doc["filters"]["environments"] == ["onsite"]
    assert doc["query"] == "rest" and doc["differences_only"] is True
    rows = [r["capability"]["id"] for g in doc["groups"] for r in g["rows"]]
    assert rows == ["api"]
    code, _, err = export(capsysbinary, "-f", "md", "--platforms", "nope")
    assert code == 2 and "unknown platform 'nope'" in err


def test_differences_leave_out_platforms_the_filters_dim(capsysbinary) -> None:
    """Issue 13 item 4: under cloud, alpha (onsite only) is no longer "different" on every row."""
    code, out, _ = export(capsysbinary, "-f", "json", "--env", "cloud", "--differences")
    assert code == 0
    doc = json.loads(out)
    rows = [r["capability"]["id"] for g in doc["groups"] for r in g["rows"]]
    assert "hooks" not in rows  # beta and gamma both have webhooks; alpha is filtered out
    assert [(p["id"], p["compared"]) for p in doc["platforms"]] == [("alpha", False), ("beta", True), ("gamma", True)]
    code, out, _ = export(capsysbinary, "-f", "json", "--env", "cloud")
    groups = {g["outcome"]: [r["capability"]["id"] for r in g["rows"]] for g in json.loads(out)["groups"]}
    assert groups["all"] == ["hooks"]


def test_title_is_the_heading(capsysbinary) -> None:
    """Issue 13 item 19: --title is the heading, plain text in every format."""
    title = "Acme | <b>offer</b> \x1b[31m`x`"
    code, out, err = export(capsysbinary, "-f", "md", "--all", "--title", title)
    assert code == 0, err
    assert out.decode().split("\n")[0] == "# Acme \\| \\<b\\>offer\\</b\\> \\`x\\`"
    code, out, _ = export(capsysbinary, "-f", "html", "--title", title)
    assert code == 0 and b"<h1>Acme | &lt;b&gt;offer&lt;/b&gt; `x`</h1>" in out and b"\x1b" not in out
    code, out, _ = export(capsysbinary, "-f", "json", "--title", "Acme")
    assert json.loads(out)["title"] == "Acme"
    code, out, _ = export(capsysbinary, "-f", "json")
    assert json.loads(out)["title"] == "Integration comparison: Mini test catalog"


@pytest.mark.parametrize("title, message", [("  ", "--title is empty"), ("x" * 201, "at most 200")])
def test_bad_title_is_a_usage_error(capsysbinary, title: str, message: str) -> None:
    code, out, err = export(capsysbinary, "-f", "md", "--title", title)
    assert code == 2 and out == b"" and message in err and err.count("\n") == 1


def test_all_scope_has_every_row(capsysbinary) -> None:
    code, out, _ = export(capsysbinary, "-f", "json", "--all")
    doc = json.loads(out)
    assert code == 0 and doc["scope"] == "all"
    assert sum(len(g["rows"]) for g in doc["groups"]) == 4


def test_shortlist_scope(tmp_config: Path, capsysbinary) -> None:
    store, _ = BookmarkStore.open(tmp_config)
    store.add("gamma.rest", "gamma", "check the OData limits")
    store.create_shortlist("Empty one")
    assert store.save()
    code, out, err = export(capsysbinary, "-f", "csv", "--shortlist", "default")
    assert code == 0, err
    lines = out.decode().splitlines()
    assert len(lines) == 2 and lines[1].endswith(",check the OData limits")
    code, _, err = export(capsysbinary, "-f", "csv", "--shortlist", "Empty one")
    assert code == 1 and "has no bookmarks" in err
    code, _, err = export(capsysbinary, "-f", "csv", "--shortlist", "nope")
    assert code == 2 and "no shortlist named 'nope'; shortlists: Default, Empty one" in err


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "html"])
def test_source_date_epoch_makes_exports_identical(tmp_path: Path, capsysbinary, fmt: str) -> None:
    one, two = tmp_path / f"one.{fmt}", tmp_path / f"two.{fmt}"
    assert export(capsysbinary, "-o", str(one))[0] == 0
    assert export(capsysbinary, "-o", str(two))[0] == 0
    assert one.read_bytes() == two.read_bytes()
    assert b"2026-11-18T11:06:40Z" in one.read_bytes() or fmt in ("csv", "md")
    assert b"2026-11-18 11:06 UTC" in one.read_bytes() or fmt in ("csv", "json")


def test_without_source_date_epoch_only_the_time_differs(monkeypatch, capsysbinary) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    stamp = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
    _, first, _ = export(capsysbinary, "-f", "html", "--all")
    _, second, _ = export(capsysbinary, "-f", "html", "--all")
    assert stamp.search(first)
    assert stamp.sub(b"T", first) == stamp.sub(b"T", second)


def test_bad_source_date_epoch_is_a_usage_error(monkeypatch, capsysbinary) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "tomorrow")
    code, _, err = export(capsysbinary, "-f", "md")
    assert code == 2 and "SOURCE_DATE_EPOCH must be a whole number" in err


def test_real_process_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    base = [sys.executable, "-m", "explorer", "export", "--catalog", str(FIXTURES / "hostile_report.yaml")]
    ok = subprocess.run([*base, "-f", "csv", "--all"], capture_output=True, check=False)
    assert ok.returncode == 0 and ok.stdout.startswith(b"capability_id,") and ok.stderr == b""
    bad = subprocess.run([*base, "-o", str(tmp_path / "no" / "r.html")], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1
    none = subprocess.run([*base, "-f", "md", "--query", "zzzzqqq"], capture_output=True, text=True, check=False)
    assert none.returncode == 1 and none.stdout == ""
