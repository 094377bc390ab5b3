"""Which URLs a catalog holds, and where each one is used.

The catalog keeps links in several places (platform SDKs and sources, point docs, SDKs and
source, lifecycle sources) and it keeps gaining new ones. Rather than a walker per place,
:data:`PLACES` lists them as data: a collection on the catalog, and a path of attribute
names down to objects that carry a ``url``. Adding a place is one line there. Every step is
read with ``getattr(..., None)``, so a place that a catalog (or an older model) does not have
yet simply yields nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from explorer.core.model import Catalog


@dataclass(frozen=True, slots=True)
class Place:
    """Where links live: ``catalog.<collection>[*].<path[0]>[*].<path[1]>...``.

    Each step may hold one object, ``None`` or a tuple/list of objects; tuples fan out.
    The label of a use reads like ``points[gamma.webhooks].lifecycle.source``.
    """

    collection: str
    path: tuple[str, ...]

    def label(self, owner_id: str) -> str:
        return f"{self.collection}[{owner_id}].{'.'.join(self.path)}"


def _place(spec: str) -> Place:
    collection, _, path = spec.partition(".")
    return Place(collection, tuple(path.split(".")))


#: Every place in the catalog that holds links. One line per place.
PLACES: tuple[Place, ...] = tuple(
    _place(spec)
    for spec in (
        "platforms.sdks",
        "platforms.sources",
        "platforms.lifecycle.source",
        "points.docs",
        "points.sdks",
        "points.source",
        "points.lifecycle.source",
        # Places the catalog format is gaining (requirements, capability lifecycle);
        # harmless until the model has them.
        "points.requires.source",
        "capabilities.lifecycle.source",
        "requirements.source",
    )
)


@dataclass(frozen=True, slots=True)
class UrlUses:
    """One distinct URL and every place that uses it (in :data:`PLACES` order, then catalog order)."""

    url: str
    used_by: tuple[str, ...]


def _many(value: object) -> tuple[object, ...]:
    if value is None:
        return ()
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return (value,)


def _walk(value: object, path: tuple[str, ...]) -> Iterator[object]:
    """Every object reached from ``value`` by following ``path`` (fanning out over tuples)."""
    for item in _many(value):
        if not path:
            yield item
        else:
            yield from _walk(getattr(item, path[0], None), path[1:])


def _url_of(link: object) -> str | None:
    url = getattr(link, "url", None)
    if isinstance(url, str) and url.strip():
        return url.strip()
    return None


def iter_uses(catalog: Catalog, places: Iterable[Place] = PLACES) -> Iterator[tuple[str, str]]:
    """``(url, label)`` for every link in the catalog, place by place, owner by owner."""
    for place in places:
        for owner in _many(getattr(catalog, place.collection, None)):
            owner_id = str(getattr(owner, "id", "?"))
            for link in _walk(getattr(owner, place.path[0], None), place.path[1:]):
                url = _url_of(link)
                if url is not None:
                    yield url, place.label(owner_id)


def collect_urls(catalog: Catalog, places: Iterable[Place] = PLACES) -> list[UrlUses]:
    """Distinct URLs, sorted, each with the labels of the places using it (no repeats).

    URLs are compared exactly as written: ``…/a`` and ``…/a/`` are two URLs, because the
    catalog author wrote two different things and each may need fixing on its own.
    """
    uses: dict[str, dict[str, None]] = {}
    for url, label in iter_uses(catalog, places):
        uses.setdefault(url, {})[label] = None
    return [UrlUses(url, tuple(labels)) for url, labels in sorted(uses.items())]
