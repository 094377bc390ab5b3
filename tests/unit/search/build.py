"""Small catalogs built in code for the search tests: one point per name."""

from __future__ import annotations

from explorer.core.model import (
    Availability,
    Capability,
    Catalog,
    CatalogInfo,
    Link,
    Platform,
    Point,
    Status,
    Synonym,
)


def make_catalog(
    *names: str | tuple[str, dict],
    platforms=("alpha", "beta"),
    synonyms: tuple[Synonym, ...] = (),
    stop_words: tuple[str, ...] = (),
) -> Catalog:
    """A catalog with one point per name, each available on the first platform.

    A name may come with extra point fields, e.g. ``("X", {"technologies": ("COM",)})``, and
    ``on`` (platforms), ``status_<platform>``, ``capability_name`` and ``needs`` (of the
    point's capability).
    """
    plats = tuple(
        Platform(
            id=pid, name=f"{pid.title()} platform", short_name=pid.title(), summary="s",
            environments=("cloud", "onsite"), clients=("win", "web"), authentication="a",
        )
        for pid in platforms
    )
    points = []
    caps = []
    for i, item in enumerate(names):
        name, extra = (item, {}) if isinstance(item, str) else item
        extra = dict(extra)
        on = extra.pop("on", (platforms[0],))
        cap_name = extra.pop("capability_name", f"Row {i}")
        needs = tuple(extra.pop("needs", ()))
        caps.append(Capability(id=f"c{i}", name=cap_name, kind="data-api", needs=needs))
        availability = tuple(
            Availability(p, Status(extra.pop(f"status_{p}", "available")), ("cloud", "onsite"), ("win", "web"))
            for p in on
        )
        fields = {
            "summary": "A point.", "direction": "inbound", "kind": "data-api",
            "source": Link("seed", "https://example.com"),
        }
        fields.update(extra)
        points.append(Point(id=f"p{i}", name=name, capability=f"c{i}", availability=availability, **fields))
    return Catalog(CatalogInfo("t", "Test", "1"), plats, tuple(caps), tuple(points),
                   synonyms=synonyms, stop_words=stop_words)
