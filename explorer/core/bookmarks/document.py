"""The bookmarks file: its data (documents, shortlists, bookmarks) and its YAML form.

``bookmarks.yaml`` is human-readable and versioned::

    # so-explorer bookmarks (format version 1). ...
    version: 1
    active: Default
    shortlists:
    - name: Default
      created: '2025-05-01T09:30:00Z'
      bookmarks:
      - point: gamma.rest
        platform: gamma
        note: check the OData limits
        added: '2025-05-01T09:31:12Z'

Bookmarks refer to stable point and platform ids. Values are plain data, read with
``yaml.safe_load``'s loader only (libyaml's ``CSafeLoader`` when present). :func:`parse` is strict: anything that is not exactly this shape
raises :class:`BookmarkFileError` with a one-line reason naming the key (the store then moves
the file aside rather than guess). A file written by a newer so-explorer raises
:class:`NewerVersionError` (not corrupt: it is left alone). Pure: no I/O here.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace

import yaml

try:  # libyaml's safe loader and dumper are much faster; same safety as yaml.safe_load
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from explorer.core.util.sanitize import clean_text

FILE_NAME = "bookmarks.yaml"
LOCK_NAME = FILE_NAME + ".lock"
VERSION = 1
DEFAULT_SHORTLIST = "Default"
#: A bookmarks file larger than this is not read (it cannot be one we wrote).
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_NAME_CHARS = 60
MAX_NOTE_CHARS = 2000

HEADER = (
    f"# so-explorer bookmarks (format version {VERSION}).\n"
    "# so-explorer rewrites this file on every change; edit it only while so-explorer is closed.\n"
)

Key = tuple[str, str]


class BookmarkFileError(ValueError):
    """The file's content cannot be read as bookmarks; ``str()`` is a one-line reason."""


class NewerVersionError(BookmarkFileError):
    """The file has a format version this so-explorer does not know (written by a newer one)."""


@dataclass(frozen=True, slots=True)
class Bookmark:
    point: str
    platform: str
    note: str = ""
    #: When it was bookmarked: UTC, ISO 8601 (``2025-05-01T09:31:12Z``).
    added: str = ""

    @property
    def key(self) -> Key:
        return (self.point, self.platform)


@dataclass(frozen=True, slots=True)
class Shortlist:
    name: str
    created: str = ""
    bookmarks: tuple[Bookmark, ...] = ()

    def find(self, point: str, platform: str) -> Bookmark | None:
        for bookmark in self.bookmarks:
            if bookmark.point == point and bookmark.platform == platform:
                return bookmark
        return None

    @property
    def keys(self) -> frozenset[Key]:
        return frozenset(b.key for b in self.bookmarks)


@dataclass(frozen=True, slots=True)
class Document:
    """Everything in one bookmarks file. Always holds at least one shortlist."""

    active: str
    shortlists: tuple[Shortlist, ...]

    @classmethod
    def empty(cls, created: str | None = None) -> Document:
        return cls(DEFAULT_SHORTLIST, (Shortlist(DEFAULT_SHORTLIST, created or utc_now()),))

    def index(self, name: str) -> int | None:
        """Position of the shortlist called ``name`` (names compare case-insensitively)."""
        folded = name.casefold()
        for i, shortlist in enumerate(self.shortlists):
            if shortlist.name.casefold() == folded:
                return i
        return None

    def shortlist(self, name: str) -> Shortlist | None:
        i = self.index(name)
        return None if i is None else self.shortlists[i]

    def normalised(self) -> Document:
        """At least one shortlist, and ``active`` names one of them (by its exact spelling)."""
        doc = self if self.shortlists else replace(self, shortlists=Document.empty().shortlists)
        current = doc.shortlist(doc.active)
        name = current.name if current else doc.shortlists[0].name
        return doc if name == doc.active else replace(doc, active=name)


def utc_now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def clean_name(value: object) -> str:
    """A shortlist name from user input: one line, no control characters, 1–60 chars."""
    name = clean_text(value) if isinstance(value, str) else ""
    if not name:
        raise ValueError("a shortlist name cannot be empty")
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(f"a shortlist name can have at most {MAX_NAME_CHARS} characters")
    return name


def clean_note(value: object) -> str:
    """A note from user input: one line, no control characters, at most 2000 chars."""
    note = clean_text(value) if isinstance(value, str) else ""
    if len(note) > MAX_NOTE_CHARS:
        raise ValueError(f"a note can have at most {MAX_NOTE_CHARS} characters")
    return note


# -- reading ---------------------------------------------------------------------------------


def parse(data: bytes) -> Document:
    """Read a bookmarks file's bytes. Empty (or comments only) means no bookmarks yet."""
    if len(data) > MAX_FILE_BYTES:
        raise BookmarkFileError(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if b"\x00" in data:
        raise BookmarkFileError("the file holds binary data (NUL bytes), not YAML text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BookmarkFileError(f"the file is not UTF-8 text (bad byte at offset {exc.start})") from None
    try:
        raw = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise BookmarkFileError(f"not valid YAML ({where}{problem})") from None
    except (ValueError, RecursionError) as exc:  # e.g. a bad timestamp, or absurd nesting
        raise BookmarkFileError(f"not valid YAML ({exc})") from None
    if raw is None:
        return Document.empty()
    return _document(raw)


def _document(raw: object) -> Document:
    if not isinstance(raw, dict):
        raise BookmarkFileError(f"the top level must be a mapping with 'version', not {_kind(raw)}")
    _no_extra_keys(raw, {"version", "active", "shortlists"}, "the top level")
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise BookmarkFileError("'version' must be the number 1")
    if version > VERSION:
        raise NewerVersionError(
            f"format version {version} is from a newer so-explorer; this one reads version {VERSION}"
        )
    if version < 1:
        raise BookmarkFileError(f"'version' must be the number 1, not {version}")
    shortlists_raw = raw.get("shortlists", [])
    if shortlists_raw is None:
        shortlists_raw = []
    if not isinstance(shortlists_raw, list):
        raise BookmarkFileError(f"'shortlists' must be a list, not {_kind(shortlists_raw)}")
    shortlists: list[Shortlist] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(shortlists_raw):
        shortlist = _shortlist(item, f"shortlists[{i}]")
        folded = shortlist.name.casefold()
        if folded in seen:
            raise BookmarkFileError(
                f"shortlists[{i}]: the name {shortlist.name!r} is already used by shortlists[{seen[folded]}]"
            )
        seen[folded] = i
        shortlists.append(shortlist)
    active = raw.get("active")
    if active is not None and not isinstance(active, str):
        raise BookmarkFileError(f"'active' must be a shortlist name, not {_kind(active)}")
    doc = Document(clean_text(active or ""), tuple(shortlists))
    return doc.normalised()


def _shortlist(raw: object, where: str) -> Shortlist:
    if not isinstance(raw, dict):
        raise BookmarkFileError(f"{where} must be a mapping with 'name', not {_kind(raw)}")
    _no_extra_keys(raw, {"name", "created", "bookmarks"}, where)
    name_raw = raw.get("name")
    if not isinstance(name_raw, str) or not clean_text(name_raw):
        raise BookmarkFileError(f"{where}.name must be a non-empty text")
    bookmarks_raw = raw.get("bookmarks", [])
    if bookmarks_raw is None:
        bookmarks_raw = []
    if not isinstance(bookmarks_raw, list):
        raise BookmarkFileError(f"{where}.bookmarks must be a list, not {_kind(bookmarks_raw)}")
    bookmarks: list[Bookmark] = []
    seen: dict[Key, int] = {}
    for j, item in enumerate(bookmarks_raw):
        bookmark = _bookmark(item, f"{where}.bookmarks[{j}]")
        if bookmark.key in seen:
            raise BookmarkFileError(
                f"{where}.bookmarks[{j}]: {bookmark.point} on {bookmark.platform} is already "
                f"bookmarks[{seen[bookmark.key]}]"
            )
        seen[bookmark.key] = j
        bookmarks.append(bookmark)
    created = _stamp(raw.get("created"), f"{where}.created")
    return Shortlist(clean_text(name_raw), created, tuple(bookmarks))


def _bookmark(raw: object, where: str) -> Bookmark:
    if not isinstance(raw, dict):
        raise BookmarkFileError(f"{where} must be a mapping with 'point' and 'platform', not {_kind(raw)}")
    _no_extra_keys(raw, {"point", "platform", "note", "added"}, where)
    ids = []
    for key in ("point", "platform"):
        value = raw.get(key)
        if not isinstance(value, str) or not clean_text(value):
            raise BookmarkFileError(f"{where}.{key} must be a non-empty id")
        ids.append(clean_text(value))
    note = raw.get("note")
    if isinstance(note, bool) or (note is not None and not isinstance(note, (str, int, float))):
        raise BookmarkFileError(f"{where}.note must be text, not {_kind(note)}")
    return Bookmark(ids[0], ids[1], clean_text(str(note)) if note is not None else "",
                    _stamp(raw.get("added"), f"{where}.added"))


def _stamp(value: object, where: str) -> str:
    """A timestamp: text as written, or one YAML read as a date/time (unquoted)."""
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.UTC).replace(tzinfo=None)
        return value.replace(microsecond=0).isoformat() + "Z"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return clean_text(value)
    raise BookmarkFileError(f"{where} must be a UTC time such as 2025-05-01T09:30:00Z, not {_kind(value)}")


def _no_extra_keys(raw: dict, allowed: set[str], where: str) -> None:
    extra = [k for k in raw if k not in allowed]
    if extra:
        known = ", ".join(sorted(allowed))
        raise BookmarkFileError(f"{where} has an unknown key {str(extra[0])!r} (known keys: {known})")


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "a text", bool: "true/false", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


# -- writing ---------------------------------------------------------------------------------


def to_data(doc: Document) -> dict:
    """The plain data written to the file (also the base of ``bookmarks list --json``)."""
    return {
        "version": VERSION,
        "active": doc.active,
        "shortlists": [
            {
                "name": s.name,
                "created": s.created,
                "bookmarks": [
                    {"point": b.point, "platform": b.platform, "note": b.note, "added": b.added}
                    for b in s.bookmarks
                ],
            }
            for s in doc.shortlists
        ],
    }


def dump(doc: Document) -> bytes:
    body = yaml.dump(
        to_data(doc), Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
        width=4096,
    )
    return (HEADER + body).encode("utf-8")
