"""Load one or more catalog files into a :class:`~explorer.core.model.Catalog`.

Sources are files, folders (every ``*.yaml``/``*.yml`` in them, sorted by name) or the word
``bundled``. Files combine into one catalog: ids must be unique across all of them, and a
file may refer to platforms and capabilities defined in another. Every problem in every file
is collected; :class:`CatalogError` carries them all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

from explorer.core.catalog import cache as catalog_cache
from explorer.core.catalog.validate import Problem, check_document
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
from explorer.core.util.gcpause import paused_gc
from explorer.core.util.sanitize import clean_text
from explorer.core.util.yamlsafe import (
    MAX_BYTES,
    LocDict,
    LocList,
    YamlProblem,
    parse_bytes,
)

BUNDLED = "bundled"


class CatalogError(Exception):
    """A catalog that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def bundled_catalog_dir() -> Path:
    """The catalog shipped with the package (or the source tree's ``catalog/`` in a checkout)."""
    packaged = resources.files("explorer") / "catalog"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "catalog"


def expand_sources(sources: Iterable[str | Path] | None) -> tuple[list[Path], list[Problem]]:
    """Turn ``--catalog`` values into a list of files."""
    files: list[Path] = []
    problems: list[Problem] = []
    for source in list(sources or [BUNDLED]):
        path = bundled_catalog_dir() if str(source) == BUNDLED else Path(source).expanduser()
        if path.is_dir():
            try:
                found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            except OSError as exc:
                problems.append(Problem(str(path), 1, 1, "", f"cannot read the folder: {exc.strerror or exc}"))
                continue
            if not found:
                problems.append(Problem(str(path), 1, 1, "", "folder holds no .yaml catalog files"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "", "no such file or folder"))
    return files, problems


def _text(value: object, multiline: bool = False) -> str:
    return clean_text(value, multiline) if isinstance(value, str) else ""


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(t for t in (_text(v) for v in value) if t)


def _link(value: object) -> Link | None:
    if not isinstance(value, dict):
        return None
    return Link(_text(value.get("title")), _text(value.get("url")))


def _links(value: object) -> tuple[Link, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(link for link in (_link(v) for v in value) if link)


def _lifecycle(value: object) -> tuple[Lifecycle, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        Lifecycle(
            status=_text(v.get("status")),
            summary=_text(v.get("summary"), True),
            from_version=_text(v.get("from_version")) or None,
            source=_link(v.get("source")),
            started=_text(v.get("started")) or None,
            removal=_text(v.get("removal")) or None,
            last_version=_text(v.get("last_version")) or None,
        )
        for v in value
        if isinstance(v, dict)
    )


def _traits(value: object) -> Traits:
    if not isinstance(value, dict):
        return Traits()
    return Traits(*(_text(value.get(key), True) for key in ("runs_on", "delivery", "latency", "retries")))


def _requires(value: object) -> tuple[RequirementRef, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        RequirementRef(
            id=_text(v.get("id")),
            alternatives=_strings(v.get("or")),
            min_version=_text(v.get("min_version")) or None,
            environments=_strings(v.get("environments")),
            platforms=_strings(v.get("platforms")),
            note=_text(v.get("note"), True),
            source=_link(v.get("source")),
        )
        for v in value
        if isinstance(v, dict)
    )


class _Builder:
    """Collects entries from all files, checks references, then builds the model."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.info: CatalogInfo | None = None
        self.platforms: dict[str, tuple[str, LocDict, str]] = {}
        self.capabilities: dict[str, tuple[str, LocDict, str]] = {}
        self.points: dict[str, tuple[str, LocDict, str]] = {}
        self.requirements: dict[str, tuple[str, LocDict, str]] = {}
        #: Search vocabulary, in file order: (file, entry, path) and the stop words.
        self.synonyms: list[tuple[str, LocDict, str]] = []
        self.stop_words: dict[str, None] = {}

    def problem(self, file: str, mapping: LocDict, key: str | None, path: str, message: str) -> None:
        pos = mapping.value_pos.get(key, mapping.pos) if key else mapping.pos
        self.problems.append(Problem(file, pos[0], pos[1], path, message))

    def collect(self, file: str, data: LocDict) -> None:
        info = data.get("catalog")
        if isinstance(info, dict) and self.info is None:
            self.info = CatalogInfo(
                id=_text(info.get("id")),
                name=_text(info.get("name")),
                version=_text(info.get("version")),
                description=_text(info.get("description"), True),
                checked=_text(info.get("checked")),
            )
        for section, store in (
            ("requirements", self.requirements),
            ("platforms", self.platforms),
            ("capabilities", self.capabilities),
            ("points", self.points),
        ):
            entries = data.get(section)
            if not isinstance(entries, LocList):
                continue
            for index, entry in enumerate(entries):
                if not isinstance(entry, LocDict) or not isinstance(entry.get("id"), str):
                    continue
                entry_id = entry["id"]
                if entry_id in store:
                    first_file, first, _ = store[entry_id]
                    where = "" if first_file == file else f"{first_file}:"
                    self.problem(
                        file, entry, "id", f"{section}[{index}].id",
                        f"duplicate id {entry_id!r} (first defined at {where}line {first.pos[0]})",
                    )
                    continue
                store[entry_id] = (file, entry, f"{section}[{index}]")
        self._collect_vocabulary(file, data)

    def _collect_vocabulary(self, file: str, data: LocDict) -> None:
        synonyms = data.get("synonyms")
        if isinstance(synonyms, LocList):
            for index, entry in enumerate(synonyms):
                if isinstance(entry, LocDict):
                    self.synonyms.append((file, entry, f"synonyms[{index}]"))
        words = data.get("stop_words")
        if isinstance(words, LocList):
            for word in words:
                if isinstance(word, str) and _text(word):
                    self.stop_words[_text(word)] = None

    def _check_synonyms(self) -> None:
        """An entry must add something: a second term, needs: or means:."""
        for file, entry, path in self.synonyms:
            terms = entry.get("terms")
            if isinstance(terms, LocList) and len(terms) == 1 and "needs" not in entry and "means" not in entry:
                self.problem(file, entry, "terms", f"{path}.terms",
                             "a synonym with one term needs needs:, means: or a second term (it finds nothing new)")

    def check_references(self) -> None:
        if not self.platforms and not self.problems:
            self.problems.append(Problem("(catalog)", 1, 1, "", "the catalog defines no platforms"))
        for file, point, path in self.points.values():
            cap = point.get("capability")
            if isinstance(cap, str) and cap not in self.capabilities:
                self.problem(file, point, "capability", f"{path}.capability", f"unknown capability {cap!r}")
            parent = point.get("parent")
            if isinstance(parent, str) and parent not in self.points:
                self.problem(file, point, "parent", f"{path}.parent", f"unknown point {parent!r}")
            elif isinstance(parent, str) and parent == point["id"]:
                self.problem(file, point, "parent", f"{path}.parent", "a point cannot be its own parent")
            self._check_platform_keys(file, point.get("availability"), f"{path}.availability")
            self._check_requires(file, point.get("requires"), f"{path}.requires")
        for file, cap, path in self.capabilities.values():
            self._check_platform_keys(file, cap.get("elsewhere"), f"{path}.elsewhere")
        self._check_synonyms()

    def _check_requires(self, file: str, value: object, path: str) -> None:
        if not isinstance(value, LocList):
            return
        for index, ref in enumerate(value):
            if not isinstance(ref, LocDict):
                continue
            where = f"{path}[{index}]"
            ids = [("id", ref.get("id"))]
            alternatives = ref.get("or")
            if isinstance(alternatives, LocList):
                ids += [(f"or[{i}]", v) for i, v in enumerate(alternatives)]
            for key, rid in ids:
                if isinstance(rid, str) and rid not in self.requirements:
                    known = ", ".join(sorted(self.requirements)) or "none are defined"
                    pos = ref.value_pos.get(key.split("[")[0], ref.pos)
                    self.problems.append(Problem(
                        file, pos[0], pos[1], f"{where}.{key}",
                        f"unknown requirement {rid!r} (define it under requirements:; known: {known})",
                    ))
            platforms = ref.get("platforms")
            if isinstance(platforms, LocList):
                for i, pid in enumerate(platforms):
                    if isinstance(pid, str) and pid not in self.platforms:
                        pos = platforms.item_pos[i]
                        self.problems.append(Problem(file, pos[0], pos[1], f"{where}.platforms[{i}]",
                                                     f"unknown platform {pid!r}"))

    def _check_platform_keys(self, file: str, mapping: object, path: str) -> None:
        if not isinstance(mapping, LocDict):
            return
        for key in mapping:
            if isinstance(key, str) and key not in self.platforms:
                pos = mapping.key_pos[key]
                self.problems.append(Problem(file, pos[0], pos[1], f"{path}.{key}", f"unknown platform {key!r}"))

    def _availability(self, platform_id: str, value: LocDict) -> Availability:
        platform = self.platforms[platform_id][1]
        envs = value.get("environments") or platform.get("environments") or ()
        clients = value.get("clients") or platform.get("clients") or ()
        return Availability(
            platform=platform_id,
            status=Status(value["status"]),
            environments=tuple(envs),
            clients=tuple(clients),
            note=_text(value.get("note"), True),
        )

    def build(self, files: Sequence[str], digest: str) -> Catalog:
        platforms = tuple(
            Platform(
                id=p["id"],
                name=_text(p["name"]),
                short_name=_text(p.get("short_name")) or _text(p["name"]),
                summary=_text(p["summary"], True),
                environments=tuple(p["environments"]),
                clients=tuple(p["clients"]),
                authentication=_text(p["authentication"], True),
                since=p.get("since"),
                lifecycle=_lifecycle(p.get("lifecycle")),
                sdks=_links(p.get("sdks")),
                sources=_links(p.get("sources")),
                aliases=_strings(p.get("aliases")),
            )
            for _, p, _ in self.platforms.values()
        )
        capabilities = tuple(
            Capability(
                id=c["id"],
                name=_text(c["name"]),
                kind=c["kind"],
                summary=_text(c.get("summary"), True),
                aliases=_strings(c.get("aliases")),
                elsewhere=tuple(
                    Availability(pid, Status(v["status"]), (), (), _text(v.get("note"), True))
                    for pid, v in (c.get("elsewhere") or {}).items()
                ),
                needs=_strings(c.get("needs")),
                choose_when=_text(c.get("choose_when"), True),
                traits=_traits(c.get("traits")),
                lifecycle=_lifecycle(c.get("lifecycle")),
            )
            for _, c, _ in self.capabilities.values()
        )
        points = tuple(
            Point(
                id=p["id"],
                name=_text(p["name"]),
                capability=p["capability"],
                kind=p["kind"],
                summary=_text(p["summary"], True),
                direction=p["direction"],
                availability=tuple(self._availability(pid, v) for pid, v in p["availability"].items()),
                source=_link(p["source"]) or Link("", ""),
                technologies=_strings(p.get("technologies")),
                caveats=tuple(_text(c, True) for c in p.get("caveats") or () if _text(c)),
                docs=_links(p.get("docs")),
                sdks=_links(p.get("sdks")),
                lifecycle=_lifecycle(p.get("lifecycle")),
                aliases=_strings(p.get("aliases")),
                keywords=_strings(p.get("keywords")),
                parent=p.get("parent"),
                requires=_requires(p.get("requires")),
                traits=_traits(p.get("traits")),
            )
            for _, p, _ in self.points.values()
        )
        requirements = tuple(
            Requirement(
                id=r["id"],
                name=_text(r["name"]),
                kind=r["kind"],
                summary=_text(r.get("summary"), True),
                source=_link(r.get("source")),
            )
            for _, r, _ in self.requirements.values()
        )
        synonyms = tuple(
            Synonym(_strings(e.get("terms")), _strings(e.get("needs")), _strings(e.get("means")))
            for _, e, _ in self.synonyms
        )
        info = self.info or CatalogInfo(id="catalog", name="Untitled catalog", version="0")
        return Catalog(info, platforms, capabilities, points, digest, tuple(files), requirements,
                       synonyms, tuple(self.stop_words))


def _read(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes, reading at most one byte past the bound (so /dev/zero, a FIFO
    or a file that grows while read cannot make us hang or fill memory)."""
    file = str(path)
    try:
        if not path.is_file():
            raise YamlProblem(file, 1, 1, "not a regular file")
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise YamlProblem(file, 1, 1, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise YamlProblem(file, 1, 1, f"file is over the limit of {max_bytes:,} bytes")
    return raw


def load_catalog(
    sources: Iterable[str | Path] | None = None, max_bytes: int = MAX_BYTES, cache: bool = True
) -> Catalog:
    """Load and check catalogs; raise :class:`CatalogError` listing every problem.

    With ``cache``, a catalog (but a tiny one) that loaded cleanly before is restored from the
    parse cache (see :mod:`explorer.core.catalog.cache`).
    """
    files, problems = expand_sources(sources)
    builder = _Builder()
    builder.problems.extend(problems)
    raws: list[tuple[str, bytes]] = []
    for path in files:
        try:
            raws.append((str(path), _read(path, max_bytes)))
        except YamlProblem as exc:
            builder.problems.append(Problem(exc.file, exc.line, exc.col, "", exc.message))
    use_cache = cache and not builder.problems and sum(len(r) for _, r in raws) >= catalog_cache.MIN_BYTES
    key = catalog_cache.cache_key(raws) if use_cache else ""
    if use_cache:
        with paused_gc():
            cached = catalog_cache.load_cached(key, tuple(file for file, _ in raws))
        if cached is not None:
            return cached
    with paused_gc():
        return _parse_and_build(builder, raws, max_bytes, key if use_cache else None)


def _parse_and_build(
    builder: _Builder, raws: list[tuple[str, bytes]], max_bytes: int, cache_key: str | None
) -> Catalog:
    digest = hashlib.sha256()
    for file, raw in raws:
        try:
            doc = parse_bytes(raw, file, max_bytes)
        except YamlProblem as exc:
            builder.problems.append(Problem(exc.file, exc.line, exc.col, "", exc.message))
            continue
        digest.update(hashlib.sha256(raw).digest())
        builder.problems.extend(check_document(doc.file, doc.data))
        if isinstance(doc.data, LocDict):
            builder.collect(doc.file, doc.data)
    builder.check_references()
    if builder.problems:
        raise CatalogError(builder.problems)
    catalog = builder.build([file for file, _ in raws], digest.hexdigest())
    if cache_key:
        catalog_cache.store(cache_key, catalog)
    return catalog
