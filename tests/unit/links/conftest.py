"""Fixtures for the link checker's core tests: local servers, a refused port, a catalog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from links_local_server import LocalServer, closed_port, serve, write_catalog

from explorer.core.loader import load_catalog
from explorer.core.model import Catalog


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serve() as local:
        yield local


@pytest.fixture
def tls_server() -> Iterator[LocalServer]:
    with serve(tls=True) as local:
        yield local


@pytest.fixture
def refused_url() -> str:
    return f"http://127.0.0.1:{closed_port()}/gone"


@pytest.fixture
def link_catalog(tmp_path: Path, server: LocalServer, refused_url: str) -> Catalog:
    """Seven distinct URLs on the local server (see ``write_catalog``)."""
    return load_catalog([str(write_catalog(tmp_path / "links.yaml", server.base, refused_url))])
