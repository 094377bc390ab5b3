"""Property tests of bookmark operations: two writers' saves merge without losing a bookmark,
and replaying operations a second time changes nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.bookmarks import BookmarkError, BookmarkStore
from explorer.core.bookmarks.document import Bookmark, Document, Shortlist
from explorer.core.bookmarks.ops import (
    Activate,
    Add,
    Create,
    Delete,
    Note,
    Remove,
    Rename,
    replay,
)

NAMES = st.sampled_from(["Default", "Acme", "acme", "Beta", "Gamma"])
KEYS = st.tuples(st.sampled_from(["p1", "p2", "p3", "p4"]), st.sampled_from(["win", "web", "online"]))
STAMP = "2026-12-02T10:00:00Z"

adds = st.builds(lambda name, key: Add(name, Bookmark(*key, added=STAMP), STAMP), NAMES, KEYS)
#: Operations on bookmarks and on shortlists by name, except renames.
idempotent_ops = st.one_of(
    adds,
    st.builds(Remove, NAMES, KEYS),
    st.builds(Note, NAMES, KEYS, st.sampled_from(["", "check OData", "order sync"])),
    st.builds(Create, NAMES, st.just(STAMP)),
    st.builds(lambda name, keys: Delete(name, frozenset(keys)), NAMES, st.frozensets(KEYS, max_size=3)),
    st.builds(Activate, NAMES),
)
ops = st.one_of(idempotent_ops, st.builds(Rename, NAMES, NAMES))


def base_document() -> Document:
    return Document("Default", (Shortlist("Default", STAMP), Shortlist("Acme", STAMP, (Bookmark("p1", "win"),))))


def contents(doc: Document) -> dict[str, set[tuple[str, str, str]]]:
    """Each shortlist's bookmarks with their notes: what a user would miss. The order they
    were added in, and empty lists (such as the "Default" made when the last list goes), aside."""
    return {s.name.casefold(): {(*b.key, b.note) for b in s.bookmarks} for s in doc.shortlists if s.bookmarks}


def all_keys(doc: Document) -> set[tuple[str, str, str]]:
    return {(s.name.casefold(), *b.key) for s in doc.shortlists for b in s.bookmarks}


@settings(max_examples=200, deadline=None)
@given(mine=st.lists(adds, max_size=8), theirs=st.lists(adds, max_size=8))
def test_two_writers_adding_keep_every_bookmark(mine, theirs):
    """Writer A saves, then writer B re-reads the file and replays its own operations (as a
    save does): every bookmark either of them added is there, in its shortlist."""
    after_a = replay(base_document(), mine)
    merged = replay(after_a, theirs)
    wanted = all_keys(base_document()) | {(op.shortlist.casefold(), *op.bookmark.key) for op in mine + theirs}
    assert wanted <= all_keys(merged)


@settings(max_examples=200, deadline=None)
@given(mine=st.lists(adds, max_size=6), theirs=st.lists(st.one_of(adds, st.builds(Remove, NAMES, KEYS)), max_size=6))
def test_an_other_writers_remove_never_takes_my_adds_unless_it_came_later(mine, theirs):
    """B replays its operations after A's save: what A added survives unless B removed it."""
    merged = replay(replay(base_document(), mine), theirs)
    removed = {(op.shortlist.casefold(), *op.key) for op in theirs if isinstance(op, Remove)}
    for op in mine:
        key = (op.shortlist.casefold(), *op.bookmark.key)
        if key not in removed:
            assert key in all_keys(merged)


#: What a user does in the app (method of the store and its arguments); the store records an
#: operation only when the action applies, as it would in the app.
actions = st.one_of(
    st.tuples(st.just("add"), KEYS, st.sampled_from(["", "check OData"])),
    st.tuples(st.just("remove"), KEYS),
    st.tuples(st.just("set_note"), KEYS, st.sampled_from(["", "order sync"])),
    st.tuples(st.just("create_shortlist"), NAMES),
    st.tuples(st.just("switch_shortlist"), NAMES),
    st.tuples(st.just("delete_shortlist"), NAMES),
)


def recorded(steps, renames: bool = False) -> tuple[BookmarkStore, list]:
    store = BookmarkStore.in_memory()
    store._doc = store._synced = base_document()
    for step in steps:
        name, *args = step
        try:
            if name in ("add", "remove"):
                getattr(store, name)(*args[0], *args[1:])
            elif name == "set_note":
                store.set_note(*args[0], args[1])
            elif name == "rename_shortlist" and renames:
                store.rename_shortlist(*args)
            elif name != "rename_shortlist":
                getattr(store, name)(*args)
        except (BookmarkError, KeyError, ValueError):
            pass  # the app would not offer it
    return store, list(store._ops)


@settings(max_examples=300, deadline=None)
@given(steps=st.lists(actions, max_size=12))
def test_replaying_what_a_store_recorded_twice_changes_nothing(steps):
    """Replaying the operations a store records (as a save does) reproduces its document,
    and replaying them a second time changes no shortlist or bookmark.

    Renames are left out of the second part: a rename names shortlists, so a chain that
    reuses a name (Default → Beta, then Acme → Default) renames again when replayed again.
    A save never replays operations that reached the file: the store drops them once written."""
    store, ops = recorded(steps)
    once = replay(base_document(), ops)
    assert once.shortlists == store.document.shortlists
    assert contents(replay(once, ops)) == contents(once)


@settings(max_examples=200, deadline=None)
@given(steps=st.lists(st.one_of(actions, st.tuples(st.just("rename_shortlist"), NAMES, NAMES)), max_size=12))
def test_replay_reproduces_what_the_store_shows_renames_included(steps):
    store, ops = recorded(steps, renames=True)
    assert replay(base_document(), ops).shortlists == store.document.shortlists


@settings(max_examples=200, deadline=None)
@given(sequence=st.lists(st.one_of(idempotent_ops, st.builds(Rename, NAMES, NAMES)), max_size=12),
       more=st.lists(adds, min_size=1, max_size=4))
def test_renames_and_deletes_never_lose_a_bookmark_added_after_them(sequence, more):
    doc = replay(replay(base_document(), sequence), more)
    for op in more:
        assert (op.shortlist.casefold(), *op.bookmark.key) in all_keys(doc)


@settings(max_examples=200, deadline=None)
@given(sequence=st.lists(ops, max_size=12))
def test_a_replayed_document_is_always_well_formed(sequence):
    doc = replay(base_document(), sequence)
    assert doc.shortlists and doc.shortlist(doc.active) is not None
    names = [s.name.casefold() for s in doc.shortlists]
    assert len(names) == len(set(names))
    for shortlist in doc.shortlists:
        keys = [b.key for b in shortlist.bookmarks]
        assert len(keys) == len(set(keys))
