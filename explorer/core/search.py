"""Search over integration points (placeholder: plain substring matching).

The real engine (fzf-style ranking with typo tolerance) replaces this module; the API stays:
``SearchEngine(catalog).search(query) -> list[Hit]``, best first, one hit per
(integration point, platform) pair, with character spans into the point's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.core.model import Catalog, Point

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Hit:
    point: Point
    platform: str
    score: float
    #: Spans of matched characters in ``point.name`` (start inclusive, end exclusive).
    name_spans: tuple[Span, ...] = ()
    #: Other matched fields → spans in that field's text.
    spans: dict[str, tuple[Span, ...]] = field(default_factory=dict)

    @property
    def capability(self) -> str:
        return self.point.capability


class SearchEngine:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._docs = [
            (point, av.platform, point.name.lower(), " ".join((point.name, point.summary, *point.technologies)).lower())
            for point in catalog.points
            for av in point.availability
            if av.status.value != "not-available"
        ]

    def search(self, query: str) -> list[Hit]:
        terms = query.lower().split()
        if not terms:
            return []
        hits: list[Hit] = []
        for point, platform, name, hay in self._docs:
            if all(t in hay for t in terms):
                spans = tuple((i, i + len(t)) for t in terms if (i := name.find(t)) >= 0)
                hits.append(Hit(point, platform, 100.0 if spans else 50.0, spans))
        hits.sort(key=lambda h: (-h.score, len(h.point.name)))
        return hits
