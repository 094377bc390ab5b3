"""Environment and client filters (and the kind facet).

A point shows on a platform when it is available there in at least one selected environment
and at least one selected client. Environments × clients are encoded as a 4-bit mask so that
checking an availability against the filters is one AND.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from explorer.core.model import CLIENTS, ENVIRONMENTS, Availability, Platform

FILTER_KEYS: tuple[str, ...] = ENVIRONMENTS + CLIENTS  # the order of keys 1-4
#: How a cell the filters empty reads, on screen and in every report: "– filtered (onsite only)".
FILTERED_SYMBOL = "–"
FILTERED_WORD = "filtered"


def combo_mask(environments: tuple[str, ...] | frozenset[str], clients: tuple[str, ...] | frozenset[str]) -> int:
    mask = 0
    for e_index, env in enumerate(ENVIRONMENTS):
        if env in environments:
            for c_index, client in enumerate(CLIENTS):
                if client in clients:
                    mask |= 1 << (e_index * len(CLIENTS) + c_index)
    return mask


def availability_mask(av: Availability) -> int:
    return combo_mask(av.environments, av.clients)


@dataclass(frozen=True)
class Filters:
    environments: frozenset[str] = frozenset(ENVIRONMENTS)
    clients: frozenset[str] = frozenset(CLIENTS)
    #: Kinds to show; empty means every kind.
    kinds: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_lists(
        cls,
        environments: list[str] | tuple[str, ...] | None = None,
        clients: list[str] | tuple[str, ...] | None = None,
        kinds: list[str] | tuple[str, ...] | None = None,
    ) -> Filters:
        return cls(
            frozenset(environments) if environments else frozenset(ENVIRONMENTS),
            frozenset(clients) if clients else frozenset(CLIENTS),
            frozenset(kinds or ()),
        )

    @property
    def mask(self) -> int:
        return combo_mask(self.environments, self.clients)

    def is_on(self, key: str) -> bool:
        return key in self.environments or key in self.clients

    def toggle(self, key: str) -> Filters:
        if key in ENVIRONMENTS:
            return replace(self, environments=self.environments ^ {key})
        if key in CLIENTS:
            return replace(self, clients=self.clients ^ {key})
        raise ValueError(f"unknown filter {key!r}")

    @property
    def is_default(self) -> bool:
        return (
            self.environments == frozenset(ENVIRONMENTS)
            and self.clients == frozenset(CLIENTS)
            and not self.kinds
        )

    def admits(self, av: Availability, kind: str | None = None) -> bool:
        if not av.status.present:
            return False
        if self.kinds and kind is not None and kind not in self.kinds:
            return False
        return bool(availability_mask(av) & self.mask)

    def platform_reason(self, platform: Platform) -> str | None:
        """Why a platform can show nothing under these filters, or None if it can."""
        reason = why_filtered(platform.environments, platform.clients, self)
        return f"{reason} — filtered out" if reason else None

    def describe(self) -> str:
        envs = " + ".join(e for e in ENVIRONMENTS if e in self.environments) or "no environment"
        clients = " + ".join(c for c in CLIENTS if c in self.clients) or "no client"
        text = f"environments: {envs}; clients: {clients}"
        if self.kinds:
            text += "; kinds: " + ", ".join(sorted(self.kinds))
        return text


def _ordered(values: Iterable[str], order: tuple[str, ...]) -> list[str]:
    seen = set(values)
    return [v for v in order if v in seen] + sorted(seen - set(order))


def why_filtered(environments: Iterable[str], clients: Iterable[str], filters: Filters) -> str:
    """Why something that exists in ``environments`` × ``clients`` is hidden by the filters,
    e.g. "onsite only" or "onsite only, win client only"; "" when the filters show it.

    The one wording of "filtered" for the screen and every report."""
    envs, client_set = set(environments), set(clients)
    parts = []
    if envs and not envs & filters.environments:
        parts.append(" + ".join(_ordered(envs, ENVIRONMENTS)) + " only")
    if client_set and not client_set & filters.clients:
        parts.append(" + ".join(_ordered(client_set, CLIENTS)) + " client only")
    return ", ".join(parts)


def filtered_reason(availabilities: Iterable[Availability], filters: Filters) -> str:
    """Why the filters hide a platform's points in a cell: their environments and clients
    taken together (see :func:`why_filtered`), or the kind facet."""
    envs: set[str] = set()
    clients: set[str] = set()
    for av in availabilities:
        envs.update(av.environments)
        clients.update(av.clients)
    reason = why_filtered(envs, clients, filters)
    if reason:
        return reason
    if filters.kinds:
        return "other kind"
    return "not in the selected combination"


def filtered_label(reason: str) -> str:
    """A filtered cell in words, as the app's grid shows it: ``– filtered (onsite only)``;
    ``reason`` comes from :func:`filtered_reason`."""
    return f"{FILTERED_SYMBOL} {FILTERED_WORD} ({reason})" if reason else f"{FILTERED_SYMBOL} {FILTERED_WORD}"
