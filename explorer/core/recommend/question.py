"""The question a recommendation answers: the customer's needs, environments, clients,
platforms in scope and what the customer already has; and checking it against a catalog.

Every problem is a :class:`QuestionError` with one line for the user: an unknown need names
the closest id and lists them all, and so does an unknown requirement id (``--has``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from explorer.core.model import CLIENTS, ENVIRONMENTS, NEEDS, Catalog

#: How many capability ids an error message names before "and N more".
NAMED_AT_MOST = 12


class QuestionError(ValueError):
    """A question the catalog cannot answer as asked (a usage error): one line for the user."""


class NoNeedsData(Exception):
    """The catalog says for none of its capabilities which needs it serves."""

    def __init__(self, capabilities: tuple[str, ...]) -> None:
        self.capabilities = capabilities
        shown = ", ".join(capabilities[:NAMED_AT_MOST])
        more = len(capabilities) - NAMED_AT_MOST
        if more > 0:
            shown += f" and {more} more"
        super().__init__(
            f"the catalog has no needs data, so nothing can be recommended; "
            f"add 'needs:' to its capabilities ({shown})"
        )


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _in_order(values: Iterable[str], order: tuple[str, ...]) -> tuple[str, ...]:
    seen = set(values)
    return tuple(v for v in order if v in seen) + tuple(sorted(seen - set(order)))


@dataclass(frozen=True)
class Question:
    """What the customer needs and where they are. Empty environments, clients or platforms
    mean "any"; ``has`` None means the customer has not said which licences they have."""

    needs: tuple[str, ...]
    environments: tuple[str, ...] = ()
    clients: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    has: tuple[str, ...] | None = None

    @classmethod
    def make(
        cls,
        needs: Iterable[str],
        environments: Iterable[str] | None = None,
        clients: Iterable[str] | None = None,
        platforms: Iterable[str] | None = None,
        has: Iterable[str] | None = None,
    ) -> Question:
        """A question with duplicates dropped; environments and clients in their usual order."""
        return cls(
            _unique(needs),
            _in_order(environments or (), ENVIRONMENTS),
            _in_order(clients or (), CLIENTS),
            _unique(platforms or ()),
            None if has is None else _unique(has),
        )

    @property
    def wanted_environments(self) -> tuple[str, ...]:
        return self.environments or ENVIRONMENTS

    @property
    def wanted_clients(self) -> tuple[str, ...]:
        return self.clients or CLIENTS

    @property
    def combos(self) -> tuple[tuple[str, str], ...]:
        """Every (environment, client) the customer may work in, in the usual order."""
        return tuple((e, c) for e in self.wanted_environments for c in self.wanted_clients)

    def describe(self) -> str:
        """"cloud · web client · every platform · licences not said"."""
        envs = " + ".join(self.environments) if self.environments else "any environment"
        clients = (" + ".join(self.clients) + " client") if self.clients else "any client"
        platforms = ("platforms " + ", ".join(self.platforms)) if self.platforms else "every platform"
        if self.has is None:
            has = "licences not said"
        else:
            has = ("has " + ", ".join(self.has)) if self.has else "has none of the listed licences"
        return f"{envs} · {clients} · {platforms} · {has}"


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word`` (for "did you mean"), or None if none is close."""
    options = list(choices)
    lowered = word.strip().lower()
    for option in options:
        if option.lower() == lowered:
            return option
    found = difflib.get_close_matches(lowered, options, n=1, cutoff=0.5)
    if found:
        return found[0]
    starts = [o for o in options if o.startswith(lowered[:3])] if lowered else []
    return starts[0] if starts else None


def _unknown(what: str, value: str, choices: tuple[str, ...]) -> QuestionError:
    near = closest(value, choices)
    hint = f"did you mean {near!r}? " if near else ""
    return QuestionError(f"unknown {what} {value!r}; {hint}{what}s: {', '.join(choices)}")


def needs_data_missing(catalog: Catalog) -> NoNeedsData | None:
    """The error to give when no capability of the catalog serves any need, else None."""
    if any(c.needs for c in catalog.capabilities):
        return None
    return NoNeedsData(tuple(c.id for c in catalog.capabilities))


def check(catalog: Catalog, question: Question) -> None:
    """Raise :class:`QuestionError` for anything the catalog does not know (in the order the
    options are written: needs, environments, clients, platforms, requirements)."""
    if not question.needs:
        raise QuestionError(f"name at least one need; needs: {', '.join(NEEDS)}")
    for need in question.needs:
        if need not in NEEDS:
            raise _unknown("need", need, tuple(NEEDS))
    for env in question.environments:
        if env not in ENVIRONMENTS:
            raise _unknown("environment", env, ENVIRONMENTS)
    for client in question.clients:
        if client not in CLIENTS:
            raise _unknown("client", client, CLIENTS)
    for pid in question.platforms:
        if not catalog.has_platform(pid):
            raise _unknown("platform", pid, catalog.platform_ids)
    if question.has:
        known = tuple(r.id for r in catalog.requirements)
        if not known:
            raise QuestionError("the catalog defines no requirements, so --has cannot name one")
        for rid in question.has:
            if catalog.requirement(rid) is None:
                raise _unknown("requirement", rid, known)
