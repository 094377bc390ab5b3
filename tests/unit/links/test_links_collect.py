"""Which URLs the catalog holds and where each is used (no network here)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from links_local_server import (  # noqa: F401 -- fixtures
    link_catalog_fixture,
    link_catalog_path_fixture,
    refused_url_fixture,
    server_fixture,
)

from explorer.core.catalog import load_catalog
from explorer.core.links import PLACES, Place, UrlUses, collect_urls
from explorer.core.links.collect import iter_uses
from explorer.core.model import Link

MINI = Path(__file__).parents[2] / "fixtures" / "mini.yaml"


def test_mini_catalog_urls_are_distinct_sorted_and_labelled():
    uses = collect_urls(load_catalog([str(MINI)]))
    assert [u.url for u in uses] == sorted(u.url for u in uses)
    by_url = {u.url: u.used_by for u in uses}
    # every URL written in the file, wherever the format puts it, and nothing else
    assert set(by_url) == set(re.findall(r'url: "([^"]+)"', MINI.read_text(encoding="utf-8")))
    assert {"https://example.com/alpha/panels", "https://example.com/seed"} <= set(by_url)
    assert by_url["https://example.com/alpha"] == ("platforms[alpha].sources",)
    assert by_url["https://example.com/alpha/panels"] == ("points[alpha.panels].docs",)
    # the seed link is every point's source: one URL, six uses, in catalog order
    assert by_url["https://example.com/seed"] == tuple(
        f"points[{pid}].source"
        for pid in ("alpha.panels", "beta.panels", "gamma.webhooks", "alpha.events", "gamma.rest", "gamma.soap")
    )


def test_every_documented_place_is_collected(link_catalog, server, refused_url):
    by_url = {u.url: u.used_by for u in collect_urls(link_catalog)}
    assert by_url == {
        server.url("/ok"): ("platforms[local].sources", "points[webhooks].docs", "points[webhooks].source"),
        server.url("/chain/1"): ("platforms[local].sdks",),
        server.url("/missing"): ("platforms[local].lifecycle.source",),
        server.url("/error"): ("points[webhooks].docs",),
        server.url("/head405"): ("points[webhooks].sdks",),
        server.url("/loop/a"): ("points[polling].docs",),
        refused_url: ("points[polling].source",),
    }


def test_point_lifecycle_sources_are_collected():
    lifecycle = SimpleNamespace(source=Link("Why", "https://example.com/why"))
    point = SimpleNamespace(id="p", docs=(), sdks=(), source=None, lifecycle=(lifecycle,))
    catalog = SimpleNamespace(platforms=(), points=(point,))
    assert collect_urls(catalog) == [UrlUses("https://example.com/why", ("points[p].lifecycle.source",))]


def test_places_the_model_does_not_have_yet_are_skipped_and_collected_once_present():
    """Capabilities with lifecycle and points with requirements are coming to the format."""
    requirement = SimpleNamespace(source=Link("Licence", "https://example.com/licence"))
    capability = SimpleNamespace(
        id="cap", lifecycle=[SimpleNamespace(source=Link("Old", "https://example.com/old")), SimpleNamespace()]
    )
    point = SimpleNamespace(id="p", requires=(requirement,), source=Link("S", "https://example.com/licence"))
    licence = SimpleNamespace(id="crm-core", source=Link("Licences", "https://example.com/licences"))
    catalog = SimpleNamespace(capabilities=(capability,), points=(point,), requirements=(licence,))  # no platforms
    assert collect_urls(catalog) == [
        UrlUses("https://example.com/licence", ("points[p].source", "points[p].requires.source")),
        UrlUses("https://example.com/licences", ("requirements[crm-core].source",)),
        UrlUses("https://example.com/old", ("capabilities[cap].lifecycle.source",)),
    ]


def test_a_new_place_is_one_entry():
    owner = SimpleNamespace(id="x", extras=SimpleNamespace(more=(Link("A", "https://a.example/"),)))
    catalog = SimpleNamespace(widgets=(owner,))
    assert collect_urls(catalog) == []
    places = (*PLACES, Place("widgets", ("extras", "more")))
    assert collect_urls(catalog, places) == [UrlUses("https://a.example/", ("widgets[x].extras.more",))]


def test_links_without_a_url_are_ignored_and_repeats_in_one_place_count_once():
    point = SimpleNamespace(
        id="p",
        docs=(Link("A", "https://a.example/"), Link("A again", "https://a.example/"), Link("Empty", " ")),
        sdks=(SimpleNamespace(title="no url"), None),
    )
    catalog = SimpleNamespace(points=(point,))
    assert list(iter_uses(catalog)) == [("https://a.example/", "points[p].docs")] * 2
    assert collect_urls(catalog) == [UrlUses("https://a.example/", ("points[p].docs",))]


def test_bundled_catalog_collects_without_network():
    uses = collect_urls(load_catalog(None))
    assert len(uses) > 20
    assert all(u.url.startswith(("http://", "https://")) and u.used_by for u in uses)
