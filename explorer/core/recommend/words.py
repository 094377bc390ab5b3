"""The wording of reasons and exclusions, in one place so every output says the same.

Environment and client restrictions use the app's filter wording ("onsite only",
"win client only", from :func:`explorer.core.filters.why_filtered`), so a reason reads the
same in the grid, the CLI and every report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from explorer.core.filters import Filters, why_filtered
from explorer.core.model import (
    CLIENTS,
    DELIVERY,
    ENVIRONMENTS,
    NEEDS,
    RUNS_ON,
    Availability,
    Lifecycle,
    Status,
)

#: The end of a summary's first clause: a full stop or semicolon followed by a space.
_CLAUSE_END = re.compile(r"(?<=[a-z0-9)])[.;] ")


def ordered(values: Iterable[str], order: tuple[str, ...]) -> tuple[str, ...]:
    seen = set(values)
    return tuple(v for v in order if v in seen) + tuple(sorted(seen - set(order)))


def restriction(av: Availability, environments: Iterable[str], clients: Iterable[str]) -> str:
    """Why an availability misses the customer: "onsite only", "win client only", or both
    (the app's one wording of "filtered", :func:`explorer.core.filters.why_filtered`)."""
    filters = Filters(frozenset(environments), frozenset(clients))
    return why_filtered(av.environments, av.clients, filters) or "not for these environments and clients"


def combos_text(combos: Iterable[tuple[str, str]]) -> str:
    """"cloud, web client"; "cloud + onsite, web client"; or pairs when they do not square."""
    pairs = list(combos)
    envs = ordered((e for e, _ in pairs), ENVIRONMENTS)
    clients = ordered((c for _, c in pairs), CLIENTS)
    if len(set(pairs)) == len(envs) * len(clients):
        return f"{' + '.join(envs)}, {' + '.join(clients)} client"
    return "; ".join(f"{e}, {c} client" for e, c in pairs)


def first_clause(text: str) -> str:
    """The first clause of a summary ("The Windows client is not shipped with SuperOffice 9 or later")."""
    match = _CLAUSE_END.search(text)
    return (text[: match.start() + 1] if match else text).rstrip(".;")


def lifecycle_block(lc: Lifecycle, whose: str = "") -> str:
    """Why a discontinued point or platform is excluded, e.g. "The Windows client is not
    shipped with SuperOffice 9 or later (discontinued from 9)"."""
    when = lc.when()
    status = f"{lc.status_text}{f' {when}' if when else ''}"
    if whose:
        status = f"{whose} {status}"
    summary = first_clause(lc.summary)
    return f"{summary} ({status})" if summary else status


def status_reason(status: Status, platform: str, combos: str, note: str) -> str:
    if status is Status.AVAILABLE:
        text = f"available on {platform} for {combos}"
    elif status is Status.PARTIAL:
        text = f"only partly available on {platform} for {combos}"
    else:
        text = f"availability on {platform} is not documented either way"
    return f"{text}: {note}" if note and status is not Status.AVAILABLE else text


def runs_on(value: str) -> str:
    if not value:
        return "where the code runs: not said in the catalog"
    return "runs " + RUNS_ON.get(value, value)


def delivery(value: str) -> str:
    if not value:
        return "push or pull: not said in the catalog"
    return DELIVERY.get(value, value)


def breadth(names: list[str], current: int, capability: str) -> str:
    """"offered on 4 of the 4 current platforms (…)": the approach, not just this point."""
    where = f" ({', '.join(names)})" if names else ""
    return f"{capability}: offered on {len(names)} of the {current} current platforms{where}"


def focus(need: str, needs: tuple[str, ...]) -> str:
    others = [n for n in needs if n != need]
    if not others:
        return "made for this need alone"
    return "also serves: " + "; ".join(f"{NEEDS.get(n, n)} ({n})" for n in others)


def requirement_state(state: str, kind: str = "") -> str:
    """"the customer has it"; "not granted yet: ask SuperOffice for it"; "check …"."""
    if state == "met":
        return "the customer has it"
    if kind == "on-request":
        return "not granted yet: ask for it" if state == "missing" else "check that it has been granted"
    return "the customer does not have it" if state == "missing" else "check that the customer has it"


def lacking(text: str, kind: str) -> str:
    """The catch of a missing requirement, for the fit's reason."""
    if kind == "on-request":
        return f"{text}: not granted yet"
    return f"the customer lacks {text}"
