"""Bookmark changes as replayable operations, so two so-explorers can merge their saves.

Every change a :class:`~explorer.core.bookmarks.store.BookmarkStore` makes is one of these
operations. It is applied to the store's document at once, and kept until the next save,
which re-reads the file and replays the pending operations onto it. ``apply`` is lenient:
an operation that no longer fits the file (its bookmark was removed elsewhere, its shortlist
renamed) does what still makes sense and never raises. The rules:

* **Add** adds the bookmark unless it is there; if its shortlist was deleted elsewhere the
  shortlist is made again (an explicit add is never lost).
* **Remove** removes it if it is there; a remove is never undone by another instance's save,
  because that instance replays only its own operations.
* **Note** sets the note if the bookmark is still there (it does not bring a removed one back).
* **Create** makes the shortlist unless one with that name exists (then they are one list).
* **Rename** renames; if the new name was taken meanwhile, the two lists merge.
* **Delete** removes the bookmarks this instance knew of when it deleted; bookmarks another
  instance added meanwhile keep the shortlist alive, so they are not lost unseen.
* **Activate** records which shortlist is active, for the next start.

Shortlist names compare case-insensitively. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from explorer.core.bookmarks.document import Bookmark, Document, Key, Shortlist


def _put(doc: Document, index: int, shortlist: Shortlist) -> Document:
    shortlists = list(doc.shortlists)
    shortlists[index] = shortlist
    return replace(doc, shortlists=tuple(shortlists))


@dataclass(frozen=True, slots=True)
class Add:
    shortlist: str
    bookmark: Bookmark
    #: ``created`` for the shortlist if it has to be made again.
    created: str = ""

    def apply(self, doc: Document) -> Document:
        i = doc.index(self.shortlist)
        if i is None:
            made = Shortlist(self.shortlist, self.created or self.bookmark.added, (self.bookmark,))
            return replace(doc, shortlists=doc.shortlists + (made,))
        current = doc.shortlists[i]
        if current.find(*self.bookmark.key):
            return doc
        return _put(doc, i, replace(current, bookmarks=current.bookmarks + (self.bookmark,)))


@dataclass(frozen=True, slots=True)
class Remove:
    shortlist: str
    key: Key

    def apply(self, doc: Document) -> Document:
        i = doc.index(self.shortlist)
        if i is None:
            return doc
        current = doc.shortlists[i]
        kept = tuple(b for b in current.bookmarks if b.key != self.key)
        return doc if len(kept) == len(current.bookmarks) else _put(doc, i, replace(current, bookmarks=kept))


@dataclass(frozen=True, slots=True)
class Note:
    shortlist: str
    key: Key
    note: str

    def apply(self, doc: Document) -> Document:
        i = doc.index(self.shortlist)
        if i is None:
            return doc
        current = doc.shortlists[i]
        bookmarks = tuple(replace(b, note=self.note) if b.key == self.key else b for b in current.bookmarks)
        return _put(doc, i, replace(current, bookmarks=bookmarks))


@dataclass(frozen=True, slots=True)
class Create:
    name: str
    created: str

    def apply(self, doc: Document) -> Document:
        if doc.index(self.name) is not None:
            return doc
        return replace(doc, shortlists=doc.shortlists + (Shortlist(self.name, self.created),))


@dataclass(frozen=True, slots=True)
class Rename:
    old: str
    new: str

    def apply(self, doc: Document) -> Document:
        i = doc.index(self.old)
        if i is None:
            return doc
        source = doc.shortlists[i]
        j = doc.index(self.new)
        active = self.new if doc.active.casefold() == self.old.casefold() else doc.active
        if j is None or j == i:
            return replace(_put(doc, i, replace(source, name=self.new)), active=active)
        # The new name was taken meanwhile: merge into that list, then drop this one.
        target = doc.shortlists[j]
        extra = tuple(b for b in source.bookmarks if not target.find(*b.key))
        merged = _put(doc, j, replace(target, name=self.new, bookmarks=target.bookmarks + extra))
        shortlists = tuple(s for k, s in enumerate(merged.shortlists) if k != i)
        return replace(merged, shortlists=shortlists, active=active)


@dataclass(frozen=True, slots=True)
class Delete:
    name: str
    #: The bookmarks this instance saw in the shortlist when it was deleted.
    known: frozenset[Key]

    def apply(self, doc: Document) -> Document:
        i = doc.index(self.name)
        if i is None:
            return doc
        current = doc.shortlists[i]
        unseen = tuple(b for b in current.bookmarks if b.key not in self.known)
        if unseen:
            return _put(doc, i, replace(current, bookmarks=unseen))
        shortlists = tuple(s for k, s in enumerate(doc.shortlists) if k != i)
        return replace(doc, shortlists=shortlists).normalised()


@dataclass(frozen=True, slots=True)
class Activate:
    name: str

    def apply(self, doc: Document) -> Document:
        found = doc.shortlist(self.name)
        return replace(doc, active=found.name) if found else doc


Op = Add | Remove | Note | Create | Rename | Delete | Activate


def replay(doc: Document, ops: Iterable[Op]) -> Document:
    for op in ops:
        doc = op.apply(doc)
    return doc.normalised()
