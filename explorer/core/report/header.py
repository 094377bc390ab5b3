"""The header and footer every report kind shares: what was compared, for whom, from what.

A :class:`Header` holds the title, the catalog (name, version, checked date, id, content hash),
the time, scope, query, filters and platforms. Renderers put what a customer needs at the top
(:attr:`Header.heading`, :attr:`Header.catalog_text`, …) and where the report came from in a
footer (:func:`footer_line`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from explorer.core.filters import FILTERED_SYMBOL, Filters
from explorer.core.model import Platform

TOOL = "so-explorer"
#: How many hex characters of the catalog's content hash a report shows.
HASH_CHARS = 16
#: Report scopes → how the header names them.
SCOPES = {
    "view": "current view",
    "all": "everything",
    "shortlist": "shortlist",
}


class ReportError(Exception):
    """A report that cannot be made or written; the message is one line for the user."""


def generated_at(environ: Mapping[str, str] | None = None, now: datetime | None = None) -> str:
    """The report time in UTC ISO-8601; ``SOURCE_DATE_EPOCH`` (seconds) fixes it."""
    environ = os.environ if environ is None else environ
    epoch = (environ.get("SOURCE_DATE_EPOCH") or "").strip()
    if epoch:
        try:
            moment = datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise ReportError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {epoch[:40]!r}"
            ) from None
    else:
        moment = now or datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Header:
    tool: str
    version: str
    catalog_id: str
    catalog_name: str
    catalog_version: str
    #: The full sha256 of the catalog files (see :attr:`short_hash` for display).
    catalog_hash: str
    generated_at: str
    scope: str
    query: str
    filters: Filters
    differences: bool
    platforms: tuple[Platform, ...]
    #: The shortlist's name, for a shortlist report.
    shortlist: str = ""
    #: The report's title (``export --title``); "" for the default heading.
    title: str = ""
    #: When the catalog's facts were last checked (YYYY-MM-DD), "" when it does not say.
    catalog_checked: str = ""
    #: Platform id → why the filters leave it nothing to show, e.g. "onsite only" (such a
    #: platform takes no part in the outcomes).
    dimmed: Mapping[str, str] = field(default_factory=dict)

    @property
    def heading(self) -> str:
        """The title, or "Integration comparison: <catalog name>"."""
        return self.title or f"Integration comparison: {self.catalog_name}"

    @property
    def generated_text(self) -> str:
        """``2026-11-18 11:06 UTC`` for readers (``generated_at`` keeps the exact time)."""
        stamp = self.generated_at
        if len(stamp) == 20 and stamp[10] == "T" and stamp.endswith("Z"):
            return f"{stamp[:10]} {stamp[11:16]} UTC"
        return stamp

    @property
    def catalog_text(self) -> str:
        """``SuperOffice integration catalog 2026.12, facts checked 2026-12-02``."""
        checked = f", facts checked {self.catalog_checked}" if self.catalog_checked else ""
        return f"{self.catalog_label}{checked}"

    @property
    def short_hash(self) -> str:
        return self.catalog_hash[:HASH_CHARS]

    @property
    def scope_title(self) -> str:
        return SCOPES.get(self.scope, self.scope)

    @property
    def filters_text(self) -> str:
        return self.filters.describe()

    @property
    def catalog_label(self) -> str:
        return f"{self.catalog_name} {self.catalog_version}"


def footer_line(header: Header) -> str:
    """Where the report came from, for its footer: tool, version, catalog id and hash."""
    return (
        f"Made with {header.tool} {header.version} from catalog {header.catalog_id} "
        f"{header.catalog_version} (sha256 {header.short_hash or 'unknown'})"
    )


def platform_title(header: Header, platform: Platform) -> str:
    """``CRM Online (online)``, or with `` – filtered out (onsite only)`` for a dimmed platform."""
    reason = header.dimmed.get(platform.id, "")
    return f"{platform.name} ({platform.id})" + (f" {FILTERED_SYMBOL} filtered out ({reason})" if reason else "")
