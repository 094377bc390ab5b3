"""The parse cache: checked catalogs, and data derived from them, kept between runs.

PyYAML needs tens of seconds for a 100,000-point catalog (and ~0.1 s for the bundled one),
so after a successful load the checked, cleaned model is stored in the user cache folder and
a later start with the same files restores it in a fraction of the time.

**Where.** ``<cache folder>/catalogs/<key>/`` (the cache folder is ``$SO_EXPLORER_CACHE_DIR``,
else the platform's user cache folder: ``~/.cache/so-explorer`` on Linux). Each entry holds
``catalog.bin`` and, next to it, data that upper layers derive from the catalog and ask to
keep (:func:`remember`; e.g. ``rows.bin``, the comparison's row sets), so that a warm start
builds nothing. ``SO_EXPLORER_NO_CACHE=1`` turns the cache off; ``so-explorer cache --clear``
(or deleting the folder) empties it.

**Keyed by content.** The key is a hash of the files' bytes, in load order, with the app
version, the catalog format, this module's schema and the Python that wrote it. The files'
names are not part of it: the same bytes at another path (a copy, a moved checkout) use the
same entry, and the restored catalog names the files it was loaded from this time.

**Bounded, least recently used first.** Loading an entry marks it used. After each store the
least recently used entries are deleted until at most :data:`MAX_ENTRIES` remain and they take
at most :data:`MAX_TOTAL_BYTES` together (the newest is always kept), so switching between a
few big catalogs stays warm.

**Format, and never trusted.** A file is a magic line, a header (schema, payload length,
CRC-32 of the payload) and a :mod:`marshal` payload (version 4) of plain tuples, strings,
integers and None: about six times faster to load than JSON, and shared values (a platform id,
an environments tuple, a link) are stored once and restored as one object. marshal never runs
code (it has no hooks like pickle's) and nothing restored is ever called. A file whose magic,
schema, length, checksum, shape or references do not match is deleted and the catalog is parsed
again: the cache is never a source of truth.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import shutil
import struct
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from explorer import __version__
from explorer.core.catalog.spec import FORMAT_VERSION
from explorer.core.model import (
    Availability,
    Capability,
    Catalog,
    CatalogInfo,
    Lifecycle,
    Link,
    Platform,
    Point,
    Requirement,
    RequirementRef,
    Status,
    Synonym,
    Traits,
)
from explorer.core.settings.paths import cache_dir
from explorer.core.util.atomic import write_atomic

#: Catalogs smaller than this (all files together) are parsed every time: the bundled one
#: (~0.2 MB) is cached, the few-line catalogs of tests and examples are not.
MIN_BYTES = 64 * 1024
DISABLE_ENV = "SO_EXPLORER_NO_CACHE"
#: The format of the files below; a change makes older entries unreachable (and deleted).
CACHE_SCHEMA = 5
#: The most entries kept, and the most bytes they may take together (LRU beyond either).
MAX_ENTRIES = 8
MAX_TOTAL_BYTES = 512 * 1024 * 1024
FOLDER = "catalogs"
CATALOG_FILE = "catalog.bin"
MAGIC = b"so-explorer cache\n"
_HEADER = struct.Struct("<IQI")  # schema, payload length, CRC-32 of the payload
#: marshal's format may change between Pythons: an entry is for the Python that wrote it.
_PYTHON = f"{sys.implementation.cache_tag}"


class CacheError(ValueError):
    """A cache file that cannot be used (it is deleted and the catalog parsed again)."""


# ------------------------------------------------------------------ keys and places
def cache_key(files: list[tuple[str, bytes]]) -> str:
    """The entry key of catalog files: their bytes in load order (names are not part of it)."""
    digest = hashlib.sha256(
        f"so-explorer {__version__} format {FORMAT_VERSION} cache {CACHE_SCHEMA} {_PYTHON}".encode()
    )
    for _name, raw in files:
        digest.update(hashlib.sha256(raw).digest())
    return digest.hexdigest()[:40]


def cache_root() -> Path | None:
    """The folder of the entries, or None when the cache is turned off."""
    if os.environ.get(DISABLE_ENV):
        return None
    return cache_dir() / FOLDER


def entry_dir(key: str) -> Path | None:
    root = cache_root()
    return None if root is None or not key else root / key


# ------------------------------------------------------------------ file format
def encode(data: object) -> bytes:
    payload = marshal.dumps(data, 4)
    return MAGIC + _HEADER.pack(CACHE_SCHEMA, len(payload), zlib.crc32(payload)) + payload


def decode(raw: bytes) -> object:
    """The plain data of a file written by :func:`encode`; :class:`CacheError` if damaged."""
    start = len(MAGIC) + _HEADER.size
    if not raw.startswith(MAGIC) or len(raw) < start:
        raise CacheError("not a cache file")
    schema, length, crc = _HEADER.unpack_from(raw, len(MAGIC))
    if schema != CACHE_SCHEMA:
        raise CacheError("old cache schema")
    payload = memoryview(raw)[start:]
    if len(payload) != length:
        raise CacheError("truncated cache file")
    if zlib.crc32(payload) != crc:
        raise CacheError("cache file checksum mismatch")
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError) as exc:
        raise CacheError(f"unreadable cache file: {exc}") from None


# ------------------------------------------------------------------ catalog ↔ plain data
class _Tables:
    """Plain data with sharing: equal values become one object (so marshal writes them once),
    and the values that restore as model objects (availability, links, lifecycle, traits,
    requirements) go into tables that points refer to by number, so each distinct one is
    built once on restore and a point costs a few list lookups."""

    def __init__(self) -> None:
        self._memo: dict[object, object] = {}
        self.tables: dict[str, dict[object, int]] = {
            name: {} for name in ("avs", "link", "links", "life", "traits", "requires")
        }

    def __call__(self, value):
        """``value`` (any hashable plain value), or the equal one seen before."""
        return self._memo.setdefault(value, value)

    def number(self, table: str, value: object) -> int:
        numbers = self.tables[table]
        found = numbers.get(value)
        if found is None:
            found = numbers[value] = len(numbers)
        return found

    def link(self, link: Link | None) -> tuple | None:
        return None if link is None else self((self(link.title), self(link.url)))

    def links(self, links: tuple[Link, ...]) -> tuple:
        return self(tuple(self.link(link) for link in links))

    def life(self, items: tuple[Lifecycle, ...]) -> tuple:
        return self(tuple(
            self((self(lc.status), self(lc.summary), lc.from_version, self.link(lc.source), lc.started,
                  lc.removal, lc.last_version))
            for lc in items
        ))

    def traits(self, traits: Traits) -> tuple:
        return self((self(traits.runs_on), self(traits.delivery), self(traits.latency), self(traits.retries)))

    def requires(self, items: tuple[RequirementRef, ...]) -> tuple:
        return self(tuple(
            self((self(r.id), self(r.alternatives), r.min_version, self(r.environments), self(r.platforms),
                  self(r.note), self.link(r.source)))
            for r in items
        ))

    def avs(self, items: tuple[Availability, ...]) -> tuple:
        return self(tuple(
            self((self(a.platform), a.status.value, self(a.environments), self(a.clients), self(a.note)))
            for a in items
        ))

    def point(self, p: Point) -> tuple:
        n = self.number
        return (p.id, p.name, self(p.capability), self(p.kind), p.summary, self(p.direction),
                n("avs", self.avs(p.availability)), n("link", self.link(p.source)), self(p.technologies),
                self(p.caveats), n("links", self.links(p.docs)), n("links", self.links(p.sdks)),
                n("life", self.life(p.lifecycle)), self(p.aliases), self(p.keywords), p.parent,
                n("requires", self.requires(p.requires)), n("traits", self.traits(p.traits)))

    def table(self, name: str) -> tuple:
        return tuple(self.tables[name])  # in number order (dicts keep insertion order)


_TABLES = ("avs", "link", "links", "life", "traits", "requires")


def dump(catalog: Catalog, key: str = "") -> bytes:
    """The catalog as plain data, encoded (see the module docstring)."""
    s = _Tables()
    info = catalog.info
    platforms = tuple(
        (s(p.id), p.name, p.short_name, p.summary, s(p.environments), s(p.clients), p.authentication, p.since,
         s.life(p.lifecycle), s.links(p.sdks), s.links(p.sources), s(p.aliases))
        for p in catalog.platforms
    )
    n = s.number
    capabilities = tuple(
        (s(c.id), c.name, s(c.kind), c.summary, s(c.aliases), n("avs", s.avs(c.elsewhere)), s(c.needs),
         c.choose_when, n("traits", s.traits(c.traits)), n("life", s.life(c.lifecycle)))
        for c in catalog.capabilities
    )
    points = tuple(s.point(p) for p in catalog.points)
    data = (
        "catalog", key,
        (info.id, info.name, info.version, info.description, info.checked),
        platforms, capabilities,
        tuple(s.table(name) for name in _TABLES), points,
        tuple((r.id, r.name, r.kind, r.summary, s.link(r.source)) for r in catalog.requirements),
        tuple((y.terms, y.needs, y.means) for y in catalog.synonyms),
        tuple(catalog.stop_words),
        catalog.content_hash,
    )
    return encode(data)


def restore(raw: bytes, files: tuple[str, ...] = (), key: str = "") -> Catalog:
    """Rebuild a catalog from :func:`dump` output; ``files`` are the paths it was loaded from
    this time. Raises :class:`CacheError` (or the error a damaged shape gives: ValueError,
    TypeError, KeyError, IndexError) when the data cannot be what :func:`dump` wrote."""
    data = decode(raw)
    if not isinstance(data, tuple) or len(data) != 11 or data[0] != "catalog":
        raise CacheError("not a catalog cache file")
    _, stored_key, info, platform_rows, capability_rows, tables, point_rows, requirement_rows, synonym_rows, \
        stop_words, content_hash = data
    if key and stored_key != key:
        raise CacheError("cache file of another entry")
    for part in (info, platform_rows, capability_rows, tables, point_rows, requirement_rows, synonym_rows,
                 stop_words):
        if not isinstance(part, tuple):
            raise CacheError("damaged cache file")
    statuses = {s.value: s for s in Status}

    def link(v: tuple | None) -> Link | None:
        return None if v is None else Link(v[0], v[1])

    def life(values: tuple) -> tuple[Lifecycle, ...]:
        return tuple(Lifecycle(st, summary, version, link(src), started, removal, last)
                     for st, summary, version, src, started, removal, last in values)

    one: dict[int, Availability] = {}  # the payload lives until the end: ids stay unique

    def availability(v: tuple) -> Availability:
        found = one.get(id(v))
        if found is None:
            found = one[id(v)] = Availability(v[0], statuses[v[1]], v[2], v[3], v[4])
        return found

    def avs(values: tuple) -> tuple[Availability, ...]:
        return tuple(map(availability, values))

    avs_rows, link_rows, links_rows, life_rows, traits_rows, requires_rows = tables
    # Each distinct value becomes one object, shared by every point that has it.
    av_table = [avs(v) for v in avs_rows]
    link_table = [link(v) for v in link_rows]
    links_table = [tuple(map(link, v)) for v in links_rows]
    life_table = [life(v) for v in life_rows]
    traits_table = [Traits(*v) for v in traits_rows]
    requires_table = [
        tuple(RequirementRef(rid, alts, version, envs, pids, note, link(src))
              for rid, alts, version, envs, pids, note, src in v)
        for v in requires_rows
    ]
    platforms = tuple(
        Platform(pid, name, short, summary, envs, clients, auth, since, life(lc), tuple(map(link, sdks)),
                 tuple(map(link, sources)), aliases)
        for pid, name, short, summary, envs, clients, auth, since, lc, sdks, sources, aliases in platform_rows
    )
    capabilities = tuple(
        Capability(cid, name, kind, summary, aliases, av_table[elsewhere], needs, choose, traits_table[tr],
                   life_table[lc])
        for cid, name, kind, summary, aliases, elsewhere, needs, choose, tr, lc in capability_rows
    )
    points = tuple(
        Point(pid, name, cap, kind, summary, direction, av_table[av], link_table[source],  # type: ignore[arg-type]
              tech, caveats, links_table[docs], links_table[sdks], life_table[lc], aliases, keywords, parent,
              requires_table[req], traits_table[tr])
        for pid, name, cap, kind, summary, direction, av, source, tech, caveats, docs, sdks, lc, aliases,
        keywords, parent, req, tr in point_rows
    )
    known = {c.id for c in capabilities}
    if not known.issuperset([p.capability for p in points]) or any(type(p.id) is not str for p in points):
        raise CacheError("damaged cache file")
    requirements = tuple(
        Requirement(rid, name, kind, summary, link(src)) for rid, name, kind, summary, src in requirement_rows
    )
    synonyms = tuple(Synonym(t, n, m) for t, n, m in synonym_rows)
    return Catalog(CatalogInfo(*info), platforms, capabilities, points, content_hash, tuple(files),
                   requirements, synonyms, stop_words, cache_key=key)


# ------------------------------------------------------------------ the entries
def load_cached(key: str, files: tuple[str, ...] = ()) -> Catalog | None:
    """The cached catalog of ``key`` (with its derived data), or None. A damaged entry is
    deleted; a used one is marked as used."""
    folder = entry_dir(key)
    if folder is None:
        return None
    path = folder / CATALOG_FILE
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        catalog = restore(raw, files, key)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        _delete(folder)
        return None
    del raw
    with contextlib.suppress(OSError):
        os.utime(path)  # most recently used
    catalog.derived.update(_derived(folder, key))
    return catalog


def _derived(folder: Path, key: str) -> dict[str, object]:
    found: dict[str, object] = {}
    with contextlib.suppress(OSError):
        for path in folder.glob("*.bin"):
            if path.name == CATALOG_FILE:
                continue
            try:
                data = decode(path.read_bytes())
                if not (isinstance(data, tuple) and len(data) == 3 and data[0] == "derived" and data[1] == key):
                    raise CacheError("not derived data of this entry")
                found[path.stem] = data[2]
            except (OSError, CacheError):
                with contextlib.suppress(OSError):
                    path.unlink()
    return found


def store(key: str, catalog: Catalog) -> None:
    """Keep ``catalog`` under ``key`` (nothing when the cache is off or not writable), then
    drop the least recently used entries beyond the bounds."""
    folder = entry_dir(key)
    if folder is None:
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / CATALOG_FILE, dump(catalog, key))
        catalog.cache_key = key
        _evict(folder.parent, keep=folder)
        _drop_old_format(folder.parent.parent)


def remember(catalog: Catalog, name: str, data: object) -> None:
    """Keep ``data`` (plain tuples, dicts, strings, numbers) derived from ``catalog`` in its
    cache entry, for the next load's ``catalog.derived[name]``. Nothing when the catalog has no
    entry (the cache is off, or the catalog is small)."""
    catalog.derived[name] = data
    folder = entry_dir(catalog.cache_key)
    if folder is None or not name.isidentifier():
        return
    with contextlib.suppress(OSError):
        if folder.is_dir():
            write_atomic(folder / f"{name}.bin", encode(("derived", catalog.cache_key, data)))


@dataclass(frozen=True)
class Entry:
    key: str
    path: Path
    size: int
    used: float
    #: The catalog's name and version, as stored (empty when the entry cannot be read).
    title: str = ""


def entries(with_titles: bool = False) -> list[Entry]:
    """The entries, most recently used first."""
    root = cache_root()
    found: list[Entry] = []
    if root is None:
        return found
    with contextlib.suppress(OSError):
        for folder in root.iterdir():
            if folder.name.startswith(".") or not folder.is_dir():
                continue
            try:
                size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
                used = (folder / CATALOG_FILE).stat().st_mtime
            except OSError:
                size, used = 0, 0.0
            title = _title(folder) if with_titles else ""
            found.append(Entry(folder.name, folder, size, used, title))
    found.sort(key=lambda e: e.used, reverse=True)
    return found


def _title(folder: Path) -> str:
    try:
        data = decode((folder / CATALOG_FILE).read_bytes())
        info = data[2]  # type: ignore[index]
        return f"{info[1]} {info[2]} ({len(data[6]):,} points)"  # type: ignore[index]
    except (OSError, CacheError, TypeError, IndexError, KeyError):
        return "(unreadable: so-explorer cache --clear removes it)"


def clear() -> int:
    """Delete every entry (and files of older cache formats); the number of entries deleted."""
    gone = 0
    for entry in entries():
        _delete(entry.path)
        gone += 1
    root = cache_root()
    if root is not None:
        _drop_old_format(root.parent)
    return gone


def _evict(root: Path, keep: Path) -> None:
    total, count = 0, 0
    for entry in entries():
        if entry.path == keep or (count < MAX_ENTRIES and total + entry.size <= MAX_TOTAL_BYTES):
            total += entry.size
            count += 1
            continue
        _delete(entry.path)


def _drop_old_format(folder: Path) -> None:
    """Schema 4 kept one JSON file in the cache folder itself."""
    with contextlib.suppress(OSError):
        for old in folder.glob("catalog-*.json"):
            with contextlib.suppress(OSError):
                old.unlink()


def _delete(folder: Path) -> None:
    # Rename first, so another process never reads a half-deleted entry.
    target = folder.with_name(f".deleting-{folder.name}-{os.getpid()}-{time.monotonic_ns()}")
    try:
        folder.rename(target)
    except OSError:
        target = folder
    shutil.rmtree(target, ignore_errors=True)
