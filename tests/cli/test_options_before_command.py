"""View options written before the command apply to it, or are refused: never dropped."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from explorer.cli import main
from explorer.tui.launch import terminal_problem
from tests.catalogs import MINI, ROOT


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--catalog", str(MINI), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def hit_platforms(out: str) -> set[str]:
    return {hit["platform"] for hit in json.loads(out)}


def test_env_before_search_filters_like_after(capsys):
    before = run(capsys, "--env", "cloud", "search", "soap", "--json")
    after = run(capsys, "search", "soap", "--json", "--env", "cloud")
    assert before == after
    assert before[0] == 1  # the SOAP point is onsite only: nothing matches in the cloud
    assert run(capsys, "search", "soap", "--json")[0] == 0


def test_platforms_before_search(capsys):
    code, out, _ = run(capsys, "--platforms", "beta", "search", "webhook", "--json")
    assert code == 0 and hit_platforms(out) == {"beta"}


def test_env_lists_combine(capsys):
    code, out, _ = run(capsys, "--env", "cloud", "export", "--format", "json", "--env", "onsite")
    assert code == 0
    assert json.loads(out)["filters"]["environments"] == ["cloud", "onsite"]


def test_query_and_differences_before_export(capsys):
    before = run(capsys, "--query", "web", "--differences", "export", "--format", "md")
    after = run(capsys, "export", "--format", "md", "--query", "web", "--differences")
    assert before[0] == 0 and before[1] == after[1]


@pytest.mark.parametrize(("argv", "message"), [
    (["--differences", "validate"], "--differences does not apply to 'validate'"),
    (["--query", "x", "search", "soap"], "--query does not apply to 'search'"),
    (["--env", "cloud", "bookmarks", "list"], "--env does not apply to 'bookmarks'"),
    (["--platforms", "alpha", "search", "soap", "--platforms", "beta"], "--platforms is given twice"),
])
def test_options_a_command_does_not_take_are_refused(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [f"so-explorer: {err.strip().removeprefix('so-explorer: ')}"]
    assert message in err


def test_terminal_problems_are_named():
    class Tty:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    assert terminal_problem({"TERM": "xterm-256color"}, Tty(True), Tty(True)) is None
    assert "TERM=dumb" in terminal_problem({"TERM": "dumb"}, Tty(True), Tty(True))
    assert "standard output is not a terminal" in terminal_problem({"TERM": "xterm"}, Tty(True), Tty(False))
    assert "standard input is not a terminal" in terminal_problem({"TERM": "xterm"}, Tty(False), Tty(True))


def test_the_app_refuses_a_dumb_terminal_in_one_line():
    env = {**os.environ, "TERM": "dumb"}
    result = subprocess.run([sys.executable, "-m", "explorer", "--catalog", str(MINI)], capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=60, stdin=subprocess.DEVNULL, check=False)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "TERM=dumb cannot draw a full-screen app" in lines[0]
    assert "\x1b" not in result.stderr
