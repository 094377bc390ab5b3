"""Bookmarks and shortlists: the file's data and YAML form (``document``), replayable
changes (``ops``), the store that loads, locks, merges and saves (``store``), and bookmarks
seen through a catalog (``resolve``). Outside this package, import from here."""

from explorer.core.bookmarks.document import (
    FILE_NAME,
    MAX_NOTE_CHARS,
    Bookmark,
    Key,
    Shortlist,
    clean_name,
    clean_note,
)
from explorer.core.bookmarks.resolve import (
    MISSING,
    PlatformGroup,
    Resolved,
    check_target,
    group_by_platform,
)
from explorer.core.bookmarks.store import BookmarkError, BookmarkStore

__all__ = [
    "FILE_NAME",
    "MAX_NOTE_CHARS",
    "MISSING",
    "Bookmark",
    "BookmarkError",
    "BookmarkStore",
    "Key",
    "PlatformGroup",
    "Resolved",
    "Shortlist",
    "check_target",
    "clean_name",
    "clean_note",
    "group_by_platform",
]
