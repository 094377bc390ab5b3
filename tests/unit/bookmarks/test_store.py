"""The bookmark store: restart, corrupt files, unusable folders, merges between two stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from explorer.core.bookmarks import (
    BookmarkError,
    BookmarkStore,
    check_target,
    group_by_platform,
)
from explorer.core.bookmarks import store as bookmarks
from explorer.core.bookmarks.document import (
    DEFAULT_SHORTLIST,
    FILE_NAME,
    LOCK_NAME,
    parse,
)
from explorer.core.catalog import load_catalog
from explorer.core.util import atomic
from tests.catalogs import MINI

FIXTURES = Path(__file__).parent / "fixtures" / "bookmarks"

CORRUPT = [
    "bad_yaml.yaml",
    "top_level_list.yaml",
    "shortlists_not_list.yaml",
    "bookmark_without_platform.yaml",
    "duplicate_shortlist.yaml",
    "unknown_key.yaml",
    "no_version.yaml",
    "python_tag.yaml",
    "latin1.yaml",
    "binary.png",
]


def open_store(folder: Path) -> BookmarkStore:
    store, warnings = BookmarkStore.open(folder)
    assert warnings == []
    return store


def saved(folder: Path) -> dict:
    return yaml.safe_load((folder / FILE_NAME).read_text("utf-8"))


def keys_of(store: BookmarkStore, name: str | None = None) -> set[tuple[str, str]]:
    return set(store.keys(name))


# -- restart ---------------------------------------------------------------------------------


def test_everything_comes_back_after_a_restart(tmp_path):
    store = open_store(tmp_path)
    assert store.persistent and store.active.name == DEFAULT_SHORTLIST
    assert store.toggle("gamma.rest", "gamma") is True
    store.add("alpha.events", "alpha", note="COM only")
    store.add("gamma.webhooks", "beta")
    store.set_note("gamma.rest", "gamma", "check the OData limits")
    store.create_shortlist("Project X")
    store.switch_shortlist("project x")
    store.add("beta.panels", "beta", note="for the dashboard")
    assert store.save() is True

    again = open_store(tmp_path)
    assert again.document == store.document
    assert again.names == ("Default", "Project X")
    assert again.active.name == "Project X"
    assert again.get("gamma.rest", "gamma", "Default").note == "check the OData limits"
    assert again.get("beta.panels", "beta").note == "for the dashboard"
    assert [b.point for b in again.shortlist("Default").bookmarks] == ["gamma.rest", "alpha.events", "gamma.webhooks"]
    assert all(b.added.endswith("Z") for b in again.shortlist("Default").bookmarks)


def test_the_file_is_versioned_readable_yaml(tmp_path):
    store = open_store(tmp_path)
    store.add("gamma.rest", "gamma", note="a: b # not a comment")
    store.save()
    text = (tmp_path / FILE_NAME).read_text("utf-8")
    assert text.startswith("# so-explorer bookmarks")
    data = saved(tmp_path)
    assert data["version"] == 1 and data["active"] == "Default"
    (bookmark,) = data["shortlists"][0]["bookmarks"]
    assert bookmark["point"] == "gamma.rest" and bookmark["note"] == "a: b # not a comment"
    assert isinstance(bookmark["added"], str)  # quoted: stays text


def test_a_hand_written_file_with_unquoted_times_loads(tmp_path):
    (tmp_path / FILE_NAME).write_bytes((FIXTURES / "hand_written.yaml").read_bytes())
    store = open_store(tmp_path)
    assert store.names == ("Research", "Empty")
    assert store.active.name == "Research"  # no 'active': the first shortlist
    assert store.shortlist("Research").created == "2025-05-01T09:30:00Z"
    assert store.get("gamma.rest", "gamma").added == "2025-05-01T09:31:12Z"


def test_a_bookmark_missing_from_the_catalog_is_kept_and_marked(tmp_path):
    (tmp_path / FILE_NAME).write_bytes((FIXTURES / "hand_written.yaml").read_bytes())
    store = open_store(tmp_path)
    store.add("gamma.soap", "gamma")
    store.save()
    again = open_store(tmp_path)
    assert ("gone.point", "gamma") in keys_of(again)
    (group,) = group_by_platform(again.active, load_catalog([MINI]))
    missing = [r for r in group.entries if r.missing]
    assert [r.bookmark.point for r in missing] == ["gone.point"]
    assert "missing from catalog" in missing[0].availability_text()
    assert missing[0].bookmark.note == "removed from the catalog since"


def test_empty_file_means_no_bookmarks_yet(tmp_path):
    (tmp_path / FILE_NAME).write_bytes(b"# nothing here\n\n")
    store = open_store(tmp_path)
    assert store.names == (DEFAULT_SHORTLIST,) and not store.active.bookmarks
    assert list(tmp_path.glob("*.corrupt-*")) == []


# -- corrupt files ---------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", CORRUPT)
def test_a_corrupt_file_is_moved_aside_and_never_overwritten(tmp_path, fixture):
    original = (FIXTURES / fixture).read_bytes()
    (tmp_path / FILE_NAME).write_bytes(original)
    store, warnings = BookmarkStore.open(tmp_path)
    (moved,) = tmp_path.glob(f"{FILE_NAME}.corrupt-*")
    assert moved.read_bytes() == original
    assert len(warnings) == 1 and str(moved) in warnings[0] and "\n" not in warnings[0]
    assert store.persistent and store.names == (DEFAULT_SHORTLIST,) and not store.active.bookmarks
    store.add("gamma.rest", "gamma")
    assert store.save() and store.take_warnings() == []
    assert moved.read_bytes() == original
    assert parse((tmp_path / FILE_NAME).read_bytes()).shortlists[0].bookmarks[0].point == "gamma.rest"


def test_the_reason_names_the_key(tmp_path):
    (tmp_path / FILE_NAME).write_bytes((FIXTURES / "bookmark_without_platform.yaml").read_bytes())
    _, warnings = BookmarkStore.open(tmp_path)
    assert "shortlists[0].bookmarks[0].platform" in warnings[0]


def test_a_file_corrupted_while_running_is_moved_aside_at_save(tmp_path):
    store = open_store(tmp_path)
    store.add("gamma.rest", "gamma")
    store.save()
    (tmp_path / FILE_NAME).write_bytes(b"\xff\xfe garbage")
    store.add("alpha.events", "alpha")
    assert store.save()
    (warning,) = store.take_warnings()
    (moved,) = tmp_path.glob(f"{FILE_NAME}.corrupt-*")
    assert moved.read_bytes() == b"\xff\xfe garbage" and str(moved) in warning
    assert keys_of(open_store(tmp_path)) == {("gamma.rest", "gamma"), ("alpha.events", "alpha")}


def test_a_file_deleted_while_running_is_written_again_in_full(tmp_path):
    store = open_store(tmp_path)
    store.add("gamma.rest", "gamma")
    store.save()
    (tmp_path / FILE_NAME).unlink()
    store.add("alpha.events", "alpha")
    assert store.save()
    assert keys_of(open_store(tmp_path)) == {("gamma.rest", "gamma"), ("alpha.events", "alpha")}


def test_a_newer_format_is_left_alone(tmp_path):
    original = (FIXTURES / "newer_version.yaml").read_bytes()
    (tmp_path / FILE_NAME).write_bytes(original)
    store, warnings = BookmarkStore.open(tmp_path)
    assert not store.persistent and len(warnings) == 1 and "newer so-explorer" in warnings[0]
    store.add("gamma.rest", "gamma")
    assert store.save() is False and store.take_warnings() == []
    assert (tmp_path / FILE_NAME).read_bytes() == original
    assert list(tmp_path.glob("*.corrupt-*")) == []


# -- crash in the middle of a write ----------------------------------------------------------


def test_a_failed_rename_leaves_the_old_file_intact(tmp_path, monkeypatch):
    store = open_store(tmp_path)
    store.add("gamma.rest", "gamma", note="old")
    store.save()
    before = (tmp_path / FILE_NAME).read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", crash)
    store.set_note("gamma.rest", "gamma", "new")
    assert store.save() is False  # no exception escapes
    assert (tmp_path / FILE_NAME).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME, LOCK_NAME]  # temp file gone
    (warning,) = store.take_warnings()
    assert "will not be saved" in warning and "No space left" in warning
    assert store.get("gamma.rest", "gamma").note == "new"  # kept in memory


# -- unusable config folders -----------------------------------------------------------------


def test_a_missing_config_folder_is_created(tmp_path):
    folder = tmp_path / "a" / "b" / "so-explorer"
    store = open_store(folder)
    assert folder.is_dir()
    store.add("gamma.rest", "gamma")
    assert store.save() and (folder / FILE_NAME).is_file()


@pytest.mark.parametrize("layout", ["file-in-place", "parent-is-file"])
def test_an_unusable_folder_keeps_bookmarks_in_memory(tmp_path, layout):
    (tmp_path / "cfg").write_text("not a folder")
    folder = tmp_path / "cfg" if layout == "file-in-place" else tmp_path / "cfg" / "so-explorer"
    store, warnings = BookmarkStore.open(folder)
    assert not store.persistent
    assert len(warnings) == 1 and "will not be saved" in warnings[0] and str(tmp_path / "cfg") in warnings[0]
    assert store.toggle("gamma.rest", "gamma") and store.is_bookmarked("gamma.rest", "gamma")
    assert store.save() is False and store.save() is False
    assert store.take_warnings() == []  # told once
    assert (tmp_path / "cfg").read_text() == "not a folder"


def test_a_read_only_folder_keeps_bookmarks_in_memory(tmp_path, monkeypatch):
    # Tests may run as root, which ignores permission bits: fail the write the way a
    # read-only folder does.
    store = open_store(tmp_path)

    def refuse(path, data):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(bookmarks.atomic, "write_atomic", refuse)
    store.add("gamma.rest", "gamma")
    assert store.save() is False
    (warning,) = store.take_warnings()
    assert "Permission denied" in warning and "kept for this session" in warning
    store.add("alpha.events", "alpha")
    assert store.save() is False and store.take_warnings() == []
    assert keys_of(store) == {("gamma.rest", "gamma"), ("alpha.events", "alpha")}


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores permission bits")
def test_a_really_read_only_folder(tmp_path):  # pragma: no cover - not run as root
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        store, warnings = BookmarkStore.open(folder)
        assert not store.persistent and warnings
        store.add("gamma.rest", "gamma")
        assert store.save() is False
    finally:
        folder.chmod(0o700)


def test_a_folder_where_the_file_should_be(tmp_path):
    (tmp_path / FILE_NAME).mkdir()
    store, warnings = BookmarkStore.open(tmp_path)
    assert not store.persistent and len(warnings) == 1 and "left as it is" in warnings[0]
    store.add("gamma.rest", "gamma")
    assert store.save() is False
    assert (tmp_path / FILE_NAME).is_dir()


def test_a_held_lock_postpones_the_save(tmp_path, monkeypatch):
    monkeypatch.setattr(bookmarks, "LOCK_TIMEOUT", 0.1)
    store = open_store(tmp_path)
    store.add("gamma.rest", "gamma")
    with atomic.file_lock(tmp_path / LOCK_NAME):
        assert store.save() is False
    (warning,) = store.take_warnings()
    assert "held by another so-explorer" in warning
    assert store.persistent and store.dirty
    assert store.save() is True and not store.dirty
    assert keys_of(open_store(tmp_path)) == {("gamma.rest", "gamma")}


# -- two stores on one file: merging ---------------------------------------------------------


def test_adds_from_two_instances_both_survive(tmp_path):
    a, b = open_store(tmp_path), open_store(tmp_path)
    a.add("gamma.rest", "gamma", note="from a")
    b.add("alpha.events", "alpha", note="from b")
    assert a.save() and b.save()
    assert keys_of(b) == {("gamma.rest", "gamma"), ("alpha.events", "alpha")}  # b sees a's too
    assert keys_of(open_store(tmp_path)) == keys_of(b)
    a.save()
    assert a.document == b.document


def test_a_remove_is_not_resurrected_by_the_other_instance(tmp_path):
    seed = open_store(tmp_path)
    seed.add("gamma.rest", "gamma")
    seed.add("alpha.events", "alpha")
    seed.save()
    a, b = open_store(tmp_path), open_store(tmp_path)
    assert a.remove("gamma.rest", "gamma")
    a.save()
    b.add("beta.panels", "beta")
    b.save()  # b still holds gamma.rest in memory: it must not write it back
    assert keys_of(open_store(tmp_path)) == {("alpha.events", "alpha"), ("beta.panels", "beta")}
    assert not b.is_bookmarked("gamma.rest", "gamma")


def test_a_note_on_a_bookmark_removed_elsewhere_does_not_bring_it_back(tmp_path):
    seed = open_store(tmp_path)
    seed.add("gamma.rest", "gamma")
    seed.save()
    a, b = open_store(tmp_path), open_store(tmp_path)
    a.remove("gamma.rest", "gamma")
    a.save()
    b.set_note("gamma.rest", "gamma", "too late")
    b.save()
    assert keys_of(open_store(tmp_path)) == set()


def test_notes_from_both_instances_merge(tmp_path):
    seed = open_store(tmp_path)
    seed.add("gamma.rest", "gamma")
    seed.add("alpha.events", "alpha")
    seed.save()
    a, b = open_store(tmp_path), open_store(tmp_path)
    a.set_note("gamma.rest", "gamma", "note a")
    b.set_note("alpha.events", "alpha", "note b")
    a.save(), b.save()
    merged = open_store(tmp_path)
    assert merged.get("gamma.rest", "gamma").note == "note a"
    assert merged.get("alpha.events", "alpha").note == "note b"


def test_a_rename_keeps_bookmarks_added_elsewhere(tmp_path):
    a, b = open_store(tmp_path), open_store(tmp_path)
    b.add("gamma.rest", "gamma")
    b.save()
    a.rename_shortlist("Default", "Research")
    a.add("alpha.events", "alpha")
    a.save()
    merged = open_store(tmp_path)
    assert merged.names == ("Research",)
    assert keys_of(merged, "Research") == {("gamma.rest", "gamma"), ("alpha.events", "alpha")}
    assert merged.active.name == "Research"


def test_shortlists_created_with_one_name_in_both_become_one(tmp_path):
    a, b = open_store(tmp_path), open_store(tmp_path)
    a.create_shortlist("Work")
    a.add("gamma.rest", "gamma", shortlist="Work")
    b.create_shortlist("work")
    b.add("alpha.events", "alpha", shortlist="work")
    a.save(), b.save()
    merged = open_store(tmp_path)
    assert merged.names == ("Default", "Work")
    assert keys_of(merged, "WORK") == {("gamma.rest", "gamma"), ("alpha.events", "alpha")}


def test_a_delete_keeps_bookmarks_it_never_saw(tmp_path):
    seed = open_store(tmp_path)
    seed.create_shortlist("Work")
    seed.add("gamma.rest", "gamma", shortlist="Work")
    seed.save()
    a, b = open_store(tmp_path), open_store(tmp_path)
    b.add("alpha.events", "alpha", shortlist="Work")
    b.save()
    assert a.delete_shortlist("Work") == 1
    a.save()
    merged = open_store(tmp_path)
    assert keys_of(merged, "Work") == {("alpha.events", "alpha")}


def test_an_add_to_a_shortlist_deleted_elsewhere_makes_it_again(tmp_path):
    seed = open_store(tmp_path)
    seed.create_shortlist("Work")
    seed.save()
    a, b = open_store(tmp_path), open_store(tmp_path)
    a.delete_shortlist("Work")
    a.save()
    b.add("gamma.rest", "gamma", shortlist="Work")
    b.save()
    assert keys_of(open_store(tmp_path), "Work") == {("gamma.rest", "gamma")}


def test_the_active_shortlist_is_per_instance(tmp_path):
    seed = open_store(tmp_path)
    seed.create_shortlist("Work")
    seed.save()
    a, b = open_store(tmp_path), open_store(tmp_path)
    b.switch_shortlist("Work")
    b.save()
    a.add("gamma.rest", "gamma")
    a.save()
    assert a.active.name == "Default" and b.active.name == "Work"
    assert open_store(tmp_path).active.name == "Work"  # the last switch is remembered


# -- the API ---------------------------------------------------------------------------------


def test_toggle_add_remove_return_what_happened():
    store = BookmarkStore.in_memory()
    assert store.toggle("p", "x") is True
    assert store.add("p", "x") is False
    assert store.toggle("p", "x") is False
    assert store.remove("p", "x") is False
    assert not store.persistent and store.save() is False


def test_shortlist_names_are_unique_whatever_the_case():
    store = BookmarkStore.in_memory()
    store.create_shortlist("Work")
    with pytest.raises(BookmarkError, match="already exists"):
        store.create_shortlist("WORK")
    store.create_shortlist("Home")
    with pytest.raises(BookmarkError, match="already exists"):
        store.rename_shortlist("home", "work")
    assert store.rename_shortlist("work", "WORK") == "WORK"
    with pytest.raises(BookmarkError, match="no shortlist called 'Nope'"):
        store.switch_shortlist("Nope")
    with pytest.raises(BookmarkError, match="cannot be empty"):
        store.create_shortlist(" \x1b[2J ")


def test_deleting_shortlists():
    store = BookmarkStore.in_memory()
    store.create_shortlist("Work")
    store.switch_shortlist("Work")
    store.add("p", "x")
    assert store.delete_shortlist("Work") == 1
    assert store.active.name == "Default"
    store.add("q", "x")
    assert store.delete_shortlist("Default") == 1
    assert store.names == ("Default",) and not store.active.bookmarks  # never zero shortlists


def test_renaming_the_active_shortlist_keeps_it_active():
    store = BookmarkStore.in_memory()
    store.rename_shortlist("Default", "Mine")
    assert store.active.name == "Mine" and store.document.active == "Mine"


def test_notes_and_ids_are_cleaned_and_checked():
    store = BookmarkStore.in_memory()
    store.add("p", "x", note="\x1b]52;c;aGk=\x07hello\nworld\x1b[31m")
    assert store.get("p", "x").note == "hello world"
    with pytest.raises(BookmarkError, match="not bookmarked"):
        store.set_note("q", "x", "hi")
    with pytest.raises(BookmarkError, match="at most"):
        store.set_note("p", "x", "x" * 3000)
    with pytest.raises(BookmarkError, match="not a valid point id"):
        store.add("bad\x1bid", "x")
    revision = store.revision
    store.set_note("p", "x", "hello world")  # unchanged: no change recorded
    assert store.revision == revision


def test_check_target_refuses_unknown_and_absent():
    catalog = load_catalog([MINI])
    assert check_target(catalog, "gamma.rest", "gamma") is None
    assert check_target(catalog, "gamma.soap", "gamma") is None  # partial is fine
    assert "unknown platform 'delta'" in check_target(catalog, "gamma.rest", "delta")
    assert "did you mean gamma.rest" in check_target(catalog, "gamma.rst", "gamma")
    assert "not available on alpha" in check_target(catalog, "gamma.webhooks", "alpha")
    assert "not available on beta; it is on: gamma" in check_target(catalog, "gamma.rest", "beta")


def test_a_save_without_changes_refreshes_and_creates_no_file(tmp_path):
    a, b = open_store(tmp_path), open_store(tmp_path)
    assert a.save() and not (tmp_path / FILE_NAME).exists()
    b.add("gamma.rest", "gamma")
    b.save()
    before = (tmp_path / FILE_NAME).read_bytes()
    assert a.save() and a.is_bookmarked("gamma.rest", "gamma")
    assert (tmp_path / FILE_NAME).read_bytes() == before


def test_a_lock_held_at_start_still_loads_and_saves_later(tmp_path, monkeypatch):
    seed = open_store(tmp_path)
    seed.add("gamma.rest", "gamma")
    seed.save()
    monkeypatch.setattr(bookmarks, "LOCK_TIMEOUT", 0.1)
    with atomic.file_lock(tmp_path / LOCK_NAME):
        store, warnings = BookmarkStore.open(tmp_path)
    assert warnings == [] and store.persistent
    assert store.is_bookmarked("gamma.rest", "gamma")
    store.add("alpha.events", "alpha")
    assert store.save()
    assert keys_of(open_store(tmp_path)) == {("gamma.rest", "gamma"), ("alpha.events", "alpha")}
