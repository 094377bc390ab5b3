"""Bookmarks and named shortlists, kept in ``bookmarks.yaml`` in the config folder.

Usage::

    store, warnings = BookmarkStore.open(paths.config_dir(override))
    for w in warnings:          # tell the user once (corrupt file moved aside, not saved, ...)
        ...
    store.toggle("gamma.rest", "gamma")        # in the active shortlist → True (now bookmarked)
    store.set_note("gamma.rest", "gamma", "check the OData limits")
    store.create_shortlist("Project X"); store.switch_shortlist("Project X")
    store.save()                               # → True when written; never raises
    store.take_warnings()                      # warnings raised by saves since the last call

The model: a :class:`~explorer.core.bookmarks.document.Document` holds one or more shortlists
(never zero: the first is "Default"); each holds bookmarks, a (point id, platform id) pair
with a note and the UTC time it was added. Shortlist names are unique, compared
case-insensitively, and every method taking ``shortlist=`` defaults to the active one.
Bookmarks are never checked against the catalog here: a bookmark whose point left the
catalog is kept (``resolve`` reports it as missing from the catalog).

Mutating methods change the store at once (``revision`` goes up) and raise
:class:`BookmarkError` (a ``ValueError`` with a one-line message) for a request that makes
no sense: an unknown or duplicate shortlist name, a note on a point that is not bookmarked.

Persistence, so that nothing is lost:

* **Atomic**: each save writes a temp file and renames it over ``bookmarks.yaml``
  (:func:`~explorer.core.util.atomic.write_atomic`), so a crash leaves the old file or the new one.
* **Two instances**: each save holds ``bookmarks.yaml.lock`` (:func:`~explorer.core.util.atomic.file_lock`),
  re-reads the file and replays this store's pending changes onto it
  (:mod:`~explorer.core.bookmarks.ops`), so concurrent adds both survive and a remove is
  never undone by the other instance. The active shortlist is per instance (the file keeps
  the last one switched to, for the next start).
* **Corrupt file** (bad YAML, wrong shape, binary, not UTF-8): moved aside to
  ``bookmarks.yaml.corrupt-<UTC stamp>`` (never overwritten), a warning names that path, and
  the store starts empty. A file found corrupt at save time is moved aside the same way.
* **Unusable folder** (cannot be created, read-only, a file in its place) or a file written by
  a newer so-explorer: ``persistent`` is False, bookmarks live in memory only, a warning says so
  once, and ``save()`` returns False without touching anything. A lock held too long by another
  instance only postpones the save (the changes stay pending; the next save retries).

Empty files (or comments only) count as "no bookmarks yet" and are simply replaced. Temp files
left by a save that was killed (`.bookmarks.yaml.*.tmp`) are removed by the next open.
"""

from __future__ import annotations

import os
from pathlib import Path

from explorer.core.bookmarks.document import (
    FILE_NAME,
    LOCK_NAME,
    Bookmark,
    BookmarkFileError,
    Document,
    Key,
    NewerVersionError,
    Shortlist,
    clean_name,
    clean_note,
    dump,
    parse,
    utc_now,
)
from explorer.core.bookmarks.ops import (
    Activate,
    Add,
    Create,
    Delete,
    Note,
    Op,
    Remove,
    Rename,
    replay,
)
from explorer.core.util import atomic
from explorer.core.util.sanitize import clean_text

#: How long a save waits for another instance's lock before postponing (seconds).
LOCK_TIMEOUT = 5.0


class BookmarkError(ValueError):
    """A bookmark request that cannot be done; the message is one line for the user."""


class BookmarkStore:
    """The shortlists of one so-explorer instance; see the module docstring."""

    def __init__(self, config_dir: Path | None, doc: Document | None = None, persistent: bool = False) -> None:
        self.config_dir = Path(config_dir) if config_dir is not None else None
        self._doc = (doc or Document.empty()).normalised()
        #: The document as last read from or written to the file (the base when it vanishes).
        self._synced = self._doc
        self._active = self._doc.active
        self._ops: list[Op] = []
        self._persistent = persistent and self.config_dir is not None
        self._warnings: list[str] = []
        self._told_unsaved = False
        self._told_lock = False
        self.revision = 0

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def in_memory(cls) -> BookmarkStore:
        """A store that never touches the disk (for tests and ``--no-config`` style use)."""
        return cls(None)

    @classmethod
    def open(cls, config_dir: str | os.PathLike[str]) -> tuple[BookmarkStore, list[str]]:
        """Load ``<config_dir>/bookmarks.yaml``; never raises. Returns the store and warnings."""
        folder = Path(config_dir)
        store = cls(folder, persistent=True)
        problem = _prepare_folder(folder)
        if problem:
            store._go_memory_only(problem)
            return store, store.take_warnings()
        try:
            with atomic.file_lock(store.lock_path, timeout=LOCK_TIMEOUT):
                store._clear_stale_temp_files()
                doc = store._read(base=None)
        except TimeoutError:  # another instance is saving for long: read, save later
            doc = store._read_unlocked()
        except OSError as exc:  # the lock file cannot be made (read-only folder)
            doc = store._read_unlocked()
            if store._persistent:
                store._go_memory_only(f"{store.lock_path} cannot be used ({_reason(exc)})")
        if doc is not None:
            store._doc = store._synced = doc
            store._active = doc.active
        return store, store.take_warnings()

    @property
    def path(self) -> Path | None:
        return self.config_dir / FILE_NAME if self.config_dir is not None else None

    @property
    def lock_path(self) -> Path:
        assert self.config_dir is not None
        return self.config_dir / LOCK_NAME

    @property
    def persistent(self) -> bool:
        """False when changes cannot be saved (they are kept in memory for this session)."""
        return self._persistent

    @property
    def dirty(self) -> bool:
        """True when there are changes not yet saved."""
        return bool(self._ops)

    def take_warnings(self) -> list[str]:
        """Warnings not yet shown (each is raised once), and forget them."""
        warnings, self._warnings = self._warnings, []
        return warnings

    # -- reading ---------------------------------------------------------------------------

    @property
    def document(self) -> Document:
        return self._doc

    @property
    def shortlists(self) -> tuple[Shortlist, ...]:
        return self._doc.shortlists

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self._doc.shortlists)

    @property
    def active(self) -> Shortlist:
        """The shortlist that ``b`` and ``shortlist=None`` work on."""
        return self._doc.shortlist(self._active) or self._doc.shortlists[0]

    def shortlist(self, name: str | None = None) -> Shortlist:
        """The shortlist called ``name`` (any case), or the active one; BookmarkError if none."""
        if name is None:
            return self.active
        found = self._doc.shortlist(clean_text(name))
        if found is None:
            raise BookmarkError(f"no shortlist called {clean_text(name)!r}; shortlists: {', '.join(self.names)}")
        return found

    def has_shortlist(self, name: str) -> bool:
        return self._doc.shortlist(clean_text(name)) is not None

    def is_bookmarked(self, point_id: str, platform_id: str, shortlist: str | None = None) -> bool:
        return self.shortlist(shortlist).find(point_id, platform_id) is not None

    def get(self, point_id: str, platform_id: str, shortlist: str | None = None) -> Bookmark | None:
        return self.shortlist(shortlist).find(point_id, platform_id)

    def keys(self, shortlist: str | None = None) -> frozenset[Key]:
        """(point id, platform id) of every bookmark in a shortlist: a fast lookup for panes."""
        return self.shortlist(shortlist).keys

    # -- bookmarks -------------------------------------------------------------------------

    def add(self, point_id: str, platform_id: str, note: str = "", shortlist: str | None = None) -> bool:
        """Bookmark a point on a platform. False if it already was (the note is left as is)."""
        target = self.shortlist(shortlist)
        point, platform = _id(point_id, "point"), _id(platform_id, "platform")
        if target.find(point, platform):
            return False
        self._do(Add(target.name, Bookmark(point, platform, _note(note), utc_now()), target.created))
        return True

    def remove(self, point_id: str, platform_id: str, shortlist: str | None = None) -> bool:
        """Remove a bookmark. False if it was not bookmarked."""
        target = self.shortlist(shortlist)
        if not target.find(point_id, platform_id):
            return False
        self._do(Remove(target.name, (point_id, platform_id)))
        return True

    def toggle(self, point_id: str, platform_id: str, shortlist: str | None = None) -> bool:
        """Add the bookmark, or remove it if it is there. True when it is now bookmarked."""
        if self.remove(point_id, platform_id, shortlist):
            return False
        return self.add(point_id, platform_id, shortlist=shortlist)

    def set_note(self, point_id: str, platform_id: str, note: str, shortlist: str | None = None) -> None:
        target = self.shortlist(shortlist)
        current = target.find(point_id, platform_id)
        if current is None:
            raise BookmarkError(f"{point_id} on {platform_id} is not bookmarked in {target.name!r}")
        cleaned = _note(note)
        if cleaned != current.note:
            self._do(Note(target.name, current.key, cleaned))

    # -- shortlists ------------------------------------------------------------------------

    def create_shortlist(self, name: str) -> str:
        """Make an empty shortlist; returns its name as stored (cleaned)."""
        cleaned = _name(name)
        if self._doc.shortlist(cleaned):
            raise BookmarkError(f"a shortlist called {self._doc.shortlist(cleaned).name!r} already exists")
        self._do(Create(cleaned, utc_now()))
        return cleaned

    def rename_shortlist(self, old: str, new: str) -> str:
        source = self.shortlist(old)
        cleaned = _name(new)
        taken = self._doc.shortlist(cleaned)
        if taken is not None and taken is not source:
            raise BookmarkError(f"a shortlist called {taken.name!r} already exists")
        if cleaned != source.name:
            following = source.name.casefold() == self._active.casefold()
            self._do(Rename(source.name, cleaned))
            if following:
                self._active = cleaned
        return cleaned

    def switch_shortlist(self, name: str) -> Shortlist:
        """Make ``name`` the active shortlist (remembered in the file for the next start)."""
        target = self.shortlist(name)
        if target.name != self.active.name or target.name != self._doc.active:
            self._active = target.name
            self._do(Activate(target.name))
        return target

    def delete_shortlist(self, name: str) -> int:
        """Delete a shortlist and its bookmarks; returns how many bookmarks went with it.

        Deleting the last shortlist leaves an empty "Default". If the active one is deleted,
        the first remaining one becomes active.
        """
        target = self.shortlist(name)
        self._do(Delete(target.name, target.keys))
        if self._doc.shortlist(self._active) is None:
            self._active = self._doc.active
        return len(target.bookmarks)

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> bool:
        """Merge this store's changes into the file. True when the file now holds them.

        It also picks up what other instances saved meanwhile, so a save without changes is
        a refresh. Never raises: problems become warnings (see :meth:`take_warnings`).
        """
        if not self._persistent:
            return False
        try:
            with atomic.file_lock(self.lock_path, timeout=LOCK_TIMEOUT):
                base = self._read(base=self._synced)
                if base is None:  # the file went unusable (newer version)
                    return False
                merged = replay(base, self._ops)
                data = dump(merged)
                current = self._current_bytes()
                # Write when something changed; a save with no changes never creates the file.
                if current != data and (self._ops or current is not None):
                    atomic.write_atomic(self.path, data)
        except TimeoutError:
            if not self._told_lock:
                self._told_lock = True
                self._warnings.append(
                    f"{self.lock_path} is held by another so-explorer; your bookmark changes are "
                    "kept and will be saved with the next change"
                )
            return False
        except OSError as exc:
            self._go_memory_only(f"{self.path} cannot be written ({_reason(exc)})")
            return False
        self._ops.clear()
        self._synced = merged
        self._doc = merged
        if merged.shortlist(self._active) is None:
            self._active = merged.active
        self.revision += 1
        return True

    # -- internals -------------------------------------------------------------------------

    def _do(self, op: Op) -> None:
        self._doc = replay(self._doc, [op])
        self._ops.append(op)
        self.revision += 1

    def _clear_stale_temp_files(self) -> None:
        """Remove temp files of a save that was killed (the lock is held: none is in use)."""
        for stale in self.config_dir.glob(f".{FILE_NAME}.*.tmp"):
            try:
                stale.unlink()
            except OSError:
                pass

    def _current_bytes(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except OSError:
            return None

    def _read(self, base: Document | None) -> Document | None:
        """Read the file (the lock is held). Missing → ``base`` (or empty); corrupt → moved aside.

        Returns None when the file must be left alone (then the store is memory-only).
        """
        path = self.path
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return base or Document.empty()
        except OSError as exc:  # a folder in its place, no permission
            self._go_memory_only(f"{path} cannot be read ({_reason(exc)}); it was left as it is")
            return None
        try:
            return parse(data)
        except NewerVersionError as exc:
            self._go_memory_only(f"{path} was left as it is ({exc})")
            return None
        except BookmarkFileError as exc:
            return self._set_aside(path, str(exc), base)

    def _read_unlocked(self) -> Document | None:
        """Read without the lock (it cannot be had): never moves anything."""
        try:
            return parse(self.path.read_bytes())
        except FileNotFoundError:
            return None
        except NewerVersionError as exc:
            self._go_memory_only(f"{self.path} was left as it is ({exc})")
            return None
        except (OSError, BookmarkFileError) as exc:
            self._warnings.append(f"{self.path} could not be read ({exc}); bookmarks start empty")
            return None

    def _set_aside(self, path: Path, reason: str, base: Document | None) -> Document | None:
        try:
            moved = atomic.move_aside(path)
        except OSError as exc:
            self._go_memory_only(
                f"{path} is damaged ({reason}) and could not be moved aside ({_reason(exc)}); "
                "it was left as it is"
            )
            return None
        start = "this session's bookmarks are kept" if base is not None else "bookmarks start empty"
        self._warnings.append(f"{path} is damaged: {reason}; it was moved to {moved} and {start}")
        return base or Document.empty()

    def _go_memory_only(self, reason: str) -> None:
        self._persistent = False
        if not self._told_unsaved:
            self._told_unsaved = True
            self._warnings.append(f"bookmarks will not be saved: {reason}; they are kept for this session only")


def _prepare_folder(folder: Path) -> str | None:
    """Make sure the config folder exists; a reason when it cannot be used."""
    if folder.is_dir():
        return None
    if folder.exists() or folder.is_symlink():
        return f"{folder} is not a folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"the folder {folder} cannot be created ({_reason(exc)})"
    return None


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _id(value: str, what: str) -> str:
    cleaned = clean_text(value) if isinstance(value, str) else ""
    if not cleaned or cleaned != value:
        raise BookmarkError(f"{value!r} is not a valid {what} id")
    return cleaned


def _note(value: str) -> str:
    try:
        return clean_note(value)
    except ValueError as exc:
        raise BookmarkError(str(exc)) from None


def _name(value: str) -> str:
    try:
        return clean_name(value)
    except ValueError as exc:
        raise BookmarkError(str(exc)) from None

