"""``so-explorer recommend``: text, JSON, reports, exit codes and every bad input as one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core.model import NEEDS
from tests.catalogs import FIXTURES, ROOT, SHOP

EPOCH = "1795000000"
SHOP_ARGS = ["--catalog", str(SHOP)]
OPTION_KEYS = ["rank", "need", "fit", "point", "platform", "capability", "reasons", "caveats", "lifecycle",
               "requires", "docs"]


@pytest.fixture(autouse=True)
def _fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("COLUMNS", "100")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["recommend", *args])
    out, err = capsys.readouterr()
    return code, out, err


def shop(capsys, *args: str) -> tuple[int, str, str]:
    return run(capsys, *SHOP_ARGS, *args)


# --- output ---------------------------------------------------------------------------------


def test_text_is_a_table_per_need_then_reasons_and_exclusions(capsys) -> None:
    code, out, err = shop(capsys, "--need", "events", "--need", "ui", "--env", "cloud", "--client", "web")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Which approach fits? cloud · web client · every platform · licences not said"
    events = lines.index("be told when data changes (events): 2 options, 2 excluded")
    assert lines[events + 1].split() == ["#", "FIT", "OPTION", "PLATFORM", "RUNS"]
    assert lines[events + 2].split()[:5] == ["1", "★", "recommended", "Webhooks", "Cloud"]
    assert lines[events + 3].split()[:5] == ["2", "◐", "possible", "Script", "handlers"]
    assert "     ✗ possible: only partly available on Cloud" in lines
    assert "     ☐ needs Developer licence (or Core plan): check that the customer has it" in lines
    assert "     ⚠ Fire-and-forget." in lines
    assert "    ✗ Desk event listeners (Desk) — onsite only, win client only" in lines
    assert "show our data inside SuperOffice (ui): 3 options, 1 excluded" in lines


def test_limit_shows_fewer_options_and_says_how_many_more(capsys) -> None:
    code, out, _ = shop(capsys, "--need", "ui", "--env", "cloud", "--limit", "1")
    assert code == 0
    assert "  2 more options not shown; --limit 0 shows every one." in out.splitlines()
    code, out, _ = shop(capsys, "--need", "ui", "--env", "cloud", "--limit", "0")
    assert "more option" not in out


def test_json_has_the_documented_shape_in_rank_order(capsys) -> None:
    code, out, err = shop(capsys, "--need", "events", "--env", "cloud", "--client", "web", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["needs", "filters", "options", "excluded", "undocumented"]
    assert data["needs"] == [{"id": "events", "label": NEEDS["events"], "fits": True, "options": 2, "shown": 2,
                              "excluded": 2, "undocumented": 0}]
    assert data["filters"] == {"environments": ["cloud"], "clients": ["web"], "platforms": [], "has": None,
                               "limit": 5}
    first, second = data["options"]
    assert list(first)[: len(OPTION_KEYS)] == OPTION_KEYS
    assert (first["rank"], first["fit"], first["point"], first["platform"]) == (
        1, "recommended", {"id": "api.hooks", "name": "Webhooks"}, "cloud")
    assert first["requires"][1] == {
        "id": "app", "or": [], "name": "Registered app", "kind": "on-request", "state": "check", "where": "cloud",
        "note": "Every cloud app is registered.", "source": {"title": "Docs", "url": "https://example.com/docs"},
    }
    assert first["docs"] == [{"title": "Webhooks", "url": "https://example.com/hooks"}]
    assert second["rank"] == 2 and second["fit"] == "possible"
    desk = next(e for e in data["excluded"] if e["point"]["id"] == "desk.events")
    assert desk == {
        "point": {"id": "desk.events", "name": "Desk event listeners"}, "platform": "desk", "need": "events",
        "why": "onsite only, win client only", "details": [{"platform": "Desk", "reason": "onsite only, win client only"}],
    }
    assert [e["point"]["id"] for e in data["excluded"]] == ["webon.script", "desk.events"], "catalog order"


def test_has_is_matched_by_id_or_alternative(capsys) -> None:
    _, out, _ = shop(capsys, "--need", "events", "--env", "cloud", "--has", "coreplan", "--json")
    hooks = json.loads(out)["options"]
    hooks = next(o for o in hooks if o["point"]["id"] == "api.hooks")
    assert [r["state"] for r in hooks["requires"]] == ["met", "missing"] and hooks["fit"] == "possible"


def test_nothing_fits_exits_1_and_says_so(capsys) -> None:
    code, out, err = shop(capsys, "--need", "erp")
    assert code == 1
    assert err.startswith("so-explorer: nothing fits erp for this customer") and err.count("\n") == 1
    assert "Nothing in the catalog fits this need for this customer." in out


# --- reports --------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "start"), [("r.md", "# Acme"), ("r.html", "<!doctype html>"), ("r.json", "{")])
def test_report_formats_follow_the_extension(tmp_path: Path, capsys, name: str, start: str) -> None:
    target = tmp_path / name
    code, out, err = shop(capsys, "--need", "events", "--env", "cloud", "-o", str(target), "--title", "Acme")
    assert code == 0 and err == ""
    assert out.startswith(f"wrote {target.resolve()} (") and out.count("\n") == 1
    assert target.read_text(encoding="utf-8").startswith(start)
    fmt = name.split(".")[1]
    code, stdout, _ = shop(capsys, "--need", "events", "--env", "cloud", "-o", "-", "-f", fmt, "--title", "Acme")
    assert code == 0 and stdout == target.read_text(encoding="utf-8")


def test_an_existing_file_needs_force(tmp_path: Path, capsys) -> None:
    target = tmp_path / "r.md"
    target.write_text("keep")
    code, out, err = shop(capsys, "--need", "events", "-o", str(target))
    assert code == 2 and out == ""
    assert err == f"so-explorer: {target} already exists; use --force to overwrite it\n"
    assert target.read_text() == "keep"
    code, _, _ = shop(capsys, "--need", "events", "-o", str(target), "--force")
    assert code == 0 and target.read_text().startswith("# Which integration approach fits?")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--need", "event"], "unknown need 'event'; did you mean 'events'? needs: " + ", ".join(NEEDS)),
        (["--need", "ui", "--has", "devtool"], ("unknown requirement 'devtool'; did you mean 'devtools'? "
                                                "requirements: devtools, coreplan, app, admin, ver")),
        (["--need", "ui", "--platforms", "desk,nope"], "unknown platform 'nope'"),
        (["--need", "ui", "--platforms", ","], "--platforms names no platform"),
        (["--env", "cloud"], "name at least one need; needs: ui, action"),
        (["--need", "ui", "--limit", "many"], "--limit must be a whole number, not 'many'"),
        (["--need", "ui", "--limit", "-1"], "--limit must be 0 (no limit) or more, not -1"),
        (["--need", "ui", "-o", "r.csv"], "cannot tell a recommendation report format from 'r.csv'"),
        (["--need", "ui", "-o", "-"], "--format is needed when writing the report to standard output"),
        (["--need", "ui", "--json", "-o", "r.json"], "--json prints to standard output"),
        (["--need", "ui", "--format", "md"], "--format goes with -o FILE"),
        (["--need", "ui", "--force"], "--force goes with -o FILE"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, args: list[str], message: str) -> None:
    code, out, err = shop(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith(f"so-explorer: {message}") and err.count("\n") == 1


@pytest.mark.parametrize(("flag", "value"), [("--env", "clod"), ("--client", "windows"), ("--format", "csv")])
def test_bad_choices_are_usage_errors(capsys, flag: str, value: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["recommend", *SHOP_ARGS, "--need", "ui", flag, value, "-o", "-"])
    assert exit_.value.code == 2
    assert f"invalid choice: '{value}'" in capsys.readouterr().err


def test_a_catalog_without_needs_data_exits_1_naming_its_capabilities(capsys) -> None:
    code, out, err = run(capsys, "--catalog", str(FIXTURES / "five_panes.yaml"), "--need", "events")
    assert code == 1 and out == ""
    assert err.startswith("so-explorer: the catalog has no needs data, so nothing can be recommended; "
                          "add 'needs:' to its capabilities (panels, hooks")
    assert err.count("\n") == 1


def test_no_traceback_from_the_command_line() -> None:
    for args in (["--need", "nope"], ["--catalog", str(FIXTURES / "five_panes.yaml"), "--need", "ui"],
                 ["--need", "ui", "--limit", "x"]):
        result = subprocess.run([sys.executable, "-m", "explorer", "recommend", *args],
                                capture_output=True, text=True, cwd=ROOT, check=False)
        assert result.returncode in (1, 2)
        assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_the_bundled_catalog_answers_the_issues_question(capsys) -> None:
    code, out, _ = run(capsys, "--need", "events", "--need", "ui", "--env", "cloud", "--client", "web", "--json")
    assert code == 0
    options = json.loads(out)["options"]
    assert options[0]["point"]["id"] == "netserver.webhooks" and options[0]["platform"] == "online"
    ui = [o["point"]["id"] for o in options if o["need"] == "ui"]
    assert "online.web-panels" in ui[:2]


def test_view_options_before_the_subcommand_work_as_after_it(capsys) -> None:
    after = run(capsys, *SHOP_ARGS, "--need", "events", "--env", "cloud", "--client", "web", "--platforms", "api,cloud")
    code = main([*SHOP_ARGS, "--env", "cloud", "--client", "web", "--platforms", "api,cloud",
                 "recommend", "--need", "events"])
    out, err = capsys.readouterr()
    assert (code, out, err) == after
    assert after[1].startswith("Which approach fits? cloud · web client · platforms api, cloud")


@pytest.mark.parametrize("option", [["--query", "hooks"], ["--differences"]])
def test_view_options_recommend_does_not_take_are_refused_before_it(capsys, option: list[str]) -> None:
    code = main([*SHOP_ARGS, *option, "recommend", "--need", "events"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == f"so-explorer: {option[0]} does not apply to 'recommend'\n"
