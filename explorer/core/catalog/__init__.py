"""The catalog: its format (``spec``), checks (``validate``), loading (``loader``) and the
parse cache of big catalogs (``cache``). Outside this package, import from here."""

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
    "FORMAT_VERSION",
    "CatalogError",
    "Problem",
    "bundled_catalog_dir",
    "json_schema",
    "load_catalog",
    "schema_text",
]
