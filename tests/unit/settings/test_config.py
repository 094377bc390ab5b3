"""config.yaml: reading good and bad files, and saving without losing the user's data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from explorer.core.settings.config import (
    Config,
    config_path,
    known_platforms,
    load_config,
    save_config,
    summary,
)

FIXTURES = Path(__file__).parent / "fixtures" / "config"
THEMES = ["nord", "dracula", "textual-dark"]
BINDINGS = ["toggle-cloud", "help", "quit"]
PLATFORMS = ["alpha", "beta", "gamma"]


def load(name: str, **kw):
    kw.setdefault("themes", THEMES)
    kw.setdefault("binding_ids", BINDINGS)
    kw.setdefault("platform_ids", PLATFORMS)
    return load_config(FIXTURES / name, **kw)


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / "config.yaml"
    shutil.copyfile(FIXTURES / name, target)
    return target


def test_missing_file_is_the_default_without_warnings(tmp_path):
    assert load_config(tmp_path / "config.yaml") == (Config(), [])


def test_config_path_honours_override_and_env(tmp_path, monkeypatch):
    assert config_path(tmp_path) == tmp_path / "config.yaml"
    monkeypatch.setenv("SO_EXPLORER_CONFIG_DIR", str(tmp_path / "env"))
    assert config_path(None) == tmp_path / "env" / "config.yaml"


def test_good_file():
    config, warnings = load("good.yaml")
    assert warnings == []
    assert config.theme == "nord"
    assert config.keymap == {"toggle-cloud": "c", "quit": "q,ctrl+q,f10"}
    assert config.environments == ("cloud",)
    assert config.clients == ("web",)
    assert config.platforms == ("gamma", "alpha")
    assert not config.corrupt


@pytest.mark.parametrize("name", ["empty.yaml"])
def test_blank_file_is_the_default(name):
    assert load(name) == (Config(), [])


def test_bom_is_accepted():
    config, warnings = load("bom.yaml")
    assert config.theme == "dracula" and warnings == []


@pytest.mark.parametrize(
    ("name", "line", "reason"),
    [
        ("not_yaml.yaml", 3, "YAML syntax"),
        ("binary.yaml", 2, "not UTF-8"),
        ("list_top.yaml", 1, "expected a mapping of settings, found a list"),
        ("escapes.yaml", 1, "a control character (U+001B)"),
    ],
)
def test_unreadable_file_gives_defaults_and_one_warning(name, line, reason):
    config, warnings = load(name)
    assert config == Config(corrupt=True, ignored=True)
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{FIXTURES / name}, line {line}: file: ")
    assert reason in warnings[0]
    assert "\x1b" not in warnings[0] and "\x00" not in warnings[0]


def test_wrong_types_are_ignored_one_warning_each():
    config, warnings = load("wrong_types.yaml")
    assert config == Config()
    assert [w.split(": ")[1] for w in warnings] == ["theme", "keymap", "filters", "platforms"]
    assert "line 2: theme: expected a theme name, found a number" in warnings[0]


def test_bad_values_keep_the_good_parts():
    config, warnings = load("bad_values.yaml")
    assert config.theme is None
    assert config.keymap == {"toggle-cloud": "c"}
    assert config.environments == ("cloud",)
    assert config.clients is None  # an empty list means "all clients"
    assert config.platforms == ("gamma", "alpha")
    text = "\n".join(warnings)
    for expected in [
        "line 4: colour: unknown setting",
        "line 3: theme: unknown theme 'no-such-theme'",
        "line 7: keymap.toggle-clod: unknown binding id",
        "line 8: keymap.help: expected keys",
        "line 9: keymap.quit: 'q, ctrl q' is not a comma-separated list of keys",
        "line 13: filters.kinds: unknown filter",
        "line 11: filters.environments: unknown value 'moon'",
        "line 12: filters.clients: names no known value",
        "line 14: platforms: no platform 'nope' in this catalog",
        "line 14: platforms: 'gamma' is listed twice",
        "line 14: platforms: expected a platform id, found a number",
    ]:
        assert expected in text
    assert len(warnings) == 11


def test_checks_are_skipped_when_the_known_values_are_not_given():
    config, warnings = load_config(FIXTURES / "bad_values.yaml")
    assert config.theme == "no-such-theme"
    assert config.platforms == ("gamma", "nope", "alpha")
    assert not any("unknown theme" in w or "nope" in w for w in warnings)
    # binding ids are core data: always checked
    assert "toggle-clod" not in config.keymap and any("toggle-clod" in w for w in warnings)


@pytest.mark.parametrize("keys", ["nonsense+key+", "ctrl+", "bogus", "ctrl+nokey", "shift+"])
def test_invalid_key_names_are_config_problems_and_the_default_stays(tmp_path, keys):
    path = tmp_path / "config.yaml"
    path.write_text(f"keymap:\n  toggle-web: \"{keys}\"\n")
    config, warnings = load_config(path)
    assert "toggle-web" not in config.keymap
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}, line 2: keymap.toggle-web: ")
    assert "the default keys stay" in warnings[0]


def test_known_platforms_drops_unknown_ids():
    config, _ = load_config(FIXTURES / "good.yaml")
    narrowed, warnings = known_platforms(config, ["alpha", "beta"], file="config.yaml")
    assert narrowed.platforms == ("alpha",)
    assert warnings == ["config.yaml: platforms: no platform 'gamma' in this catalog (known: alpha, beta); ignored"]
    none_left, warnings = known_platforms(config, ["beta"])
    assert none_left.platforms is None and len(warnings) == 3


def test_newer_version_warns_but_reads(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("version: 7\ntheme: nord\n")
    config, warnings = load_config(path, themes=THEMES)
    assert config.theme == "nord"
    assert warnings == [f"{path}, line 1: version: 7 is newer than this so-explorer (1); reading what it understands"]


def test_keymap_accepts_a_list_of_keys(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("keymap:\n  quit: [q, f10]\n")
    assert load_config(path)[0].keymap == {"quit": "q,f10"}


def test_folder_instead_of_file(tmp_path):
    (tmp_path / "config.yaml").mkdir()
    config, warnings = load_config(tmp_path / "config.yaml")
    assert config.corrupt and "is a folder" in warnings[0]


def test_summary_counts_the_rest():
    assert summary(["a", "b"]) == "a\nb"
    assert summary(list("abcdef"), limit=2) == "a\nb\n… and 4 more problems"


# --- saving ---------------------------------------------------------------------------


def test_save_creates_the_folder_and_file(tmp_path):
    path = tmp_path / "deep" / "config.yaml"
    result = save_config(path, {"theme": "nord"})
    assert result.moved_aside is None
    assert yaml.safe_load(path.read_text()) == {"version": 1, "theme": "nord"}
    assert load_config(path, themes=THEMES) == (Config(theme="nord"), [])


def test_save_keeps_other_keys_and_comments(tmp_path):
    path = copy("good.yaml", tmp_path)
    save_config(path, {"theme": "dracula"})
    text = path.read_text()
    assert "# my so-explorer settings" in text and "# panes, in order" in text
    assert "theme: dracula\n" in text
    data = yaml.safe_load(text)
    assert data["theme"] == "dracula"
    assert data["keymap"] == {"toggle-cloud": "c", "quit": "q,ctrl+q,f10"}
    assert data["platforms"] == ["gamma", "alpha"]


def test_save_replaces_a_block_value(tmp_path):
    path = copy("good.yaml", tmp_path)
    save_config(path, {"platforms": ("beta", "gamma", "alpha")})
    text = path.read_text()
    assert "# panes, in order" in text and "  - gamma\n" not in text
    config, warnings = load_config(path, platform_ids=PLATFORMS)
    assert config.platforms == ("beta", "gamma", "alpha") and warnings == []
    assert config.keymap["toggle-cloud"] == "c"


def test_save_falls_back_to_a_full_dump_for_unusual_layouts(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("{theme: nord, keymap: {help: f1}}\n")
    save_config(path, {"platforms": ["alpha"]})
    assert yaml.safe_load(path.read_text()) == {
        "theme": "nord", "keymap": {"help": "f1"}, "platforms": ["alpha"], "version": 1,
    }


@pytest.mark.parametrize("name", ["not_yaml.yaml", "binary.yaml", "list_top.yaml"])
def test_save_moves_an_unreadable_file_aside_first(tmp_path, name):
    path = copy(name, tmp_path)
    before = path.read_bytes()
    result = save_config(path, {"theme": "nord"})
    assert result.moved_aside is not None
    assert result.moved_aside.name.startswith("config.yaml.corrupt-")
    assert result.moved_aside.read_bytes() == before
    assert load_config(path, themes=THEMES) == (Config(theme="nord"), [])


def test_save_twice_never_overwrites_a_kept_copy(tmp_path):
    path = copy("not_yaml.yaml", tmp_path)
    first = save_config(path, {"theme": "nord"}).moved_aside
    path.write_bytes(b"\xff\xfe junk")
    second = save_config(path, {"theme": "nord"}).moved_aside
    assert first != second and first.exists() and second.exists()
    assert second.read_bytes() == b"\xff\xfe junk"


def test_save_of_an_empty_file_keeps_nothing_aside(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("# only a comment\n")
    assert save_config(path, {"theme": "nord"}).moved_aside is None
    assert path.read_text().startswith("# only a comment\n")


def test_save_rejects_unknown_keys(tmp_path):
    with pytest.raises(ValueError):
        save_config(tmp_path / "config.yaml", {"colour": "blue"})


def test_saved_file_has_no_temp_leftovers(tmp_path):
    path = tmp_path / "config.yaml"
    save_config(path, {"theme": "nord"})
    save_config(path, {"filters": {"environments": ["cloud"], "clients": ["win", "web"]}})
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("config.yaml", "config.yaml.lock")]
    assert leftovers == []
    config, _warnings = load_config(path)
    assert (config.theme, config.environments, config.clients) == ("nord", ("cloud",), ("win", "web"))


# --- config.yaml in the app -----------------------------------------------------------

from explorer.core.filters import Filters
from explorer.tui.app import ExplorerApp


def config_notes(app) -> list:
    return [n for n in app._notifications if "config.yaml" in n.title]


async def test_app_applies_theme_keymap_filters_and_platforms(mini_catalog, tmp_config):
    path = copy("good.yaml", tmp_config)
    before = path.read_bytes()
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        assert app.platforms == ("gamma", "alpha")
        assert app.filters == Filters.from_lists(["cloud"], ["web"])
        assert config_notes(app) == []
    assert path.read_bytes() == before  # reading never writes


async def test_keymap_remap_works_in_the_app(mini_catalog, tmp_config):
    (tmp_config / "config.yaml").write_text('keymap:\n  toggle-cloud: "c"\n')
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert app.filters.is_default  # 1 no longer toggles cloud
        await pilot.press("c")
        await pilot.pause()
        assert app.filters.environments == frozenset({"onsite"})
        await pilot.press("2")  # the other defaults still work
        await pilot.pause()
        assert app.filters.environments == frozenset()


async def test_command_line_values_win_over_the_config(mini_catalog, tmp_config):
    copy("good.yaml", tmp_config)
    app = ExplorerApp(
        mini_catalog, platforms=("beta",), filters=Filters.from_lists(["onsite"]),
        explicit_platforms=True, explicit_filters=True,
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.platforms == ("beta",)
        assert app.filters == Filters.from_lists(["onsite"])
        assert app.theme == "nord"  # not given on the command line: the config's


@pytest.mark.parametrize("name", ["not_yaml.yaml", "list_top.yaml", "binary.yaml", "escapes.yaml"])
async def test_broken_config_starts_with_defaults_notifies_once_and_is_kept(mini_catalog, tmp_config, name):
    path = copy(name, tmp_config)
    before = path.read_bytes()
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.platforms == ("alpha", "beta", "gamma") and app.filters.is_default
        notes = config_notes(app)
        assert len(notes) == 1 and notes[0].severity == "warning"
        assert str(path) in notes[0].message and "default settings are in force" in notes[0].title
        assert "the rest of it is used" not in notes[0].title  # one true message
        await pilot.press("1", "question_mark", "escape")  # still working
        await pilot.pause()
        assert app.is_running
    assert path.read_bytes() == before


async def test_saving_over_a_broken_config_moves_it_aside_first(mini_catalog, tmp_config):
    path = copy("binary.yaml", tmp_config)
    before = path.read_bytes()
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.theme = "dracula"
        await pilot.pause()
        kept = [n for n in app._notifications if "unreadable old file was kept" in n.message]
        assert len(kept) == 1
    aside = [p for p in tmp_config.iterdir() if p.name.startswith("config.yaml.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == before
    assert aside[0].name in kept[0].message
    assert load_config(path) == (Config(theme="dracula"), [])


async def test_partly_bad_config_uses_the_good_parts_and_notifies_once(mini_catalog, tmp_config):
    copy("bad_values.yaml", tmp_config)
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.platforms == ("gamma", "alpha")
        assert app.filters.environments == frozenset({"cloud"})
        notes = config_notes(app)
        assert len(notes) == 1
        assert "11 problems" in notes[0].title
        assert "line 4: colour: unknown setting" in notes[0].message
        assert "… and 7 more problems" in notes[0].message


async def test_keymap_clash_is_reported(mini_catalog, tmp_config):
    (tmp_config / "config.yaml").write_text("keymap:\n  toggle-cloud: q\n")
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        notes = config_notes(app)
        assert len(notes) == 1 and "'q' is bound to both quit and toggle-cloud; quit keeps it" in notes[0].message


async def test_a_key_bound_twice_does_what_the_message_says(mini_catalog, tmp_config):
    """keymap: {quit: "1"}: the built-in toggle-cloud keeps 1, quit stays on q, and the key
    bar and filter bar show exactly that."""
    (tmp_config / "config.yaml").write_text('keymap:\n  quit: "1"\n')
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        notes = config_notes(app)
        assert len(notes) == 1
        assert "'1' is bound to both toggle-cloud and quit; toggle-cloud keeps it, and quit stays on q / ctrl+q" in (
            notes[0].message)
        bar = app.query_one("#key-bar").plain
        assert "q quit" in bar and "1 quit" not in bar
        await pilot.press("1")
        await pilot.pause()
        assert app.is_running and "cloud" not in app.filters.environments


async def test_an_invalid_key_name_is_reported_and_the_default_key_works(mini_catalog, tmp_config):
    (tmp_config / "config.yaml").write_text('keymap:\n  toggle-web: "nonsense+key+"\n')
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        notes = config_notes(app)
        assert len(notes) == 1 and "keymap.toggle-web" in notes[0].message
        assert app.query_one("#filter-web").hotkey == "4"  # the filter bar shows the key that works
        await pilot.press("4")
        await pilot.pause()
        assert "web" not in app.filters.clients


async def test_theme_change_is_saved_and_used_at_next_start(mini_catalog, tmp_config):
    path = copy("good.yaml", tmp_config)
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert not any("Theme" in n.message for n in app._notifications)  # startup saves nothing
        app.theme = "dracula"
        await pilot.pause()
    text = path.read_text()
    assert "theme: dracula" in text and "# my so-explorer settings" in text
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.theme == "dracula"


async def test_a_save_that_fails_is_reported_not_raised(mini_catalog, tmp_path, monkeypatch):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    app = ExplorerApp(mini_catalog, config_dir=not_a_folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and errors[0].message.startswith("Could not save")
        assert app.is_running
    assert not_a_folder.read_text() == "x"


async def test_no_color_is_honoured(mini_catalog, tmp_config, monkeypatch):
    """docs/config.md promises NO_COLOR: the app runs without colours and every screen draws."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "question_mark")
        await pilot.pause()
        await pilot.press("escape", "p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.no_color
        svg = app.export_screenshot()
        assert "filtered" in svg and app.is_running
