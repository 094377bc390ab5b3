"""Fixtures for the CLI tests of ``so-explorer links``.

The local test server lives with the core tests (tests/unit/links/links_local_server.py);
it is loaded here by path because the test folders are not packages.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_HELPER = Path(__file__).parents[1] / "unit" / "links" / "links_local_server.py"
_spec = importlib.util.spec_from_file_location("links_local_server_for_cli", _HELPER)
links_server = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = links_server  # dataclasses look their module up by name
_spec.loader.exec_module(links_server)


@pytest.fixture
def server() -> Iterator:
    with links_server.serve() as local:
        yield local


@pytest.fixture
def refused_url() -> str:
    return f"http://127.0.0.1:{links_server.closed_port()}/gone"


@pytest.fixture
def link_catalog(tmp_path: Path, server, refused_url: str) -> str:
    """Path of a catalog with seven URLs on the local server (see ``write_catalog``)."""
    return str(links_server.write_catalog(tmp_path / "links.yaml", server.base, refused_url))


@pytest.fixture
def make_catalog(tmp_path: Path):
    """``make_catalog(source_url, *doc_urls)`` → path of a valid one-point catalog."""

    def factory(source: str, *docs: str) -> str:
        doc_list = ", ".join(f'{{title: "D{n}", url: "{url}"}}' for n, url in enumerate(docs))
        path = tmp_path / f"cat{len(list(tmp_path.glob('cat*.yaml')))}.yaml"
        path.write_text(
            "format: 1\n"
            "catalog: {id: c, name: C, version: '1'}\n"
            "platforms:\n"
            "  - {id: p, name: P, short_name: P, summary: S., environments: [cloud], clients: [web],\n"
            f"     authentication: A., sources: [{{title: Home, url: \"{source}\"}}]}}\n"
            "capabilities:\n"
            "  - {id: c, name: C, kind: events}\n"
            "points:\n"
            "  - {id: x, name: X, capability: c, kind: events, summary: S., direction: outbound,\n"
            f"     source: {{title: Src, url: \"{source}\"}}, docs: [{doc_list}],\n"
            "     availability: {p: {status: available}}}\n",
            encoding="utf-8",
        )
        return str(path)

    return factory
