"""Environment and client filters (and the kind facet).

A point shows on a platform when it is available there in at least one selected environment
and at least one selected client. Environments × clients are encoded as a 4-bit mask so that
checking an availability against the filters is one AND.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from explorer.core.model import CLIENTS, ENVIRONMENTS, Availability, Platform

FILTER_KEYS: tuple[str, ...] = ENVIRONMENTS + CLIENTS  # the order of keys 1-4


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
        missing = []
        if not set(platform.environments) & self.environments:
            missing.append(" + ".join(platform.environments) + " only")
        if not set(platform.clients) & self.clients:
            missing.append(" + ".join(platform.clients) + " client only")
        if not missing:
            return None
        return "; ".join(missing) + " — filtered out"

    def describe(self) -> str:
        envs = " + ".join(e for e in ENVIRONMENTS if e in self.environments) or "no environment"
        clients = " + ".join(c for c in CLIENTS if c in self.clients) or "no client"
        text = f"environments: {envs}; clients: {clients}"
        if self.kinds:
            text += "; kinds: " + ", ".join(sorted(self.kinds))
        return text
