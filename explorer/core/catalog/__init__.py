"""The catalog: its format (``spec``), checks (``validate``), loading (``loader``) and the
parse cache of big catalogs (``cache``). Outside this package, import from here."""

from explorer.core.catalog.cache import MAX_ENTRIES as CACHE_MAX_ENTRIES
from explorer.core.catalog.cache import MAX_TOTAL_BYTES as CACHE_MAX_BYTES
from explorer.core.catalog.cache import cache_root
from explorer.core.catalog.cache import clear as clear_cache
from explorer.core.catalog.cache import entries as cache_entries
from explorer.core.catalog.loader import (
    BUNDLED,
    CatalogError,
    bundled_catalog_dir,
    load_catalog,
)
from explorer.core.catalog.spec import FORMAT_VERSION, json_schema, schema_text
from explorer.core.catalog.validate import Problem

__all__ = [
    "BUNDLED",
    "CACHE_MAX_BYTES",
    "CACHE_MAX_ENTRIES",
    "FORMAT_VERSION",
    "CatalogError",
    "Problem",
    "bundled_catalog_dir",
    "cache_entries",
    "cache_root",
    "clear_cache",
    "json_schema",
    "load_catalog",
    "schema_text",
]
