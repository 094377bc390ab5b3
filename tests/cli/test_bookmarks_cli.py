"""``so-explorer bookmarks list|add|remove``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from explorer.cli import main
from explorer.core.bookmarks import FILE_NAME, BookmarkStore
from tests.catalogs import MINI as CATALOG_MINI
from tests.catalogs import ROOT

MINI = str(CATALOG_MINI)
FIXTURES = ROOT / "tests" / "unit" / "bookmarks" / "fixtures" / "bookmarks"


@pytest.fixture
def run(tmp_path, capsys):
    folder = tmp_path / "cfg"

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--catalog", MINI, "--config-dir", str(folder), "bookmarks", *args])
        out, err = capsys.readouterr()
        return code, out, err

    run.folder = folder
    run.file = folder / FILE_NAME
    return run


def test_add_list_remove(run):
    assert run("add", "gamma.rest", "--platform", "gamma", "--note", "check OData")[0] == 0
    assert run("add", "alpha.events", "-p", "alpha")[0] == 0
    code, out, _ = run("add", "gamma.soap", "-p", "gamma", "--shortlist", "Legacy")
    assert code == 0 and "new shortlist" in out

    code, out, err = run("list")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Default (active): 2 bookmarks"
    assert lines[1] == "  Alpha desktop [--platform alpha]"
    assert lines[2].split() == ["alpha.events", "Event", "subscriptions", "✓", "available", "(onsite;", "win)"]
    assert lines[3] == "  Gamma services [--platform gamma]"
    assert "gamma.rest" in lines[4] and "✓ available" in lines[4] and lines[4].endswith("note: check OData")
    assert "Legacy: 1 bookmark" in lines and any("◐ partial" in line for line in lines)

    code, out, _ = run("remove", "gamma.rest", "--platform", "gamma")
    assert code == 0 and "removed gamma.rest" in out
    store, _ = BookmarkStore.open(run.folder)
    assert set(store.keys()) == {("alpha.events", "alpha")}
    assert set(store.keys("legacy")) == {("gamma.soap", "gamma")}


def test_options_work_after_the_action(run, tmp_path, capsys):
    other = tmp_path / "other"
    assert main(["bookmarks", "add", "gamma.rest", "-p", "gamma", "--catalog", MINI, "--config-dir", str(other)]) == 0
    assert (other / FILE_NAME).is_file() and not run.file.exists()


def test_adding_again_with_a_note_sets_the_note(run):
    run("add", "gamma.rest", "-p", "gamma")
    before = run.file.read_bytes()
    code, out, _ = run("add", "gamma.rest", "-p", "gamma")
    assert code == 0 and "already bookmarked" in out and run.file.read_bytes() == before
    code, out, _ = run("add", "gamma.rest", "-p", "gamma", "--note", "now with a note")
    assert code == 0 and "updated the note" in out
    store, _ = BookmarkStore.open(run.folder)
    assert store.get("gamma.rest", "gamma").note == "now with a note"


@pytest.mark.parametrize(
    "args, message",
    [
        (("add", "gamma.rst", "-p", "gamma"), "unknown point id 'gamma.rst'; did you mean gamma.rest"),
        (("add", "gamma.rest", "-p", "delta"), "unknown platform 'delta'; platforms: alpha, beta, gamma"),
        (("add", "gamma.rest", "-p", "beta"), "gamma.rest is not available on beta; it is on: gamma"),
        (("add", "gamma.webhooks", "-p", "alpha"), "gamma.webhooks is not available on alpha"),
        (("add", "gamma.rest", "-p", "gamma", "--note", "x" * 2001), "a note can have at most 2000"),
        (("remove", "gamma.rest", "-p", "gamma"), "gamma.rest on gamma is not bookmarked in 'Default'"),
        (("remove", "nope", "-p", "gamma"), "not bookmarked in 'Default'; unknown point id 'nope'"),
        (("remove", "alpha.events", "-p", "alpha", "--shortlist", "Nope"), "no shortlist called 'Nope'"),
        (("add", "alpha.events", "-p", "alpha", "--shortlist", "x" * 61), "at most 60 characters"),
    ],
)
def test_refusals_exit_1_and_leave_the_file_untouched(run, args, message):
    run("add", "alpha.events", "-p", "alpha", "--note", "keep me")
    before = run.file.read_bytes()
    code, out, err = run(*args)
    assert code == 1 and out == ""
    assert err.startswith("so-explorer: ") and message in err and err.rstrip().endswith("(nothing was changed)")
    assert len(err.strip().splitlines()) == 1
    assert run.file.read_bytes() == before


def test_a_refused_add_creates_nothing(run):
    assert run("add", "nope", "-p", "gamma")[0] == 1
    assert not run.folder.exists()


def test_a_bookmark_that_left_the_catalog_is_listed_and_removable(run):
    run.folder.mkdir()
    run.file.write_bytes((FIXTURES / "hand_written.yaml").read_bytes())
    code, out, _ = run("list", "--shortlist", "research")
    assert code == 0
    (line,) = [line for line in out.splitlines() if "gone.point" in line]
    assert "missing from catalog" in line and "note: removed from the catalog since" in line
    data = json.loads(run("list", "--json")[1])
    (entry,) = [b for b in data["shortlists"][0]["bookmarks"] if b["point"] == "gone.point"]
    assert entry["missing"] is True and entry["status"] is None and entry["point_name"] is None
    assert run("remove", "gone.point", "-p", "gamma")[0] == 0
    assert "gone.point" not in run.file.read_text()


def test_json_is_stable(run):
    run("add", "gamma.rest", "-p", "gamma", "--note", "n1")
    run("add", "gamma.webhooks", "-p", "beta")
    run("add", "alpha.events", "-p", "alpha")
    first = run("list", "--json")[1]
    assert first == run("list", "--json")[1]
    data = json.loads(first)
    assert list(data) == ["version", "file", "active", "shortlists"]
    assert data["version"] == 1 and data["active"] == "Default"
    (shortlist,) = data["shortlists"]
    assert list(shortlist) == ["name", "created", "active", "bookmarks"]
    # grouped by platform in catalog order
    assert [(b["platform"], b["point"]) for b in shortlist["bookmarks"]] == [
        ("alpha", "alpha.events"), ("beta", "gamma.webhooks"), ("gamma", "gamma.rest"),
    ]
    rest = shortlist["bookmarks"][2]
    assert list(rest) == [
        "point", "platform", "note", "added", "missing", "point_name", "platform_name",
        "status", "environments", "clients",
    ]
    assert rest["status"] == "available" and rest["note"] == "n1" and rest["platform_name"] == "Gamma services"


def test_list_of_an_unknown_shortlist(run):
    code, out, err = run("list", "--shortlist", "Nope")
    assert code == 1 and out == "" and "no shortlist called 'Nope'; shortlists: Default" in err


def test_a_corrupt_file_is_reported_on_stderr(run):
    run.folder.mkdir()
    run.file.write_bytes((FIXTURES / "bad_yaml.yaml").read_bytes())
    code, out, err = run("list", "--json")
    assert code == 0 and json.loads(out)["shortlists"][0]["bookmarks"] == []
    (moved,) = run.folder.glob(f"{FILE_NAME}.corrupt-*")
    assert err.startswith("so-explorer: warning: ") and str(moved) in err
    assert moved.read_bytes() == (FIXTURES / "bad_yaml.yaml").read_bytes()


def test_an_unusable_config_folder_refuses_to_add(run):
    run.folder.write_text("a file, not a folder")
    code, _out, err = run("add", "gamma.rest", "-p", "gamma")
    assert code == 1 and "will not be saved" in err and "nothing was changed" in err
    assert run.folder.read_text() == "a file, not a folder"


def test_an_action_is_required(run):
    with pytest.raises(SystemExit) as exc:
        run()
    assert exc.value.code == 2


def test_bookmarks_commands_do_not_load_textual(tmp_path):
    code = (
        "import sys\n"
        "from explorer.cli import main\n"
        f"rc = main(['--catalog', {MINI!r}, '--config-dir', {str(tmp_path)!r}, 'bookmarks', 'list'])\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', rc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "CLEAN 0"


def test_adding_where_availability_is_unknown_warns(tmp_path, capsys):
    """Issue 13 item 18: unknown is never "no", so the bookmark is made, with a warning."""
    catalog = tmp_path / "mini.yaml"
    text = CATALOG_MINI.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace("      gamma: {status: available}\n  - id: gamma.soap",
                     "      gamma: {status: available}\n      beta: {status: unknown, note: The docs are silent.}\n"
                     "  - id: gamma.soap"),
        encoding="utf-8",
    )
    folder = str(tmp_path / "cfg")
    code = main(["--catalog", str(catalog), "--config-dir", folder, "bookmarks", "add", "gamma.rest", "-p", "beta"])
    out, err = capsys.readouterr()
    assert code == 0 and "bookmarked gamma.rest on beta" in out
    assert err == ("so-explorer: warning: the catalog does not say whether gamma.rest is available on beta "
                   "(The docs are silent.); it is bookmarked anyway\n")
    code = main(["--catalog", str(catalog), "--config-dir", folder, "bookmarks", "add", "gamma.rest", "-p", "gamma"])
    assert code == 0 and capsys.readouterr().err == ""  # available: no warning
