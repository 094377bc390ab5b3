"""A parse cache for big catalogs.

PyYAML needs tens of seconds for a 100,000-point catalog, so after a successful load the
checked, cleaned model is stored as JSON in the user cache folder, keyed by the files' paths
and bytes, the app version and the format version. A later start with the same files restores
it in a fraction of the time. A cache file that does not restore cleanly is deleted and the
catalog is parsed again; the cache is never a source of truth.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
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

#: Catalogs smaller than this parse quickly enough that a cache only adds I/O.
MIN_BYTES = 512 * 1024
DISABLE_ENV = "SO_EXPLORER_NO_CACHE"
CACHE_SCHEMA = 4
#: Points per line of the cache file: restoring line by line keeps the peak memory low.
CHUNK = 2000


def cache_key(files: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256(f"so-explorer {__version__} format {FORMAT_VERSION} cache {CACHE_SCHEMA}".encode())
    for name, raw in files:
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(raw).digest())
    return digest.hexdigest()


def cache_path(key: str) -> Path | None:
    if os.environ.get(DISABLE_ENV):
        return None
    return cache_dir() / f"catalog-{key[:40]}.json"


def _link(link: Link | None) -> list | None:
    return [link.title, link.url] if link else None


def _links(links: tuple[Link, ...]) -> list:
    return [[l.title, l.url] for l in links]


def _life(items: tuple[Lifecycle, ...]) -> list:
    return [[lc.status, lc.summary, lc.from_version, _link(lc.source), lc.started, lc.removal, lc.last_version]
            for lc in items]


def _traits(traits: Traits) -> list | None:
    return [traits.runs_on, traits.delivery, traits.latency, traits.retries] if traits else None


def _requires(items: tuple[RequirementRef, ...]) -> list:
    return [[r.id, list(r.alternatives), r.min_version, list(r.environments), list(r.platforms), r.note,
             _link(r.source)] for r in items]


def _avs(items: tuple[Availability, ...]) -> list:
    return [[a.platform, a.status.value, list(a.environments), list(a.clients), a.note] for a in items]


def _point(p: Point) -> list:
    return [p.id, p.name, p.capability, p.kind, p.summary, p.direction, _avs(p.availability),
            _link(p.source), list(p.technologies), list(p.caveats), _links(p.docs), _links(p.sdks),
            _life(p.lifecycle), list(p.aliases), list(p.keywords), p.parent, _requires(p.requires),
            _traits(p.traits)]


def dump(catalog: Catalog) -> bytes:
    """A header line (catalog, platforms, capabilities), then lines of up to CHUNK points."""
    info = catalog.info
    header = {
        "schema": CACHE_SCHEMA,
        "info": [info.id, info.name, info.version, info.description, info.checked],
        "requirements": [[r.id, r.name, r.kind, r.summary, _link(r.source)] for r in catalog.requirements],
        "hash": catalog.content_hash,
        "files": list(catalog.files),
        "points": len(catalog.points),
        "platforms": [
            [p.id, p.name, p.short_name, p.summary, list(p.environments), list(p.clients),
             p.authentication, p.since, _life(p.lifecycle), _links(p.sdks), _links(p.sources),
             list(p.aliases)]
            for p in catalog.platforms
        ],
        "capabilities": [
            [c.id, c.name, c.kind, c.summary, list(c.aliases), _avs(c.elsewhere), list(c.needs),
             c.choose_when, _traits(c.traits), _life(c.lifecycle)]
            for c in catalog.capabilities
        ],
        "synonyms": [[list(s.terms), list(s.needs), list(s.means)] for s in catalog.synonyms],
        "stop_words": list(catalog.stop_words),
    }
    points = catalog.points
    lines = [json.dumps(header, ensure_ascii=False, separators=(",", ":"))]
    for start in range(0, len(points), CHUNK):
        chunk = [_point(p) for p in points[start:start + CHUNK]]
        lines.append(json.dumps(chunk, ensure_ascii=False, separators=(",", ":")))
    return "\n".join(lines).encode("utf-8") + b"\n"


def restore(raw: bytes | Iterable[bytes]) -> Catalog:
    """Rebuild a catalog from :func:`dump` output (bytes, or an open file read line by line)."""
    lines = iter(raw.split(b"\n") if isinstance(raw, bytes) else raw)
    data = json.loads(next(lines))
    if data.get("schema") != CACHE_SCHEMA:
        raise ValueError("old cache schema")
    statuses = {s.value: s for s in Status}
    link_cache: dict[tuple[str, str], Link] = {}

    def link(value: list | None) -> Link | None:
        if value is None:
            return None
        key = (value[0], value[1])
        found = link_cache.get(key)
        if found is None:
            found = link_cache[key] = Link(value[0], value[1])
        return found

    def links(values: list) -> tuple[Link, ...]:
        return tuple(link(v) for v in values)  # type: ignore[misc]

    def life(values: list) -> tuple[Lifecycle, ...]:
        return tuple(
            Lifecycle(s, summary, version, link(src), started, removal, last)
            for s, summary, version, src, started, removal, last in values
        )

    no_traits = Traits()

    def traits(value: list | None) -> Traits:
        return Traits(*value) if value else no_traits

    def requires(values: list) -> tuple[RequirementRef, ...]:
        return tuple(
            RequirementRef(rid, tuple(alts), version, tuple(envs), tuple(pids), note, link(src))
            for rid, alts, version, envs, pids, note, src in values
        )

    def avs(values: list) -> tuple[Availability, ...]:
        return tuple(
            Availability(pid, statuses[status], tuple(envs), tuple(clients), note)
            for pid, status, envs, clients, note in values
        )

    platforms = tuple(
        Platform(pid, name, short, summary, tuple(envs), tuple(clients), auth, since,
                 life(lc), links(sdks), links(sources), tuple(aliases))
        for pid, name, short, summary, envs, clients, auth, since, lc, sdks, sources, aliases
        in data["platforms"]
    )
    capabilities = tuple(
        Capability(cid, name, kind, summary, tuple(aliases), avs(elsewhere), tuple(needs), choose,
                   traits(tr), life(lc))
        for cid, name, kind, summary, aliases, elsewhere, needs, choose, tr, lc in data["capabilities"]
    )
    built: list[Point] = []
    for line in lines:
        if not line.strip():
            continue
        built.extend(
            Point(pid, name, cap, kind, summary, direction, avs(av), link(source),  # type: ignore[arg-type]
                  tuple(tech), tuple(caveats), links(docs), links(sdks), life(lc),
                  tuple(aliases), tuple(keywords), parent, requires(req), traits(tr))
            for pid, name, cap, kind, summary, direction, av, source, tech, caveats, docs, sdks, lc,
            aliases, keywords, parent, req, tr in json.loads(line)
        )
    if len(built) != data["points"]:
        raise ValueError("truncated cache")
    points = tuple(built)
    requirements = tuple(
        Requirement(rid, name, kind, summary, link(src)) for rid, name, kind, summary, src in data["requirements"]
    )
    synonyms = tuple(Synonym(tuple(t), tuple(n), tuple(m)) for t, n, m in data["synonyms"])
    return Catalog(CatalogInfo(*data["info"]), platforms, capabilities, points, data["hash"], tuple(data["files"]),
                   requirements, synonyms, tuple(data["stop_words"]))


def load_cached(key: str) -> Catalog | None:
    path = cache_path(key)
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            return restore(handle)
    except (OSError, ValueError, KeyError, TypeError, IndexError, StopIteration):
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def store(key: str, catalog: Catalog) -> None:
    path = cache_path(key)
    if path is None:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("catalog-*.json"):
            if old != path and old.stat().st_size > MIN_BYTES:
                with contextlib.suppress(OSError):
                    old.unlink()  # keep one big cache at a time
        write_atomic(path, dump(catalog))
